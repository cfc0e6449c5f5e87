// Region "default": the embedded synthetic county, built deterministically from
// scenarios/data/default-county.csv (compiled into the binary) and the seed.
//
// Builds the tree county -> township/street -> village/community -> grid ->
// household -> resident and the residents' base state: age, hukou (local or new
// citizen), party membership, vulnerable groups, digital literacy. Residents of a
// unit are contiguous; households of a grid are contiguous.
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "backbone/cases.hpp"
#include "govsim/csv.hpp"
#include "columns.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/resources.hpp"
#include "population.hpp"

namespace govsim::model {
namespace {

const Param kHouseholdsPerGrid = declare_param({
    "population.households_per_grid", ParamType::Real, 600, "households", 50, 5000,
    "Households in one (general) grid when grids are drawn over a village/community.",
    "calibration-2020: Chengdu ~1,490 residents per general grid (derived), at 2.51 per household", false});
const Param kNewCitizenUrban = declare_param({
    "population.new_citizen_share_urban", ParamType::Real, 0.30, "share", 0, 1,
    "Share of urban-community households whose members are new citizens (hukou elsewhere).",
    "calibration-2020: floating population 20.69 M of 83.67 M (24.7%) in Sichuan, concentrated in towns", false});
const Param kNewCitizenTown = declare_param({
    "population.new_citizen_share_town", ParamType::Real, 0.15, "share", 0, 1,
    "Share of town-community households that are new citizens.", "assumption", false});
const Param kPartyShare = declare_param({
    "population.party_share", ParamType::Real, 0.07, "share of adults", 0, 1,
    "Share of residents aged 18+ who are Party members.", "assumption (national membership ~6.8% of population)",
    false});
const Param kVacancy = declare_param({
    "population.vacancy_share", ParamType::Real, 0.3, "share of community dwellings", 0, 2,
    "Empty dwellings in urban and town communities (vacant and newly built housing), as a share of their "
    "households: where movers and newcomers form new households.",
    "assumption (tuned so that household size keeps falling into the mid-2020s, as it did 2010-2020: 2.95 -> 2.51)",
    false});
const Param kAssetsPerHousehold = declare_param({
    "population.collective_assets_per_household", ParamType::Real, 1500, "yuan per household", 0, 1e6,
    "Mean collective assets of a village or community per household (lognormal across units).",
    "assumption (to be calibrated with the funding issue's collective economy)", false});
const Param kDebtShare = declare_param({
    "population.collective_debt_share", ParamType::Real, 0.2, "share of assets", 0, 5,
    "Mean collective debts as a share of assets (uniform 0 to twice this).", "assumption", false});
const Param kLowIncomeRural = declare_param({
    "population.low_income_share_rural", ParamType::Real, 0.08, "share of households", 0, 1,
    "Share of rural households in the low-income band (doubled in mountain and sparse terrain).", "assumption",
    false});

struct Row {
  std::string township, kind, terrain;
  int cls = 3;
  double area = 0;
  int urban = 0, town = 0, villages = 0;
  double hh_urban = 0, hh_town = 0, hh_village = 0;
};

std::vector<Row> read_rows(const std::string& text, const std::string& file) {
  return parse_named_csv<Row>(text, file, [](const NamedRow& f) {
    Row r;
    r.township = f.str("township");
    r.kind = f.str("kind");
    r.cls = f.integer("class");
    r.terrain = f.str("terrain");
    r.area = f.real("area_km2");
    r.urban = f.integer("urban_communities");
    r.town = f.integer("town_communities");
    r.villages = f.integer("villages");
    r.hh_urban = f.real("hh_urban");
    r.hh_town = f.real("hh_town");
    r.hh_village = f.real("hh_village");
    return r;
  });
}

uint8_t terrain_code(const std::string& t) {
  if (t == "plain") return 0;
  if (t == "hill") return 1;
  if (t == "mountain") return 2;
  if (t == "sparse") return 3;
  throw std::runtime_error("default-county.csv: unknown terrain '" + t + "'");
}

// Household composition templates: (elders 60+, adults 15-59, children 0-14: the
// census age bands of sichuan-totals.csv, as in the Sichuan builder and demography), with a flag for
// grandparents raising children whose parents work away (left-behind children).
struct HouseholdType {
  int elders, adults, children;
  bool left_behind;
  double p_rural, p_urban;
};
const HouseholdType kTypes[] = {
    {1, 0, 0, false, 0.10, 0.06},  // single elder
    {2, 0, 0, false, 0.10, 0.07},  // elder couple
    {2, 0, 1, true, 0.06, 0.00},   // grandparents with left-behind child
    {0, 2, 1, false, 0.16, 0.24},  // couple with one child
    {0, 2, 2, false, 0.10, 0.08},  // couple with two children
    {2, 2, 1, false, 0.14, 0.08},  // three generations
    {0, 1, 0, false, 0.18, 0.25},  // single adult
    {0, 2, 0, false, 0.16, 0.22},  // adult couple
};

void build_default_county(World& w, const InitContext& ctx) {
  const auto rows = read_rows(resource_text("default-county.csv"), "scenarios/data/default-county.csv");
  Table &county = w.county(), &tw = w.townships(), &un = w.units(), &gr = w.grids(), &hh = w.households(),
        &rs = w.residents();
  county.parent = {0};
  county.id = {0};
  county.label = {"Default county"};
  county.kind = {"county"};
  county.child_begin = {0};

  // Counts first: units per township, households per unit (deterministic draws per unit).
  struct UnitPlan {
    uint32_t township;
    std::string name, kind;
    uint8_t terrain;
    uint32_t households;
    double area;
  };
  std::vector<UnitPlan> plan;
  for (uint32_t t = 0; t < rows.size(); ++t) {
    const Row& r = rows[t];
    const int n_units = r.urban + r.town + r.villages;
    for (int k = 0; k < n_units; ++k) {
      UnitPlan u;
      u.township = t;
      double mean, lo, hi;
      if (k < r.urban) {
        u.kind = "urban_community", mean = r.hh_urban, lo = 2000, hi = 4000;
        u.name = r.township.substr(0, r.township.find(' ')) + " Community " + std::to_string(k + 1);
        u.terrain = 0;
      } else if (k < r.urban + r.town) {
        u.kind = "town_community", mean = r.hh_town, lo = 700, hi = 2000;
        u.name = r.township.substr(0, r.township.find(' ')) + " Town Community";
        u.terrain = terrain_code(r.terrain);
      } else {
        // before the reform many villages are below the 300 households of 002 §5
        u.kind = "rural_village", mean = r.hh_village, lo = 100, hi = 1500;
        u.name = r.township.substr(0, r.township.find(' ')) + " Village " + std::to_string(k - r.urban - r.town + 1);
        u.terrain = terrain_code(r.terrain);
      }
      RngStream g = ctx.rng(stream_id("population.size"), plan.size());
      u.households = static_cast<uint32_t>(std::lround(std::clamp(mean * (0.75 + 0.5 * g.uniform()), lo, hi)));
      u.area = r.area / n_units;
      plan.push_back(u);
    }
  }

  // Townships and units.
  for (uint32_t t = 0; t < rows.size(); ++t) {
    tw.parent.push_back(0);
    tw.id.push_back(t);
    tw.label.push_back(rows[t].township);
    tw.kind.push_back(rows[t].kind);
  }
  county.child_begin.push_back(static_cast<uint32_t>(rows.size()));
  auto& tw_class = tw.add<uint8_t>("class");
  for (uint32_t t = 0; t < rows.size(); ++t) tw_class[t] = static_cast<uint8_t>(rows[t].cls);
  tw.child_begin.assign(rows.size() + 1, 0);
  for (const auto& u : plan) tw.child_begin[u.township + 1]++;
  for (size_t t = 0; t < rows.size(); ++t) tw.child_begin[t + 1] += tw.child_begin[t];

  const uint32_t U = static_cast<uint32_t>(plan.size());
  for (uint32_t i = 0; i < U; ++i) {
    un.parent.push_back(plan[i].township);
    un.id.push_back(i);
    un.label.push_back(plan[i].name);
    un.kind.push_back(plan[i].kind);
  }
  population::UnitColumns cols(un);
  auto& terrain = cols.terrain;
  auto& area = cols.area;
  auto &n_households = cols.households, &n_residents = cols.residents;
  auto &assets = cols.assets, &debts = cols.debts;
  un.child_begin = {0};

  const double hh_per_grid = ctx.p(kHouseholdsPerGrid);
  rs.parent.reserve(static_cast<size_t>(U) * 2600);
  population::ResidentColumns residents(rs);
  hh.child_begin = {0};
  gr.child_begin = {0};
  for (uint32_t i = 0; i < U; ++i) {
    const UnitPlan& u = plan[i];
    terrain[i] = u.terrain;
    area[i] = static_cast<float>(u.area);
    n_households[i] = u.households;
    {
      RngStream a = ctx.rng(stream_id("population.assets"), i);
      const double per_hh = ctx.p(kAssetsPerHousehold) * std::exp(0.8 * a.normal() - 0.32);  // lognormal, mean 1
      assets[i] = std::round(per_hh * u.households);
      debts[i] = std::round(assets[i] * ctx.p(kDebtShare) * 2 * a.uniform());
    }
    const bool urban = u.kind == "urban_community";
    const bool town = u.kind == "town_community";
    const bool rural = !urban && !town;
    const uint32_t n_grids = std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(u.households / hh_per_grid)));
    const uint32_t vacant = rural ? 0 : static_cast<uint32_t>(std::lround(u.households * ctx.p(kVacancy)));
    const uint32_t first_res = static_cast<uint32_t>(rs.parent.size());
    RngStream g = ctx.rng(stream_id("population.residents"), i);
    for (uint32_t k = 0; k < n_grids; ++k) {
      const uint32_t grid = static_cast<uint32_t>(gr.parent.size());
      gr.parent.push_back(i);
      const uint32_t h_lo = u.households * k / n_grids, h_hi = u.households * (k + 1) / n_grids;
      for (uint32_t h = h_lo; h < h_hi; ++h) {
        const uint32_t house = static_cast<uint32_t>(hh.parent.size());
        hh.parent.push_back(grid);
        // composition
        double x = g.uniform(), acc = 0;
        const HouseholdType* type = &kTypes[0];
        for (const auto& t : kTypes) {
          acc += rural ? t.p_rural : t.p_urban;
          if (x < acc) {
            type = &t;
            break;
          }
        }
        const double p_new = urban ? ctx.p(kNewCitizenUrban) : town ? ctx.p(kNewCitizenTown) : 0.02;
        const bool new_citizen = g.uniform() < p_new;
        double p_low = rural ? ctx.p(kLowIncomeRural) * (u.terrain >= 2 ? 2.0 : 1.0) : 0.03;
        const bool low_income = g.uniform() < std::min(1.0, p_low);
        const bool elders_only = type->adults == 0 && type->children == 0;
        auto add = [&](int a, bool elder, bool child) {
          uint8_t f = 0;
          if (new_citizen && !elder) f |= flag::NewCitizen;
          if (a >= 18 && g.uniform() < ctx.p(kPartyShare)) f |= flag::Party;
          if (child && type->left_behind) f |= flag::LeftBehindChild;
          if (elder && elders_only) f |= flag::EmptyNestElder;
          if (g.uniform() < (elder ? 0.06 : 0.015)) f |= flag::Disabled;
          if (low_income) f |= flag::LowIncome;
          double lit = child ? 0.35 + 0.03 * a : elder ? 0.45 - 0.015 * (a - 60) : 0.9 - 0.008 * (a - 18);
          lit += (urban ? 0.08 : rural ? -0.08 : 0.0) + 0.15 * (g.uniform() - 0.5);
          residents.add(house, a, f, lit);
        };
        for (int e = 0; e < type->elders; ++e) add(60 + static_cast<int>(32 * std::pow(g.uniform(), 1.6)), true, false);
        const int parent_age = 22 + static_cast<int>(g.uniform() * 36);
        // adults are 15-59 (parents around the household's parent age), children 0-14
        for (int a = 0; a < type->adults; ++a)
          add(type->children > 0 ? std::clamp(parent_age - 3 + static_cast<int>(g.uniform() * 6), 15, 59)
                                 : 15 + static_cast<int>(45 * g.uniform()),
              false, false);
        for (int c = 0; c < type->children; ++c) add(static_cast<int>(g.uniform() * 15), false, true);
        hh.child_begin.push_back(static_cast<uint32_t>(rs.parent.size()));
      }
      // empty dwellings, spread over the grids
      for (uint32_t v = vacant * k / n_grids; v < vacant * (k + 1) / n_grids; ++v) {
        hh.parent.push_back(grid);
        hh.child_begin.push_back(static_cast<uint32_t>(rs.parent.size()));
      }
      gr.child_begin.push_back(static_cast<uint32_t>(hh.parent.size()));
    }
    n_residents[i] = static_cast<uint32_t>(rs.parent.size()) - first_res;
    un.child_begin.push_back(static_cast<uint32_t>(gr.parent.size()));
  }
  for (Table* t : {&gr, &hh}) t->id.clear();
}

const Registrar kRegion("default", "the embedded synthetic county (~0.5 M residents, scenarios/data/default-county.csv)",
                        build_default_county);

}  // namespace
}  // namespace govsim::model
