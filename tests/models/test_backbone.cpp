// Behaviour tests of the backbone mechanisms: each compares two runs that differ
// in one lever or parameter and asserts the direction (and rough size) of the
// effect the model description claims. Arrivals are common random numbers, so
// the differences are policy, not noise.
#include <catch2/catch.hpp>
#include <cmath>

#include "../helpers.hpp"
#include "models/cases.hpp"

using namespace govsim;

namespace {
RunResult run_with(int months, std::initializer_list<const char*> sets, int spinup = 6) {
  Scenario s = test::short_default(months, spinup);
  for (const char* a : sets) apply_override(s, a);
  RunOptions o;
  o.threads = 2;
  return run_scenario(s, o);
}
}  // namespace

TEST_CASE("issues arise at the declared rates, scaled by residents' state", "[models][issues]") {
  // Expected monthly cases from the population itself, compared with the run.
  Scenario s = test::short_default(12, 0);
  double expected = 0;
  RunOptions o;
  bool done = false;
  o.inspect = [&](const World& w, Month, uint32_t) {
    if (done) return;
    done = true;
    const auto& age = w.residents().get<uint8_t>("age");
    const auto& fl = w.residents().get<uint8_t>("flags");
    for (uint32_t i = 0; i < w.residents().size(); ++i) {
      const double service = (age[i] < 15 ? 0.3 : 1.0) + (age[i] >= 60) + ((fl[i] & model::flag::Vulnerable) != 0);
      const double dispute = age[i] < 15 ? 0.0 : 1.0 + 0.5 * ((fl[i] & model::flag::NewCitizen) != 0);
      expected += 0.012 * service + 0.0012 * dispute + 0.0008;
    }
  };
  RunResult r = run_scenario(s, o);
  CHECK(test::county_mean(r, "cases_raised") == Approx(expected).epsilon(0.02));

  RunResult more = run_with(12, {"issues.elder_extra=2"}, 0);
  CHECK(test::county_mean(more, "cases_raised") > 1.1 * test::county_mean(r, "cases_raised"));
}

TEST_CASE("fewer households per grid worker: more discovery, more detection, better outcomes", "[models][grid]") {
  RunResult base = run_with(36, {});
  RunResult dense = run_with(36, {"grid.households_per_worker=250"});
  RunResult thin = run_with(36, {"grid.households_per_worker=1200"});
  CHECK(test::county_mean(dense, "households_per_grid_worker") < 300);
  CHECK(test::county_mean(thin, "households_per_grid_worker") > 700);  // at least one worker per unit
  for (const char* n : {"hazard_detection_rate", "dispute_resolution_rate", "settled_in_village_share",
                        "satisfaction_mean"}) {
    INFO(n);
    CHECK(test::county_mean(dense, n) > test::county_mean(base, n));
    CHECK(test::county_mean(base, n) > test::county_mean(thin, n));
  }
  CHECK(test::county_mean(dense, "mean_wait_months") < test::county_mean(thin, "mean_wait_months"));
  CHECK(test::county_mean(dense, "incidents") < test::county_mean(thin, "incidents"));
}

TEST_CASE("a shorter training cycle keeps workers better trained and finding more", "[models][grid]") {
  RunResult yearly = run_with(48, {"grid.training_cycle_months=12"});
  RunResult rare = run_with(48, {"grid.training_cycle_months=60"});
  CHECK(test::county_mean(yearly, "grid_training_level") > test::county_mean(rare, "grid_training_level") + 0.1);
  CHECK(test::county_mean(yearly, "hazard_detection_rate") > test::county_mean(rare, "hazard_detection_rate"));
}

TEST_CASE("township mediation capacity settles more disputes within the township", "[models][ladder]") {
  RunResult low = run_with(36, {"ladder.township_mediation_capacity=1"});
  RunResult high = run_with(36, {"ladder.township_mediation_capacity=30"});
  CHECK(test::county_mean(high, "settled_in_township_share") > test::county_mean(low, "settled_in_township_share"));
  CHECK(test::county_mean(high, "cases_at_township") < test::county_mean(low, "cases_at_township"));
  CHECK(test::county_mean(high, "petitions_per_10k") < test::county_mean(low, "petitions_per_10k"));
  // the village share does not depend on the township's capacity
  CHECK(test::county_mean(high, "settled_in_village_share") ==
        Approx(test::county_mean(low, "settled_in_village_share")).margin(0.03));
}

TEST_CASE("petitions need low trust and time", "[models][ladder]") {
  RunResult none = run_with(24, {"ladder.petition_trust=0"});
  CHECK(test::county_mean(none, "petitions_per_10k") == 0);
  RunResult base = run_with(24, {});
  RunResult eager = run_with(24, {"ladder.petition_trust=1", "ladder.petition_after_months=1"});
  CHECK(test::county_mean(base, "petitions_per_10k") > 0);
  CHECK(test::county_mean(eager, "petitions_per_10k") > 2 * test::county_mean(base, "petitions_per_10k"));
  CHECK(test::county_mean(eager, "dispute_resolution_rate") < test::county_mean(base, "dispute_resolution_rate"));
}

TEST_CASE("satisfaction follows outcomes against expectations", "[models][perceptions]") {
  RunResult base = run_with(36, {});
  // Outcomes that do not lose quality with waiting or escalation: satisfaction rises.
  RunResult kind = run_with(36, {"perceptions.wait_penalty=0", "perceptions.rung_penalty=0"});
  CHECK(test::county_mean(kind, "satisfaction_mean") > test::county_mean(base, "satisfaction_mean"));
  // Higher expectations at the start: the same outcomes disappoint more.
  RunResult demanding = run_with(36, {"perceptions.initial_expectation=0.95"});
  CHECK(test::county_mean(demanding, "satisfaction_mean") < test::county_mean(base, "satisfaction_mean"));
  // Without any weight on experience, satisfaction stays at its initial distribution.
  RunResult inert = run_with(12, {"perceptions.satisfaction_rate=0"});
  const IndicatorId sat = test::indicator("satisfaction_mean");
  CHECK(inert.county(sat, 0, 0) == inert.county(sat, 0, 11));
}
