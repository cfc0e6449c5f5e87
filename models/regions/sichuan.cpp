// Regions built from scenarios/data/sichuan-counties.csv (compiled in): a single
// county ("county:shuangliu" or "county:42"), a prefecture-level city
// ("city:leshan", all its counties) or the whole province ("province:sichuan",
// 183 counties, one agent per resident, 83.7 M). Each county is synthesised as it
// was before the 2019-2020 reforms, to its row's margins:
//   - townships (streets, towns, townships) and units (urban and town communities,
//     villages) in the row's numbers; villages take a terrain from the row's mix;
//   - family households in the row's number: urban ones in communities, rural ones
//     in villages, with compositions drawn from templates (children 0-14, adults
//     15-59, elders 60+) whose probabilities are exponentially tilted so that the
//     expected children, adults and elders per household match the row's age shares;
//   - residents not in family households (7.7% provincially: 83.67 M - 30.756 M x 2.51)
//     live in collective households (dormitories) of 40 adults in urban communities;
//   - elders are 65+ in the row's proportion; the floating population is the
//     collective residents plus urban family households drawn to make up the row's figure.
// Deterministic from the seed (draws keyed by county and unit).
#include <Eigen/Dense>
#include <algorithm>
#include <cctype>
#include <numeric>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

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

struct CountyRow {
  uint32_t id;
  std::string county, prefecture;
  double population, urban, households, a14, a60, a65, floating, area, terrain[4];
  int townships, villages, communities;
  double fiscal;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  s.erase(std::remove(s.begin(), s.end(), '\''), s.end());
  return s;
}

// One row of sichuan-counties.csv, every figure strictly read and bounded (the file's own
// rows: 18 610 to 2.66 M residents, 7 to 86 townships, up to 1206 villages), and the
// figures consistent with each other: what the builder derives from them (households
// by area, residents per household, units) is then never negative or undefined.
CountyRow read_county_row(const NamedRow& f) {
  CountyRow r;
  r.id = static_cast<uint32_t>(f.integer("id", 0, 999999));
  r.county = f.str("county");
  r.prefecture = f.str("prefecture");
  r.population = f.real("population", 1, 2e8);
  r.urban = f.real("urban_share", 0, 1);
  r.households = f.real("family_households", 1, r.population);
  r.a14 = f.real("age_0_14", 0, 1);
  r.a60 = f.real("age_60p", 0, 1 - r.a14);
  r.a65 = f.real("age_65p", 0, r.a60);
  r.floating = f.real("floating", 0, 2e8);  // may exceed the residents (registered elsewhere, living here)
  r.area = f.real("area_km2", 0.01, 1e6);
  const char* terrains[] = {"plain", "hill", "mountain", "sparse"};
  double sum = 0;
  for (int k = 0; k < 4; ++k) sum += r.terrain[k] = f.real(terrains[k], 0, 1);
  if (std::abs(sum - 1) > 1e-6)
    f.fail("sparse", "plain + hill + mountain + sparse is " + std::to_string(sum) + ", not 1");
  r.townships = static_cast<int>(f.integer("townships_before", 1, 10000));
  r.villages = static_cast<int>(f.integer("villages_before", 0, 100000));
  r.communities = static_cast<int>(f.integer("communities_before", 0, 100000));
  if (r.villages + r.communities == 0) f.fail("villages_before", "a county needs at least one village or community");
  r.fiscal = f.real("fiscal_capacity", 0.01, 100);
  return r;
}

std::vector<CountyRow> read_counties(const std::string& text, const std::string& file) {
  return parse_named_csv<CountyRow>(text, file, read_county_row);
}
std::vector<CountyRow> read_counties() {
  return read_counties(resource_text("sichuan-counties.csv"), "scenarios/data/sichuan-counties.csv");
}

std::vector<CountyRow> select(const std::string& region) {
  const auto rows = read_counties();
  std::vector<CountyRow> out;
  const auto colon = region.find(':');
  const std::string kind = region.substr(0, colon), name = lower(region.substr(colon + 1));
  for (const auto& r : rows) {
    if (kind == "province" && name == "sichuan")
      out.push_back(r);
    else if (kind == "city" && lower(r.prefecture) == name)
      out.push_back(r);
    else if (kind == "county" && (lower(r.county) == name || std::to_string(r.id) == name))
      out.push_back(r);
  }
  if (out.empty())
    throw std::runtime_error("unknown region \"" + region +
                             "\": use province:sichuan, city:<prefecture> (e.g. "
                             "city:leshan) or county:<name or id> from scenarios/data/sichuan-counties.csv");
  if (kind == "county" && out.size() > 1)
    throw std::runtime_error("region \"" + region + "\" names several counties; use the id column");
  return out;
}

// Household templates: children 0-14, adults 15-59, elders 60+ (the census bands of
// sichuan-totals.csv), with base weights (an assumption) tilted to each county's row.
struct Template {
  int c, a, e;
};
const Template kTemplates[] = {{0, 1, 0}, {0, 2, 0}, {1, 2, 0}, {2, 2, 0}, {1, 1, 0}, {0, 0, 1},
                               {0, 0, 2}, {1, 2, 2}, {1, 0, 2}, {0, 2, 1}, {0, 1, 1}, {2, 2, 2}};
const double kBase[] = {0.14, 0.16, 0.2, 0.08, 0.04, 0.08, 0.09, 0.08, 0.04, 0.05, 0.02, 0.02};
constexpr int kNT = sizeof(kTemplates) / sizeof(kTemplates[0]);

// Template probabilities tilted to expected (children, adults, elders) per household.
std::vector<double> tilt(double c, double a, double e) {
  Eigen::Vector3d theta = Eigen::Vector3d::Zero(), target(c, a, e);
  std::vector<double> p(kNT);
  for (int it = 0; it < 100; ++it) {
    double z = 0;
    for (int k = 0; k < kNT; ++k) {
      const auto& t = kTemplates[k];
      p[k] = kBase[k] * std::exp(theta[0] * t.c + theta[1] * t.a + theta[2] * t.e);
      z += p[k];
    }
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    Eigen::Matrix3d second = Eigen::Matrix3d::Zero();
    for (int k = 0; k < kNT; ++k) {
      p[k] /= z;
      const Eigen::Vector3d v(kTemplates[k].c, kTemplates[k].a, kTemplates[k].e);
      mean += p[k] * v;
      second += p[k] * v * v.transpose();
    }
    const Eigen::Vector3d gap = target - mean;
    if (gap.norm() < 1e-10) break;
    const Eigen::Matrix3d cov = second - mean * mean.transpose();
    theta += cov.ldlt().solve(gap);
  }
  return p;
}

// A county's plan: its townships, its units with their family households and
// collective residents, and the household mix its row implies.
struct UnitPlan {
  uint32_t township;  // index within the county
  bool community;
  uint8_t terrain;
  float area;
  double family;      // family households
  double collective;  // residents in collective households
};
struct CountyPlan {
  int streets = 0, towns = 0, townships = 0;
  std::vector<uint8_t> village_terrain;  // per township
  std::vector<UnitPlan> units;
  population::HouseholdMix mix;  // tilted to the row; its 65+ share and new-citizen level
};

// Streets host urban communities; towns host a town community and villages.
void plan_townships(const CountyRow& c, CountyPlan& p) {
  const int T = std::max(1, c.townships);
  int streets =
      std::clamp(static_cast<int>(std::lround(T * 351.0 / 4610 * c.urban / 0.5673)), c.urban > 0.3 ? 1 : 0, T - 1);
  if (T == 1) streets = 0;
  p.townships = T;
  p.streets = streets;
  p.towns = std::max(T - streets > 0 ? 1 : 0, static_cast<int>(std::lround((T - streets) * 0.525)));
}

// The household mix the row implies: template probabilities tilted to its
// children, adults and elders per household, and its 65+ share.
void plan_households(const CountyRow& c, CountyPlan& p, double collective) {
  const double family_pop = c.population - collective;
  const double per_hh_c = c.a14 * c.population / c.households, per_hh_e = c.a60 * c.population / c.households;
  const double per_hh_a = family_pop / c.households - per_hh_c - per_hh_e;
  std::vector<population::Composition> types;
  for (const auto& t : kTemplates) types.push_back({t.e, t.a, t.c});
  p.mix = population::make_mix(types, tilt(per_hh_c, per_hh_a, per_hh_e));
  p.mix.share_65 = c.a60 > 0 ? c.a65 / c.a60 : 0;
}

// The new-citizen level: the scale on the new-citizen shares at which the expected
// new citizens in family households (non-elders of new-citizen households, shares
// capped at 1) are the row's floating residents not in collective households.
void plan_new_citizens(const CountyRow& c, CountyPlan& p, const population::Params& pp, double collective) {
  auto expected = [&](double scale) {
    double e = 0;
    for (const auto& u : p.units) {
      const bool street = static_cast<int>(u.township) < p.streets;
      const auto area = !u.community ? population::Area::Rural
                        : street     ? population::Area::Urban
                                     : population::Area::Town;
      e += u.family * pp.new_citizen_share(area, scale) * p.mix.non_elders();
    }
    return e;
  };
  const double target = std::max(0.0, c.floating - collective);
  double scale = 1;
  for (int it = 0; it < 60; ++it) {
    const double e = expected(scale);
    if (e <= 0) return void(p.mix.new_citizen_scale = 0);
    if (std::abs(e - target) < 1e-9 * (target + 1)) break;
    scale *= target / e;
  }
  p.mix.new_citizen_scale = scale;
}

// Units per township, their terrain, family households (the last unit of each kind
// takes what is left, so totals are exact) and collective residents (in urban
// communities, or anywhere if there are none). Draws from the county stream g.
void plan_units(const CountyRow& c, CountyPlan& p, RngStream& g, double collective, double h_urban, double h_rural) {
  const int T = p.townships, streets = p.streets, towns = p.towns;
  const int C = std::max(c.communities, streets > 0 ? streets : 0), V = c.villages;
  std::vector<int> comm(T, 0), vill(T, 0);
  for (int i = 0; i < C; ++i)
    comm[streets > 0 && (i < C * 0.7 || towns == 0) ? i % streets : streets + i % std::max(1, towns)] += 1;
  for (int i = 0; i < V; ++i) vill[streets + (T - streets > 0 ? i % (T - streets) : 0)] += T - streets > 0;
  const int units_here = C + V;
  const double comm_hh = C > 0 ? h_urban / C : 0, vill_hh = V > 0 ? h_rural / V : 0;
  double collective_left = collective, hh_left_urban = h_urban, hh_left_rural = h_rural;
  int comm_seen = 0, vill_seen = 0;
  for (int t = 0; t < T; ++t) {
    double x = g.uniform(), acc = 0;  // a terrain for the township's villages, from the county's mix
    uint8_t tr = 3;
    for (uint8_t q = 0; q < 4; ++q)
      if ((acc += c.terrain[q]) > x) {
        tr = q;
        break;
      }
    for (int j = 0; j < comm[t] + vill[t]; ++j) {
      UnitPlan u;
      u.township = static_cast<uint32_t>(t);
      u.community = j < comm[t];
      u.terrain = u.community ? 0 : tr;
      u.area = static_cast<float>(c.area / std::max(1, units_here) * (u.community ? 0.2 : 1.5));
      const bool last = u.community ? ++comm_seen == C : ++vill_seen == V;
      double& left = u.community ? hh_left_urban : hh_left_rural;
      const double mean = u.community ? comm_hh : vill_hh;
      u.family = last ? left : std::min(left, std::round(mean * std::exp(0.3 * g.normal() - 0.045)));
      left -= u.family;
      u.collective = 0;
      if (collective_left > 0 && (u.community || C == 0)) {
        const int units_left = u.community ? C - comm_seen + 1 : V - vill_seen + 1;
        u.collective = last ? collective_left : std::round(collective_left / std::max(1, units_left));
        collective_left -= u.collective;
      }
      p.units.push_back(u);
    }
  }
}

CountyPlan plan_county(const CountyRow& c, const InitContext& ctx, const population::Params& pp) {
  CountyPlan p;
  RngStream g = ctx.rng(stream_id("sichuan.county"), c.id);
  plan_townships(c, p);
  const double collective = std::round(c.population * pp.collective_share);
  const double family_pop = c.population - collective;
  const double urban_family = std::max(0.0, c.population * c.urban - collective);
  const double h_urban = std::round(c.households * urban_family / family_pop);
  plan_households(c, p, collective);
  plan_units(c, p, g, collective, h_urban, c.households - h_urban);
  plan_new_citizens(c, p, pp, collective);
  return p;
}

// The region's tables and the columns the builder fills.
struct Region {
  Region(World& w)
      : cty(w.county()),
        tw(w.townships()),
        un(w.units()),
        gr(w.grids()),
        hh(w.households()),
        rs(w.residents()),
        fiscal(population::colFiscalCapacity.create(w)),
        area_index(population::colAreaIndex.create(w)),
        terrain_index(population::colTerrainIndex.create(w)),
        need_index(population::colNeedIndex.create(w)),
        tw_class(population::colClass.create(w)),
        units(w),
        residents(w),
        collective_hh(population::colCollectiveHousehold.create(w)) {}
  Table &cty, &tw, &un, &gr, &hh, &rs;
  std::vector<float>&fiscal, &area_index, &terrain_index, &need_index;
  std::vector<uint8_t>& tw_class;
  population::UnitColumns units;
  population::ResidentColumns residents;
  std::vector<uint8_t>& collective_hh;
};

// A unit's grids and dwellings: family households, then collective households
// (adults 18-35, floating), then empty dwellings, spread evenly over the grids.
void fill_unit(Region& r, const CountyRow& c, const CountyPlan& p, const UnitPlan& u, uint32_t uid,
               const InitContext& ctx, const population::Params& pp) {
  RngStream ug = ctx.rng(stream_id("sichuan.unit"), (uint64_t(c.id) << 32) | uid);
  const uint32_t first_res = static_cast<uint32_t>(r.rs.parent.size());
  const int collective_size = pp.collective_size;
  const population::Area area = population::area_of(r.un.kind[uid]);
  // derived counts, checked before the unsigned casts (a NaN or a negative count would be undefined)
  const double coll_hh = std::ceil(u.collective / std::max(1, collective_size));
  if (!(u.family >= 0 && u.family < 4e9 && coll_hh >= 0 && coll_hh < 4e9))
    throw std::runtime_error("region " + c.county + ": unit " + std::to_string(uid) + " would have " +
                             std::to_string(u.family) + " family and " + std::to_string(coll_hh) +
                             " collective households; the county's figures or the population parameters are "
                             "inconsistent");
  const uint32_t n_family = static_cast<uint32_t>(u.family);
  const uint32_t n_coll = static_cast<uint32_t>(coll_hh);
  const uint32_t n_vacant = u.community ? static_cast<uint32_t>(std::lround(n_family * pp.vacancy)) : 0;
  const uint32_t n_total = n_family + n_coll + n_vacant;
  const double hh_per_grid = pp.households_per_grid;
  const uint32_t grids = std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(n_total / hh_per_grid)));
  double coll_people = u.collective;
  for (uint32_t gi = 0; gi < grids; ++gi) {
    const uint32_t grid = static_cast<uint32_t>(r.gr.parent.size());
    r.gr.parent.push_back(uid);
    for (uint32_t h = n_total * gi / grids; h < n_total * (gi + 1) / grids; ++h) {
      const uint32_t house = static_cast<uint32_t>(r.hh.parent.size());
      r.hh.parent.push_back(grid);
      r.collective_hh.push_back(h >= n_family && h < n_family + n_coll);
      if (h < n_family) {
        population::add_family(r.residents, pp, p.mix, area, u.terrain, house, ug);
      } else if (h < n_family + n_coll) {
        const int members = static_cast<int>(std::min<double>(collective_size, coll_people));
        coll_people -= members;
        population::add_collective(r.residents, pp, area, members, house, ug);
      }
      r.hh.child_begin.push_back(static_cast<uint32_t>(r.rs.parent.size()));
    }
    r.gr.child_begin.push_back(static_cast<uint32_t>(r.hh.parent.size()));
  }
  r.un.child_begin.push_back(static_cast<uint32_t>(r.gr.parent.size()));
  r.units.households.push_back(n_family + n_coll);
  r.units.residents.push_back(static_cast<uint32_t>(r.rs.parent.size()) - first_res);
  const auto [assets, debts] = population::draw_assets(pp, n_family, ug);
  r.units.assets.push_back(assets);
  r.units.debts.push_back(debts);
}

// The province's means per resident of the formula's factors (province.cpp): area, terrain
// score (plain 1 .. sparse 4) and fiscal need (1 / fiscal capacity), over every county of
// sichuan-counties.csv, whatever part of the province a run builds.
struct ProvinceMeans {
  double area = 0, terrain = 0, need = 0;
};
double terrain_score(const CountyRow& c) {
  return c.terrain[0] + 2 * c.terrain[1] + 3 * c.terrain[2] + 4 * c.terrain[3];
}
ProvinceMeans province_means(const std::vector<CountyRow>& all) {
  ProvinceMeans m;
  double pop = 0;
  for (const auto& c : all) {
    pop += c.population;
    m.area += c.area;
    m.terrain += c.population * terrain_score(c);
    m.need += c.population / c.fiscal;
  }
  m.area /= pop, m.terrain /= pop, m.need /= pop;
  return m;
}

// One county: its townships, then its units, each filled.
void build_county(Region& r, const CountyRow& c, uint32_t k, const InitContext& ctx, const population::Params& pp,
                  const ProvinceMeans& means) {
  const CountyPlan p = plan_county(c, ctx, pp);
  r.cty.parent.push_back(0);
  r.cty.id.push_back(c.id);
  r.cty.label.push_back(c.county);
  r.cty.kind.push_back(c.prefecture);
  r.fiscal.push_back(static_cast<float>(c.fiscal));
  r.area_index.push_back(static_cast<float>(c.area / c.population / means.area));
  r.terrain_index.push_back(static_cast<float>(terrain_score(c) / means.terrain));
  r.need_index.push_back(static_cast<float>(1.0 / c.fiscal / means.need));
  size_t next = 0;
  std::vector<int> seen(2, 0);
  for (int t = 0; t < p.townships; ++t) {
    const uint32_t tid = static_cast<uint32_t>(r.tw.parent.size());
    r.tw.parent.push_back(k);
    r.tw.id.push_back(tid);
    const bool street = t < p.streets, town = !street && t < p.streets + p.towns;
    r.tw.label.push_back(c.county + (street ? " Street " : town ? " Town " : " Township ") + std::to_string(t + 1));
    r.tw.kind.push_back(street ? "street" : town ? "town" : "township");
    r.tw_class.push_back(static_cast<uint8_t>(street ? 1 : town ? 2 : 3));
    for (int j = 0; next < p.units.size() && p.units[next].township == static_cast<uint32_t>(t); ++j, ++next) {
      const UnitPlan& u = p.units[next];
      const uint32_t uid = static_cast<uint32_t>(r.un.parent.size());
      r.un.parent.push_back(tid);
      r.un.id.push_back(uid);
      r.un.kind.push_back(u.community ? (street ? "urban_community" : "town_community") : "rural_village");
      r.un.label.push_back(r.tw.label.back() + (u.community ? " Community " : " Village ") + std::to_string(j + 1));
      r.units.terrain.push_back(u.terrain);
      r.units.area.push_back(u.area);
      fill_unit(r, c, p, u, uid, ctx, pp);
    }
    r.tw.child_begin.push_back(static_cast<uint32_t>(r.un.parent.size()));
  }
  r.cty.child_begin.push_back(static_cast<uint32_t>(r.tw.parent.size()));
}

void build(World& w, const InitContext& ctx) {
  const auto counties = select(ctx.region);
  Region r(w);
  double total = 0;
  for (const auto& c : counties) total += c.population;
  r.residents.reserve(static_cast<size_t>(total * 1.001) + 1000);
  r.hh.parent.reserve(static_cast<size_t>(total / 2.2));
  for (Table* t : {&r.cty, &r.tw, &r.un, &r.gr, &r.hh}) t->child_begin = {0};
  const population::Params pp(ctx);
  const ProvinceMeans means = province_means(read_counties());
  for (uint32_t k = 0; k < counties.size(); ++k) build_county(r, counties[k], k, ctx, pp, means);
}

// The province's published totals (scenarios/data/sichuan-totals.csv, compiled in),
// by figure name.
std::map<std::string, double> read_totals() {
  struct Figure {
    std::string name;
    double value;
  };
  std::map<std::string, double> out;
  for (const auto& f : parse_named_csv<Figure>(resource_text("sichuan-totals.csv"), "scenarios/data/sichuan-totals.csv",
                                               [](const NamedRow& r) {
                                                 return Figure{r.str("figure"), r.real("value", -1e12, 1e12)};
                                               }))
    out[f.name] = f.value;
  return out;
}

// The start state against the figures the builder matches: the province's
// published totals (sichuan-totals.csv) for province:sichuan, otherwise the sums of
// the selected rows of sichuan-counties.csv (Leshan's residents and households are
// published; the other city and county figures are derived).
std::vector<RegionFigure> check(const World& w, const std::string& region) {
  const auto rows = select(region);
  const bool province = region == "province:sichuan";
  double P = 0, U = 0, H = 0, A14 = 0, A60 = 0, A65 = 0, F = 0, V = 0, T = 0, C = 0;
  for (const auto& r : rows) {
    P += r.population, U += r.population * r.urban, H += r.households, A14 += r.population * r.a14;
    A60 += r.population * r.a60, A65 += r.population * r.a65, F += r.floating, V += r.villages, T += r.townships;
    C += r.communities;
  }
  const auto tot = read_totals();
  auto total = [&](const char* name) {
    const auto it = tot.find(name);
    if (it == tot.end()) throw std::runtime_error(std::string("sichuan-totals.csv: no figure ") + name);
    return it->second;
  };
  const std::string src = province                              ? "sichuan-totals.csv"
                          : region.rfind("city:leshan", 0) == 0 ? "sichuan-totals.csv (Leshan)"
                                                                : "sichuan-counties.csv (derived)";
  const std::string derived = province ? "sichuan-totals.csv" : "sichuan-counties.csv (derived)";
  const Table& rs = w.at(Level::Resident);
  const Table& hh = w.at(Level::Household);
  const Table& un = w.at(Level::Unit);
  const auto& age = population::colAge.read(w);
  const auto& flags = population::colFlags.read(w);
  const auto& coll = population::colCollectiveHousehold.read(w);
  double n = rs.size(), a14 = 0, a60 = 0, a65 = 0, fl = 0, fam_h = 0, fam_p = 0, urban = 0, v = 0, c = 0;
  for (uint32_t i = 0; i < rs.size(); ++i) {
    a14 += age[i] < 15, a60 += age[i] >= 60, a65 += age[i] >= 65, fl += (flags[i] & flag::NewCitizen) != 0;
  }
  for (uint32_t h = 0; h < hh.size(); ++h)
    if (!coll[h] && hh.children_of(h) > 0) fam_h += 1, fam_p += hh.children_of(h);
  const auto& res = population::colResidents.read(w);
  for (uint32_t u = 0; u < un.size(); ++u) {
    const bool village = un.kind[u] == "rural_village";
    v += village, c += !village, urban += village ? 0 : res[u];
  }
  const double collective_share =
      ParamRegistry::instance().get(param_named("population.collective_share").id).default_value;
  const double fam_size_target = province ? total("family_household_size") : P * (1 - collective_share) / H;
  return {
      {"residents", province ? total("residents") : P, n, src},
      {"urban share", province ? total("urban_residents") / total("residents") : U / P, urban / n, derived},
      {"family households", province ? total("family_households") : H, fam_h, src},
      {"family household size", fam_size_target, fam_p / fam_h, province ? "sichuan-totals.csv" : "derived"},
      {"aged 0-14", province ? total("age_0_14") : A14 / P, a14 / n, derived},
      {"aged 60+", province ? total("age_60p") : A60 / P, a60 / n, derived},
      {"aged 65+", province ? total("age_65p") : A65 / P, a65 / n, derived},
      {"floating population", province ? total("floating") : F, fl, derived},
      {"villages (before the reform)", province ? total("villages_before") : V, v, derived},
      {"townships and streets (before)", province ? total("townships_before") : T,
       static_cast<double>(w.at(Level::Township).size()), derived},
      {"communities (before)", province ? total("communities_before") : C, c, derived},
  };
}

struct Families {
  Families() {
    ModelRegistry::instance().set_region_check(check);
    auto validate = [](const std::string& name) { select(name); };
    ModelRegistry::instance().add_region_family(
        "county:", "one county of Sichuan from scenarios/data/sichuan-counties.csv (by name or id)", build, validate);
    ModelRegistry::instance().add_region_family(
        "city:", "a prefecture-level city of Sichuan, all its counties (e.g. city:leshan)", build, validate);
    ModelRegistry::instance().add_region_family("province:", "the whole province: province:sichuan (183 counties)",
                                                build, validate);
  }
} families;

}  // namespace

size_t read_sichuan_counties_table(const std::string& text, const std::string& file) {
  const auto rows = read_counties(text, file);
  if (rows.empty()) throw std::runtime_error(file + ": no counties (a header and at least one row are needed)");
  return rows.size();
}

}  // namespace govsim::model
