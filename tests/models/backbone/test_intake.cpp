// Behaviour tests of models/backbone/intake.cpp.
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("hazards are found by grid inspection or become incidents", "[models][intake]") {
  RunResult base = test::run_with(24, {});
  // (nobody on patrol: neither grid workers nor auxiliary police, institutions/policing.cpp)
  RunResult blind = test::run_with(24, {"grid.discovery_max=0", "policing.aux_discovery=0"});
  CHECK(test::county_mean(blind, "hazard_detection_rate") < test::county_mean(base, "hazard_detection_rate") - 0.3);
  CHECK(test::county_mean(blind, "incidents") > 2 * test::county_mean(base, "incidents"));
  CHECK(test::county_mean(blind, "grid_discovery_share") == 0);
  RunResult safe = test::run_with(24, {"intake.incident_rate=0"});
  CHECK(test::county_mean(safe, "incidents") == 0);
}

TEST_CASE("low trust keeps disputes unreported", "[models][intake]") {
  // Same arrivals; with lower trust, fewer disputes come forward on their own, so
  // grid workers find a larger share of what becomes known.
  RunResult trusting = test::run_with(12, {"perceptions.trust_base=0.5"});
  RunResult wary = test::run_with(12, {"perceptions.trust_base=-0.1"});
  CHECK(test::county_mean(wary, "grid_discovery_share") > test::county_mean(trusting, "grid_discovery_share"));
}

TEST_CASE("screening: disputes found against disputes that arose", "[models][intake]") {
  RunResult base = test::run_with(18, {});
  RunResult never_lapse = test::run_with(18, {"intake.dispute_lapse=0"});
  // (only disputes that turn violent or are dropped before anyone knows are missed then)
  CHECK(test::county_mean(never_lapse, "dispute_screening_rate") > 0.99);
  const double s = test::county_mean(base, "dispute_screening_rate");
  CHECK(s > 0.5);
  CHECK(s < test::county_mean(never_lapse, "dispute_screening_rate") - 0.02);
  // without grid workers' discovery, fewer disputes are found before they lapse
  RunResult blind = test::run_with(18, {"grid.discovery_max=0"});
  CHECK(test::county_mean(blind, "dispute_screening_rate") < s - 0.05);
}

TEST_CASE("residents served well report service requests and hazards more", "[models][intake]") {
  // service quality -> reporting: trust (which follows how past contacts were judged) scales residents' own
  // reports; against a reference below everyone's trust they report more, above it less, and grid workers
  // find a larger share of what becomes known
  RunResult off = test::run_with(18, {"intake.report_trust=0"});
  RunResult served = test::run_with(18, {"intake.report_trust=1.6", "intake.report_trust_reference=0"});
  RunResult failed = test::run_with(18, {"intake.report_trust=1.6", "intake.report_trust_reference=1"});
  CHECK(test::county_mean(served, "grid_discovery_share") < test::county_mean(off, "grid_discovery_share"));
  CHECK(test::county_mean(failed, "grid_discovery_share") > test::county_mean(off, "grid_discovery_share"));
  CHECK(test::county_mean(failed, "incidents") > test::county_mean(served, "incidents"));
  // the link removed, the reference does nothing
  RunResult off_high = test::run_with(18, {"intake.report_trust=0", "intake.report_trust_reference=1"});
  CHECK(test::county_mean(off_high, "grid_discovery_share") == test::county_mean(off, "grid_discovery_share"));
}
