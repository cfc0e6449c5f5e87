// Behaviour tests of models/institutions/committees.cpp.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "institutions/elections.hpp"
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

TEST_CASE("the 一肩挑 push works through elections and can miss its deadline", "[models][committee]") {
  // Same units, same draws: only the share nominated for both posts differs.
  RunResult base = test::run_with(30, {});
  RunResult push = test::run_with(30, {"committee.yijianti_nomination_village=1"});
  const IndicatorId v = test::indicator("yijianti_rate_village");
  const size_t nov = month_index(base, 2020, 11), after = month_index(base, 2021, 3);
  // before the March 2021 round only adjustments and by-elections move it: up, but short of 100%
  CHECK(push.county(v, 0, nov) > base.county(v, 0, nov) + 0.05);
  CHECK(push.county(v, 0, nov) < 0.9);
  // the round elects most nominated secretaries head as well; never all by construction
  CHECK(push.county(v, 0, after) > 0.85);
  CHECK(push.county(v, 0, after) > push.county(v, 0, nov) + 0.05);
  CHECK(base.county(v, 0, after) == Approx(0.384).margin(0.08));
}

TEST_CASE("without a vote the 一肩挑 push changes nothing", "[models][committee]") {
  // No election in the run, no adjustments, no quits (a quit is a by-election) and no mergers (a
  // merged village elects its committee): the nomination alone sets no share.
  RunResult r = test::run_with(
      18, {"committee.yijianti_nomination_village=1", "committee.first_election_year=2030",
           "committee.yijianti_adjustment_rate=0", "committee.quit_base=0", "mergers.villages_kept_plain=1",
           "mergers.villages_kept_hill=1", "mergers.villages_kept_mountain=1", "mergers.villages_kept_sparse=1"});
  RunResult b =
      test::run_with(18, {"committee.first_election_year=2030", "committee.yijianti_adjustment_rate=0",
                          "committee.quit_base=0", "mergers.villages_kept_plain=1", "mergers.villages_kept_hill=1",
                          "mergers.villages_kept_mountain=1", "mergers.villages_kept_sparse=1"});
  const IndicatorId v = test::indicator("yijianti_rate_village");
  // only by-elections for vacant posts (integrity removals) can differ: a few of the default county's 98
  // villages (the margin was 0.05 until issue 17, whose hotline and complaints moved one by-election past it)
  CHECK(r.county(v, 0, 17) < b.county(v, 0, 17) + 0.07);
}

TEST_CASE("trust of residents decides 一肩挑 votes", "[models][committee]") {
  // trust above the reference wins more head posts, below it fewer (same draws)
  RunResult low = test::run_with(18, {"committee.yijianti_nomination_village=1", "committee.yijianti_win_trust=2",
                                      "committee.reference_trust=0.7"});
  RunResult high = test::run_with(18, {"committee.yijianti_nomination_village=1", "committee.yijianti_win_trust=2",
                                       "committee.reference_trust=0.5"});
  const IndicatorId v = test::indicator("yijianti_rate_village");
  CHECK(high.county(v, 0, month_index(high, 2021, 3)) > low.county(v, 0, month_index(low, 2021, 3)) + 0.1);
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
  CHECK(test::county_mean(yearly, "training_coverage") > 0.8);
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

TEST_CASE("openness is effort towards the requirement", "[models][committee]") {
  // A requirement of 100% is not met by setting it: practice follows the committees' effort.
  RunResult req = test::run_with(36, {"committee.openness_target=1", "committee.consultation_target=0.9"});
  const IndicatorId o = test::indicator("openness"), c = test::indicator("consultation_practice");
  RunResult base = test::run_with(36, {});
  CHECK(req.county(o, 0, 35) < 0.99);
  CHECK(req.county(o, 0, 35) > base.county(o, 0, 35) + 0.1);
  CHECK(req.county(c, 0, 35) < 0.9 * 0.99);
  // supervision (enforcement) raises it, pushed-down work lowers it, residents' distrust raises it (same draws)
  RunResult sup = test::run_with(36, {"committee.supervision=0.9"});
  RunResult busy = test::run_with(36, {"committee.tasks_per_village=40"});
  RunResult demand = test::run_with(36, {"committee.effort_demand=0", "committee.reference_trust=0.9"});
  RunResult pressed = test::run_with(36, {"committee.effort_demand=0.6", "committee.reference_trust=0.9"});
  CHECK(sup.county(o, 0, 35) > base.county(o, 0, 35) + 0.05);
  CHECK(busy.county(o, 0, 35) < base.county(o, 0, 35) - 0.05);
  CHECK(pressed.county(o, 0, 35) > demand.county(o, 0, 35) + 0.05);
  CHECK(sup.county(c, 0, 35) > base.county(c, 0, 35) + 0.02);
}

TEST_CASE("training rounds are staggered and busy secretaries miss them", "[models][committee]") {
  // (no election in the window: new secretaries are trained on taking office)
  RunResult r = test::run_with(36, {"committee.first_election_year=2030"});
  const IndicatorId t = test::indicator("training_coverage");
  // a synchronised cycle would swing coverage between about 0 and 1 every 12 months
  double lo = 1, hi = 0;
  for (size_t m = 15; m < 36; ++m) lo = std::min(lo, r.county(t, 0, m)), hi = std::max(hi, r.county(t, 0, m));
  CHECK(hi - lo < 0.15);
  RunResult busy = test::run_with(36, {"committee.first_election_year=2030", "committee.tasks_per_village=40"});
  CHECK(test::county_mean(busy, "training_coverage") < test::county_mean(r, "training_coverage") - 0.05);
}

TEST_CASE("pushed-down work follows the villages absorbed and the residents", "[models][committee]") {
  // The 2020 consolidation halves the committees but not the work: unfunded mandates are the same
  // whether or not villages merge (same population under common random numbers).
  // (the townships' missing staff, which the mergers' cadre pay moves, set aside)
  RunResult merged = test::run_with(14, {"committee.push_down_shortfall=0"});
  RunResult kept = test::run_with(
      14, {"committee.push_down_shortfall=0", "mergers.villages_kept_plain=1", "mergers.villages_kept_hill=1",
           "mergers.villages_kept_mountain=1", "mergers.villages_kept_sparse=1"});
  const IndicatorId u = test::indicator("unfunded_mandates"), vil = test::indicator("villages");
  CHECK(merged.county(vil, 0, 13) < 0.8 * kept.county(vil, 0, 13));
  CHECK(merged.county(u, 0, 13) == Approx(kept.county(u, 0, 13)).epsilon(1e-4));
  // and more residents bring more tasks
  RunResult more = test::run_with(14, {"committee.push_down_shortfall=0", "committee.tasks_per_1000_residents=9"});

  CHECK(more.county(u, 0, 13) > 1.2 * merged.county(u, 0, 13));
}

namespace {
double sum_between(const RunResult& r, const char* name, size_t a, size_t b) {
  return mean_between(r, name, a, b) * static_cast<double>(b - a + 1);
}
}  // namespace

TEST_CASE("residents trust returns incumbents at the general election", "[models][committee]") {
  // Trust moved by its base level (same draws); reserve recruitment kept blind to trust.
  auto defeated = [](const char* trust_base, const char* reelect_trust) {
    RunResult r = test::run_with(16, {trust_base, reelect_trust, "committee.reserve_trust=0"});
    const size_t m = month_index(r, 2021, 3);
    return mean_between(r, "secretaries_defeated", m, m);
  };
  const double wary = defeated("perceptions.trust_base=-0.1", "committee.reelect_trust=1.5");
  const double trusting = defeated("perceptions.trust_base=0.5", "committee.reelect_trust=1.5");
  CHECK(wary > trusting + 15);
  // without the link the same trust gap hardly changes the vote
  const double wary0 = defeated("perceptions.trust_base=-0.1", "committee.reelect_trust=0");
  const double trusting0 = defeated("perceptions.trust_base=0.5", "committee.reelect_trust=0");
  CHECK(std::fabs(wary0 - trusting0) < 0.3 * (wary - trusting));
}

TEST_CASE("the 2021 pay floor keeps secretaries in post", "[models][committee]") {
  // Pay relative to local incomes: the floor roughly doubles it from 2021 (same draws).
  auto quits = [](const char* floor, const char* elasticity) {
    RunResult r = test::run_with(72, {floor, elasticity, "committee.reserve_pay_elasticity=0",
                                      "committee.quality_pay=0", "integrity.pay_elasticity=0"});
    return sum_between(r, "secretaries_quit", month_index(r, 2021, 1), month_index(r, 2025, 12));
  };
  const double with = quits("township.pay_floor_2021=true", "committee.quit_pay_elasticity=1");
  const double without = quits("township.pay_floor_2021=false", "committee.quit_pay_elasticity=1");
  CHECK(without > 1.4 * with);
  const double with0 = quits("township.pay_floor_2021=true", "committee.quit_pay_elasticity=0");
  const double without0 = quits("township.pay_floor_2021=false", "committee.quit_pay_elasticity=0");
  CHECK(std::fabs(without0 - with0) < 0.3 * (without - with));
}

TEST_CASE("better pay and more trust recruit more reserve cadres", "[models][committee]") {
  auto reserves = [](std::initializer_list<const char*> sets) {
    RunResult r = test::run_with(60, sets);
    return mean_between(r, "reserve_cadres_per_village", month_index(r, 2021, 6), month_index(r, 2024, 12));
  };
  // pay: the 2021 floor against none (quits kept blind to pay, reserves room to grow)
  const double paid =
      reserves({"township.pay_floor_2021=true", "committee.quit_pay_elasticity=0", "committee.reserve_target=3"});
  const double unpaid =
      reserves({"township.pay_floor_2021=false", "committee.quit_pay_elasticity=0", "committee.reserve_target=3"});
  CHECK(paid > unpaid + 0.2);
  const double paid0 = reserves({"township.pay_floor_2021=true", "committee.quit_pay_elasticity=0",
                                 "committee.reserve_target=3", "committee.reserve_pay_elasticity=0"});
  const double unpaid0 = reserves({"township.pay_floor_2021=false", "committee.quit_pay_elasticity=0",
                                   "committee.reserve_target=3", "committee.reserve_pay_elasticity=0"});
  CHECK(std::fabs(paid0 - unpaid0) < 0.3 * (paid - unpaid));
  // trust: residents step forward for a committee they trust (the vote kept blind to trust)
  const double trusted =
      reserves({"perceptions.trust_base=0.5", "committee.reelect_trust=0", "committee.reserve_target=3"});
  const double distrusted =
      reserves({"perceptions.trust_base=-0.1", "committee.reelect_trust=0", "committee.reserve_target=3"});
  CHECK(trusted > distrusted + 0.2);
}

TEST_CASE("better pay draws better candidates at the election", "[models][committee]") {
  // Same candidates' draws; pay level doubled (reserves and quits kept blind to pay).
  auto gain = [](const char* level, const char* quality_pay) {
    RunResult r = test::run_with(30, {level, quality_pay, "committee.reserve_pay_elasticity=0",
                                      "committee.quit_pay_elasticity=0", "integrity.pay_elasticity=0"});
    const size_t before = month_index(r, 2021, 2), after = month_index(r, 2021, 3);
    return mean_between(r, "committee_capability", after, after + 6) -
           mean_between(r, "committee_capability", before - 3, before);
  };
  const double rich = gain("township.cadre_pay_level=2", "committee.quality_pay=0.3");
  const double poor = gain("township.cadre_pay_level=1", "committee.quality_pay=0.3");
  CHECK(rich > poor + 0.01);
  const double rich0 = gain("township.cadre_pay_level=2", "committee.quality_pay=0");
  const double poor0 = gain("township.cadre_pay_level=1", "committee.quality_pay=0");
  CHECK(std::fabs(rich0 - poor0) < 0.3 * (rich - poor));
}

TEST_CASE("reserve cadres fill vacant posts sooner", "[models][committee]") {
  // Many quits; with reserves a vacancy is filled next month, without them it waits for an outsider.
  auto vacancy = [](std::initializer_list<const char*> sets) {
    return test::county_mean(test::run_with(36, sets), "secretary_vacancy_share");
  };
  const double bare = vacancy({"committee.quit_base=0.05", "committee.reserve_target=0"});
  const double stocked =
      vacancy({"committee.quit_base=0.05", "committee.reserve_target=4", "committee.reserve_recruit_rate=0.8"});
  CHECK(bare > 1.3 * stocked);
  // if outsiders came as fast as reserves, reserves would not matter
  const double bare1 =
      vacancy({"committee.quit_base=0.05", "committee.reserve_target=0", "committee.outsider_fill_rate=1"});
  CHECK(bare > 1.3 * bare1);
  // and a vacant post costs the committee rung capacity: fewer cases settled in the village
  RunResult weak =
      test::run_with(36, {"committee.quit_base=0.05", "committee.reserve_target=0", "committee.vacancy_capacity=0.2"});
  RunResult whole =
      test::run_with(36, {"committee.quit_base=0.05", "committee.reserve_target=0", "committee.vacancy_capacity=1"});
  CHECK(test::county_mean(weak, "settled_in_village_share") < test::county_mean(whole, "settled_in_village_share"));
}

TEST_CASE("the election calendar is shared by the committees and the lever costs", "[models][committees]") {
  // every term from the first election year, in the election month only
  CHECK(model::elections::general(2021, 3, 2021, 5, 3));
  CHECK(model::elections::general(2026, 3, 2021, 5, 3));
  CHECK_FALSE(model::elections::general(2026, 4, 2021, 5, 3));
  CHECK_FALSE(model::elections::general(2024, 3, 2021, 5, 3));
  CHECK_FALSE(model::elections::general(2016, 3, 2021, 5, 3));  // none before the first
  CHECK(model::elections::general(2023, 3, 2021, 1, 3));
}

namespace {
// At the end of a run: the share of unfunded tasks refused, over units of the top and the bottom half of
// capability, and the county's pushed-down tasks.
struct Refusals {
  double top = 0, bottom = 0, all = 0, tasks = 0;
};
Refusals refusals(std::initializer_list<const char*> sets, int months = 14) {
  Scenario s = test::short_default(months);
  for (const char* a : sets) apply_override(s, a);
  Refusals out;
  RunOptions o;
  o.threads = 2;
  o.inspect = [&](const World& w, Month, uint32_t) {
    const auto& cap = w.units().get<float>("capability");
    const auto& refused = w.units().get<float>("tasks_refused");
    const auto& pushed = w.units().get<float>("tasks_pushed");
    std::vector<float> sorted(cap.begin(), cap.end());
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const float median = sorted[sorted.size() / 2];
    double rt = 0, pt = 0, rb = 0, pb = 0;
    out = Refusals{};
    for (size_t u = 0; u < cap.size(); ++u) {
      (cap[u] >= median ? rt : rb) += refused[u];
      (cap[u] >= median ? pt : pb) += pushed[u];
      out.tasks += pushed[u];
    }
    out.top = rt / pt, out.bottom = rb / pb, out.all = (rt + rb) / (pt + pb);
  };
  run_scenario(s, o);
  return out;
}
}  // namespace

TEST_CASE("the admission list sticks with capable committees and gives way under assessment pressure",
          "[models][committee]") {
  // paired, same draws: the share of tasks refused is higher where committees are more capable, and only then
  const Refusals base = refusals({"committee.admission_refusal=0.6"});
  const Refusals flat = refusals({"committee.admission_refusal=0.6", "committee.refusal_capability=0"});
  CHECK(base.top > 1.05 * base.bottom);
  CHECK(flat.top == Approx(flat.bottom).epsilon(0.02));
  // a stricter petition score presses townships (assessment.cpp): fewer refusals stick, unless pressure does not count
  const Refusals veto = refusals({"committee.admission_refusal=0.6", "assessment.petitions_reference=20"}, 26);
  const Refusals calm = refusals({"committee.admission_refusal=0.6"}, 26);
  const Refusals veto_free = refusals(
      {"committee.admission_refusal=0.6", "assessment.one_vote_veto=true", "committee.refusal_pressure=0"}, 26);
  CHECK(veto.all < 0.97 * calm.all);
  CHECK(veto_free.all > veto.all);
}

TEST_CASE("townships short of staff push more work down to the committees", "[models][committee]") {
  // A low grassroots share leaves more townships' posts unfunded (township_finance.cpp): they push more tasks down,
  // and the unfunded mandates the committees accept rise with them; with the link removed the squeeze does not.
  const RunResult rich = test::run_with(24, {"budget.grassroots_share=0.1"});
  const RunResult poor = test::run_with(24, {"budget.grassroots_share=0.015"});
  const RunResult poor_unlinked =
      test::run_with(24, {"budget.grassroots_share=0.015", "committee.push_down_shortfall=0"});
  const RunResult rich_unlinked =
      test::run_with(24, {"budget.grassroots_share=0.1", "committee.push_down_shortfall=0"});
  REQUIRE(test::mean_from(poor, "township_staff_funded_share", 12) <
          test::mean_from(rich, "township_staff_funded_share", 12) - 0.03);
  const double linked = test::mean_from(poor, "unfunded_mandates", 12) / test::mean_from(rich, "unfunded_mandates", 12);
  const double unlinked =
      test::mean_from(poor_unlinked, "unfunded_mandates", 12) / test::mean_from(rich_unlinked, "unfunded_mandates", 12);
  CHECK(linked > 1.02);
  CHECK(linked > unlinked + 0.02);
  CHECK(test::mean_from(poor, "committee_workload", 12) > test::mean_from(rich, "committee_workload", 12));
}
