// Calendar months: the simulation clock. A Month is an absolute month count
// (year * 12 + month - 1), so arithmetic and ordering are plain integers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace govsim {

struct Month {
  int32_t index = 0;  // year * 12 + (month - 1)

  static Month of(int year, int month) { return Month{year * 12 + (month - 1)}; }
  int year() const { return index / 12; }
  int month() const { return index % 12 + 1; }  // 1..12
  bool operator==(const Month& o) const { return index == o.index; }
  bool operator<(const Month& o) const { return index < o.index; }
  bool operator<=(const Month& o) const { return index <= o.index; }
  Month operator+(int n) const { return Month{index + n}; }
  int operator-(const Month& o) const { return index - o.index; }

  std::string str() const;           // "2020-01"
  int32_t days_since_epoch() const;  // days from 1970-01-01 to the first day of this month

  // Accepts "2020" (January) or "2020-06". Returns nothing for anything else.
  static std::optional<Month> parse(const std::string& text);
};

}  // namespace govsim
