// Helpers shared by the tests.
#pragma once
#include <string>

#include "sim/engine.hpp"
#include "sim/scenario.hpp"

namespace govsim::test {

// The embedded default scenario cut to `months` months from 2020-01 (and a
// shorter spin-up), for tests that need real runs but not sixteen years.
inline Scenario short_default(int months, int spinup = 6) {
  Scenario s = load_scenario_text(embedded_default_scenario(), "<embedded default scenario>");
  s.end = s.start + (months - 1);
  s.spinup_months = spinup;
  return s;
}

inline IndicatorId indicator(const std::string& name) {
  auto id = IndicatorRegistry::instance().find(name);
  if (!id) throw std::runtime_error("no indicator " + name);
  return *id;
}

// Mean of a county series over all months and replicates (NaN skipped).
inline double county_mean(const RunResult& r, const std::string& name) {
  const IndicatorId id = indicator(name);
  double s = 0;
  int n = 0;
  for (double v : r.county_values[id])
    if (v == v) s += v, ++n;
  return n ? s / n : 0.0 / 0.0;
}

}  // namespace govsim::test
