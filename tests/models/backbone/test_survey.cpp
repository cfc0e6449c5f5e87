// Behaviour tests of models/backbone/survey.cpp: the December satisfaction survey.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("the survey asks a sample of adults each December on the five-point scale", "[models][survey]") {
  RunResult r = test::run_with(24, {});
  const IndicatorId rate = test::indicator("survey_satisfaction_rate"), n = test::indicator("survey_respondents"),
                    moe = test::indicator("survey_margin_of_error"), score = test::indicator("survey_mean_score"),
                    very = test::indicator("survey_very_satisfied_share");
  for (int m = 0; m < 24; ++m) {
    INFO("month " << m);
    if (m % 12 == 11) {
      CHECK(r.county(n, 0, m) == 1000);
      const double p = r.county(rate, 0, m);
      CHECK(p > 0.5);
      CHECK(p <= 1.0);
      CHECK(r.county(moe, 0, m) == Approx(1.96 * std::sqrt(p * (1 - p) / 1000)).epsilon(1e-9));
      CHECK(r.county(score, 0, m) >= 1);
      CHECK(r.county(score, 0, m) <= 5);
      CHECK(r.county(very, 0, m) <= p);
    } else {
      CHECK(std::isnan(r.county(rate, 0, m)));
      CHECK(r.county(n, 0, m) == 0);
    }
  }
}

TEST_CASE("survey answers follow felt satisfaction: the rate saturates while the score has room", "[models][survey]") {
  RunResult base = test::run_with(12, {});
  RunResult happier = test::run_with(12, {"perceptions.sat_base=0.3"});
  RunResult unhappy = test::run_with(12, {"perceptions.sat_base=-0.1"});
  CHECK(test::county_mean(happier, "survey_mean_score") > test::county_mean(base, "survey_mean_score") + 0.1);
  CHECK(test::county_mean(unhappy, "survey_satisfaction_rate") <
        test::county_mean(base, "survey_satisfaction_rate") - 0.05);
  // courtesy towards an official survey raises the rate
  RunResult candid = test::run_with(12, {"survey.courtesy=-0.1"});
  CHECK(test::county_mean(candid, "survey_satisfaction_rate") < test::county_mean(base, "survey_satisfaction_rate"));
  // a larger sample narrows the margin of error
  RunResult big = test::run_with(12, {"survey.sample_size=10000"});
  CHECK(test::county_mean(big, "survey_margin_of_error") < 0.8 * test::county_mean(base, "survey_margin_of_error"));
  RunResult none = test::run_with(12, {"survey.sample_size=0"});
  CHECK(std::isnan(test::county_mean(none, "survey_satisfaction_rate")));
}
