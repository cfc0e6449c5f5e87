#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"
#include "cli/targets_report.hpp"

using namespace govsim;

TEST_CASE("year_mean pools the replicate-months of a year (NaN skipped) as series_value sees them", "[targets]") {
  RunResult r;
  r.replicates = 2;
  for (Month m = Month::of(2020, 7); !(Month::of(2022, 6) < m); m = m + 1) r.months.push_back(m);
  const size_t M = r.months.size();
  r.county_values.assign(IndicatorRegistry::instance().all().size(), std::vector<double>(2 * M, 0.0 / 0.0));
  const IndicatorId id = test::indicator("dispute_resolution_rate");
  for (size_t m = 0; m < M; ++m) {
    r.county_values[id][m] = 0.1 * static_cast<double>(m % 7);
    if (m % 3) r.county_values[id][M + m] = 0.3 + 0.01 * static_cast<double>(m);  // every third month missing
  }
  for (int year : {2020, 2021, 2022}) {
    // the library's former computation: series_value month by month, replicate by replicate
    double sum = 0;
    int n = 0;
    for (uint32_t rep = 0; rep < r.replicates; ++rep)
      for (int mo = 1; mo <= 12; ++mo)
        if (auto v = series_value(r, "dispute_resolution_rate", rep, Month::of(year, mo), 1)) sum += *v, ++n;
    REQUIRE(n > 0);
    const auto v = year_mean(r, id, year);
    REQUIRE(v);
    CHECK(*v == sum / n);  // exactly, not approximately
  }
  CHECK_FALSE(year_mean(r, id, 2019));
  CHECK_FALSE(year_mean(r, test::indicator("yijianti_rate_village"), 2021));  // all NaN
}

TEST_CASE("the headline table gives each value the interval of the replicates mean", "[targets]") {
  RunResult r;
  r.replicates = 3;
  for (int mo = 1; mo <= 12; ++mo) r.months.push_back(Month::of(2020, mo));
  const size_t M = r.months.size();
  r.county_values.assign(IndicatorRegistry::instance().all().size(), std::vector<double>(3 * M, 0.0 / 0.0));
  const IndicatorId id = test::indicator("dispute_resolution_rate");
  const double reps[] = {0.80, 0.84, 0.88};  // replicate means 0.80, 0.84, 0.88: mean 0.84, sd 0.04
  for (uint32_t rep = 0; rep < 3; ++rep)
    for (size_t m = 0; m < M; ++m) r.county_values[id][rep * M + m] = reps[rep];
  // half-width t(0.975, 2) 0.04 / sqrt(3) = 4.303 x 0.0231 = 0.0994
  CHECK(replicate_interval(r, id, 2020) == " [0.741, 0.939]");
  r.replicates = 1;
  CHECK(replicate_interval(r, id, 2020).empty());  // one replicate: no interval
}
