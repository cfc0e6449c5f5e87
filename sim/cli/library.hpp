// The scenario library (scenarios/*.toml) as a whole: which levers each file
// moves and -- from replicated runs of every baseline, package and stress
// scenario with common random numbers -- what each does against the baseline,
// with its uncertainty:
//   package: on every target its documents set (models/policy/targets.cpp) whose
//            indicator is an outcome, the paired difference package - baseline
//            over replicates (mean, 95% t interval), at each milestone year
//            (models/policy/milestones.cpp), classified as better / no detectable
//            difference / worse in the target's direction. A package that does
//            not help is a finding, not a failure. Targets on input indicators
//            are listed, not judged.
//   stress:  each indicator of its `expect` table must move beyond its paired
//            interval the stated way at expect_year (a check: a failure fails).
//   baseline: its drift in mean satisfaction must be smaller than the largest
//            package effect (a check), both reported with their intervals.
// `govsim library --out` writes docs/scenarios.md from this, ending with a
// fingerprint of what it was computed from; `govsim library --check` (CI)
// compares the fingerprint and the lever tables, reruns the stress tests only (to
// their expect_year) and requires their section to be the stored one.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "config/scenario.hpp"

namespace govsim {

struct TargetDecl;

// ---- paired comparisons over replicates (common random numbers)
// The two-sided Student t quantile: P(T <= t) = p for T with `df` degrees of freedom (df >= 1).
double student_t_quantile(double p, int df);

struct PairedInterval {
  double mean = 0;  // mean of the paired differences
  double half = 0;  // t_{0.975, n-1} * sd / sqrt(n)
  int n = 0;        // pairs (replicates where both values exist)
  double lo() const { return mean - half; }
  double hi() const { return mean + half; }
};
// scenario[r] - baseline[r] over the replicates r where both are numbers; needs n >= 2.
PairedInterval paired_interval(const std::vector<double>& scenario, const std::vector<double>& baseline,
                               double level = 0.95);

enum class Verdict { Better, NoDifference, Worse };
// Better: the interval lies wholly on the better side of 0 (above it when higher is better);
// Worse: wholly on the other side; otherwise no detectable difference.
Verdict classify(const PairedInterval& d, bool higher_is_better);
const char* verdict_name(Verdict v);  // "better", "no detectable difference", "worse"

// ---- the report
struct PackageJudgement {  // one target of a package's documents, on an outcome indicator
  std::string scenario;    // file stem
  const TargetDecl* target = nullptr;
  std::vector<int> years;            // the milestone years
  std::vector<double> baseline;      // baseline mean over replicates, per year
  std::vector<PairedInterval> diff;  // package - baseline, per year
  std::vector<Verdict> verdict;      // per year
};

struct StressCheck {
  std::string scenario, indicator;
  bool higher = true;
  int year = 0;
  double baseline = 0;
  PairedInterval diff;
  bool passed = false;  // the interval lies wholly on the expected side of 0
};

struct StationarityCheck {
  int y0 = 0, y1 = 0;
  PairedInterval drift;    // baseline at y1 - baseline at y0, paired by replicate
  PairedInterval largest;  // the package effect on satisfaction at y1 largest in absolute mean
  std::string largest_package = "-";
  bool passed = false;  // |drift.mean| < |largest.mean|
  // The baseline rerun with its scenario.trend_drivers removed (when it names any): what drift is left.
  bool has_without = false;
  PairedInterval without;
  std::string drivers;  // the overrides, joined
};

// What docs/scenarios.md was computed from (FNV-1a 64, hexadecimal).
struct LibraryFingerprint {
  std::string files;         // the scenario files of the directory, by name
  std::string params;        // `govsim params --json`
  std::string declarations;  // indicators (name, kind, headline), document targets, milestones
  std::string results;       // every region series of a short run (1 replicate, to fingerprint_end) of each
                             // baseline, package and stress scenario
  uint32_t replicates = 0;
  std::string line(int failed) const;  // the comment line stored at the end of docs/scenarios.md
};

struct CostLine {  // what a package costs, beside what it does
  std::string scenario;
  std::vector<int> years;
  std::vector<double> baseline;      // governance_cost_per_resident of the baseline, per year
  std::vector<PairedInterval> cost;  // package - baseline, per year
  std::vector<PairedInterval> gap;   // township_funding_gap_per_resident, package - baseline, per year
  std::vector<int> better, worse;    // targets judged better / worse, per year
};

struct LibraryReport {
  std::vector<Scenario> scenarios;  // baseline first, then packages, stress tests, examples (each by name)
  std::vector<std::string> stems;
  std::vector<PackageJudgement> packages;
  std::vector<std::pair<std::string, const TargetDecl*>> not_judged;  // (package, target on an input indicator)
  std::vector<StressCheck> stress;
  std::vector<CostLine> costs;

  StationarityCheck stationarity;
  bool has_stationarity = false;
  LibraryFingerprint fingerprint;
  std::string markdown;  // the whole of docs/scenarios.md (full mode)
  std::string levers;    // the part before the results: heading, files and levers tables
  std::string stress_section;
  // Failed checks: stress tests not beyond their interval, and the baseline drift.
  int failed() const;
};

struct LibraryOptions {
  uint32_t replicates = 10;  // per scenario (common random numbers: the baseline's seed for every scenario)
  int threads = 0;
  enum class Mode { Levers, Full, Check } mode = Mode::Full;
  std::function<void(const std::string&)> progress;
};

// The last month of the short runs the fingerprint is taken on.
Month fingerprint_end();

// Loads every *.toml in `dir` (exactly one must have kind = "baseline"). Levers: the lever
// tables only (markdown = levers). Full: every run, table and check, and the fingerprint.
// Check: the lever tables, the fingerprint and the stress tests only (runs to expect_year).
LibraryReport build_library_report(const std::string& dir, const LibraryOptions& opt);

// Compares a Check-mode report with the stored docs/scenarios.md: the lever tables, the
// fingerprint (naming the parts that changed) and the stress section must match, and the stored
// file must record no failed check. Returns the reasons it is out of date (empty: current).
std::vector<std::string> library_differences(const LibraryReport& current, const std::string& stored);

}  // namespace govsim
