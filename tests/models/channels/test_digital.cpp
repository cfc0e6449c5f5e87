// Behaviour tests of models/channels/digital.cpp (the platform and the offline channel).
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("the platform takes up service requests only where it covers them", "[models][digital]") {
  RunResult none = test::run_with(12, {"digital.platform_coverage=0"});
  RunResult some = test::run_with(12, {});
  RunResult full = test::run_with(12, {"digital.platform_coverage=1", "digital.online_uptake=1"});
  CHECK(test::county_mean(none, "online_share") == 0);
  CHECK(test::county_mean(some, "online_share") > 0.05);
  CHECK(test::county_mean(full, "online_share") > 2 * test::county_mean(some, "online_share"));
  // requests completed online close at once: shorter waits
  CHECK(test::county_mean(full, "mean_wait_months") < test::county_mean(none, "mean_wait_months"));
}

TEST_CASE("cutting the offline channel leaves elders' requests unmet and age-friendly design helps",
          "[models][digital]") {
  RunResult kept = test::run_with(24, {"digital.platform_coverage=0.9"});
  RunResult cut = test::run_with(24, {"digital.platform_coverage=0.9", "digital.offline_retention=0.1"});
  CHECK(test::county_mean(cut, "elder_unmet_share") > test::county_mean(kept, "elder_unmet_share"));
  CHECK(test::county_mean(cut, "elder_service_wait") > test::county_mean(kept, "elder_service_wait") + 0.1);
  CHECK(test::county_mean(cut, "satisfaction_60_plus") < test::county_mean(kept, "satisfaction_60_plus"));
  // age-friendly design raises elders' effective literacy and so online use
  RunResult friendly = test::run_with(12, {"digital.age_friendly=1"});
  RunResult plain = test::run_with(12, {"digital.age_friendly=0"});
  CHECK(test::county_mean(friendly, "digital_literacy_60_plus") >
        test::county_mean(plain, "digital_literacy_60_plus") + 0.2);
  CHECK(test::county_mean(friendly, "online_share") > test::county_mean(plain, "online_share"));
}

TEST_CASE("digital literacy rises with training", "[models][digital]") {
  RunResult none = test::run_with(36, {"digital.literacy_training=0"});
  RunResult trained = test::run_with(36, {"digital.literacy_training=0.2"});
  CHECK(test::county_mean(trained, "digital_literacy_60_plus") > test::county_mean(none, "digital_literacy_60_plus"));
}

// A share of requests handled online is a share: the requests taken up online must be among those it is
// counted out of. Before issue 19 the numerator counted older requests taken up online and the denominator
// only the month's new ones (22 village-months above 1, up to 3.0, in the default county with 8 replicates).
TEST_CASE("online_share stays within 0 and 1 in every village-month of every replicate", "[models][digital]") {
  const IndicatorId id = test::indicator("online_share");
  for (const char* coverage : {"digital.platform_coverage=0.3", "digital.platform_coverage=0.9"}) {
    Scenario s = test::short_default(12, 6);
    s.replicates = 4;
    apply_override(s, coverage);
    RunOptions o;
    o.threads = 2;
    const RunResult r = run_scenario(s, o);
    REQUIRE(r.has_unit_values());
    int counted = 0, outside = 0;
    for (double v : r.unit_values[id]) {
      if (v != v) continue;  // no service request became known in that village-month
      counted += 1;
      outside += v < 0 || v > 1;
    }
    INFO(coverage << ": " << outside << " of " << counted << " village-months outside [0, 1]");
    CHECK(counted > 1000);
    CHECK(outside == 0);
  }
}
