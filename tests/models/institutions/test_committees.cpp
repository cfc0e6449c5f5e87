// Behaviour tests of models/institutions/committees.cpp.
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

namespace {
size_t month_index(const RunResult& r, int year, int month) {
  for (size_t m = 0; m < r.months.size(); ++m)
    if (r.months[m] == Month::of(year, month)) return m;
  throw std::runtime_error("month not in run");
}
double mean_between(const RunResult& r, const char* name, size_t a, size_t b) {
  const IndicatorId id = test::indicator(name);
  double s = 0;
  for (size_t m = a; m <= b; ++m) s += r.county(id, 0, m);
  return s / (b - a + 1);
}
}  // namespace

TEST_CASE("one person in both posts reaches its target by its date", "[models][committee]") {
  RunResult r = test::run_with(30, {"committee.yijianti_target_village={\"2020-12\" = 1}",
                                    "committee.yijianti_target_community={2020 = 0.5, \"2021-12\" = 1}"});
  const IndicatorId v = test::indicator("yijianti_rate_village"), c = test::indicator("yijianti_rate_community");
  CHECK(r.county(v, 0, month_index(r, 2020, 11)) == Approx(0.384).margin(0.01));
  for (size_t m = month_index(r, 2020, 12); m < r.months.size(); ++m) CHECK(r.county(v, 0, m) == 1.0);
  CHECK(r.county(c, 0, 0) == Approx(0.5).margin(0.03));
  CHECK(r.county(c, 0, month_index(r, 2021, 11)) < 1.0);
  CHECK(r.county(c, 0, month_index(r, 2021, 12)) == 1.0);
}

TEST_CASE("more reserve cadres raise capability after the election", "[models][committee]") {
  // Same candidates' draws, different pool sizes: the best of more is better.
  RunResult few = test::run_with(30, {"committee.reserve_target=0"});
  RunResult many = test::run_with(30, {"committee.reserve_target=4", "committee.reserve_recruit_rate=0.5"});
  const size_t before = month_index(few, 2021, 2), after = month_index(few, 2021, 3);
  CHECK(mean_between(many, "reserve_cadres_per_village", before, before) >
        mean_between(few, "reserve_cadres_per_village", before, before) + 2);
  const double gain_few = mean_between(few, "committee_capability", after, after + 6) -
                          mean_between(few, "committee_capability", before - 3, before);
  const double gain_many = mean_between(many, "committee_capability", after, after + 6) -
                           mean_between(many, "committee_capability", before - 3, before);
  CHECK(gain_many > gain_few + 0.01);
  CHECK(mean_between(many, "secretaries_replaced", after, after) >
        mean_between(few, "secretaries_replaced", after, after));
}

TEST_CASE("yearly training keeps coverage and capability up", "[models][committee]") {
  RunResult yearly = test::run_with(
      36, {"committee.secretary_training_cycle_months=12", "committee.community_training_cycle_months=36"});
  RunResult rare = test::run_with(
      36, {"committee.secretary_training_cycle_months=60", "committee.community_training_cycle_months=120"});
  CHECK(test::county_mean(yearly, "training_coverage") > 0.95);
  CHECK(test::county_mean(rare, "training_coverage") < 0.6);
  CHECK(test::county_mean(yearly, "committee_capability") > test::county_mean(rare, "committee_capability"));
}

TEST_CASE("the admission system cuts workload and frees committee capacity", "[models][committee]") {
  // with every pushed-down task unfunded, the admission system refuses most of them
  Scenario a = test::short_default(6, 2);
  apply_override(a, "committee.task_funded_share=0");
  Scenario b = a;
  apply_override(b, "committee.admission_refusal=0.8");
  double cap_a = 0, cap_b = 0;
  RunOptions oa, ob;
  oa.inspect = [&](const World& w, Month, uint32_t) {
    for (float f : w.units().get<float>("committee_capacity_factor")) cap_a += f;
  };
  ob.inspect = [&](const World& w, Month, uint32_t) {
    for (float f : w.units().get<float>("committee_capacity_factor")) cap_b += f;
  };
  RunResult ra = run_scenario(a, oa), rb = run_scenario(b, ob);
  CHECK(test::county_mean(rb, "committee_workload") < 0.3 * test::county_mean(ra, "committee_workload"));
  CHECK(cap_b > 1.1 * cap_a);
}

TEST_CASE("openness and consultation move toward their targets", "[models][committee]") {
  RunResult r = test::run_with(36, {"committee.openness_target={2021 = 1}", "committee.consultation_target=0.9"});
  const IndicatorId o = test::indicator("openness"), c = test::indicator("consultation_practice");
  CHECK(r.county(o, 0, 0) == Approx(0.8).margin(0.02));
  CHECK(r.county(o, 0, 35) > 0.98);  // 1 - 0.2 x 0.9^24
  CHECK(r.county(c, 0, 35) > 0.88);
}
