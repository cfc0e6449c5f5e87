// Behaviour and calibration tests of models/backbone/petitions.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("petitions calibrated to Sichuan 2016: volume/level split/online share", "[models][petitions]") {
  // calibration-2020: ~480,000 petitions a year in Sichuan (2016), ~58 per 10,000
  // residents; province : city : county = 1 : 5 : 4; 60.1% online. The default
  // county's 2020 must be within a factor 1.5 of the volume and 10 points of the split.
  RunResult r = test::run_with(12, {}, 24);
  const double per_10k = test::county_mean(r, "petitions_per_10k");
  CHECK(per_10k > 58.0 / 1.5);
  CHECK(per_10k < 58.0 * 1.5);
  CHECK(std::fabs(test::county_mean(r, "petitions_province_share") - 0.1) < 0.1);
  CHECK(std::fabs(test::county_mean(r, "petitions_city_share") - 0.5) < 0.1);
  CHECK(std::fabs(test::county_mean(r, "petitions_county_share") - 0.4) < 0.1);
  CHECK(std::fabs(test::county_mean(r, "petitions_online_share") - 0.601) < 0.1);
  CHECK(test::county_mean(r, "petitions_repeat_share") > 0.05);
}

TEST_CASE("petitions rise with waiting and distrust from any rung", "[models][petitions]") {
  RunResult base = test::run_with(18, {});
  RunResult none = test::run_with(18, {"petitions.base_dispute=0", "petitions.base_service=0"});
  CHECK(test::county_mean(none, "petitions_per_10k") == 0);
  // a petition is a failure of the dispute
  CHECK(test::county_mean(none, "dispute_resolution_rate") > test::county_mean(base, "dispute_resolution_rate"));
  // waiting raises the hazard
  RunResult no_wait = test::run_with(18, {"petitions.wait_slope=0"});
  CHECK(test::county_mean(no_wait, "petitions_per_10k") < test::county_mean(base, "petitions_per_10k"));
  // distrust raises it
  RunResult wary = test::run_with(18, {"perceptions.trust_base=-0.1"});
  RunResult trusting = test::run_with(18, {"perceptions.trust_base=0.5"});
  CHECK(test::county_mean(wary, "petitions_per_10k") > 1.2 * test::county_mean(trusting, "petitions_per_10k"));
  RunResult flat = test::run_with(18, {"perceptions.trust_base=-0.1", "petitions.distrust=0"});
  CHECK(test::county_mean(flat, "petitions_per_10k") < test::county_mean(wary, "petitions_per_10k"));
  // repeat petitions: without the repeat factor, fewer repeats
  RunResult once = test::run_with(18, {"petitions.repeat_factor=0"});
  CHECK(test::county_mean(once, "petitions_repeat_share") == 0);
  // online petitions need digital literacy
  RunResult offline = test::run_with(18, {"petitions.online_max=0"});
  CHECK(test::county_mean(offline, "petitions_online_share") == 0);
  // from any rung: cases kept in the village (long grid and committee limits) are petitioned too
  RunResult village = test::run_with(18, {"ladder.limit_grid=24", "ladder.limit_committee=24"});
  CHECK(test::county_mean(village, "petitions_per_10k") > 0.5 * test::county_mean(base, "petitions_per_10k"));
  // nobody skips the county: all petitions go to the county
  RunResult local = test::run_with(18, {"petitions.skip_county=0", "petitions.climb_repeat=0"});
  CHECK(test::county_mean(local, "petitions_county_share") == 1);
}
