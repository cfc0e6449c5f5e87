// The engine: builds the region's World for each replicate, runs the monthly
// schedule (models/schedule.cpp: phases and their steps in the listed order),
// parallel over units or townships with TBB, and collects indicators.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "govsim/mechanism.hpp"
#include "config/scenario.hpp"

namespace govsim {

struct RunOptions {
  int threads = 0;  // 0: all cores
  // Run inside the caller's TBB arena (a batch running several runs at once): no
  // arena or thread limit of its own, so nested runs share the batch's threads.
  bool nested = false;
  // Called after every simulated month (from the calling thread).
  std::function<void(uint32_t replicate, int step, int months)> progress;
  // Called after every month with the world, for invariant checks in tests.
  std::function<void(const World&, Month, uint32_t replicate)> inspect;
  // Keep per-unit values (R x M x U per indicator): large for a province.
  bool by_unit = true;
  // If set, receives the wall time spent in each step and in building the world
  // (seconds, summed over months and replicates), for benchmarks.
  std::vector<std::pair<std::string, double>>* timings = nullptr;
};

struct RunResult {
  uint32_t replicates = 0;
  std::vector<Month> months;
  // Units (villages/communities) as built at the start.
  std::vector<uint32_t> unit_id;
  std::vector<std::string> unit_name, unit_kind, unit_township;
  // Counties of the region (one for a county run).
  std::vector<std::string> county_name;
  // values per indicator: unit level [replicate][month][unit] (empty unless by_unit),
  // region [replicate][month], per county [replicate][month][county] (when there are several)
  std::vector<std::vector<double>> unit_values;
  std::vector<std::vector<double>> county_values;
  std::vector<std::vector<double>> by_county_values;
  bool has_unit_values() const { return !unit_values.empty() && !unit_values[0].empty(); }
  uint64_t residents_at_start = 0;
  size_t state_bytes_per_resident = 0;
  int threads = 0;
  std::string started, finished;  // ISO 8601 UTC

  size_t n_units() const { return unit_id.size(); }
  double county(IndicatorId i, uint32_t rep, size_t month) const {
    return county_values[i][rep * months.size() + month];
  }
  double unit(IndicatorId i, uint32_t rep, size_t month, size_t u) const {
    return unit_values[i][(rep * months.size() + month) * n_units() + u];
  }
};

// The ordered steps of one month, as the engine will run them (for docs and `govsim schedule`).
struct PlannedStep {
  std::string phase, name, mechanism, description;
  Scope scope;
};
std::vector<PlannedStep> monthly_plan();

// The steps the mechanisms declare, in the schedule's order. Throws std::logic_error
// when a declared step is missing from the schedule, a listed step is not declared,
// or two steps share a name.
struct OrderedStep {
  size_t phase;  // index into schedule.phases
  StepDecl decl;
  uint32_t stream;
  std::string mechanism;
};
std::vector<OrderedStep> order_steps(const ScheduleDecl& schedule, std::vector<std::unique_ptr<Mechanism>>& mechs);

RunResult run_scenario(const Scenario& s, const RunOptions& opt = {});

std::string utc_now_iso();
int default_threads();

}  // namespace govsim
