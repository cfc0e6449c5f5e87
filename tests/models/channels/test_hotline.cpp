// Behaviour tests of models/channels/hotline.cpp (the 12345 hotline as an intake channel). Paired runs: the same
// seed and arrivals, one parameter changed.
#include <catch2/catch.hpp>

#include "govsim/ledger.hpp"
#include "models/behaviour.hpp"

using namespace govsim;

namespace {
// What the county paid the hotline's operators over a run, and whether every account balances by purpose.
using HotlineMoney = test::FlowMoney;
HotlineMoney hotline_money(std::initializer_list<const char*> sets) {
  return test::county_flow_money("hotline_operators", sets);
}
}  // namespace

TEST_CASE("the hotline raises the share of cases reported and the county pays for it", "[models][hotline][ledger]") {
  RunResult on = test::run_with(12, {});
  RunResult off = test::run_with(12, {"hotline.enabled=false"});
  CHECK(test::county_mean(off, "hotline_requests_per_resident") == 0);
  // the share of closed cases nobody with a duty learnt of (lapsed disputes, incidents, requests given up unknown)
  // falls by more than 15%; more of the disputes that arose are found (screening, 004 §18)
  const double unreported_on = 1 - test::county_mean(on, "cases_reported_share"),
               unreported_off = 1 - test::county_mean(off, "cases_reported_share");
  INFO("closed cases never reported: hotline on " << unreported_on << ", off " << unreported_off);
  CHECK(unreported_on < 0.85 * unreported_off);
  CHECK(test::county_mean(on, "dispute_screening_rate") > test::county_mean(off, "dispute_screening_rate") + 0.01);
  CHECK(test::county_mean(on, "hotline_cost_per_resident") > 0);
  CHECK(test::county_mean(off, "hotline_cost_per_resident") == 0);
  // in the ledger: its own flow, paid by the county; more calls cost more; the accounts still balance
  const HotlineMoney base = hotline_money({}), none = hotline_money({"hotline.enabled=false"}),
                     busy = hotline_money({"hotline.propensity_scale=2"});
  CHECK(base.paid > 0);
  CHECK(none.paid == 0);
  CHECK(busy.paid > base.paid * 1.3);
  CHECK(base.balanced);
  CHECK(busy.balanced);
}

TEST_CASE("hotline volume is calibrated to 0.22 requests a resident a year in 2020", "[models][hotline]") {
  // calibration-2020: chengdu-hotline-2020 (4.66 M requests, ~0.22 a resident a year); tolerance +-0.04
  RunResult r = test::run_with(12, {});
  const double v = test::county_mean(r, "hotline_requests_per_resident");
  INFO("hotline requests per resident a year " << v);
  CHECK(v > 0.18);
  CHECK(v < 0.26);
  // the requests follow the propensity
  RunResult half = test::run_with(12, {"hotline.propensity_scale=0.5"});
  CHECK(test::county_mean(half, "hotline_requests_per_resident") < 0.75 * v);
}

TEST_CASE("hotline replies take about 4.3 working days and delay the first handling", "[models][hotline]") {
  // calibration-2020: chengdu-hotline-2020 (4.24 working days), chengdu-hotline-2017 (4.31); tolerance +-0.3
  RunResult r = test::run_with(12, {});
  const double days = test::county_mean(r, "hotline_reply_days");
  INFO("reply days " << days);
  CHECK(days > 4.0);
  CHECK(days < 4.6);
  // a longer reply time: more dispatched cases are first handled a month later, so cases wait longer
  RunResult quick = test::run_with(12, {"hotline.reply_days=0"});
  RunResult slow = test::run_with(12, {"hotline.reply_days=30"});
  CHECK(test::county_mean(quick, "hotline_reply_days") == 0);
  CHECK(test::county_mean(slow, "mean_wait_months") > test::county_mean(quick, "mean_wait_months") + 0.05);
}

TEST_CASE("calls rise with distrust of the committee and fall where grid workers found the case", "[models][hotline]") {
  RunResult trusting = test::run_with(12, {"perceptions.trust_base=0.5"});
  RunResult wary = test::run_with(12, {"perceptions.trust_base=-0.1"});
  CHECK(test::county_mean(wary, "hotline_requests_per_resident") >
        test::county_mean(trusting, "hotline_requests_per_resident"));
  // pressing calls over cases the grid worker found are rarer
  RunResult discount = test::run_with(12, {"hotline.grid_found_factor=0"});
  RunResult full = test::run_with(12, {"hotline.grid_found_factor=1"});
  CHECK(test::county_mean(full, "hotline_requests_per_resident") >
        test::county_mean(discount, "hotline_requests_per_resident"));
  // and fewer cases are left unreported for residents to call in where grid workers find more
  RunResult blind = test::run_with(12, {"grid.discovery_max=0"});
  RunResult base = test::run_with(12, {});
  CHECK(test::county_mean(blind, "hotline_requests_per_resident") >
        test::county_mean(base, "hotline_requests_per_resident"));
}

TEST_CASE("the hotline dispatches cases to the rung that owns them and they close like any other",
          "[models][hotline][ladder]") {
  RunResult base = test::run_with(12, {});
  RunResult township = test::run_with(12, {"hotline.route_service=3", "hotline.route_environment=3"});
  RunResult grid = test::run_with(12, {"hotline.route_hazard=1", "hotline.route_dispute=1"});
  CHECK(test::county_mean(township, "cases_at_township") > test::county_mean(base, "cases_at_township") + 100);
  CHECK(test::county_mean(grid, "cases_at_township") < test::county_mean(base, "cases_at_township"));
  // the cases it routed are resolved and judged like others (perceptions: callers' satisfaction)
  const double resolved = test::county_mean(base, "hotline_resolution_rate");
  CHECK(resolved > 0.5);
  CHECK(resolved <= 1.0);
  // sent past the front line, requests wait for the township's capacity and fewer are met
  CHECK(test::county_mean(township, "hotline_resolution_rate") < resolved);
  const double satisfied = test::county_mean(base, "hotline_satisfaction");
  CHECK(satisfied > 0.3);
  CHECK(satisfied <= 1.0);
}
