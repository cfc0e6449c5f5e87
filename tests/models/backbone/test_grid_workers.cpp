// Behaviour tests of models/backbone/grid_workers.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"
#include "backbone/cases.hpp"

using namespace govsim;

TEST_CASE("fewer households per grid worker: more discovery and detection and better outcomes", "[models][grid]") {
  RunResult base = test::run_with(36, {});
  RunResult dense = test::run_with(36, {"grid.households_per_worker=250"});
  RunResult thin = test::run_with(36, {"grid.households_per_worker=1200"});
  // the budget binds before the lever does (the task money of merged villages is not freed)
  CHECK(test::county_mean(dense, "households_per_grid_worker") <
        0.75 * test::county_mean(base, "households_per_grid_worker"));
  CHECK(test::county_mean(thin, "households_per_grid_worker") > 700);  // at least one worker per unit
  for (const char* n :
       {"hazard_detection_rate", "dispute_resolution_rate", "settled_in_village_share", "satisfaction_mean"}) {
    INFO(n);
    CHECK(test::county_mean(dense, n) > test::county_mean(base, n));
    CHECK(test::county_mean(base, n) > test::county_mean(thin, n));
  }
  CHECK(test::county_mean(dense, "mean_wait_months") < test::county_mean(thin, "mean_wait_months"));
  CHECK(test::county_mean(dense, "incidents") < test::county_mean(thin, "incidents"));
}

TEST_CASE("a shorter training cycle keeps workers better trained and finding more", "[models][grid]") {
  RunResult yearly = test::run_with(48, {"grid.training_cycle_months=12"});
  RunResult rare = test::run_with(48, {"grid.training_cycle_months=60"});
  CHECK(test::county_mean(yearly, "grid_training_level") > test::county_mean(rare, "grid_training_level") + 0.1);
  CHECK(test::county_mean(yearly, "hazard_detection_rate") > test::county_mean(rare, "hazard_detection_rate"));
}

TEST_CASE("grid training rounds are staggered across units", "[models][grid]") {
  // One round for every unit in the same month would make the county's training level (and hazard
  // detection) swing with the cycle; cohorts keep the county level nearly flat.
  RunResult r = test::run_with(48, {"grid.training_cycle_months=24"});
  const IndicatorId t = test::indicator("grid_training_level");
  double lo = 1, hi = 0;
  for (size_t m = 0; m < 48; ++m) lo = std::min(lo, r.county(t, 0, m)), hi = std::max(hi, r.county(t, 0, m));
  CHECK(hi - lo < 0.1);
  CHECK(lo > 0.3);
}
