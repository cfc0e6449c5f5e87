// Helpers for the behaviour tests of the mechanisms: each behaviour test compares
// runs that differ in one lever or parameter and asserts the direction (and rough
// size) of the effect the model description claims. Arrivals are common random
// numbers, so the differences are policy, not noise.
#pragma once
#include <initializer_list>
#include <string>

#include "govsim/ledger.hpp"

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
// The ledger flow declared as `name` (a test failure when none is).
inline ledger::Flow flow_named(const std::string& name) {
  for (size_t f = 0; f < ledger::flows().size(); ++f)
    if (ledger::flows()[f].name == name) return ledger::Flow{static_cast<uint16_t>(f)};
  FAIL("no ledger flow " << name);
  return {};
}
// What the county paid through flow `flow` over a 12-month run with `sets`, and whether every account balances by
// purpose (at every level, the balances equal what came in minus what went out, by flow).
struct FlowMoney {
  Money paid = 0;
  bool balanced = true;
};
inline FlowMoney county_flow_money(const char* flow, std::initializer_list<const char*> sets) {
  Scenario s = short_default(12, 0);
  for (const char* a : sets) apply_override(s, a);
  FlowMoney h;
  RunOptions o;
  o.threads = 2;
  const ledger::Flow paid = flow_named(flow);
  o.inspect = [&](const World& w, Month, uint32_t) {
    h = FlowMoney{};
    h.paid = ledger::flow_total(w, Level::County, paid, false);
    for (Level l : {Level::County, Level::Township, Level::Unit}) {
      Money balance = 0, in = 0, out = 0;
      for (uint32_t i = 0; i < w.at(l).size(); ++i) balance += ledger::balance(w, l, i);
      for (size_t f = 0; f < ledger::flows().size(); ++f) {
        in += ledger::flow_total(w, l, ledger::Flow{static_cast<uint16_t>(f)}, true);
        out += ledger::flow_total(w, l, ledger::Flow{static_cast<uint16_t>(f)}, false);
      }
      h.balanced = h.balanced && balance == in - out;
    }
  };
  run_scenario(s, o);
  return h;
}
}  // namespace govsim::test
