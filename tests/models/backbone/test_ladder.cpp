// Behaviour tests of models/backbone/ladder.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"
#include "backbone/cases.hpp"

using namespace govsim;

TEST_CASE("township mediation capacity settles more disputes within the township", "[models][ladder]") {
  RunResult low = test::run_with(36, {"ladder.township_mediation_capacity=1"});
  RunResult high = test::run_with(36, {"ladder.township_mediation_capacity=30"});
  CHECK(test::county_mean(high, "settled_in_township_share") > test::county_mean(low, "settled_in_township_share"));
  CHECK(test::county_mean(high, "cases_at_township") < test::county_mean(low, "cases_at_township"));
  CHECK(test::county_mean(high, "petitions_per_10k") < test::county_mean(low, "petitions_per_10k"));
  // the village share does not depend on the township's capacity
  CHECK(test::county_mean(high, "settled_in_village_share") ==
        Approx(test::county_mean(low, "settled_in_village_share")).margin(0.03));
}

TEST_CASE("petitions need low trust and time", "[models][ladder]") {
  RunResult none = test::run_with(24, {"ladder.petition_trust=0"});
  CHECK(test::county_mean(none, "petitions_per_10k") == 0);
  RunResult base = test::run_with(24, {});
  RunResult eager = test::run_with(24, {"ladder.petition_trust=1", "ladder.petition_after_months=1"});
  CHECK(test::county_mean(base, "petitions_per_10k") > 0);
  CHECK(test::county_mean(eager, "petitions_per_10k") > 2 * test::county_mean(base, "petitions_per_10k"));
  CHECK(test::county_mean(eager, "dispute_resolution_rate") < test::county_mean(base, "dispute_resolution_rate"));
}

TEST_CASE("service requests are given up after abandon_months", "[models][ladder]") {
  // With no grid workers to speak of and nobody reporting, requests stay unmet and are abandoned.
  RunResult starved = test::run_with(24, {"grid.households_per_worker=5000", "intake.self_report_service=0",
                                          "grid.discovery_max=0.01", "ladder.abandon_months=3"});
  RunResult base = test::run_with(24, {});
  CHECK(test::county_mean(starved, "case_resolution_rate") < test::county_mean(base, "case_resolution_rate") - 0.1);
}
