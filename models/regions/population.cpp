#include "population.hpp"

#include <algorithm>
#include <cmath>

namespace govsim::model::population {

UnitColumns::UnitColumns(Table& un)
    : terrain(un.add<uint8_t>("terrain")),
      area(un.add<float>("area_km2", 0.f, Merge::Sum)),
      households(un.add<uint32_t>("households", 0, Merge::Sum)),
      residents(un.add<uint32_t>("residents", 0, Merge::Sum)),
      assets(un.add<double>("collective_assets", 0.0, Merge::Sum)),
      debts(un.add<double>("collective_debts", 0.0, Merge::Sum)) {}

ResidentColumns::ResidentColumns(Table& rs)
    : table(rs), age(rs.add<uint8_t>("age")), flags(rs.add<uint8_t>("flags")), digital(rs.add<uint8_t>("digital")) {}

void ResidentColumns::reserve(size_t n) {
  table.parent.reserve(n);
  age.reserve(n);
  flags.reserve(n);
  digital.reserve(n);
}

void ResidentColumns::add(uint32_t house, int a, uint8_t f, double literacy) {
  table.parent.push_back(house);
  age.push_back(static_cast<uint8_t>(std::min(a, 105)));
  flags.push_back(f);
  digital.push_back(static_cast<uint8_t>(std::lround(255 * std::clamp(literacy, 0.0, 1.0))));
}

}  // namespace govsim::model::population
