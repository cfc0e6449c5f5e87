// Behaviour tests of models/backbone/grid_workers.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"
#include "backbone/cases.hpp"
#include "backbone/grid_cost.hpp"

using namespace govsim;

TEST_CASE("fewer households per grid worker: more discovery and detection and better outcomes", "[models][grid]") {
  RunResult base = test::run_with(36, {});
  RunResult dense = test::run_with(36, {"grid.households_per_worker=250"});
  RunResult thin = test::run_with(36, {"grid.households_per_worker=1200"});
  // the budget binds before the lever does (the task money of merged villages is not freed)
  CHECK(test::county_mean(dense, "households_per_grid_worker") <
        0.75 * test::county_mean(base, "households_per_grid_worker"));
  CHECK(test::county_mean(thin, "households_per_grid_worker") > 700);  // at least one worker per unit
  for (const char* n :
       {"hazard_detection_rate", "dispute_resolution_rate", "settled_in_village_share", "satisfaction_mean"}) {
    INFO(n);
    CHECK(test::county_mean(dense, n) > test::county_mean(base, n));
    CHECK(test::county_mean(base, n) > test::county_mean(thin, n));
  }
  CHECK(test::county_mean(dense, "mean_wait_months") < test::county_mean(thin, "mean_wait_months"));
  CHECK(test::county_mean(dense, "incidents") < test::county_mean(thin, "incidents"));
}

TEST_CASE("a shorter training cycle keeps workers better trained and finding more", "[models][grid]") {
  RunResult yearly = test::run_with(48, {"grid.training_cycle_months=12"});
  RunResult rare = test::run_with(48, {"grid.training_cycle_months=60"});
  CHECK(test::county_mean(yearly, "grid_training_level") > test::county_mean(rare, "grid_training_level") + 0.1);
  CHECK(test::county_mean(yearly, "hazard_detection_rate") > test::county_mean(rare, "hazard_detection_rate"));
}

TEST_CASE("grid training rounds are staggered across units", "[models][grid]") {
  // One round for every unit in the same month would make the county's training level (and hazard
  // detection) swing with the cycle; cohorts keep the county level nearly flat.
  RunResult r = test::run_with(48, {"grid.training_cycle_months=24"});
  const IndicatorId t = test::indicator("grid_training_level");
  double lo = 1, hi = 0;
  for (size_t m = 0; m < 48; ++m) lo = std::min(lo, r.county(t, 0, m)), hi = std::max(hi, r.county(t, 0, m));
  CHECK(hi - lo < 0.1);
  CHECK(lo > 0.3);
}

// ---- grid workers as a workforce (issue 16): quits, hires, layoffs, tenure, the time budget

namespace {
using test::mean_from;
double sum_over(const RunResult& r, const char* name, size_t from, size_t to) {
  const IndicatorId id = test::indicator(name);
  double s = 0;
  for (size_t m = from; m < to; ++m) s += r.county(id, 0, m);
  return s;
}
}  // namespace

TEST_CASE("a heavier grid workload raises grid-worker quits", "[models][grid][workforce]") {
  // Fewer cases per worker-month of case hours: the same cases are a heavier load on the grid rung.
  RunResult light = test::run_with(24, {});
  RunResult heavy = test::run_with(24, {"ladder.grid_cases_per_worker=10"});
  CHECK(test::county_mean(heavy, "grid_workload") > 2 * test::county_mean(light, "grid_workload"));
  CHECK(test::county_mean(heavy, "grid_turnover") > 1.2 * test::county_mean(light, "grid_turnover"));
  CHECK(test::county_mean(heavy, "grid_mean_tenure_months") < test::county_mean(light, "grid_mean_tenure_months"));
  CHECK(test::county_mean(heavy, "grid_vacancy_share") > test::county_mean(light, "grid_vacancy_share"));
}

TEST_CASE("grid pay below the local wage raises quits and vacancies", "[models][grid][workforce]") {
  RunResult base = test::run_with(24, {});
  RunResult dear_wage = test::run_with(24, {"grid.local_wage_multiple=3"});  // the same pay, a higher local wage
  RunResult low_pay = test::run_with(24, {"grid.pay=1500"});
  for (const RunResult* r : {&dear_wage, &low_pay}) {
    CHECK(test::county_mean(*r, "grid_turnover") > 1.3 * test::county_mean(base, "grid_turnover"));
    CHECK(test::county_mean(*r, "grid_vacancy_share") > test::county_mean(base, "grid_vacancy_share"));
    CHECK(test::county_mean(*r, "grid_mean_tenure_months") < test::county_mean(base, "grid_mean_tenure_months"));
  }
  // better pay keeps workers longer
  RunResult high_pay = test::run_with(24, {"grid.pay=4000"});
  CHECK(test::county_mean(high_pay, "grid_turnover") < 0.8 * test::county_mean(base, "grid_turnover"));
}

TEST_CASE("experience raises discovery and high turnover discovers less", "[models][grid][workforce]") {
  // the same workers and hours; experience builds fast or slowly
  RunResult quick = test::run_with(24, {"grid.experience_months=2"});
  RunResult slow = test::run_with(24, {"grid.experience_months=60"});
  CHECK(test::county_mean(quick, "grid_discovery_rate") > 1.05 * test::county_mean(slow, "grid_discovery_rate"));
  CHECK(test::county_mean(quick, "grid_patrol_hours_per_household") ==
        Approx(test::county_mean(slow, "grid_patrol_hours_per_household")));
  // high turnover with posts refilled at once: as many hours, less experience (and training) on the round
  const char* fast_fill = "grid.months_to_fill=0.05";
  RunResult stable = test::run_with(36, {fast_fill});
  RunResult churn = test::run_with(36, {fast_fill, "grid.quit_base=0.08"});
  CHECK(test::county_mean(churn, "grid_mean_tenure_months") <
        0.5 * test::county_mean(stable, "grid_mean_tenure_months"));
  CHECK(test::county_mean(churn, "grid_patrol_hours_per_household") >
        0.97 * test::county_mean(stable, "grid_patrol_hours_per_household"));
  CHECK(mean_from(churn, "grid_discovery_rate", 12) < 0.95 * mean_from(stable, "grid_discovery_rate", 12));
  CHECK(mean_from(churn, "hazard_detection_rate", 12) < mean_from(stable, "hazard_detection_rate", 12));
  // the loss is experience's (with no experience effect and hires fully trained, churn costs little discovery)
  RunResult churn_flat =
      test::run_with(36, {fast_fill, "grid.quit_base=0.08", "grid.experience_effect=0", "grid.induction_level=1"});
  RunResult stable_flat = test::run_with(36, {fast_fill, "grid.experience_effect=0", "grid.induction_level=1"});
  CHECK(mean_from(churn_flat, "grid_discovery_rate", 12) > 0.98 * mean_from(stable_flat, "grid_discovery_rate", 12));
}

TEST_CASE("part-time grid posts cost less and give fewer hours", "[models][grid][workforce]") {
  using govsim::model::grid_cost::per_post;
  CHECK(per_post(2500, 0.3, 0, 0.3) == Approx(3250));
  CHECK(per_post(2500, 0.3, 1, 0.3) == Approx(975));
  CHECK(per_post(2500, 0.3, 0.5, 0.3) < per_post(2500, 0.3, 0.2, 0.3));
  CHECK(per_post(2500, 0.3, 0.5, 0.6) > per_post(2500, 0.3, 0.5, 0.3));
  RunResult full = test::run_with(18, {"grid.part_time_share=0"});
  RunResult part = test::run_with(18, {"grid.part_time_share=0.6"});
  CHECK(test::county_mean(part, "spending_grid_per_resident") <
        0.8 * test::county_mean(full, "spending_grid_per_resident"));
  CHECK(test::county_mean(part, "grid_workers") == Approx(test::county_mean(full, "grid_workers")).epsilon(0.02));
  CHECK(test::county_mean(part, "grid_patrol_hours_per_household") <
        0.7 * test::county_mean(full, "grid_patrol_hours_per_household"));
  CHECK(test::county_mean(part, "grid_discovery_rate") < test::county_mean(full, "grid_discovery_rate"));
  CHECK(test::county_mean(part, "grid_workload") > test::county_mean(full, "grid_workload"));
}

TEST_CASE("proxy services and information tasks take hours from discovery", "[models][grid][workforce]") {
  RunResult base = test::run_with(18, {});
  RunResult proxy = test::run_with(18, {"grid.proxy_hours_per_elder=0.4"});
  RunResult forms = test::run_with(18, {"grid.information_share=0.5"});
  for (const RunResult* r : {&proxy, &forms}) {
    CHECK(test::county_mean(*r, "grid_patrol_hours_per_household") <
          0.8 * test::county_mean(base, "grid_patrol_hours_per_household"));
    CHECK(test::county_mean(*r, "grid_discovery_rate") < 0.9 * test::county_mean(base, "grid_discovery_rate"));
    CHECK(test::county_mean(*r, "hazard_detection_rate") < test::county_mean(base, "hazard_detection_rate"));
    CHECK(test::county_mean(*r, "grid_workload") > test::county_mean(base, "grid_workload"));  // fewer case hours
  }
  // fewer proxy hours leave more for patrol
  RunResult none = test::run_with(18, {"grid.proxy_hours_per_elder=0"});
  CHECK(test::county_mean(none, "grid_discovery_rate") > test::county_mean(base, "grid_discovery_rate"));
}

TEST_CASE("the grid rung of the ladder works with the case hours of the time budget", "[models][grid][workforce]") {
  // half the case capacity per case hour; quits kept off workload, so patrol and discovery stay the same
  // (and money to spare: longer waits raise petitions, the assessment's pressure and the townships' staffing,
  // which would otherwise cut grid posts where a township is short)
  const char* no_loop = "grid.quit_workload_effect=0";
  const char* money = "budget.grassroots_share=0.1";
  RunResult base = test::run_with(24, {no_loop, money});
  RunResult thin = test::run_with(24, {no_loop, money, "grid.case_hours_reference=60"});
  CHECK(test::county_mean(thin, "grid_discovery_rate") == Approx(test::county_mean(base, "grid_discovery_rate")));
  CHECK(test::county_mean(thin, "grid_workload") > 1.8 * test::county_mean(base, "grid_workload"));
  CHECK(test::county_mean(thin, "mean_wait_months") > test::county_mean(base, "mean_wait_months"));
}

TEST_CASE("grid money halved lays off grid workers and vacancies rise", "[models][grid][workforce]") {
  RunResult base = test::run_with(48, {});
  RunResult cut = test::run_with(48, {"budget.transfer_factor={2023 = 0.5}"});
  CHECK(sum_over(cut, "grid_layoffs", 36, 48) > sum_over(base, "grid_layoffs", 36, 48) + 10);
  CHECK(sum_over(cut, "grid_layoffs", 0, 36) == sum_over(base, "grid_layoffs", 0, 36));  // nothing before 2023
  CHECK(mean_from(cut, "grid_vacancy_share", 40) > mean_from(base, "grid_vacancy_share", 40) + 0.05);
  CHECK(mean_from(cut, "grid_workers", 40) < 0.9 * mean_from(base, "grid_workers", 40));
}

TEST_CASE("grid workers in post change by hires minus quits minus layoffs in every unit", "[models][grid][workforce]") {
  // 2020-01 to 2020-07 (before the village mergers), with a budget cut from March so that layoffs happen too
  RunResult r = test::run_with(7, {"budget.transfer_factor={\"2020-03\" = 0.2}"});
  REQUIRE(r.has_unit_values());
  const IndicatorId workers = test::indicator("grid_workers"), hires = test::indicator("grid_hires"),
                    quits = test::indicator("grid_quits"), layoffs = test::indicator("grid_layoffs");
  double all_hires = 0, all_quits = 0, all_layoffs = 0;
  int checked = 0, wrong = 0;
  for (size_t m = 1; m < r.months.size(); ++m)
    for (size_t u = 0; u < r.n_units(); ++u) {
      const double change = r.unit(workers, 0, m, u) - r.unit(workers, 0, m - 1, u);
      const double flows = r.unit(hires, 0, m, u) - r.unit(quits, 0, m, u) - r.unit(layoffs, 0, m, u);
      wrong += std::fabs(change - flows) > 1e-4 * std::max(1.0, r.unit(workers, 0, m - 1, u));
      CHECK(r.unit(hires, 0, m, u) >= 0);
      CHECK(r.unit(quits, 0, m, u) >= 0);
      CHECK(r.unit(layoffs, 0, m, u) >= 0);
      all_hires += r.unit(hires, 0, m, u), all_quits += r.unit(quits, 0, m, u);
      all_layoffs += r.unit(layoffs, 0, m, u);
      ++checked;
    }
  CHECK(wrong == 0);
  CHECK(checked > 100);
  CHECK(all_hires > 0);  // every flow happened somewhere
  CHECK(all_quits > 0);
  CHECK(all_layoffs > 0);
}

TEST_CASE("tasks the admission system refuses free grid hours for patrol", "[models][grid]") {
  // 001 §37: items sent down to the grid pass an admission check; refused ones leave the workers' information hours
  const RunResult base = test::run_with(24, {});
  const RunResult refuse = test::run_with(24, {"committee.admission_refusal=1"});
  CHECK(mean_from(refuse, "grid_patrol_hours_per_household", 6) >
        1.02 * mean_from(base, "grid_patrol_hours_per_household", 6));
  CHECK(mean_from(refuse, "grid_discovery_rate", 6) > mean_from(base, "grid_discovery_rate", 6));
  // the link removed: refusing tasks frees far fewer of the grid's hours (what is left comes through the township's
  // mediation and the cases the grid then works)
  const RunResult base0 = test::run_with(24, {"grid.information_task_share=0"});
  const RunResult refuse0 = test::run_with(24, {"grid.information_task_share=0", "committee.admission_refusal=1"});
  const double gain =
      mean_from(refuse, "grid_patrol_hours_per_household", 6) - mean_from(base, "grid_patrol_hours_per_household", 6);
  const double gain0 =
      mean_from(refuse0, "grid_patrol_hours_per_household", 6) - mean_from(base0, "grid_patrol_hours_per_household", 6);
  WARN("patrol hours gained by refusing tasks: " << gain << " with the link, " << gain0 << " without");
  CHECK(std::abs(gain0) < 0.25 * gain);
}
