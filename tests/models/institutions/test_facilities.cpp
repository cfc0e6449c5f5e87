// Behaviour tests of models/institutions/facilities.cpp (facility coverage, developers' 3%, room for services),
// of the service circles and the 002 §5 household ranges in models/institutions/mergers.cpp, and of manure reuse in
// models/money/environment.cpp. Paired runs: the same seed and arrivals, one parameter changed.
#include <catch2/catch.hpp>

#include "govsim/ledger.hpp"
#include "models/behaviour.hpp"

using namespace govsim;

namespace {
// Totals over units in month `month` of a run: social organisations' committee capacity, facility factors, what
// units paid for environment projects; and whether every account balances by purpose.
struct ColumnSums {
  double committee_extra = 0, facility_factor = 0, manure = 0;
  Money projects = 0;
  bool balanced = true;
};
ColumnSums column_sums(int months, std::initializer_list<const char*> sets, int month) {
  Scenario s = test::short_default(months, 0);
  for (const char* a : sets) apply_override(s, a);
  ColumnSums out;
  RunOptions o;
  o.threads = 2;
  int m = 0;
  o.inspect = [&](const World& w, Month, uint32_t) {
    if (m++ != month) return;
    const Table& u = w.units();
    const auto& extra = u.get<float>("committee_extra_capacity");
    const auto& factor = u.get<float>("facility_factor");
    const auto& manure = u.get<float>("env_manure");
    for (uint32_t i = 0; i < u.size(); ++i)
      out.committee_extra += extra[i], out.facility_factor += factor[i],
          out.manure += u.kind[i] == "urban_community" ? 0.0 : manure[i];  // urban communities: no farms, none built
    for (size_t f = 0; f < ledger::flows().size(); ++f)
      if (ledger::flows()[f].name == "environment_projects")
        out.projects = ledger::flow_total(w, Level::Unit, ledger::Flow{static_cast<uint16_t>(f)}, false);
    for (Level l : {Level::County, Level::Township, Level::Unit}) {
      Money balance = 0, in = 0, outflow = 0;
      for (uint32_t i = 0; i < w.at(l).size(); ++i) balance += ledger::balance(w, l, i);
      for (size_t f = 0; f < ledger::flows().size(); ++f) {
        in += ledger::flow_total(w, l, ledger::Flow{static_cast<uint16_t>(f)}, true);
        outflow += ledger::flow_total(w, l, ledger::Flow{static_cast<uint16_t>(f)}, false);
      }
      out.balanced = out.balanced && balance == in - outflow;
    }
  };
  run_scenario(s, o);
  return out;
}
}  // namespace

TEST_CASE("facility space gives social organisations room for service requests", "[models][facilities]") {
  // Same arrivals: more facility space at the start -> more units with a facility, a higher facility factor, more
  // case capacity of social organisations at the committee rung.
  RunResult small = test::run_with(12, {"environment.initial_facility_m2=10"});
  RunResult large = test::run_with(12, {"environment.initial_facility_m2=40"});
  CHECK(test::at(large, "facility_coverage_rural", 0) > test::at(small, "facility_coverage_rural", 0) + 0.2);
  CHECK(test::at(large, "facility_coverage_urban", 0) >= test::at(small, "facility_coverage_urban", 0));
  CHECK(test::at(large, "facility_factor", 0) > test::at(small, "facility_factor", 0) + 0.2);
  const ColumnSums s = column_sums(3, {"environment.initial_facility_m2=10"}, 2),
                   l = column_sums(3, {"environment.initial_facility_m2=40"}, 2);
  INFO("organisations' committee capacity: small " << s.committee_extra << ", large " << l.committee_extra);
  CHECK(l.facility_factor > s.facility_factor);
  CHECK(l.committee_extra > 1.2 * s.committee_extra);
  // the capacity shortens the waits of service requests a little: never longer
  CHECK(test::mean_from(large, "mean_wait_months", 3) <= test::mean_from(small, "mean_wait_months", 3));
}

TEST_CASE("developers add 3 percent of new floor area as facility space where households grow",
          "[models][facilities]") {
  RunResult none = test::run_with(36, {"facilities.developer_share=0"});
  RunResult base = test::run_with(36, {});
  double added = 0;
  for (size_t m = 0; m < base.months.size(); ++m) {
    CHECK(test::at(none, "developer_facility_m2_per_100_households", m) == 0);
    added += test::at(base, "developer_facility_m2_per_100_households", m);
  }
  INFO("facility m2 built by developers in three years: " << added);
  CHECK(added > 0);
  CHECK(test::at(base, "facility_m2_per_100_households", 35) > test::at(none, "facility_m2_per_100_households", 35));
}

TEST_CASE("slower travel lengthens trips shrinks the service circle and lowers service access",
          "[models][facilities][mergers]") {
  RunResult base = test::run_with(12, {});
  RunResult slow = test::run_with(12, {"mergers.speed_hill=4", "mergers.speed_mountain=3"});
  CHECK(test::at(slow, "service_trip_hours", 0) > test::at(base, "service_trip_hours", 0) + 0.02);
  CHECK(test::at(slow, "service_circle_15min_share", 0) < test::at(base, "service_circle_15min_share", 0));
  CHECK(test::at(slow, "service_access", 0) < test::at(base, "service_access", 0));
  // intake reads the access factor: residents report fewer service requests themselves, so grid workers find a
  // larger share of the cases; perceptions reads it too: residents are less satisfied
  CHECK(test::county_mean(slow, "grid_discovery_share") > test::county_mean(base, "grid_discovery_share"));
  CHECK(test::county_mean(slow, "satisfaction_mean") < test::county_mean(base, "satisfaction_mean"));
  // the rescue circle follows the rescue vehicles' speed
  RunResult fast = test::run_with(3, {"mergers.rescue_speed_hill=60", "mergers.rescue_speed_mountain=50"});
  CHECK(test::at(fast, "rescue_circle_30min_share", 0) > test::at(base, "rescue_circle_30min_share", 0));
  // the village merger lengthens trips unless absorbed villages keep their service points
  RunResult cut = test::run_with(12, {"mergers.keep_service_points=false"});
  CHECK(test::at(cut, "service_trip_hours", 11) > test::at(base, "service_trip_hours", 11));
  CHECK(test::at(cut, "service_circle_15min_share", 11) < test::at(base, "service_circle_15min_share", 11));
}

TEST_CASE("the village merger brings more villages within the household range of 002 section 5",
          "[models][facilities][mergers]") {
  RunResult r = test::run_with(12, {});  // villages merge in 2020-08 (month 7)
  INFO("villages of 300-1500 households before " << test::at(r, "households_in_range_rural", 0) << ", after "
                                                 << test::at(r, "households_in_range_rural", 11));
  CHECK(test::at(r, "households_in_range_rural", 11) > test::at(r, "households_in_range_rural", 0));
  CHECK(test::at(r, "households_in_range_urban", 11) > 0.9);
}

TEST_CASE("manure reuse is built from its earmark and lowers environmental complaints",
          "[models][facilities][environment][issues][ledger]") {
  RunResult none = test::run_with(12, {"environment.initial_manure_share=0"});
  RunResult all = test::run_with(12, {"environment.initial_manure_share=1"});
  CHECK(test::at(all, "manure_reuse_share", 0) == 1);
  CHECK(test::county_mean(all, "environmental_complaints_per_10k") <
        0.95 * test::county_mean(none, "environmental_complaints_per_10k"));
  // its earmark builds it from project money: with only the manure earmark more villages reuse manure after four
  // years; with none, none more
  const std::initializer_list<const char*> only_manure = {
      "environment.share_waste=0", "environment.share_sewage=0", "environment.share_toilets=0",
      "environment.share_facilities=0", "environment.share_manure=1"};
  RunResult lean = test::run_with(48, {"environment.share_manure=0"});
  RunResult rich = test::run_with(48, only_manure);
  CHECK(test::at(lean, "manure_reuse_share", 47) == test::at(lean, "manure_reuse_share", 0));
  CHECK(test::at(rich, "manure_reuse_share", 47) > test::at(lean, "manure_reuse_share", 47) + 0.05);
  // in the ledger: what is built is paid from the units' project flow
  const ColumnSums only =
      column_sums(48,
                  {"environment.initial_manure_share=0", "environment.share_waste=0", "environment.share_sewage=0",
                   "environment.share_toilets=0", "environment.share_facilities=0", "environment.share_manure=1"},
                  47);
  INFO("villages that built manure reuse: " << only.manure << ", project money paid " << yuan(only.projects));
  CHECK(only.manure > 5);
  CHECK(only.manure * 60000 <= yuan(only.projects));  // environment.manure_cost a village, paid
  CHECK(only.balanced);
}
