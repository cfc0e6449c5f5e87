// Helpers shared by the tests.
#pragma once
#include <string>

#include "core/engine.hpp"
#include "config/scenario.hpp"

namespace govsim::test {

// A small consistent tree: county 1 -> townships 2 -> units 3 -> grids 3 ->
// households 4 -> residents 7 (unit 0 and 1 in township 0, unit 2 in township 1).
inline World tiny_world() {
  World w;
  auto set = [&](Level l, std::vector<uint32_t> parent, std::vector<uint32_t> children) {
    w.at(l).parent = std::move(parent);
    w.at(l).child_begin = std::move(children);
  };
  set(Level::County, {0}, {0, 2});
  set(Level::Township, {0, 0}, {0, 2, 3});
  set(Level::Unit, {0, 0, 1}, {0, 1, 2, 3});
  set(Level::Grid, {0, 1, 2}, {0, 2, 3, 4});
  set(Level::Household, {0, 0, 1, 2}, {0, 2, 4, 5, 7});
  set(Level::Resident, {0, 0, 1, 1, 2, 3, 3}, {});
  return w;
}

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
