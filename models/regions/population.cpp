#include "regions/population.hpp"

#include "people/population_columns.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "backbone/cases.hpp"

namespace govsim::model::population {
namespace {

// Declared with the unit, range and source of each figure; every region family reads them through Params.
Param real(const char* name, double def, const char* unit, double lo, double hi, const char* what, const char* src) {
  return declare_param({name, ParamType::Real, def, unit, lo, hi, what, src, false});
}

const Param kHouseholdsPerGrid = declare_param(
    {"population.households_per_grid", ParamType::Real, 600, "households", 50, 5000,
     "Households in one (general) grid when grids are drawn over a village/community.",
     "calibration-2020: Chengdu ~1,490 residents per general grid (derived), at 2.51 per household", false});
const Param kNewCitizenUrban = declare_param(
    {"population.new_citizen_share_urban", ParamType::Real, 0.30, "share", 0, 1,
     "Share of urban-community households whose members are new citizens (hukou elsewhere). In Sichuan "
     "regions the county's floating population sets the level and the three new-citizen shares split it "
     "between urban communities, town communities and villages.",
     "calibration-2020: floating population 20.69 M of 83.67 M (24.7%) in Sichuan, concentrated in towns", false});
const Param kNewCitizenTown =
    declare_param({"population.new_citizen_share_town", ParamType::Real, 0.15, "share", 0, 1,
                   "Share of town-community households that are new citizens.", "assumption", false});
const Param kNewCitizenRural = real("population.new_citizen_share_rural", 0.02, "share", 0, 1,
                                    "Share of village households that are new citizens.", "assumption");
const Param kPartyShare = declare_param({"population.party_share", ParamType::Real, 0.07, "share of adults", 0, 1,
                                         "Share of residents aged population.party_min_age+ who are Party members.",
                                         "assumption (national membership ~6.8% of population)", false});
const Param kPartyMinAge = declare_param({"population.party_min_age", ParamType::Integer, 18, "years", 15, 30,
                                          "Youngest age at which residents are drawn as Party members.",
                                          "Party constitution: members are 18 or older", false});
const Param kVacancy = declare_param(
    {"population.vacancy_share", ParamType::Real, 0.3, "share of community dwellings", 0, 2,
     "Empty dwellings in urban and town communities (vacant and newly built housing), as a share of their "
     "households: where movers and newcomers form new households.",
     "assumption (tuned so that household size keeps falling into the mid-2020s, as it did 2010-2020: 2.95 -> 2.51)",
     false});
const Param kAssetsPerHousehold =
    declare_param({"population.collective_assets_per_household", ParamType::Real, 1500, "yuan per household", 0, 1e6,
                   "Mean collective assets of a village or community per household (lognormal across units).",
                   "assumption (to be calibrated with the funding issue's collective economy)", false});
const Param kAssetsDispersion =
    declare_param({"population.collective_assets_dispersion", ParamType::Real, 0.8, "log-scale sigma", 0, 2,
                   "Spread of collective assets per household across villages and communities: the sigma of a "
                   "lognormal whose mean stays population.collective_assets_per_household.",
                   "assumption (to be calibrated with the funding issue's collective economy)", false});
const Param kDebtShare =
    declare_param({"population.collective_debt_share", ParamType::Real, 0.2, "share of assets", 0, 5,
                   "Mean collective debts as a share of assets (uniform 0 to twice this).", "assumption", false});
const Param kLowIncomeRural =
    declare_param({"population.low_income_share_rural", ParamType::Real, 0.08, "share of households", 0, 1,
                   "Share of village households in the low-income band (times population.low_income_terrain_factor in "
                   "mountain and sparse terrain).",
                   "assumption", false});
const Param kLowIncomeUrban = real("population.low_income_share_urban", 0.03, "share of households", 0, 1,
                                   "Share of community households in the low-income band.", "assumption");
const Param kLowIncomeTerrain =
    real("population.low_income_terrain_factor", 2.0, "ratio", 0, 10,
         "Low-income share of mountain and sparse villages relative to the others.", "assumption");
const Param kDisabledElder = real("population.disabled_share_elder", 0.06, "share of residents", 0, 1,
                                  "Share of residents aged 60+ with a disability.", "assumption");
const Param kDisabledOther = real("population.disabled_share_other", 0.015, "share of residents", 0, 1,
                                  "Share of residents under 60 with a disability.", "assumption");
const Param kElderSpan = real("population.elder_age_span", 32, "years", 6, 45,
                              "Elders' ages run from 60 to 60 + this (65 + this - 5 where the region gives "
                              "the 65+ share).",
                              "assumption");
const Param kElderSkew = real("population.elder_age_skew", 1.6, "exponent", 0.2, 5,
                              "Skew of elders' ages towards the young end (age = 60 + span x u^skew).", "assumption");
const Param kParentMin = real("population.parent_age_min", 22, "years", 15, 40,
                              "Youngest reference age of the parents of a household with children.", "assumption");
const Param kParentSpan = real("population.parent_age_span", 36, "years", 1, 44,
                               "Range of the parents' reference age (min to min + span).", "assumption");
const Param kAdultSpread =
    real("population.adult_age_spread", 6, "years", 1, 20,
         "Spread of the adults of a household with children around its reference age.", "assumption");
const Param kLitChild = real("population.digital_child", 0.35, "literacy", 0, 1,
                             "Digital literacy of a new-born child (rising with age).", "assumption");
const Param kLitChildYear = real("population.digital_child_per_year", 0.03, "literacy per year", 0, 0.1,
                                 "Rise in children's digital literacy per year of age.", "assumption");
const Param kLitAdult = real("population.digital_adult", 0.9, "literacy", 0, 1,
                             "Digital literacy of an adult aged 18 (falling with age).", "assumption");
const Param kLitAdultDecline = real("population.digital_adult_decline", 0.008, "literacy per year", 0, 0.05,
                                    "Fall in adults' digital literacy per year over 18.", "assumption");
const Param kLitElder = real("population.digital_elder", 0.45, "literacy", 0, 1,
                             "Digital literacy of an elder aged 60 (falling with age).", "assumption");
const Param kLitElderDecline = real("population.digital_elder_decline", 0.015, "literacy per year", 0, 0.05,
                                    "Fall in elders' digital literacy per year over 60.", "assumption");
const Param kLitUrban = real("population.digital_urban_bonus", 0.08, "literacy", 0, 0.5,
                             "Digital literacy added in urban communities.", "assumption");
const Param kLitRural = real("population.digital_rural_penalty", 0.08, "literacy", 0, 0.5,
                             "Digital literacy taken off in villages.", "assumption");
const Param kLitSpread = real("population.digital_spread", 0.15, "literacy", 0, 1,
                              "Width of the uniform spread of digital literacy between residents.", "assumption");
const Param kCollectiveSize =
    declare_param({"population.collective_household_size", ParamType::Integer, 40, "residents", 2, 1000,
                   "Residents of one collective household (dormitory).", "assumption", false});
const Param kCollectiveShare =
    declare_param({"population.collective_share", ParamType::Real, 0.0774, "share of residents", 0, 0.5,
                   "Share of residents not in family households (in collective households of urban communities).",
                   "calibration-2020 (derived): 1 - 30.756 M x 2.51 / 83.67 M", false});
const Param kCollectiveAgeMin = real("population.collective_age_min", 18, "years", 15, 59,
                                     "Youngest resident of a collective household.", "assumption");
const Param kCollectiveAgeSpan = real("population.collective_age_span", 18, "years", 1, 44,
                                      "Range of ages in collective households (min to min + span).", "assumption");

}  // namespace

// The declared base columns (models/people/population_columns.cpp), created now with
// their declared defaults and merge policies.
UnitColumns::UnitColumns(World& w)
    : terrain(colTerrain.create(w)),
      area(colArea.create(w)),
      households(colHouseholds.create(w)),
      residents(colResidents.create(w)),
      assets(colAssets.create(w)),
      debts(colDebts.create(w)) {}

ResidentColumns::ResidentColumns(World& w)
    : table(w.residents()), age(colAge.create(w)), flags(colFlags.create(w)), digital(colDigital.create(w)) {}

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

Params::Params(const InitContext& ctx)
    : new_citizen{ctx.p(kNewCitizenUrban), ctx.p(kNewCitizenTown), ctx.p(kNewCitizenRural)},
      low_income_urban(ctx.p(kLowIncomeUrban)),
      low_income_rural(ctx.p(kLowIncomeRural)),
      low_income_terrain(ctx.p(kLowIncomeTerrain)),
      party(ctx.p(kPartyShare)),
      disabled_elder(ctx.p(kDisabledElder)),
      disabled_other(ctx.p(kDisabledOther)),
      party_min_age(static_cast<int>(ctx.p(kPartyMinAge))),
      elder_span(ctx.p(kElderSpan)),
      elder_skew(ctx.p(kElderSkew)),
      parent_age_min(ctx.p(kParentMin)),
      parent_age_span(ctx.p(kParentSpan)),
      adult_spread(ctx.p(kAdultSpread)),
      lit_child(ctx.p(kLitChild)),
      lit_child_year(ctx.p(kLitChildYear)),
      lit_adult(ctx.p(kLitAdult)),
      lit_adult_decline(ctx.p(kLitAdultDecline)),
      lit_elder(ctx.p(kLitElder)),
      lit_elder_decline(ctx.p(kLitElderDecline)),
      lit_urban(ctx.p(kLitUrban)),
      lit_rural(ctx.p(kLitRural)),
      lit_spread(ctx.p(kLitSpread)),
      collective_age_min(ctx.p(kCollectiveAgeMin)),
      collective_age_span(ctx.p(kCollectiveAgeSpan)),
      households_per_grid(ctx.p(kHouseholdsPerGrid)),
      vacancy(ctx.p(kVacancy)),
      assets_per_household(ctx.p(kAssetsPerHousehold)),
      assets_dispersion(ctx.p(kAssetsDispersion)),
      debt_share(ctx.p(kDebtShare)),
      collective_share(ctx.p(kCollectiveShare)),
      collective_size(static_cast<int>(ctx.p(kCollectiveSize))) {}

double Params::new_citizen_share(Area a, double scale) const {
  return std::min(1.0, scale * new_citizen[static_cast<int>(a)]);
}

double Params::low_income_share(Area a, uint8_t terrain) const {
  if (a != Area::Rural) return low_income_urban;
  return std::min(1.0, low_income_rural * (terrain >= 2 ? low_income_terrain : 1.0));
}

double HouseholdMix::non_elders() const {
  double s = 0, prev = 0;
  for (size_t k = 0; k < types.size(); ++k) {
    s += (cdf[k] - prev) * (types[k].adults + types[k].children);
    prev = cdf[k];
  }
  return cdf.empty() ? 0 : s / cdf.back();
}

HouseholdMix make_mix(std::vector<Composition> types, const std::vector<double>& probabilities) {
  HouseholdMix m;
  m.types = std::move(types);
  m.cdf.resize(probabilities.size());
  std::partial_sum(probabilities.begin(), probabilities.end(), m.cdf.begin());
  return m;
}

namespace {

// Age bands: definitions, not free parameters. The census bands of
// scenarios/data/sichuan-totals.csv (0-14 children, 15-59 working age, 60+ and
// 65+ elders; docs/population.md), and 18 as the age of adulthood (literacy is
// anchored there, as population.digital_adult says).
constexpr int kWorkingAgeMin = 15, kWorkingAgeMax = 59, kElderAge = 60, kOldAge = 65, kAdultAge = 18;

double literacy_offset(const Params& p, Area area) {
  return area == Area::Urban ? p.lit_urban : area == Area::Rural ? -p.lit_rural : 0.0;
}

int elder_age(const Params& p, const HouseholdMix& mix, RngStream& g) {
  if (mix.share_65 < 0) return kElderAge + static_cast<int>(p.elder_span * std::pow(g.uniform(), p.elder_skew));
  if (g.uniform() < mix.share_65)
    return kOldAge + static_cast<int>((p.elder_span - (kOldAge - kElderAge)) * std::pow(g.uniform(), p.elder_skew));
  return kElderAge + static_cast<int>((kOldAge - kElderAge) * g.uniform());
}

}  // namespace

void add_family(ResidentColumns& rs, const Params& p, const HouseholdMix& mix, Area area, uint8_t terrain,
                uint32_t house, RngStream& g) {
  const double x = g.uniform() * mix.cdf.back();
  const size_t k = std::upper_bound(mix.cdf.begin(), mix.cdf.end(), x) - mix.cdf.begin();
  const Composition& type = mix.types[std::min(k, mix.types.size() - 1)];
  const bool new_citizen = g.uniform() < p.new_citizen_share(area, mix.new_citizen_scale);
  const bool low_income = g.uniform() < p.low_income_share(area, terrain);
  const bool elders_only = type.adults == 0 && type.children == 0;
  const bool left_behind = type.adults == 0 && area == Area::Rural;  // children with no working-age adult
  const double offset = literacy_offset(p, area);
  auto add = [&](int a, bool elder, bool child) {
    uint8_t f = 0;
    if (new_citizen && !elder) f |= flag::NewCitizen;
    if (a >= p.party_min_age && g.uniform() < p.party) f |= flag::Party;
    if (child && left_behind) f |= flag::LeftBehindChild;
    if (elder && elders_only) f |= flag::EmptyNestElder;
    if (g.uniform() < (elder ? p.disabled_elder : p.disabled_other)) f |= flag::Disabled;
    if (low_income) f |= flag::LowIncome;
    double lit = child   ? p.lit_child + p.lit_child_year * a
                 : elder ? p.lit_elder - p.lit_elder_decline * (a - kElderAge)
                         : p.lit_adult - p.lit_adult_decline * (a - kAdultAge);
    lit += offset + p.lit_spread * (g.uniform() - 0.5);
    rs.add(house, a, f, lit);
  };
  for (int e = 0; e < type.elders; ++e) add(elder_age(p, mix, g), true, false);
  const int parent_age = static_cast<int>(p.parent_age_min) + static_cast<int>(g.uniform() * p.parent_age_span);
  const int half = static_cast<int>(p.adult_spread / 2);
  for (int a = 0; a < type.adults; ++a)
    add(type.children > 0 ? std::clamp(parent_age - half + static_cast<int>(g.uniform() * p.adult_spread),
                                       kWorkingAgeMin, kWorkingAgeMax)
                          : kWorkingAgeMin + static_cast<int>((kWorkingAgeMax + 1 - kWorkingAgeMin) * g.uniform()),
        false, false);
  for (int c = 0; c < type.children; ++c) add(static_cast<int>(g.uniform() * kWorkingAgeMin), false, true);
}

void add_collective(ResidentColumns& rs, const Params& p, Area area, int members, uint32_t house, RngStream& g) {
  for (int m = 0; m < members; ++m) {
    const int a = static_cast<int>(p.collective_age_min) + static_cast<int>(p.collective_age_span * g.uniform());
    const double lit = p.lit_adult - p.lit_adult_decline * (a - kAdultAge) + literacy_offset(p, area) +
                       p.lit_spread * (g.uniform() - 0.5);
    rs.add(house, a, flag::NewCitizen, lit);
  }
}

std::pair<double, double> draw_assets(const Params& p, double households, RngStream& g) {
  const double sigma = p.assets_dispersion;  // lognormal with mean 1: exp(sigma N - sigma^2 / 2)
  const double per_hh = p.assets_per_household * std::exp(sigma * g.normal() - 0.5 * sigma * sigma);
  const double assets = std::round(per_hh * households);
  return {assets, std::round(assets * p.debt_share * 2 * g.uniform())};
}

}  // namespace govsim::model::population
