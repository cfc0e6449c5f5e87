// What every region builder shares: the unit and resident columns of the built
// World and the way a resident is appended (age, flags, digital literacy).
#pragma once
#include <cstdint>
#include <vector>

#include "govsim/mechanism.hpp"

namespace govsim::model::population {

// The unit columns every region has (in this order).
struct UnitColumns {
  explicit UnitColumns(Table& un);
  std::vector<uint8_t>& terrain;        // 0 plain, 1 hill, 2 mountain, 3 sparse
  std::vector<float>& area;             // km2
  std::vector<uint32_t>& households;    // occupied dwellings
  std::vector<uint32_t>& residents;
  std::vector<double>& assets;          // village collective assets and debts (yuan),
  std::vector<double>& debts;           // carried over exactly when villages merge
};

// The resident columns every region has (in this order).
struct ResidentColumns {
  explicit ResidentColumns(Table& rs);
  void reserve(size_t n);
  // Appends a resident of household `house`; age capped at 105, literacy clamped to 0..1.
  void add(uint32_t house, int age, uint8_t flags, double literacy);
  Table& table;
  std::vector<uint8_t>& age;
  std::vector<uint8_t>& flags;
  std::vector<uint8_t>& digital;  // digital literacy, 0..255 ~ 0..1
};

}  // namespace govsim::model::population
