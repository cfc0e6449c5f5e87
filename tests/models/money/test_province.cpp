// Issue 17: the province above the counties — its account, its formula transfers to the
// counties and its collective-economy programme (models/money/province.cpp).
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/behaviour.hpp"
#include "govsim/ledger.hpp"

using namespace govsim;

namespace {
using test::at;
using test::mean_from;

using test::flow_named;
// The province's account and the programme's stock at the end of a run.
struct ProvinceEnd {
  Money region_balance = 0, transfers_out = 0, county_transfers_in = 0, support_out = 0, match_in = 0, sewage_out = 0,
        sewage_works = 0;
  double supported = 0;
};
ProvinceEnd province_end(Scenario s) {
  ProvinceEnd e;
  RunOptions o;
  o.threads = 2;
  o.inspect = [&](const World& w, Month, uint32_t) {
    e.region_balance = ledger::region_balance(w);
    e.transfers_out = ledger::region_flow_total(w, flow_named("province_transfer"), false);
    e.county_transfers_in = ledger::flow_total(w, Level::County, flow_named("province_transfer"), true);
    e.support_out = ledger::region_flow_total(w, flow_named("collective_support"), false);
    e.match_in = ledger::flow_total(w, Level::Unit, flow_named("collective_support_match"), true);
    e.sewage_out = ledger::region_flow_total(w, flow_named("sewage_programme"), false);
    e.sewage_works = ledger::flow_total(w, Level::Unit, flow_named("sewage_programme_works"), false);
    e.supported = 0;
    for (float v : w.units().get<float>("collective_supported")) e.supported += v;
  };
  run_scenario(s, o);
  return e;
}
// Indicator `name` of each county of a region run in month m (replicate 0).
std::vector<double> by_county(const RunResult& r, const char* name, size_t m) {
  const size_t C = r.county_name.size(), i = test::indicator(name);
  std::vector<double> out(C);
  for (size_t c = 0; c < C; ++c) out[c] = r.by_county_values[i][m * C + c];
  return out;
}
size_t county_index(const RunResult& r, const std::string& name) {
  const auto it = std::find(r.county_name.begin(), r.county_name.end(), name);
  REQUIRE(it != r.county_name.end());
  return static_cast<size_t>(it - r.county_name.begin());
}
}  // namespace

TEST_CASE("the province passes its transfers down and an average county gets them by its residents",
          "[models][province][ledger]") {
  const ProvinceEnd e = province_end(test::short_default(3, 0));
  CHECK(e.transfers_out > 0);
  CHECK(e.transfers_out == e.county_transfers_in);  // what left the province reached the county
  // the province keeps nothing of the transfers: its account holds only what the programme has not paid
  CHECK(e.region_balance == 0);
  // an average county (every formula index 1): transfers are the rest of spending per resident, whatever the weights
  const RunResult r = test::run_with(2, {}, 0);
  const double expected = 8000 * (1 - 0.38);
  CHECK(at(r, "province_transfers_per_resident", 0) == Approx(expected).epsilon(0.01));
  const RunResult weighted = test::run_with(2, {"province.weight_area=5", "province.weight_need=3"}, 0);
  CHECK(at(weighted, "province_transfers_per_resident", 0) == at(r, "province_transfers_per_resident", 0));
  // a squeeze of the transfers from above reaches the county through the province
  const RunResult squeezed = test::run_with(2, {"budget.transfer_factor=0.8"}, 0);
  CHECK(at(squeezed, "province_transfers_per_resident", 0) ==
        Approx(0.8 * at(r, "province_transfers_per_resident", 0)).epsilon(1e-6));
  CHECK(at(squeezed, "county_revenue", 0) < at(r, "county_revenue", 0));
}

TEST_CASE("in a city the formula moves transfers towards counties with more area per resident",
          "[models][province][region]") {
  // Leshan's counties share terrain and fiscal capacity in sichuan-counties.csv: only area per resident differs.
  auto run = [](const char* set) {
    Scenario s = test::short_default(1, 0);
    s.region = "city:leshan";
    apply_override(s, set);
    RunOptions o;
    o.threads = 2;
    return run_scenario(s, o);
  };
  const RunResult flat = run("province.weight_area=0"), base = run("province.weight_area=0.1");
  REQUIRE(flat.county_name.size() == 11);
  const auto f = by_county(flat, "province_transfers_per_resident", 0);
  const auto b = by_county(base, "province_transfers_per_resident", 0);
  CHECK(*std::max_element(f.begin(), f.end()) == Approx(*std::min_element(f.begin(), f.end())).epsilon(1e-4));
  // Qianwei has the most area per resident of the city (3,217 km2 for 147,502), Wutongqiao the least (591 km2)
  const size_t qianwei = county_index(base, "Qianwei"), wutongqiao = county_index(base, "Wutongqiao");
  CHECK(b[qianwei] > 1.1 * f[qianwei]);
  CHECK(b[wutongqiao] < f[wutongqiao]);
  // per-county budgets follow: the county's revenue per resident rises with its transfers
  const auto rev_f = by_county(flat, "county_revenue", 0), rev_b = by_county(base, "county_revenue", 0);
  CHECK(rev_b[qianwei] > rev_f[qianwei]);
  CHECK(rev_b[wutongqiao] < rev_f[wutongqiao]);
}

TEST_CASE("the collective-economy programme starts shell villages and costs the county its share",
          "[models][province][collective]") {
  // (the sewage programme, which pays villages too, set aside)
  const char* no_sewage = "province.sewage_programme_villages=0";
  const RunResult with = test::run_with(36, {no_sewage}),
                  without = test::run_with(36, {no_sewage, "province.collective_support_villages=0"});
  CHECK(mean_from(with, "collective_supported_share", 24) > 0.05);
  CHECK(mean_from(without, "collective_supported_share", 24) == 0);
  // paired: fewer villages with no collective income, more income per resident (the money is invested in assets)
  CHECK(mean_from(with, "collective_income_none_share", 24) < mean_from(without, "collective_income_none_share", 24));
  CHECK(mean_from(with, "collective_income_per_resident", 24) >
        1.05 * mean_from(without, "collective_income_per_resident", 24));
  CHECK(mean_from(with, "province_programmes_per_resident", 0) > 0);
  CHECK(mean_from(without, "province_programmes_per_resident", 0) == 0);
  // the ledger: 0.8 M from the province (central 0.5 + provincial 0.3) and 0.2 M from the county per village
  Scenario s = test::short_default(36);
  const ProvinceEnd e = province_end(s);
  REQUIRE(e.supported > 0);
  CHECK(yuan(e.support_out) == Approx(e.supported * 800000.0).epsilon(1e-12));
  CHECK(yuan(e.match_in) == Approx(e.supported * 200000.0).epsilon(1e-12));
}

TEST_CASE("the provincial sewage programme builds village sewage systems and lowers environmental complaints",
          "[models][province][environment]") {
  // 26 months from 2019-07 (6 of spin-up): the rounds of January 2020 and 2021
  const RunResult with = test::run_with(26, {}), without = test::run_with(26, {"province.sewage_programme_villages=0"});
  CHECK(at(with, "villages_sewage_treated_share", 25) > at(without, "villages_sewage_treated_share", 25) + 0.03);
  CHECK(mean_from(with, "environmental_complaints_per_10k", 13) <
        mean_from(without, "environmental_complaints_per_10k", 13));
  // the programme's money: from the province (with the central share) to the villages, spent on their systems
  const ProvinceEnd e = province_end(test::short_default(26));
  CHECK(e.sewage_out > 0);
  CHECK(e.sewage_works == e.sewage_out);
  // after its last year (2021) nothing more is paid
  const ProvinceEnd late = province_end(test::short_default(26));
  Scenario after = test::short_default(26);
  apply_override(after, "province.sewage_programme_until=2019");
  CHECK(province_end(after).sewage_out < late.sewage_out);
}
