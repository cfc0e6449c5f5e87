// Behaviour tests of models/institutions/participation.cpp.
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("buying services grows social organisations", "[models][participation]") {
  RunResult low = test::run_with(48, {"participation.purchase_share=0.05"});
  RunResult high = test::run_with(48, {"participation.purchase_share={2020 = 0.1, 2021 = 0.3}"});
  const IndicatorId o = test::indicator("social_orgs_per_10k"), p = test::indicator("purchased_from_social_orgs_share");
  CHECK(high.county(o, 0, 47) > 1.2 * low.county(o, 0, 47));
  CHECK(high.county(o, 0, 47) > high.county(o, 0, 0));
  // what is paid is limited by the organisations present: short of the lever when it jumps, closer later
  CHECK(high.county(p, 0, 12) < 0.3 * 0.9);
  CHECK(high.county(p, 0, 47) > high.county(p, 0, 12) + 0.02);
  CHECK(high.county(p, 0, 47) < 0.3);
}

TEST_CASE("organisations follow the money not the lever", "[models][participation]") {
  // The same purchase share with less service money (a cut in service spending) sustains fewer
  // organisations; with no organisation able to take a contract nothing is paid whatever the lever.
  RunResult base = test::run_with(48, {"participation.purchase_share=0.3"});
  RunResult poor =
      test::run_with(48, {"participation.purchase_share=0.3", "township.service_spending_per_resident=10"});
  const IndicatorId o = test::indicator("social_orgs_per_10k"), p = test::indicator("purchased_from_social_orgs_share");
  CHECK(poor.county(o, 0, 47) < 0.8 * base.county(o, 0, 47));
  RunResult none = test::run_with(12, {"participation.purchase_share=0.3", "participation.contract_share=0"});
  CHECK(none.county(p, 0, 11) == 0.0);
  CHECK(base.county(p, 0, 11) > 0.1);
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
