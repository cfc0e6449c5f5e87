// Behaviour tests of models/institutions/legal.cpp (legal advisers and public legal service rooms, 004 §26) and
// models/institutions/policing.cpp (auxiliary police, 004 §18; township law-enforcement staff, 004 §10). Paired
// runs: the same seed and arrivals, one parameter changed.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "govsim/ledger.hpp"
#include "models/behaviour.hpp"

using namespace govsim;

namespace {
// Each flow's total over a run (where it left an account) and whether every level balances by purpose.
struct Money_ {
  std::map<std::string, Money> paid;
  bool balanced = true;
};
Money_ flows_of(int months, std::initializer_list<const char*> sets) {
  Scenario s = test::short_default(months, 0);
  for (const char* a : sets) apply_override(s, a);
  Money_ m;
  RunOptions o;
  o.threads = 2;
  o.inspect = [&](const World& w, Month, uint32_t) {
    m = Money_{};
    for (Level l : {Level::County, Level::Township, Level::Unit}) {
      Money balance = 0, in = 0, out = 0;
      for (uint32_t i = 0; i < w.at(l).size(); ++i) balance += ledger::balance(w, l, i);
      for (size_t f = 0; f < ledger::flows().size(); ++f) {
        const ledger::Flow flow{static_cast<uint16_t>(f)};
        in += ledger::flow_total(w, l, flow, true);
        const Money fout = ledger::flow_total(w, l, flow, false);
        out += fout;
        m.paid[ledger::flows()[f].name + "@" + std::to_string(static_cast<int>(l))] += fout;
      }
      m.balanced = m.balanced && balance == in - out;
    }
  };
  run_scenario(s, o);
  return m;
}
Money paid_by(const Money_& m, const std::string& flow, Level l) {
  const auto it = m.paid.find(flow + "@" + std::to_string(static_cast<int>(l)));
  return it == m.paid.end() ? 0 : it->second;
}
}  // namespace

TEST_CASE("legal advisers raise committee dispute resolution", "[models][legal][ladder]") {
  const RunResult on = test::run_with(24, {"legal.adviser_coverage=1"});
  const RunResult off = test::run_with(24, {"legal.adviser_coverage=0"});
  const RunResult hook_off = test::run_with(24, {"legal.adviser_coverage=1", "legal.adviser_resolve=0"});
  CHECK(test::county_mean(off, "legal_adviser_coverage") == 0);
  CHECK(test::county_mean(on, "legal_adviser_coverage") > 0.8);  // turnover leaves some vacant
  const double village_on = test::county_mean(on, "settled_in_village_share"),
               village_off = test::county_mean(off, "settled_in_village_share"),
               village_hook = test::county_mean(hook_off, "settled_in_village_share");
  const double lit_on = test::county_mean(on, "disputes_litigated_per_10k"),
               lit_off = test::county_mean(off, "disputes_litigated_per_10k");
  WARN("settled in the village: advisers " << village_on << ", none " << village_off << ", no effect " << village_hook
                                           << "; litigated per 10k " << lit_on << " vs " << lit_off);
  CHECK(village_on > village_off + 0.01);
  CHECK(std::abs(village_hook - village_off) < 0.005);  // the effect is the ladder's hook, not the money
  CHECK(test::county_mean(on, "dispute_resolution_rate") > test::county_mean(off, "dispute_resolution_rate"));
  CHECK(lit_on <= lit_off);  // (litigation is rare within 24 months: the rooms' test below shows the court exit)
}

TEST_CASE("public legal service rooms divert disputes from court", "[models][legal][ladder]") {
  const RunResult all = test::run_with(30, {"legal.room_initial_share=1"});
  const RunResult none = test::run_with(30, {"legal.room_initial_share=0", "legal.room_build_rate=0"});
  const RunResult hook_off = test::run_with(30, {"legal.room_initial_share=1", "legal.room_diversion=0"});
  CHECK(test::county_mean(all, "legal_rooms_coverage") == 1);
  CHECK(test::county_mean(none, "legal_rooms_coverage") == 0);
  const double lit_all = test::county_mean(all, "disputes_litigated_per_10k"),
               lit_none = test::county_mean(none, "disputes_litigated_per_10k"),
               lit_hook = test::county_mean(hook_off, "disputes_litigated_per_10k");
  WARN("litigated per 10k: rooms everywhere " << lit_all << ", none " << lit_none << ", no diversion " << lit_hook);
  CHECK(lit_none > 0);
  CHECK(lit_all < 0.85 * lit_none);
  CHECK(lit_hook > 0.95 * lit_none);
  // settled instead of litigated: never a lower resolution rate (the few diverted disputes of a county in 30 months
  // move the rate only when they were not already decided, so it may not move at all)
  CHECK(test::county_mean(all, "dispute_resolution_rate") >= test::county_mean(none, "dispute_resolution_rate"));
}

TEST_CASE("legal advisers and rooms are paid by the county and rooms are built over time",
          "[models][legal][ledger][costs]") {
  const Money_ base = flows_of(12, {}), none = flows_of(12, {"legal.adviser_coverage=0"}),
               fast = flows_of(12, {"legal.room_build_rate=6"});
  CHECK(paid_by(base, "legal_advisers", Level::County) > 0);
  CHECK(paid_by(none, "legal_advisers", Level::County) == 0);
  CHECK(paid_by(fast, "legal_rooms", Level::County) > paid_by(base, "legal_rooms", Level::County) * 2);
  CHECK(base.balanced);
  CHECK(fast.balanced);
  // the rooms are a stock built from the county's money: coverage rises month by month, faster at a higher rate
  const RunResult slow = test::run_with(12, {}), quick = test::run_with(12, {"legal.room_build_rate=6"});
  CHECK(test::at(slow, "legal_rooms_coverage", 11) > test::at(slow, "legal_rooms_coverage", 0));
  CHECK(test::at(quick, "legal_rooms_coverage", 11) > test::at(slow, "legal_rooms_coverage", 11) + 0.2);
  CHECK(test::at(quick, "legal_rooms_coverage", 11) < 1.0 + 1e-12);
  CHECK(test::county_mean(slow, "legal_cost_per_resident") > 0);
}

TEST_CASE("auxiliary police patrols find more hazards", "[models][policing][intake]") {
  const RunResult more = test::run_with(12, {"policing.aux_per_village=2", "policing.aux_per_urban=3"});
  const RunResult fewer = test::run_with(12, {"policing.aux_per_village=0", "policing.aux_per_urban=0"});
  const RunResult hook_off =
      test::run_with(12, {"policing.aux_per_village=2", "policing.aux_per_urban=3", "policing.aux_discovery=0"});
  const double d_more = test::county_mean(more, "hazard_detection_rate"),
               d_fewer = test::county_mean(fewer, "hazard_detection_rate"),
               d_hook = test::county_mean(hook_off, "hazard_detection_rate");
  WARN("hazard detection: more auxiliaries " << d_more << ", none " << d_fewer << ", no patrol effect " << d_hook);
  CHECK(test::county_mean(fewer, "aux_police") == 0);
  CHECK(test::county_mean(more, "aux_police") > 0);
  CHECK(d_more > d_fewer + 0.01);
  CHECK(std::abs(d_hook - d_fewer) < 0.005);
  CHECK(test::county_mean(more, "incidents") < test::county_mean(fewer, "incidents"));
}

TEST_CASE("township enforcement staff work hazards and property disputes at the township",
          "[models][policing][ladder]") {
  // auxiliaries off, so that the enforcement capacity is the staff's alone; the same staff (and pay) with and
  // without their capacity isolates the ladder's hook from what their pay costs the township
  const RunResult more =
      test::run_with(18, {"policing.aux_per_village=0", "policing.aux_per_urban=0", "policing.enforcement_class1=5",
                          "policing.enforcement_class2=4", "policing.enforcement_class3=3"});
  const RunResult none =
      test::run_with(18, {"policing.aux_per_village=0", "policing.aux_per_urban=0", "policing.enforcement_class1=0",
                          "policing.enforcement_class2=0", "policing.enforcement_class3=0"});
  const RunResult hook_off =
      test::run_with(18, {"policing.aux_per_village=0", "policing.aux_per_urban=0", "policing.enforcement_class1=5",
                          "policing.enforcement_class2=4", "policing.enforcement_class3=3",
                          "policing.enforcement_cases_per_officer=0"});
  CHECK(test::county_mean(none, "enforcement_staff_per_township") == 0);
  CHECK(test::county_mean(more, "enforcement_staff_per_township") > 3);
  CHECK(test::county_mean(more, "enforcement_standard_met_share") > 0.5);
  CHECK(test::county_mean(none, "enforcement_standard_met_share") == 0);
  const double t_more = test::county_mean(more, "cases_at_township"),
               t_none = test::county_mean(none, "cases_at_township"),
               t_hook = test::county_mean(hook_off, "cases_at_township");
  WARN("cases waiting at the township: enforcement " << t_more << ", none " << t_none << ", staff without capacity "
                                                     << t_hook);
  CHECK(t_more < 0.95 * t_hook);
  CHECK(test::county_mean(more, "mean_wait_months") < test::county_mean(hook_off, "mean_wait_months"));
  // their pay comes first out of the township's account: short townships then cut their other staff
  CHECK(test::county_mean(hook_off, "township_staff_funded_share") <=
        test::county_mean(none, "township_staff_funded_share"));
}

TEST_CASE("auxiliary police and enforcement staff are paid in the ledger by the county and the townships",
          "[models][policing][ledger][costs]") {
  const Money_ base = flows_of(12, {}),
               none = flows_of(
                   12, {"policing.aux_per_village=0", "policing.aux_per_urban=0", "policing.enforcement_class1=0",
                        "policing.enforcement_class2=0", "policing.enforcement_class3=0"}),
               more = flows_of(
                   12, {"policing.aux_per_village=1", "policing.aux_per_urban=2", "policing.enforcement_class1=5",
                        "policing.enforcement_class2=4", "policing.enforcement_class3=3"});
  CHECK(paid_by(base, "aux_police", Level::County) > 0);
  CHECK(paid_by(base, "township_enforcement", Level::Township) > 0);
  CHECK(paid_by(none, "aux_police", Level::County) == 0);
  CHECK(paid_by(none, "township_enforcement", Level::Township) == 0);
  CHECK(paid_by(more, "aux_police", Level::County) > paid_by(base, "aux_police", Level::County) * 1.3);
  CHECK(paid_by(more, "township_enforcement", Level::Township) >
        paid_by(base, "township_enforcement", Level::Township) * 1.3);
  CHECK(base.balanced);
  CHECK(more.balanced);
}

TEST_CASE("a fiscal squeeze leaves fewer township enforcement staff", "[models][policing][costs]") {
  // at the 004 §10 standard, with a workforce that turns over fast enough for the hiring freeze to show
  const RunResult base = test::run_with(84, {"policing.enforcement_class1=5", "policing.enforcement_class2=4",
                                             "policing.enforcement_class3=3", "township.staff_attrition=0.3"});
  const RunResult squeeze = test::run_with(
      84, {"policing.enforcement_class1=5", "policing.enforcement_class2=4", "policing.enforcement_class3=3",
           "township.staff_attrition=0.3", "budget.transfer_factor={2023 = 0.8}"});
  const size_t from = 48;  // 2024 on
  const double s_base = test::mean_from(base, "enforcement_staff_per_township", from),
               s_squeeze = test::mean_from(squeeze, "enforcement_staff_per_township", from);
  WARN("enforcement staff per township from 2024: " << s_base << ", squeezed " << s_squeeze);
  CHECK(test::at(squeeze, "enforcement_staff_per_township", 30) ==
        test::at(base, "enforcement_staff_per_township", 30));
  CHECK(s_squeeze < s_base - 0.02);
  CHECK(test::mean_from(squeeze, "enforcement_standard_met_share", from) <
        test::mean_from(base, "enforcement_standard_met_share", from));
}
