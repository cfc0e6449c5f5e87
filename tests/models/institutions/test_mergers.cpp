// Behaviour tests of models/institutions/mergers.cpp: the 2019-2020 township and village reforms.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "models/behaviour.hpp"

using namespace govsim;

namespace {
struct Totals {
  uint64_t residents = 0, households = 0, units = 0, villages = 0, townships = 0;
  double assets = 0, debts = 0, area = 0;
  std::map<int, int> villages_by_terrain;
};
Totals totals(const World& w) {
  Totals t;
  const Table& u = w.units();
  for (uint32_t i = 0; i < u.size(); ++i) {
    t.residents += u.get<uint32_t>("residents")[i];
    t.households += u.get<uint32_t>("households")[i];
    t.assets += u.get<double>("collective_assets")[i];
    t.debts += u.get<double>("collective_debts")[i];
    t.area += u.get<float>("area_km2")[i];
    if (u.kind[i] == "rural_village") ++t.villages, ++t.villages_by_terrain[u.get<uint8_t>("terrain")[i]];
  }
  t.units = u.size();
  t.townships = w.at(Level::Township).size();
  return t;
}
}  // namespace

TEST_CASE("a merger cuts villages by the declared ratio and conserves residents/households/assets",
          "[models][mergers]") {
  Scenario s = test::short_default(10, 0);  // the default scenario: villages merge in 2020-08
  std::map<std::string, Totals> seen;
  RunOptions o;
  o.inspect = [&](const World& w, Month m, uint32_t) {
    seen[m.str()] = totals(w);
    CHECK(totals(w).residents == w.residents().size());  // every resident in exactly one unit
  };
  RunResult r = run_scenario(s, o);
  const Totals& before = seen.at("2020-07");
  const Totals& after = seen.at("2020-08");
  // townships: 67.3% of 20 kept from the start (the first month already shows it)
  CHECK(seen.at("2020-01").townships == 13);
  // villages: per terrain, max(1, round(original x share)) per township; overall ~58%
  CHECK(after.villages < before.villages);
  CHECK(static_cast<double>(after.villages) / before.villages == Approx(0.58).margin(0.03));
  const double kept[4] = {0.50, 0.56, 0.65, 0.80};
  for (const auto& [terrain, n] : before.villages_by_terrain) {
    INFO("terrain " << terrain);
    CHECK(after.villages_by_terrain.at(terrain) == Approx(n * kept[terrain]).margin(0.08 * n + 1));
  }
  CHECK(after.residents == before.residents);
  CHECK(after.households == before.households);
  CHECK(after.assets == before.assets);
  CHECK(after.debts == before.debts);
  CHECK(after.area == Approx(before.area).epsilon(1e-6));
  CHECK(after.units == before.units - (before.villages - after.villages));
  // no further merger once the target is met
  CHECK(seen.at("2020-10").villages == after.villages);
  // the indicator agrees with the world, and absorbed villages read NaN
  const IndicatorId v = test::indicator("villages"), sat = test::indicator("satisfaction_mean");
  CHECK(r.county(v, 0, 7) == after.villages);
  size_t nan_units = 0;
  for (size_t u = 0; u < r.n_units(); ++u) nan_units += std::isnan(r.unit(sat, 0, 7, u));
  CHECK(nan_units == before.villages - after.villages);
}

TEST_CASE("a run can start before or after the village reform", "[models][mergers]") {
  RunResult before = test::run_with(
      3, {"mergers.villages_kept_plain=1", "mergers.villages_kept_hill=1", "mergers.villages_kept_mountain=1",
          "mergers.villages_kept_sparse=1", "mergers.townships_kept=1"});
  RunResult after = test::run_with(3, {"mergers.villages_kept_plain=0.5", "mergers.villages_kept_hill=0.56",
                                       "mergers.villages_kept_mountain=0.65", "mergers.villages_kept_sparse=0.8"});
  const IndicatorId v = test::indicator("villages"), t = test::indicator("townships");
  CHECK(before.county(t, 0, 0) == 20);
  CHECK(after.county(t, 0, 0) == 13);
  CHECK(after.county(v, 0, 0) == Approx(0.58 * before.county(v, 0, 0)).margin(0.03 * before.county(v, 0, 0)));
}

TEST_CASE("service points kept in absorbed villages keep services within reach", "[models][mergers]") {
  RunResult kept = test::run_with(12, {});
  RunResult cut = test::run_with(12, {"mergers.keep_service_points=false"});
  const IndicatorId p = test::indicator("service_points"), a = test::indicator("service_access");
  CHECK(kept.county(p, 0, 11) == kept.county(p, 0, 0));
  CHECK(cut.county(p, 0, 11) < kept.county(p, 0, 11));
  CHECK(cut.county(a, 0, 11) < kept.county(a, 0, 11));
}

TEST_CASE("merged villages see a transition spike in disputes that decays", "[models][mergers]") {
  RunResult calm = test::run_with(24, {"mergers.transition_spike=0"});
  RunResult spike = test::run_with(24, {"mergers.transition_spike=2"});
  const IndicatorId c = test::indicator("cases_raised");
  auto extra = [&](size_t m) { return spike.county(c, 0, m) - calm.county(c, 0, m); };
  CHECK(extra(5) == 0);                            // before the merger (2020-08): identical arrivals
  CHECK(extra(7) > 30);                            // the month of the merger
  CHECK(extra(7) > 3 * std::max(1.0, extra(23)));  // decayed after 16 months
}
