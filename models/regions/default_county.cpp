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
#include <tuple>
#include <vector>

#include "backbone/cases.hpp"
#include "govsim/csv.hpp"
#include "regions/columns.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/resources.hpp"
#include "people/population_columns.hpp"
#include "regions/population.hpp"
#include "regions/tables.hpp"

namespace govsim::model {
namespace {

struct Row {
  std::string township, kind, terrain;
  int cls = 3;
  double area = 0;
  int urban = 0, town = 0, villages = 0;
  double hh_urban = 0, hh_town = 0, hh_village = 0;
};

// Counts and sizes are bounded well beyond any real county (the file's own rows: class 1-3,
// at most 24 units and 3100 households a unit), so that a damaged row is an error, not a huge
// or negative count.
std::vector<Row> read_rows(const std::string& text, const std::string& file) {
  return parse_named_csv<Row>(text, file, [](const NamedRow& f) {
    Row r;
    r.township = f.str("township");
    r.kind = f.str("kind");
    r.cls = static_cast<int>(f.integer("class", 1, 5));
    r.terrain = f.str("terrain");
    if (r.terrain != "plain" && r.terrain != "hill" && r.terrain != "mountain" && r.terrain != "sparse")
      f.fail("terrain", "'" + r.terrain + "' is not one of plain, hill, mountain, sparse");
    r.area = f.real("area_km2", 0.01, 1e5);
    r.urban = static_cast<int>(f.integer("urban_communities", 0, 1000));
    r.town = static_cast<int>(f.integer("town_communities", 0, 1000));
    r.villages = static_cast<int>(f.integer("villages", 0, 1000));
    if (r.urban + r.town + r.villages == 0)
      f.fail("villages", "a township needs at least one community or village (all three counts are 0)");
    r.hh_urban = f.real("hh_urban", 0, 1e5);
    r.hh_town = f.real("hh_town", 0, 1e5);
    r.hh_village = f.real("hh_village", 0, 1e5);
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

// The county's household mix (elders 60+, adults 15-59, children 0-14), in villages
// and in communities: an assumption shaped on seed 004's county (one in six
// households three generations in villages, left-behind children with grandparents),
// with children 0-14 and so as many as the census's 16.10% aged 0-14 (sichuan-totals.csv).
struct HouseholdType {
  population::Composition c;
  double p_rural, p_urban;
};
const HouseholdType kTypes[] = {
    {{1, 0, 0}, 0.10, 0.06},  // single elder
    {{2, 0, 0}, 0.10, 0.07},  // elder couple
    {{2, 0, 1}, 0.06, 0.00},  // grandparents with left-behind child
    {{0, 2, 1}, 0.13, 0.19},  // couple with one child
    {{0, 2, 2}, 0.05, 0.04},  // couple with two children
    {{2, 2, 1}, 0.14, 0.08},  // three generations
    {{0, 1, 0}, 0.18, 0.25},  // single adult
    {{0, 2, 0}, 0.16, 0.22},  // adult couple
    {{0, 3, 0}, 0.08, 0.09},  // couple with a child aged 15+
};

population::HouseholdMix county_mix(bool rural) {
  std::vector<population::Composition> types;
  std::vector<double> probs;
  for (const auto& t : kTypes) types.push_back(t.c), probs.push_back(rural ? t.p_rural : t.p_urban);
  return population::make_mix(types, probs);
}

struct UnitPlan {
  uint32_t township;
  std::string name, kind;
  uint8_t terrain;
  uint32_t households;
  double area;
};

// Units per township and households per unit (deterministic draws per unit).
std::vector<UnitPlan> plan_units(const std::vector<Row>& rows, const InitContext& ctx) {
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

  return plan;
}

}  // namespace

size_t read_default_county_table(const std::string& text, const std::string& file) {
  const auto rows = read_rows(text, file);
  if (rows.empty()) throw std::runtime_error(file + ": no townships (a header and at least one row are needed)");
  return rows.size();
}

namespace {

void build_default_county(World& w, const InitContext& ctx) {
  const auto rows = read_rows(resource_text("default-county.csv"), "scenarios/data/default-county.csv");
  Table &county = w.county(), &tw = w.townships(), &un = w.units(), &gr = w.grids(), &hh = w.households(),
        &rs = w.residents();
  county.parent = {0};
  county.id = {0};
  county.label = {"Default county"};
  county.kind = {"county"};
  county.child_begin = {0};

  const std::vector<UnitPlan> plan = plan_units(rows, ctx);

  // Townships and units.
  for (uint32_t t = 0; t < rows.size(); ++t) {
    tw.parent.push_back(0);
    tw.id.push_back(t);
    tw.label.push_back(rows[t].township);
    tw.kind.push_back(rows[t].kind);
  }
  county.child_begin.push_back(static_cast<uint32_t>(rows.size()));
  auto& tw_class = population::colClass.create(w);
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
  population::UnitColumns cols(w);
  auto& terrain = cols.terrain;
  auto& area = cols.area;
  auto &n_households = cols.households, &n_residents = cols.residents;
  auto &assets = cols.assets, &debts = cols.debts;
  un.child_begin = {0};

  const population::Params pp(ctx);
  const population::HouseholdMix mixes[2] = {county_mix(false), county_mix(true)};
  rs.parent.reserve(static_cast<size_t>(U) * 2600);
  population::ResidentColumns residents(w);
  hh.child_begin = {0};
  gr.child_begin = {0};
  for (uint32_t i = 0; i < U; ++i) {
    const UnitPlan& u = plan[i];
    terrain[i] = u.terrain;
    area[i] = static_cast<float>(u.area);
    n_households[i] = u.households;
    RngStream a = ctx.rng(stream_id("population.assets"), i);
    std::tie(assets[i], debts[i]) = population::draw_assets(pp, u.households, a);
    const population::Area kind = population::area_of(u.kind);
    const bool rural = kind == population::Area::Rural;
    const uint32_t n_grids =
        std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(u.households / pp.households_per_grid)));
    const uint32_t vacant = rural ? 0 : static_cast<uint32_t>(std::lround(u.households * pp.vacancy));
    const uint32_t first_res = static_cast<uint32_t>(rs.parent.size());
    RngStream g = ctx.rng(stream_id("population.residents"), i);
    for (uint32_t k = 0; k < n_grids; ++k) {
      const uint32_t grid = static_cast<uint32_t>(gr.parent.size());
      gr.parent.push_back(i);
      for (uint32_t h = u.households * k / n_grids; h < u.households * (k + 1) / n_grids; ++h) {
        const uint32_t house = static_cast<uint32_t>(hh.parent.size());
        hh.parent.push_back(grid);
        population::add_family(residents, pp, mixes[rural], kind, u.terrain, house, g);
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

const Registrar kRegion("default",
                        "the embedded synthetic county (~0.5 M residents, scenarios/data/default-county.csv)",
                        build_default_county);

}  // namespace
}  // namespace govsim::model
