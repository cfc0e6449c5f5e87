// The scenario library (scenarios/*.toml) as a whole: which levers each file
// moves, and -- from a run of every baseline, package and stress scenario --
// whether each does what it should against the baseline:
//   package: beats the baseline on every target its documents set (models/
//            policy/targets.cpp), judged as the mean over expect_year (default:
//            the year of the first milestone, models/policy/milestones.cpp);
//            for a target with a figure that the baseline already meets, the
//            package must meet it too and be no worse;
//   stress:  moves every indicator in its `expect` table the stated way.
// `govsim library` writes docs/scenarios.md from this (or checks it).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "config/scenario.hpp"

namespace govsim {

struct LibraryCheck {
  std::string scenario;  // file stem
  std::string indicator;
  std::string why;  // the clause, or "expect"
  bool higher = true;
  int year = 0;          // the year judged: the scenario's expect_year, or the first milestone
  double threshold = 0;  // for targets with a figure
  bool has_threshold = false;
  double baseline = 0, value = 0;
  bool passed = false;
};

struct LibraryReport {
  std::vector<Scenario> scenarios;  // baseline first, then packages, stress tests, examples (each by name)
  std::vector<std::string> stems;
  std::vector<LibraryCheck> checks;
  std::string markdown;  // the whole of docs/scenarios.md
  int failed() const {
    int n = 0;
    for (const auto& c : checks) n += !c.passed;
    return n;
  }
};

struct LibraryOptions {
  uint32_t replicates = 2;  // per scenario (common random numbers across scenarios)
  int threads = 0;
  bool run = true;  // false: the lever tables only
  std::function<void(const std::string&)> progress;
};

// Loads every *.toml in `dir` (exactly one must have kind = "baseline").
LibraryReport build_library_report(const std::string& dir, const LibraryOptions& opt);

}  // namespace govsim
