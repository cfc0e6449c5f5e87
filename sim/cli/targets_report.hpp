// Document targets judged on a run: the value at the deadline and at each
// milestone, and how many replicates met the figure (printed by `govsim run`).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "policy/targets.hpp"

namespace govsim {

// Mean of the region series of `indicator` over the `window` months ending at
// `at`, for one replicate; nullopt when `at` lies outside the run.
std::optional<double> series_value(const RunResult& r, const std::string& indicator, uint32_t rep, Month at,
                                   int window);

// Mean of the region series of `id` over the months of `year` inside the run and
// over all replicates, pooled (each replicate-month one value, NaN skipped; summed
// replicate by replicate, month by month); nullopt when there is no value. The
// headline table of `govsim run` and the scenario library's tables and checks.
std::optional<double> year_mean(const RunResult& r, IndicatorId id, int year);
// The 95% interval of the replicates' mean of indicator id in year (Student t) as " [lo, hi]"; "" with fewer than 2.
std::string replicate_interval(const RunResult& r, IndicatorId id, int year);
// A value as the tables print it: 3 decimals, or none from 1,000.
std::string number_text(double v);

struct TargetOutcome {
  const TargetDecl* target;
  std::optional<double> at_deadline;                // replicate mean
  std::vector<std::optional<double>> at_milestone;  // replicate means, one per milestone()
  int met = 0, judged = 0;  // replicates meeting a threshold target at its judging month, of those judged
};
std::vector<TargetOutcome> evaluate_targets(const RunResult& r, const std::vector<const TargetDecl*>& targets);
// The table printed at the end of `govsim run`.
std::string format_targets(const std::vector<TargetOutcome>& outcomes, const std::vector<std::string>& documents);

}  // namespace govsim
