// Scenario files (TOML). A scenario names a region and a period, a seed and a
// number of replicates, and sets parameters -- constants or schedules over
// time -- in one block per mechanism:
//
//   [scenario]
//   title = "Baseline"
//   region = "default"
//   start = "2020-01"
//   end = "2035-12"
//   seed = 1
//   replicates = 1
//   spinup_months = 24     # months run before start, not recorded
//   kind = "stress"        # baseline, package, stress or example (the library's tables)
//   expect = { satisfaction_mean = "lower" }   # against the baseline, over expect_year
//   expect_year = 2025   # default: the year of the first milestone
//
//   [grid]
//   households_per_worker = { 2020 = 500, 2022 = 300 }
//
// Every error names the file, line and column, the parameter and what is allowed.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "govsim/calendar.hpp"
#include "govsim/params.hpp"

namespace govsim {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a scenario should do to an indicator relative to the library's baseline
// (checked by `govsim library --check` and the behaviour tests).
struct Expectation {
  std::string indicator;
  bool higher = true;
};

struct Scenario {
  std::string file;  // path, or "<embedded default>"
  std::string text;  // the full text as read (with the files it extends, outermost last)
  std::string title;
  std::string description;
  std::vector<std::string> documents;  // clauses the scenario follows
  std::string region = "default";
  Month start = Month::of(2020, 1);
  Month end = Month::of(2035, 12);
  uint32_t seed = 1;
  uint32_t replicates = 1;
  int spinup_months = 24;  // run before `start` with the start values, not recorded
  ParamValues values;
  // Library metadata: kind ("baseline", "package", "stress", "example"), and the
  // expected moves against the baseline, judged over the year expect_year.
  std::string kind = "example";
  std::vector<Expectation> expect;
  int expect_year = 0;  // 0: the first milestone (models/policy/milestones.cpp)
  // For the baseline: "name=value" overrides that remove the drivers which trend under constant policy; the
  // library reports the baseline's drift with and without them (docs/scenarios.md).
  std::vector<std::string> trend_drivers;

  int months() const { return end - start + 1; }
};

// The scenario compiled into the binary (scenarios/default.toml).
const std::string& embedded_default_scenario();

Scenario load_scenario_file(const std::string& path);
Scenario load_scenario_text(const std::string& text, const std::string& name, const std::string& base_dir = ".");

// Applies "name=value" (value: a number, true/false, or an inline schedule such
// as {2020 = 500, 2022 = 300}). Throws ScenarioError naming the override.
void apply_override(Scenario& s, const std::string& assignment);

}  // namespace govsim
