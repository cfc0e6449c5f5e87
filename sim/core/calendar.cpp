#include "govsim/calendar.hpp"

#include <cstdio>

namespace govsim {

std::string Month::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year(), month());
  return buf;
}

int32_t Month::days_since_epoch() const {
  // Howard Hinnant's days_from_civil, for the first day of the month.
  int y = year();
  const unsigned m = static_cast<unsigned>(month());
  const unsigned d = 1;
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

std::optional<Month> Month::parse(const std::string& text) {
  int y = 0, m = 1;
  char extra = 0;
  if (text.size() == 4 && std::sscanf(text.c_str(), "%4d%c", &y, &extra) == 1) {
    // plain year
  } else if (text.size() == 7 && text[4] == '-' && std::sscanf(text.c_str(), "%4d-%2d%c", &y, &m, &extra) == 2) {
    // year-month
  } else {
    return std::nullopt;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return std::nullopt;
  return Month::of(y, m);
}

}  // namespace govsim
