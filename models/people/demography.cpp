// Demography (model brief §3 step 3): once a year, in January (not during the
// spin-up), every resident ages a year, and
//   dies         with mortality_base + mortality_60 * exp(mortality_slope * (age - 60))   (at most 0.5)
//   has a child  with fertility if aged 20-39 (the newborn joins the household)
//   moves        to a town: rural residents aged 18-40 with rural_to_urban; each forms a household in
//                an empty dwelling of a community of their county (or, when there is none, joins a
//                household there), as a new citizen (新市民)
//   leaves       the region: rural residents aged 18-40 with emigration
//   arrives      from outside: per resident of a community, immigration young adults, in couples,
//                who take an empty dwelling there (or join a household when there is none).
// The resident table is then rebuilt (residents of a household stay contiguous),
// and the flags that depend on the household are recomputed: a child with no
// adult aged 15-59 in the household is left behind (留守儿童); an elder in a
// household of elders only is empty-nest (空巢). Residents are conserved up to
// births, deaths, emigrants and immigrants, each recorded as an indicator.
// Households form in empty dwellings and empty out when their last member goes;
// the unit's household count is the occupied dwellings.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kMort60 =
    declare_param({"demography.mortality_60", ParamType::Real, 0.008, "probability per year", 0, 1,
                   "Probability of dying within a year at age 60 (Gompertz).",
                   "assumption (gives a crude death rate near Sichuan's ~7-8 per 1,000 in 2020)", false});
const Param kMortYoung = declare_param(
    {"demography.mortality_base", ParamType::Real, 0.0005, "probability per year", 0, 0.1,
     "Age-independent yearly probability of dying (accidents, illness at young ages).", "assumption", false});
const Param kMortSlope =
    declare_param({"demography.mortality_slope", ParamType::Real, 0.085, "per year of age", 0, 0.3,
                   "Growth of mortality per year of age (doubling every ~8 years).", "assumption (Gompertz)", false});
const Param kFertility =
    declare_param({"demography.fertility", ParamType::Real, 0.028, "births per resident aged 20-39 per year", 0, 0.5,
                   "Yearly probability that a resident aged 20-39 has a child.",
                   "assumption (gives a crude birth rate near Sichuan's ~7-8 per 1,000 in 2020)", false});
const Param kRuralToUrban = declare_param(
    {"demography.rural_to_urban", ParamType::Real, 0.05, "probability per year", 0, 1,
     "Yearly probability that a rural resident aged 18-40 moves to a town of the same county.",
     "calibration-2020: urbanisation 53.79% (2019) -> 56.73% (2020); model brief §3 (young rural residents leave)",
     true});
const Param kEmigration =
    declare_param({"demography.emigration", ParamType::Real, 0.01, "probability per year", 0, 1,
                   "Yearly probability that a rural resident aged 18-40 leaves the region.", "assumption", true});
const Param kImmigration = declare_param(
    {"demography.immigration", ParamType::Real, 0.015, "per community resident per year", 0, 1,
     "Young adults arriving from outside the region per resident of a community a year.",
     "calibration-2020: population +4.05% 2010-2020 (~0.4% a year); tuned so the default county grows at that pace",
     true});

using IA = IndicatorDecl::Aggregate;
const Indicator kBirths =
    declare_indicator({"births", "persons", "births", "出生人口",
                       "Children born (recorded in January for the past year).", "demography", 1.0, true, IA::Sum});
const Indicator kDeaths = declare_indicator({"deaths", "persons", "deaths", "死亡人口",
                                             "Residents who died (recorded in January for the past year).",
                                             "demography", 1.0, true, IA::Sum});
const Indicator kEmigrants =
    declare_indicator({"emigrants", "persons", "residents leaving the region", "迁出人口",
                       "Residents who left the region (in January).", "demography", 1.0, true, IA::Sum});
const Indicator kImmigrants =
    declare_indicator({"immigrants", "persons", "residents arriving from outside", "迁入人口",
                       "Residents who arrived from outside (in January).", "demography", 1.0, true, IA::Sum});
const Indicator kMovedIn =
    declare_indicator({"moved_to_towns", "persons", "rural residents moved to towns", "农村人口进城",
                       "Rural residents who moved to a community of their "
                       "county (counted at the destination, in January).",
                       "demography", 1.0, true, IA::Sum});
const Indicator kUrban = declare_indicator({"urban_share", "share of residents", "urbanisation", "城镇化率",
                                            "Residents of urban and town communities / residents.", "demography"});
const Indicator kOld =
    declare_indicator({"aged_60_plus_share", "share of residents", "residents aged 60+", "60岁及以上人口占比",
                       "Residents aged 60 or more / residents.", "demography"});
const Indicator kYoung = declare_indicator({"aged_0_14_share", "share of residents", "residents aged 0-14",
                                            "0-14岁人口占比", "Residents aged under 15 / residents.", "demography"});
const Indicator kHhSize = declare_indicator({"household_size", "persons per household", "mean household size",
                                             "户均人口", "Residents / households with residents.", "demography"});

enum Fate : uint8_t { kStay = 0, kDie, kLeave, kMove };

// State: the population's base columns (models/people/population_columns.cpp),
// which the yearly events change.
const Writes<uint8_t> colAge = writes<uint8_t>(Level::Resident, "age", "demography");
const Writes<uint8_t> colFlags = writes<uint8_t>(Level::Resident, "flags", "demography");
const Writes<uint32_t> colResidents = writes<uint32_t>(Level::Unit, "residents", "demography");
const Writes<uint32_t> colHouseholds = writes<uint32_t>(Level::Unit, "households", "demography");

class Demography : public Mechanism {
 public:
  std::string name() const override { return "demography"; }
  std::string summary() const override {
    return "ageing, births, deaths, rural-to-urban moves and migration, once a year";
  }
  void init(World& w, const InitContext&) override {
    const Table& u = w.units();
    structure_.assign(u.size() * 5, 0.0);
    w.on_merge([this](World& world, Level level, const std::vector<uint32_t>&) {
      if (level == Level::Unit) structure_.assign(world.units().size() * 5, -1.0);  // recounted next month
    });
  }
  void steps(StepList& out) override {
    out.add({"demography.year", Scope::Region,
             "in January: ageing, deaths, births, moves to towns, migration; the resident table is rebuilt",
             [this](const StepContext& c, uint32_t) {
               // the first recorded month is the built (census) state; years turn after it
               if (c.month.month() == 1 && !c.spinup && c.start < c.month) year(c);
             }});
    out.add({"demography.structure", Scope::Unit, "record urbanisation, age structure and household size",
             [this](const StepContext& c, uint32_t u) { structure(c, u); }});
  }

 private:
  // One year's events (demography.year): each phase below fills this plan in turn.
  struct Year {
    uint32_t N = 0, H = 0, U = 0;
    std::vector<uint8_t> fate, births;
    std::vector<uint32_t> dest;                       // destination household of a mover
    std::vector<std::vector<uint32_t>> towns;         // communities of each county, for movers
    std::vector<uint32_t> arrivals, model_of;         // newcomers from outside per household, and whom they copy
    std::vector<uint32_t> source, begin, new_of_old;  // the new resident table (World::rebuild_residents)
    std::vector<uint8_t> is_birth, is_arrival;
    std::vector<double> unit_births, unit_deaths, unit_left, unit_imm, unit_moved_in;
  };

  void year(const StepContext& c) {
    World& w = c.world;
    Year y;
    y.N = w.residents().size(), y.H = w.households().size(), y.U = w.units().size();
    draw_fates(c, y);
    place_newcomers(c, y);
    new_table(c, y);
    w.rebuild_residents(y.source, y.begin, y.new_of_old);
    age_and_flag(c, y);
    count_units(c, y);
  }

  // Who dies, leaves the region, moves to a town or has a child this year.
  void draw_fates(const StepContext& c, Year& Y) {
    World& w = c.world;
    const Table& un = w.units();
    const auto& age = colAge.read(w);
    const uint32_t N = Y.N, U = Y.U;
    auto& fate = Y.fate;
    auto& births = Y.births;
    fate.assign(N, kStay);
    births.assign(N, 0);
    Y.dest.assign(N, 0);
    const double m0 = c.p(kMortYoung), m60 = c.p(kMort60), slope = c.p(kMortSlope), fert = c.p(kFertility),
                 r2u = c.p(kRuralToUrban), emig = c.p(kEmigration);
    auto& towns = Y.towns;
    towns.assign(w.county().size(), {});
    for (uint32_t u = 0; u < U; ++u)
      if (un.kind[u] != "rural_village") towns[w.townships().parent[un.parent[u]]].push_back(u);
    // mortality by age: the same expression for every resident of an age, so one exp() per age, not per resident
    double mortality[256];
    for (int k = 0; k < 256; ++k) {
      const double a = k;
      mortality[k] = std::min(0.5, m0 + m60 * std::exp(slope * (a - 60)));
    }
    tbb::parallel_for(0u, U, [&](uint32_t u) {
      const bool rural = un.kind[u] == "rural_village";
      const uint32_t county = w.townships().parent[un.parent[u]];
      RngStream g = c.rng(un.id[u]);
      const auto [lo, hi] = w.range(Level::Unit, u, Level::Resident);
      for (uint32_t r = lo; r < hi; ++r) {
        const double a = age[r];
        const double x = g.uniform(), y = g.uniform();
        const double q = mortality[age[r]];
        if (x < q) {
          fate[r] = kDie;
          continue;
        }
        if (rural && a >= 18 && a <= 40) {
          if (y < emig) {
            fate[r] = kLeave;
            continue;
          }
          if (y < emig + r2u && !towns[county].empty()) {
            fate[r] = kMove;  // where to: decided below, in resident order
            continue;
          }
        }
        if (a >= 20 && a <= 39 && g.uniform() < fert) births[r] = 1;
      }
    });
  }

  // Where movers go (a community of their county) and the newcomers from outside.
  void place_newcomers(const StepContext& c, Year& Y) {
    World& w = c.world;
    const Table& hh = w.households();
    const Table& un = w.units();
    const uint32_t H = Y.H, U = Y.U;
    const auto& fate = Y.fate;
    const auto& towns = Y.towns;
    auto& dest = Y.dest;
    auto& arrivals = Y.arrivals;
    auto& model_of = Y.model_of;
    // empty dwellings of each unit (in order), handed out first come, first served
    std::vector<std::vector<uint32_t>> empty(U);
    for (uint32_t h = 0; h < H; ++h)
      if (hh.children_of(h) == 0) empty[w.grids().parent[hh.parent[h]]].push_back(h);
    std::vector<size_t> next_empty(U, 0);
    auto dwelling = [&](uint32_t u, RngStream& g) {
      if (next_empty[u] < empty[u].size()) {
        return empty[u][next_empty[u]++];
      }
      const auto [h_lo, h_hi] = w.range(Level::Unit, u, Level::Household);
      return h_lo + static_cast<uint32_t>(g.uniform() * (h_hi - h_lo)) % std::max(1u, h_hi - h_lo);
    };
    // movers, in resident order: a community of their county, an empty dwelling there if any
    {
      RngStream g = c.rng(0, 3);
      for (uint32_t u = 0; u < U; ++u) {
        const uint32_t county = w.townships().parent[un.parent[u]];
        const auto [lo, hi] = w.range(Level::Unit, u, Level::Resident);
        for (uint32_t r = lo; r < hi; ++r) {
          if (fate[r] != kMove) continue;
          const auto& t = towns[county];
          const uint32_t to = t[static_cast<size_t>(g.uniform() * t.size()) % t.size()];
          dest[r] = dwelling(to, g);
        }
      }
    }
    // newcomers from outside: couples per community, into empty dwellings (modelled on a resident there)
    arrivals.assign(H, 0), model_of.assign(H, World::kGone);
    for (uint32_t u = 0; u < U; ++u) {
      if (un.kind[u] == "rural_village") continue;
      const auto [h_lo, h_hi] = w.range(Level::Unit, u, Level::Household);
      const auto [lo, hi] = w.range(Level::Unit, u, Level::Resident);
      if (h_hi == h_lo || hi == lo) continue;
      RngStream g = c.rng(un.id[u], 1);
      const double expected = c.p(kImmigration) * (hi - lo) / 2;  // couples
      const uint32_t n = static_cast<uint32_t>(std::floor(expected + g.uniform()));
      for (uint32_t k = 0; k < n; ++k) {
        const uint32_t h = dwelling(u, g);
        arrivals[h] += 2;
        model_of[h] = lo;
      }
    }
  }

  // The new resident table: stayers, their newborns, incoming movers and newcomers, household by household.
  void new_table(const StepContext& c, Year& Y) {
    World& w = c.world;
    const Table& hh = w.households();
    const uint32_t N = Y.N, H = Y.H, U = Y.U;
    const auto& fate = Y.fate;
    const auto& births = Y.births;
    const auto& dest = Y.dest;
    const auto& arrivals = Y.arrivals;
    const auto& model_of = Y.model_of;
    auto &source = Y.source, &begin = Y.begin, &new_of_old = Y.new_of_old;
    auto &is_birth = Y.is_birth, &is_arrival = Y.is_arrival;
    auto &unit_births = Y.unit_births, &unit_deaths = Y.unit_deaths, &unit_left = Y.unit_left, &unit_imm = Y.unit_imm,
         &unit_moved_in = Y.unit_moved_in;
    // incoming movers sorted by destination household, then resident (deterministic)
    std::vector<std::pair<uint32_t, uint32_t>> incoming;
    for (uint32_t r = 0; r < N; ++r)
      if (fate[r] == kMove) incoming.emplace_back(dest[r], r);
    std::sort(incoming.begin(), incoming.end());
    size_t next_in = 0;
    // the new table
    begin.assign(H + 1, 0), new_of_old.assign(N, World::kGone);
    source.reserve(N + N / 20);
    is_birth.reserve(N + N / 20);
    is_arrival.reserve(N + N / 20);
    unit_births.assign(U, 0), unit_deaths.assign(U, 0), unit_left.assign(U, 0);
    unit_imm.assign(U, 0), unit_moved_in.assign(U, 0);
    for (uint32_t h = 0; h < H; ++h) {
      begin[h] = static_cast<uint32_t>(source.size());
      const auto [lo, hi] = std::pair<uint32_t, uint32_t>{hh.child_begin[h], hh.child_begin[h + 1]};
      const uint32_t u = w.grids().parent[hh.parent[h]];
      uint32_t model = World::kGone;
      for (uint32_t r = lo; r < hi; ++r) {
        if (fate[r] == kDie) unit_deaths[u] += 1;
        if (fate[r] == kLeave) unit_left[u] += 1;
        if (fate[r] != kStay) continue;
        new_of_old[r] = static_cast<uint32_t>(source.size());
        source.push_back(r), is_birth.push_back(0), is_arrival.push_back(0);
        model = r;
      }
      for (uint32_t r = lo; r < hi; ++r)
        if (fate[r] == kStay && births[r]) {
          source.push_back(r), is_birth.push_back(1), is_arrival.push_back(0);
          unit_births[u] += 1;
        }
      for (; next_in < incoming.size() && incoming[next_in].first == h; ++next_in) {
        source.push_back(incoming[next_in].second), is_birth.push_back(0), is_arrival.push_back(1);
        unit_moved_in[u] += 1;
      }
      // newcomers start from the state of a resident of their unit
      for (uint32_t k = 0; k < arrivals[h]; ++k) {
        source.push_back(model_of[h]), is_birth.push_back(0), is_arrival.push_back(2);
        unit_imm[u] += 1;
      }
      (void)model;
    }
    begin[H] = static_cast<uint32_t>(source.size());
  }

  // Ageing, the state of newborns and newcomers, and the household-dependent flags.
  void age_and_flag(const StepContext& c, const Year& Y) {
    World& w = c.world;
    const Table& hh = w.households();
    const Table& un = w.units();
    auto& age = colAge.write(w);
    auto& flags = colFlags.write(w);
    const uint32_t H = Y.H;
    const auto &source = Y.source, &begin = Y.begin;
    const auto &is_birth = Y.is_birth, &is_arrival = Y.is_arrival;
    // ageing and the state of newcomers (each newcomer's age from its own draw)
    parallel_rows(source.size(), [&](size_t lo_i, size_t hi_i) {
      for (size_t i = lo_i; i < hi_i; ++i) {
        if (is_birth[i]) {
          age[i] = 0;
          flags[i] &= static_cast<uint8_t>(flag::NewCitizen | flag::LowIncome);
        } else {
          age[i] = static_cast<uint8_t>(std::min(105, age[i] + 1));
          if (is_arrival[i] == 1) flags[i] |= flag::NewCitizen;
          if (is_arrival[i] == 2) {
            RngStream g = c.rng(i, 2);
            age[i] = static_cast<uint8_t>(20 + static_cast<int>(15 * g.uniform()));
            flags[i] = flag::NewCitizen;
          }
        }
      }
    });
    // household-dependent flags (the unit's kind compared once per unit, not per household)
    std::vector<uint8_t> rural_unit(un.size());
    for (uint32_t u = 0; u < un.size(); ++u) rural_unit[u] = un.kind[u] == "rural_village";
    parallel_rows(H, [&](size_t h_lo, size_t h_hi) {
      for (size_t h = h_lo; h < h_hi; ++h) {
        bool adult = false, only_elders = true;
        for (uint32_t r = begin[h]; r < begin[h + 1]; ++r) {
          adult |= age[r] >= 15 && age[r] < 60;
          only_elders &= age[r] >= 60;
        }
        const bool rural = rural_unit[w.grids().parent[hh.parent[h]]];
        for (uint32_t r = begin[h]; r < begin[h + 1]; ++r) {
          uint8_t& f = flags[r];
          f &= static_cast<uint8_t>(~(flag::LeftBehindChild | flag::EmptyNestElder));
          if (age[r] < 15 && !adult && rural) f |= flag::LeftBehindChild;
          if (age[r] >= 60 && only_elders) f |= flag::EmptyNestElder;
        }
      }
    });
  }

  // Recount residents and occupied households per unit; record the year's events.
  void count_units(const StepContext& c, const Year& Y) {
    World& w = c.world;
    const uint32_t U = Y.U;
    const auto& begin = Y.begin;
    const auto &unit_births = Y.unit_births, &unit_deaths = Y.unit_deaths, &unit_left = Y.unit_left,
               &unit_imm = Y.unit_imm, &unit_moved_in = Y.unit_moved_in;
    // unit counts: residents and occupied households
    auto& residents = colResidents.write(w);
    auto& households = colHouseholds.write(w);
    for (uint32_t u = 0; u < U; ++u) {
      const auto [lo, hi] = w.range(Level::Unit, u, Level::Resident);
      residents[u] = hi - lo;
      const auto [h_lo, h_hi] = w.range(Level::Unit, u, Level::Household);
      uint32_t occupied = 0;
      for (uint32_t h = h_lo; h < h_hi; ++h) occupied += begin[h + 1] > begin[h];
      households[u] = occupied;
      c.record(kBirths, u, unit_births[u], 1);
      c.record(kDeaths, u, unit_deaths[u], 1);
      c.record(kEmigrants, u, unit_left[u], 1);
      c.record(kImmigrants, u, unit_imm[u], 1);
      c.record(kMovedIn, u, unit_moved_in[u], 1);
    }
  }

  void structure(const StepContext& c, uint32_t u) {
    // recount in January (after the year's events) or when the tree changed
    double* s = &structure_[static_cast<size_t>(u) * 5];
    const World& w = c.world;
    if (c.month.month() == 1 || s[0] <= 0) {
      const auto& age = colAge.read(w);
      const auto [lo, hi] = w.range(Level::Unit, u, Level::Resident);
      uint32_t young = 0, old = 0;
      for (uint32_t r = lo; r < hi; ++r) young += age[r] < 15, old += age[r] >= 60;
      const auto [h_lo, h_hi] = w.range(Level::Unit, u, Level::Household);
      uint32_t occupied = 0;
      for (uint32_t h = h_lo; h < h_hi; ++h) occupied += w.at(Level::Household).children_of(h) > 0;
      s[0] = hi - lo, s[1] = young, s[2] = old, s[3] = occupied;
      s[4] = w.units().kind[u] != "rural_village";
    }
    c.record(kUrban, u, s[4] * s[0], s[0]);
    c.record(kYoung, u, s[1], s[0]);
    c.record(kOld, u, s[2], s[0]);
    c.record(kHhSize, u, s[0], s[3]);
  }

  std::vector<double> structure_;
};

REGISTER_MECHANISM(Demography);

}  // namespace
}  // namespace govsim::model
