// Experiment files (TOML): a base scenario, factors and a design, expanded into
// runs. `govsim batch` runs them (sim/batch/batch.hpp).
//
//   [experiment]
//   title = "Grid density and mediation"
//   scenario = "../scenarios/baseline.toml"   # relative to this file
//   design = "lhs"         # factorial | lhs | saltelli | morris | file
//   design_file = "d.csv"  # design = "file" only: a header of factor names, one row of values per run
//   samples = 200          # lhs: runs; saltelli: base samples N (runs N(k+2)); morris: trajectories r (runs r(k+1))
//   replicates = 2
//   seed = 1               # sampling and simulation (every run uses it: common random numbers)
//   end = "2025-12"        # optional: shortens the base scenario
//   morris_levels = 4      # morris only (even)
//
//   [factors.hpw]                             # one table per factor, in the file's order
//   parameter = "grid.households_per_worker"
//   range = [300, 800]                        # or levels = [300, 500, 800], or scale = [0.8, 1.2]
//   from = "2022-01"                          # optional: the value applies from this month
//
// range: a constant value (integers rounded); levels: a list (factorial needs
// them); scale: multiplies every value of the base scenario's schedule. Errors
// name the file, line and column, the key and what is allowed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/scenario.hpp"

namespace govsim {

struct Factor {
  std::string name;       // the table's key
  std::string parameter;  // a declared parameter
  enum class Kind { Range, Levels, Scale } kind = Kind::Range;
  double low = 0, high = 0;    // range or scale bounds
  std::vector<double> levels;  // Levels
  std::optional<Month> from;   // the value applies from this month (else: the whole run)
  // The factor's value for a coordinate u in [0, 1] of the unit hypercube.
  double value(double u, bool integer) const;
  const char* kind_str() const { return kind == Kind::Range ? "range" : kind == Kind::Levels ? "levels" : "scale"; }
};

enum class Design { Factorial, Lhs, Saltelli, Morris, File };
const char* design_name(Design d);

struct Experiment {
  std::string file, text;
  std::string title, description;
  std::string scenario_file;  // as resolved (path)
  Scenario base;
  Design design = Design::Lhs;
  std::string design_file;  // design = "file": the CSV, as resolved (path)
  std::string overrides;    // command-line overrides applied over the file ("--end 2021-06 --samples 8"), or empty
  uint32_t samples = 0;
  uint32_t replicates = 1;
  uint32_t seed = 1;
  int morris_levels = 4;
  std::vector<Factor> factors;

  // The design, one row per run: coordinates in [0,1]^k and the factor values.
  std::vector<std::vector<double>> unit;    // [run][factor]
  std::vector<std::vector<double>> values;  // [run][factor]
  // Saltelli: block 0 = A, 1 = B, 2 + j = A with column j from B (AB_j); sample index within the block.
  std::vector<int32_t> saltelli_block, saltelli_sample;
  // Morris: trajectory, step within it (0..k), factor moved to reach this point (-1 at step 0).
  std::vector<int32_t> morris_trajectory, morris_step, morris_factor;
  double morris_delta = 0;

  size_t runs() const { return values.size(); }
  // The scenario of run i: the base with the factor values applied (seed, replicates set).
  Scenario scenario_of(size_t run) const;
};

class ExperimentError : public ScenarioError {
 public:
  using ScenarioError::ScenarioError;
};

// Values given on the command line (`govsim batch --end --samples --replicates`) over the file's.
struct ExperimentOverrides {
  std::optional<Month> end;
  std::optional<uint32_t> samples, replicates;
  std::string str() const;  // "--end 2021-06 --samples 8 --replicates 2" (the ones given), recorded in the output
};

Experiment load_experiment_file(const std::string& path, const ExperimentOverrides& ov = {});
Experiment load_experiment_text(const std::string& text, const std::string& name, const std::string& base_dir = ".",
                                const ExperimentOverrides& ov = {});

// design = "file": reads e.design_file (a header naming every factor once, one row per run) into
// e.values and e.unit, checking each value against its factor; errors name the file and line.
void read_design_file(Experiment& e);

}  // namespace govsim
