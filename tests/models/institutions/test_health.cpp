// Behaviour tests of models/institutions/health.cpp (village clinics and township health centres, 004 §14) and
// models/institutions/social_work.cpp (social workers per community, 001 §50). Paired runs: the same seed and
// arrivals, one parameter changed.
#include <catch2/catch.hpp>

#include "govsim/ledger.hpp"
#include "models/behaviour.hpp"

using namespace govsim;

using test::FlowMoney;

TEST_CASE("staffed village clinics meet service requests of elders sooner", "[models][health][ladder]") {
  const RunResult base = test::run_with(24, {});
  const RunResult none = test::run_with(24, {"health.doctors_per_clinic=0"});
  const RunResult more = test::run_with(24, {"health.doctors_per_clinic=2"});
  const RunResult nolink = test::run_with(24, {"health.cases_per_doctor=0"});  // doctors paid, no capacity
  CHECK(test::county_mean(none, "village_doctors_per_village") == 0);
  CHECK(test::county_mean(base, "village_doctors_per_village") > 0.7);
  const double wait = test::county_mean(base, "elder_service_wait");
  INFO("elders' service wait: no doctors " << test::county_mean(none, "elder_service_wait") << ", one post " << wait
                                           << ", two " << test::county_mean(more, "elder_service_wait")
                                           << ", doctors without capacity "
                                           << test::county_mean(nolink, "elder_service_wait"));
  CHECK(test::county_mean(none, "elder_service_wait") > wait + 0.05);
  CHECK(test::county_mean(nolink, "elder_service_wait") > wait + 0.05);
  CHECK(test::county_mean(more, "elder_service_wait") < wait);
  CHECK(test::county_mean(none, "satisfaction_60_plus") < test::county_mean(base, "satisfaction_60_plus"));
  // the link removed, the doctors change nothing for elders (but their cost to the county's departments)
  CHECK(test::county_mean(nolink, "elder_service_wait") ==
        Approx(test::county_mean(none, "elder_service_wait")).epsilon(0.01));
  // an unstaffed township health centre leaves its village doctors less capacity
  const RunResult no_centres = test::run_with(24, {"health.centre_staff_per_10k=0", "health.centre_backup=1"});
  CHECK(test::county_mean(no_centres, "elder_service_wait") > wait + 0.05);
}

TEST_CASE("health staff vacancy rises with attrition and falls with recruitment and money", "[models][health]") {
  const RunResult base = test::run_with(24, {});
  const RunResult leaving = test::run_with(24, {"health.attrition=0.03"});
  const RunResult recruited = test::run_with(24, {"health.recruitment_scale=2"});
  const double v = test::county_mean(base, "health_staff_vacancy_rate");
  INFO("vacancy: base " << v << ", attrition 0.03 " << test::county_mean(leaving, "health_staff_vacancy_rate")
                        << ", recruitment x2 " << test::county_mean(recruited, "health_staff_vacancy_rate"));
  CHECK(v > 0.02);
  CHECK(v < 0.2);
  CHECK(test::county_mean(leaving, "health_staff_vacancy_rate") > v + 0.03);
  CHECK(test::county_mean(recruited, "health_staff_vacancy_rate") < v);
  CHECK(test::county_mean(leaving, "clinic_coverage") < test::county_mean(base, "clinic_coverage"));
  // mountain posts are harder to fill: plain fill rates everywhere lower the vacancy
  const RunResult easy =
      test::run_with(24, {"health.fill_hill=0.25", "health.fill_mountain=0.25", "health.fill_sparse=0.25"});
  CHECK(test::county_mean(easy, "health_centre_vacancy_rate") < test::county_mean(base, "health_centre_vacancy_rate"));
  // a county that cannot pay funds fewer posts: vacancy rises
  const RunResult broke = test::run_with(24, {"budget.spending_per_resident=30"});
  CHECK(test::county_mean(broke, "health_staff_vacancy_rate") > v + 0.1);
}

TEST_CASE("clinics are built from county money towards the target and the county pays for health",
          "[models][health][ledger]") {
  const RunResult built = test::run_with(36, {"health.initial_clinic_share=0"}, 0);
  const RunResult unfunded =
      test::run_with(36, {"health.initial_clinic_share=0", "budget.spending_per_resident=30"}, 0);
  const RunResult none = test::run_with(36, {"health.initial_clinic_share=0", "health.clinic_target=0"}, 0);
  const size_t last = built.months.size() - 1;
  INFO("coverage at 36 months: built " << test::at(built, "clinic_coverage", last) << ", unaffordable "
                                       << test::at(unfunded, "clinic_coverage", last));
  CHECK(test::at(built, "clinic_coverage", 0) < 0.05);
  CHECK(test::at(built, "clinic_coverage", last) > 0.5);
  CHECK(test::at(unfunded, "clinic_coverage", last) < 0.05);
  CHECK(test::at(none, "clinic_coverage", last) < 0.05);
  CHECK(test::county_mean(built, "health_cost_per_resident") > test::county_mean(none, "health_cost_per_resident"));
  // in the ledger: its own flow, paid by the county; more posts cost more; the accounts still balance
  const FlowMoney base = test::county_flow_money("health_services", {}),
                  doubled = test::county_flow_money("health_services", {"health.doctors_per_clinic=2"}),
                  nothing = test::county_flow_money("health_services",
                                                    {"health.doctors_per_clinic=0", "health.clinic_running=0",
                                                     "health.centre_staff_per_10k=0", "health.clinic_target=0"});
  CHECK(base.paid > 0);
  CHECK(doubled.paid > base.paid);
  CHECK(nothing.paid == 0);
  CHECK(base.balanced);
  CHECK(doubled.balanced);
}

TEST_CASE("social workers meet service requests of vulnerable residents first", "[models][social_work][ladder]") {
  const RunResult base = test::run_with(24, {});
  const RunResult none = test::run_with(24, {"social_work.posts_per_community=0"});
  const RunResult more = test::run_with(24, {"social_work.posts_per_community=3"});
  const RunResult nolink = test::run_with(24, {"social_work.cases_per_worker=0"});  // paid, no capacity
  CHECK(test::county_mean(none, "social_workers_per_community") == 0);
  const double wait = test::county_mean(base, "vulnerable_service_wait");
  INFO("vulnerable residents' service wait: none "
       << test::county_mean(none, "vulnerable_service_wait") << ", one post " << wait << ", three "
       << test::county_mean(more, "vulnerable_service_wait") << ", without capacity "
       << test::county_mean(nolink, "vulnerable_service_wait"));
  CHECK(test::county_mean(none, "vulnerable_service_wait") > wait + 0.01);
  CHECK(test::county_mean(nolink, "vulnerable_service_wait") > wait + 0.01);
  CHECK(test::county_mean(more, "vulnerable_service_wait") < wait);
  CHECK(test::county_mean(base, "vulnerable_service_resolution_rate") >=
        test::county_mean(none, "vulnerable_service_resolution_rate"));
  // the link removed: no difference for vulnerable residents
  CHECK(test::county_mean(nolink, "vulnerable_service_wait") ==
        Approx(test::county_mean(none, "vulnerable_service_wait")).epsilon(0.005));
}

TEST_CASE("social-work posts are filled by hiring and the county pays for them", "[models][social_work][ledger]") {
  const RunResult base = test::run_with(24, {}, 0);
  const RunResult leaving = test::run_with(24, {"social_work.attrition=0.1"}, 0);
  const double share = test::county_mean(base, "communities_with_social_worker_share");
  INFO("communities with a social worker: base " << share << ", attrition 0.1 "
                                                 << test::county_mean(leaving, "communities_with_social_worker_share"));
  CHECK(share > 0.6);
  CHECK(share < 1.0);  // hiring lags attrition: the 001 §50 target is an outcome, not the lever
  CHECK(test::county_mean(leaving, "communities_with_social_worker_share") < share - 0.1);
  // the first months fill the posts from the starting half
  CHECK(test::at(base, "communities_with_social_worker_share", 0) <
        test::at(base, "communities_with_social_worker_share", 12));
  const FlowMoney paid = test::county_flow_money("social_work", {}),
                  doubled = test::county_flow_money("social_work", {"social_work.posts_per_community=2"}),
                  nothing = test::county_flow_money("social_work", {"social_work.posts_per_community=0"});
  CHECK(paid.paid > 0);
  CHECK(doubled.paid > paid.paid);
  CHECK(nothing.paid == 0);
  CHECK(paid.balanced);
  CHECK(doubled.balanced);
}
