// Behaviour tests of models/backbone/perceptions.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"
#include "backbone/cases.hpp"

using namespace govsim;

TEST_CASE("satisfaction follows outcomes against expectations", "[models][perceptions]") {
  RunResult base = test::run_with(36, {});
  // Outcomes that do not lose quality with waiting or escalation: satisfaction rises.
  RunResult kind = test::run_with(36, {"perceptions.wait_penalty=0", "perceptions.rung_penalty=0"});
  CHECK(test::county_mean(kind, "satisfaction_mean") > test::county_mean(base, "satisfaction_mean"));
  // Higher expectations at the start: the same outcomes disappoint more.
  RunResult demanding = test::run_with(36, {"perceptions.initial_expectation=0.95"});
  CHECK(test::county_mean(demanding, "satisfaction_mean") < test::county_mean(base, "satisfaction_mean"));
  // Without any weight on experience, satisfaction stays at its initial distribution.
  RunResult inert = test::run_with(12, {"perceptions.satisfaction_rate=0", "participation.consult_satisfaction=0"});
  const IndicatorId sat = test::indicator("satisfaction_mean");
  CHECK(inert.county(sat, 0, 0) == inert.county(sat, 0, 11));
}
