// Behaviour tests of models/channels/shocks.cpp (emergencies and preparedness).
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

namespace {
double at(const RunResult& r, const char* name, int month, uint32_t rep = 0) {
  return r.county(test::indicator(name), rep, static_cast<size_t>(month));
}
const char* kQuiet[] = {"shocks.earthquake_rate=0", "shocks.flood_rate=0", "shocks.epidemic_rate=0"};
}  // namespace

TEST_CASE("a scheduled earthquake strikes once in its month and its surge lasts its months", "[models][shocks]") {
  RunResult r = test::run_with(
      18, {kQuiet[0], kQuiet[1], kQuiet[2], "shocks.earthquake={\"2020-06\" = 1}", "shocks.earthquake_months=4"});
  for (int m = 0; m < 18; ++m) {
    INFO("month " << m);
    CHECK(at(r, "shocks_struck", m) == (m == 5 ? 1 : 0));
    if (m == 5)
      CHECK(at(r, "shock_harmed_per_10k", m) > 10);
    else
      CHECK(at(r, "shock_harmed_per_10k", m) == 0);
    if (m >= 5 && m < 9)
      CHECK(at(r, "shock_cases", m) > 0);
    else
      CHECK(at(r, "shock_cases", m) == 0);
  }
  // the surge fades: fewer cases each month
  CHECK(at(r, "shock_cases", 6) < at(r, "shock_cases", 5));
  CHECK(at(r, "shock_cases", 8) < at(r, "shock_cases", 6));
  // and it shows where it should: more incidents and open cases than without it
  RunResult calm = test::run_with(18, {kQuiet[0], kQuiet[1], kQuiet[2]});
  CHECK(at(r, "incidents", 6) > at(calm, "incidents", 6));
  CHECK(at(r, "open_cases", 6) > at(calm, "open_cases", 6));
  CHECK(at(calm, "shocks_struck", 5) == 0);
}

TEST_CASE("preparedness lowers harm and the surge of cases", "[models][shocks]") {
  auto quake = [&](const char* drills, const char* stock, const char* team,
                   const char* build = "shocks.build_months=6") {
    return test::run_with(8, {kQuiet[0], kQuiet[1], kQuiet[2], "shocks.earthquake={\"2020-03\" = 1}",
                              "shocks.earthquake_reach=1", drills, stock, team, build});
  };
  RunResult bare = quake("shocks.drills_per_year=0", "shocks.stockpile_coverage=0", "shocks.team_coverage=0");
  // a drill every month and supplies and teams set up at once: fully prepared when it strikes
  RunResult ready = quake("shocks.drills_per_year=12", "shocks.stockpile_coverage=1", "shocks.team_coverage=1",
                          "shocks.build_months=1");
  CHECK(at(bare, "emergency_preparedness", 2) < 1e-9);
  CHECK(at(ready, "emergency_preparedness", 2) == Approx(1.0));
  // full preparedness avoids preparedness_effect (0.6) of the harm and of the surge
  const double harm_ratio = at(ready, "shock_harmed_per_10k", 2) / at(bare, "shock_harmed_per_10k", 2);
  const double surge_ratio = at(ready, "shock_cases", 2) / at(bare, "shock_cases", 2);
  CHECK(harm_ratio == Approx(0.4).margin(0.05));
  CHECK(surge_ratio == Approx(0.4).margin(0.05));
}

TEST_CASE("random shocks follow their yearly rate", "[models][shocks]") {
  RunResult never = test::run_with(12, {kQuiet[0], kQuiet[1], kQuiet[2]});
  RunResult monthly = test::run_with(12, {"shocks.flood_rate=12", kQuiet[0], kQuiet[2]});
  double n_never = 0, n_monthly = 0;
  for (int m = 0; m < 12; ++m) n_never += at(never, "shocks_struck", m), n_monthly += at(monthly, "shocks_struck", m);
  CHECK(n_never == 0);
  CHECK(n_monthly == 12);
}

TEST_CASE("shocks and the platform give bit-identical results on 1/2/4 threads", "[models][shocks][digital]") {
  std::vector<RunResult> runs;
  for (int threads : {1, 2, 4}) {
    Scenario s = test::short_default(10, 2);
    for (const char* a : {"shocks.earthquake={\"2020-03\" = 0.8}", "shocks.flood_rate=6",
                          "digital.platform_coverage=0.9", "digital.offline_retention=0.3"})
      apply_override(s, a);
    s.replicates = 2;
    RunOptions o;
    o.threads = threads;
    runs.push_back(run_scenario(s, o));
  }
  REQUIRE(test::county_mean(runs[0], "shock_cases") > 0);
  auto bits = [](const std::vector<std::vector<double>>& v) {  // NaN compares equal to itself bit for bit
    std::vector<uint64_t> out;
    for (const auto& x : v)
      for (double d : x) out.push_back(*reinterpret_cast<const uint64_t*>(&d));
    return out;
  };
  for (size_t i = 1; i < runs.size(); ++i) {
    CHECK(bits(runs[i].county_values) == bits(runs[0].county_values));
    CHECK(bits(runs[i].unit_values) == bits(runs[0].unit_values));
  }
}

TEST_CASE("preparedness is what townships did and it is used up", "[models][shocks]") {
  const IndicatorId p = test::indicator("emergency_preparedness");
  // more drills: more readiness, but a lever of one a year does not make a township fully ready
  RunResult rare = test::run_with(24, {kQuiet[0], kQuiet[1], kQuiet[2], "shocks.drills_per_year=0.5"});
  RunResult often = test::run_with(24, {kQuiet[0], kQuiet[1], kQuiet[2], "shocks.drills_per_year=4"});
  CHECK(test::county_mean(often, "emergency_preparedness") > test::county_mean(rare, "emergency_preparedness") + 0.1);
  CHECK(often.county(p, 0, 23) < 1.0);
  // covering every township from mid-2020 builds stockpiles and teams over months, not at once
  RunResult cover =
      test::run_with(24, {kQuiet[0], kQuiet[1], kQuiet[2], "shocks.stockpile_coverage={2020 = 0.3, \"2020-06\" = 1}",
                          "shocks.team_coverage={2020 = 0.3, \"2020-06\" = 1}"});
  CHECK(cover.county(p, 0, 5) < cover.county(p, 0, 17) - 0.1);
  CHECK(cover.county(p, 0, 5) > rare.county(p, 0, 5));
  // a quake that reaches every township uses the supplies up: preparedness falls after it
  RunResult hit =
      test::run_with(12, {kQuiet[0], kQuiet[1], kQuiet[2], "shocks.earthquake={\"2020-06\" = 1}",
                          "shocks.earthquake_reach=1", "shocks.stockpile_coverage=1", "shocks.build_months=24"});
  RunResult calm =
      test::run_with(12, {kQuiet[0], kQuiet[1], kQuiet[2], "shocks.stockpile_coverage=1", "shocks.build_months=24"});
  CHECK(hit.county(p, 0, 6) < calm.county(p, 0, 6) - 0.1);
  CHECK(hit.county(p, 0, 4) == calm.county(p, 0, 4));
}
