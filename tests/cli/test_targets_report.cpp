#include <catch2/catch.hpp>
#include <set>

#include "helpers.hpp"
#include "cli/targets_report.hpp"
#include "govsim/report.hpp"

using namespace govsim;

TEST_CASE("every declared target names a known indicator and a valid deadline", "[targets]") {
  REQUIRE_NOTHROW(check_targets());
  std::set<std::string> docs;
  for (const auto& t : TargetRegistry::instance().all()) docs.insert(t.document());
  CHECK(docs == std::set<std::string>{"000", "001", "002", "003", "004"});
}

TEST_CASE("a scenario's documents select their targets", "[targets]") {
  CHECK(documents_of({"001 §36-37", "004 §18", "001 §2", ""}) == std::vector<std::string>{"001", "004"});
  for (const TargetDecl* t : targets_of({"004"})) CHECK(t->document() == "004");
  CHECK(targets_of({}).empty());
  CHECK_FALSE(targets_of({"002"}).empty());
}

TEST_CASE("targets are judged at their deadline per replicate over their window", "[targets]") {
  // a fake run: 2020-01 .. 2035-12, 2 replicates, every indicator NaN except two
  RunResult r;
  r.replicates = 2;
  for (Month m = Month::of(2020, 1); !(Month::of(2035, 12) < m); m = m + 1) r.months.push_back(m);
  const size_t M = r.months.size();
  r.county_values.assign(IndicatorRegistry::instance().all().size(), std::vector<double>(2 * M, 0.0 / 0.0));
  const IndicatorId yj = test::indicator("yijianti_rate_village"), dr = test::indicator("dispute_resolution_rate");
  for (size_t m = 0; m < M; ++m) {
    // replicate 0 reaches 100% in 2020-12, replicate 1 only in 2021-06
    r.county_values[yj][m] = r.months[m] < Month::of(2020, 12) ? 0.5 : 1.0;
    r.county_values[yj][M + m] = r.months[m] < Month::of(2021, 6) ? 0.5 : 1.0;
    // resolution: 0.96 in 2025-01..06, 0.99 in 2025-07..12 -> 12-month mean 0.975
    const bool h1 = r.months[m].year() == 2025 && r.months[m].month() <= 6;
    r.county_values[dr][m] = r.county_values[dr][M + m] = h1 ? 0.96 : 0.99;
  }
  std::vector<const TargetDecl*> ts;
  for (const auto& t : TargetRegistry::instance().all())
    if ((t.clause == "001 §2" && t.indicator == "yijianti_rate_village") ||
        (t.clause == "004 §18" && t.indicator == "dispute_resolution_rate"))
      ts.push_back(&t);
  REQUIRE(ts.size() == 2);
  auto out = evaluate_targets(r, ts);
  for (const auto& o : out) {
    if (o.target->indicator == "yijianti_rate_village") {
      CHECK(o.judged == 2);
      CHECK(o.met == 1);
      CHECK(*o.at_deadline == Approx(0.75));
      REQUIRE(o.at_milestone.size() == milestones().size());
      CHECK(*o.at_milestone.front() == Approx(1.0));  // the first milestone, 2025-12
    } else {
      CHECK(o.judged == 2);
      CHECK(o.met == 2);  // 0.975 >= 0.97 over the 12 months; the June value alone (0.96) would fail
      CHECK(*o.at_deadline == Approx(0.975));
      CHECK(series_value(r, "dispute_resolution_rate", 0, Month::of(2025, 6), 1) == Approx(0.96));
    }
  }
  // a run that ends before a deadline does not judge it
  r.months.resize(6);
  auto short_out = evaluate_targets(r, ts);
  CHECK(short_out[0].judged == 0);
  const std::string table = format_targets(short_out, {"001", "004"});
  CHECK_THAT(table, Catch::Contains("outside the run") && Catch::Contains("001 §2"));
}
