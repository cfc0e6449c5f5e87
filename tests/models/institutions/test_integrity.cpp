// Behaviour tests of models/institutions/integrity.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("stronger supervision lowers leakage", "[models][integrity]") {
  RunResult weak = test::run_with(60, {"committee.supervision=0.05"});
  RunResult strong = test::run_with(60, {"committee.supervision=0.95"});
  CHECK(test::county_mean(strong, "leakage") < 0.6 * test::county_mean(weak, "leakage"));
  CHECK(test::county_mean(strong, "corruption_active_share") < test::county_mean(weak, "corruption_active_share"));
}

TEST_CASE("openness helps detect corruption", "[models][integrity]") {
  RunResult closed = test::run_with(60, {"committee.openness_target=0", "committee.practice_adjustment=1"});
  RunResult open = test::run_with(60, {"committee.openness_target=1", "committee.practice_adjustment=1"});
  CHECK(test::county_mean(open, "leakage") < test::county_mean(closed, "leakage"));
}

TEST_CASE("no propensity means no corruption and exposure costs trust", "[models][integrity]") {
  RunResult clean = test::run_with(24, {"integrity.propensity_mean=0"});
  CHECK(test::county_mean(clean, "leakage") == 0);
  CHECK(test::county_mean(clean, "corruption_cases") == 0);
  RunResult exposed = test::run_with(24, {"integrity.propensity_mean=0.2", "integrity.detect_base=0.5"});
  CHECK(test::county_mean(exposed, "corruption_cases") > 1);
  CHECK(test::county_mean(exposed, "trust_mean") < test::county_mean(clean, "trust_mean") - 0.05);
  // removed secretaries are replaced
  CHECK(test::county_mean(exposed, "secretaries_replaced") > test::county_mean(clean, "secretaries_replaced"));
}

TEST_CASE("vetting new secretaries lowers leakage after the elections", "[models][integrity]") {
  RunResult none = test::run_with(72, {"integrity.vetting_strength=0", "integrity.propensity_mean=0.05",
                                       "committee.reserve_target=3", "committee.reserve_recruit_rate=0.5"});
  RunResult full = test::run_with(72, {"integrity.vetting_strength=1", "integrity.propensity_mean=0.05",
                                       "committee.reserve_target=3", "committee.reserve_recruit_rate=0.5"});
  CHECK(test::county_mean(full, "leakage") < test::county_mean(none, "leakage"));
}

TEST_CASE("pay relative to local incomes deters petty corruption", "[models][integrity]") {
  // The 2021 floor against none; quits, reserves and candidates blind to pay (same draws).
  auto active = [](const char* floor, const char* elasticity) {
    RunResult r =
        test::run_with(72, {floor, elasticity, "integrity.propensity_mean=0.05", "committee.quit_pay_elasticity=0",
                            "committee.reserve_pay_elasticity=0", "committee.quality_pay=0"});
    return test::county_mean(r, "corruption_active_share");
  };
  const double paid = active("township.pay_floor_2021=true", "integrity.pay_elasticity=1");
  const double unpaid = active("township.pay_floor_2021=false", "integrity.pay_elasticity=1");
  CHECK(paid < 0.85 * unpaid);
  const double paid0 = active("township.pay_floor_2021=true", "integrity.pay_elasticity=0");
  const double unpaid0 = active("township.pay_floor_2021=false", "integrity.pay_elasticity=0");
  CHECK(std::fabs(unpaid0 - paid0) < 0.3 * (unpaid - paid));
}
