// Helpers for the behaviour tests of the mechanisms: each behaviour test compares
// runs that differ in one lever or parameter and asserts the direction (and rough
// size) of the effect the model description claims. Arrivals are common random
// numbers, so the differences are policy, not noise.
#pragma once
#include <initializer_list>

#include "helpers.hpp"

namespace govsim::test {
inline RunResult run_with(int months, std::initializer_list<const char*> sets, int spinup = 6) {
  Scenario s = short_default(months, spinup);
  for (const char* a : sets) apply_override(s, a);
  RunOptions o;
  o.threads = 2;
  return run_scenario(s, o);
}
// The county's value of indicator `name` in month m of replicate 0.
inline double at(const RunResult& r, const char* name, size_t m) { return r.county(indicator(name), 0, m); }
// Its mean over months from..end of replicate 0.
inline double mean_from(const RunResult& r, const char* name, size_t from) {
  const IndicatorId id = indicator(name);
  double s = 0;
  for (size_t m = from; m < r.months.size(); ++m) s += r.county(id, 0, m);
  return s / static_cast<double>(r.months.size() - from);
}
}  // namespace govsim::test
