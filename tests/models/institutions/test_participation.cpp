// Behaviour tests of models/institutions/participation.cpp.
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("buying services grows social organisations", "[models][participation]") {
  RunResult low = test::run_with(48, {"participation.purchase_share=0.05"});
  RunResult high = test::run_with(48, {"participation.purchase_share={2020 = 0.1, 2021 = 0.3}"});
  const IndicatorId o = test::indicator("social_orgs_per_10k");
  CHECK(high.county(o, 0, 47) > 1.5 * low.county(o, 0, 47));
  CHECK(high.county(o, 0, 47) > high.county(o, 0, 0));
}

TEST_CASE("volunteering spreads with encouragement and neighbours", "[models][participation]") {
  RunResult base = test::run_with(48, {});
  RunResult pushed = test::run_with(48, {"participation.volunteer_push=4"});
  RunResult alone = test::run_with(48, {"participation.volunteer_push=4", "participation.volunteer_peer=0"});
  const IndicatorId v = test::indicator("volunteer_rate");
  CHECK(pushed.county(v, 0, 47) > base.county(v, 0, 47) + 0.02);
  CHECK(alone.county(v, 0, 47) < pushed.county(v, 0, 47));
  RunResult none = test::run_with(24, {"participation.volunteer_join=0", "participation.volunteer_quit=0.5"});
  CHECK(none.county(v, 0, 23) < 0.001);
}

TEST_CASE("consultation lowers disputes and draws residents in", "[models][participation]") {
  // Arrivals are common random numbers: fewer disputes is the consultation effect.
  RunResult none = test::run_with(24, {"committee.consultation_target=0", "committee.practice_adjustment=1"});
  RunResult full = test::run_with(24, {"committee.consultation_target=1", "committee.practice_adjustment=1"});
  CHECK(test::county_mean(none, "consultation_participation") == 0);
  CHECK(test::county_mean(full, "consultation_participation") > 0.05);
  CHECK(test::county_mean(full, "cases_raised") < test::county_mean(none, "cases_raised"));
}
