// The population synthesiser every region builder uses: the unit and resident
// columns of the built World and the members of a household (ages, flags, digital
// literacy), from the population.* parameters and what the region's data gives
// (its household mix, its 65+ share, its new-citizen level). See docs/population.md.
//
// Age bands, in every region: children 0-14, adults 15-59, elders 60+ (the census
// bands of Sichuan's 7th-census bulletin, sichuan-totals.csv; demography's
// left-behind rule uses the same). Party members are drawn among residents aged
// population.party_min_age and over.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "govsim/mechanism.hpp"

namespace govsim::model::population {

// The unit columns every region has (in this order).
struct UnitColumns {
  explicit UnitColumns(World& w);
  std::vector<uint8_t>& terrain;      // 0 plain, 1 hill, 2 mountain, 3 sparse
  std::vector<float>& area;           // km2
  std::vector<uint32_t>& households;  // occupied dwellings
  std::vector<uint32_t>& residents;
  std::vector<double>& assets;  // village collective assets and debts (yuan),
  std::vector<double>& debts;   // carried over exactly when villages merge
};

// The resident columns every region has (in this order).
struct ResidentColumns {
  explicit ResidentColumns(World& w);
  void reserve(size_t n);
  // Appends a resident of household `house`; age capped at 105, literacy clamped to 0..1.
  void add(uint32_t house, int age, uint8_t flags, double literacy);
  Table& table;
  std::vector<uint8_t>& age;
  std::vector<uint8_t>& flags;
  std::vector<uint8_t>& digital;  // digital literacy, 0..255 ~ 0..1
};

enum class Area : uint8_t { Urban, Town, Rural };  // urban community, town community, village
inline Area area_of(const std::string& unit_kind) {
  return unit_kind == "urban_community" ? Area::Urban : unit_kind == "town_community" ? Area::Town : Area::Rural;
}

// A household composition: elders (60+), adults (15-59), children (0-14).
struct Composition {
  int elders, adults, children;
};

// What a region's data says about the households of a unit.
struct HouseholdMix {
  std::vector<Composition> types;
  std::vector<double> cdf;       // cumulative probabilities of the types
  double share_65 = -1;          // share of elders aged 65+ (< 0: from the elder age curve alone)
  double new_citizen_scale = 1;  // multiplies the new-citizen shares (a county's floating figure sets it)
  // Expected non-elder members per household (those who can be new citizens).
  double non_elders() const;
};
HouseholdMix make_mix(std::vector<Composition> types, const std::vector<double>& probabilities);

// Every population.* parameter the synthesiser reads, resolved once per build.
struct Params {
  explicit Params(const InitContext& ctx);
  double new_citizen[3];  // by Area
  double low_income_urban, low_income_rural, low_income_terrain;
  double party, disabled_elder, disabled_other;
  int party_min_age;
  double elder_span, elder_skew, parent_age_min, parent_age_span, adult_spread;
  double lit_child, lit_child_year, lit_adult, lit_adult_decline, lit_elder, lit_elder_decline;
  double lit_urban, lit_rural, lit_spread;
  double collective_age_min, collective_age_span;
  double households_per_grid, vacancy, assets_per_household, assets_dispersion, debt_share;
  double collective_share;
  int collective_size;
  double new_citizen_share(Area a, double scale) const;
  double low_income_share(Area a, uint8_t terrain) const;
};

// Appends the members of one family household to `house`, drawing from g.
void add_family(ResidentColumns& rs, const Params& p, const HouseholdMix& mix, Area area, uint8_t terrain,
                uint32_t house, RngStream& g);
// Appends `members` residents of a collective household (dormitory) to `house`: adults, new citizens.
void add_collective(ResidentColumns& rs, const Params& p, Area area, int members, uint32_t house, RngStream& g);
// A unit's collective assets and debts (lognormal per household, debts uniform 0..2 x share).
std::pair<double, double> draw_assets(const Params& p, double households, RngStream& g);

}  // namespace govsim::model::population
