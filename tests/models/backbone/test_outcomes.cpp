// Paired tests of the outcome indicators against the stress tests of the
// scenario library, over 10 replicates with common random numbers: the
// indicators can fall (or rise) when capacity or money falls, by more than the
// paired interval.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <vector>

#include "models/behaviour.hpp"

using namespace govsim;

namespace {
constexpr int kReplicates = 10;

RunResult run_file(const char* name, int end_year) {
  Scenario s = load_scenario_file((std::filesystem::path(GOVSIM_SOURCE_DIR) / "scenarios" / name).string());
  s.end = Month::of(end_year, 12);
  s.replicates = kReplicates;
  RunOptions o;
  o.threads = 2;
  return run_scenario(s, o);
}

// Per-replicate mean of an indicator over the months of `year`.
std::vector<double> year_values(const RunResult& r, const char* name, int year) {
  const IndicatorId id = test::indicator(name);
  std::vector<double> v(r.replicates, 0.0);
  for (uint32_t rep = 0; rep < r.replicates; ++rep) {
    int n = 0;
    for (size_t m = 0; m < r.months.size(); ++m)
      if (r.months[m].year() == year) v[rep] += r.county(id, rep, m), ++n;
    v[rep] /= n;
  }
  return v;
}

// The paired difference b - a: mean and half-width of its 95% interval (t, 9 d.f.).
std::pair<double, double> paired(const std::vector<double>& a, const std::vector<double>& b) {
  const size_t n = a.size();
  double mean = 0, ss = 0;
  for (size_t i = 0; i < n; ++i) mean += (b[i] - a[i]) / n;
  for (size_t i = 0; i < n; ++i) ss += (b[i] - a[i] - mean) * (b[i] - a[i] - mean);
  return {mean, 2.262 * std::sqrt(ss / (n - 1) / n)};
}
}  // namespace

TEST_CASE("grid workers halved lower the dispute resolution and screening rates beyond the paired interval",
          "[models][outcomes][slow]") {
  const RunResult base = run_file("baseline.toml", 2025), halved = run_file("stress-grid-halved.toml", 2025);
  for (const char* name : {"dispute_resolution_rate", "dispute_screening_rate"}) {
    const auto [d, half] = paired(year_values(base, name, 2025), year_values(halved, name, 2025));
    INFO(name << ": halved - baseline = " << d << " +- " << half);
    CHECK(d + half < 0);
  }
}

TEST_CASE("a fiscal squeeze raises petitions beyond the paired interval", "[models][outcomes][slow]") {
  const RunResult base = run_file("baseline.toml", 2025), squeeze = run_file("stress-fiscal-squeeze.toml", 2025);
  const auto [d, half] =
      paired(year_values(base, "petitions_per_10k", 2025), year_values(squeeze, "petitions_per_10k", 2025));
  INFO("squeeze - baseline = " << d << " +- " << half << " petitions per 10,000 a year");
  CHECK(d - half > 0);
}
