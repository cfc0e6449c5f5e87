// Calibration by history matching (govsim calibrate CONFIG).
//
//   [calibration]
//   title = "Sichuan 2020"
//   scenario = "../baseline.toml"   # relative to this file
//   end = "2020-12"                 # runs end here (the targets' last month at the latest)
//   waves = 3                       # waves of runs; each fits one emulator per target
//   runs_per_wave = 30
//   replicates = 2                  # per run (the emulator's nugget takes their noise)
//   candidates = 20000              # prior points screened by the emulators each wave
//   cutoff = 3.0                    # implausibility above which a point is ruled out
//   posterior_samples = 500
//   seed = 1
//
//   [parameters.return]             # free parameters, with their prior ranges (uniform)
//   parameter = "collective.return_rate"
//   range = [0.05, 0.15]
//
//   [targets.petitions]             # published figures the model must reproduce
//   indicator = "petitions_per_10k"
//   period = ["2020-01", "2020-12"] # the indicator's mean over these months (and replicates)
//   value = 58
//   sd = 5                          # the figure's uncertainty (observation error)
//   discrepancy = 0                 # model discrepancy (sd), optional
//   source = "calibration-2020: petitions-2016"
//
// Wave 1 is a Latin hypercube of runs_per_wave points over the prior box; each later wave
// draws `candidates` uniform points, keeps those every target's emulator (fitted on all
// the runs so far) finds non-implausible,
//   I_j(x) = |z_j - E[f_j(x)]| / sqrt(Var[f_j(x)] + sd_j^2 + discrepancy_j^2),   max_j I_j(x) <= cutoff,
// and runs a space-filling subset of them (greedy maximin). After the last wave the
// non-implausible candidates are the non-implausible region (NROY); the posterior sample
// resamples them with weights exp(-1/2 sum_j I_j(x)^2) (an emulator-based approximate
// Bayesian computation with a Gaussian kernel). Randomness: counter-based, keyed by the
// seed, the wave and the point.
#pragma once
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "calibrate/gp.hpp"
#include "config/scenario.hpp"

namespace govsim::calibrate {

struct FreeParameter {
  std::string name, parameter;
  double low = 0, high = 1;
};
struct Target {
  std::string name, indicator, source;
  Month from, to;
  double value = 0, sd = 1, discrepancy = 0;
};
struct Config {
  std::string file, text, title, scenario_file;
  Scenario base;
  std::vector<FreeParameter> parameters;
  std::vector<Target> targets;
  uint32_t waves = 3, runs_per_wave = 30, replicates = 2, candidates = 20000, posterior_samples = 500, seed = 1;
  double cutoff = 3.0;
};
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
Config load_config_file(const std::string& path);
Config load_config_text(const std::string& text, const std::string& file, const std::string& base_dir = ".");

// Runs the model at each row of `values` (parameter values in natural units) in wave `wave`
// (0-based) and returns each target's output, [run][target].
using Simulator =
    std::function<std::vector<std::vector<double>>(const std::vector<std::vector<double>>& values, int wave)>;

struct WaveSummary {
  int wave = 0;
  size_t runs = 0;
  size_t screened = 0, kept = 0;  // candidates screened by this wave's emulators, and those non-implausible
};
struct Result {
  std::vector<std::vector<double>> design;   // [run][parameter], natural units
  std::vector<int> wave_of;                  // [run]
  std::vector<std::vector<double>> outputs;  // [run][target]
  std::vector<WaveSummary> waves;
  std::vector<GaussianProcess> emulators;  // the last fit, one per target
  std::vector<double> loo_coverage;        // per target: design points within 2 sd of their leave-one-out prediction
  std::vector<std::vector<double>> nroy;   // [point][parameter], the non-implausible candidates after the last wave
  std::vector<double> nroy_implausibility, nroy_weight;
  std::vector<std::vector<double>> posterior;  // [sample][parameter]
  double nroy_fraction = 0;                    // of the prior box (the last screening)
};

// The implausibility (max over targets) of a point of the unit box under the emulators.
double implausibility(const Config& c, const std::vector<GaussianProcess>& em, const Eigen::VectorXd& unit,
                      std::vector<double>* per_target = nullptr);
Result history_match(const Config& c, const Simulator& simulate, std::ostream* log = nullptr);

}  // namespace govsim::calibrate
