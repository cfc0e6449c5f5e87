// govsim library [DIR]: tabulates, runs and judges the scenario library (docs/scenarios.md).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/common.hpp"
#include "cli/library.hpp"
#include "config/files.hpp"
#include "output/atomic.hpp"
#include "policy/targets.hpp"

namespace govsim::cli {

namespace {

void print_summary(const LibraryReport& rep) {
  int verdicts[3] = {0, 0, 0};
  for (const auto& j : rep.packages)
    for (const Verdict v : j.verdict) ++verdicts[static_cast<int>(v)];
  std::printf(
      "%zu scenario(s); %zu package target(s) judged (%d better, %d no detectable difference, %d worse over "
      "the milestones), %zu not judged (input indicators); %zu stress check(s); %d check(s) failed\n",
      rep.scenarios.size(), rep.packages.size(), verdicts[0], verdicts[1], verdicts[2], rep.not_judged.size(),
      rep.stress.size(), rep.failed());
}

void print_failures(const LibraryReport& rep) {
  for (const auto& c : rep.stress)
    if (!c.passed)
      std::printf("FAILED: %s, %s: expected %s in %d beyond the interval; stress - baseline %.6g [%.6g, %.6g]\n",
                  c.scenario.c_str(), c.indicator.c_str(), c.higher ? "higher" : "lower", c.year, c.diff.mean,
                  c.diff.lo(), c.diff.hi());
  const StationarityCheck& s = rep.stationarity;
  if (rep.has_stationarity && !s.passed)
    std::printf(
        "FAILED: baseline drift of satisfaction_mean %d-%d %.6g [%.6g, %.6g] is not smaller than the "
        "largest package effect %.6g (%s)\n",
        s.y0, s.y1, s.drift.mean, s.drift.lo(), s.drift.hi(), s.largest.mean, s.largest_package.c_str());
}

}  // namespace

int cmd_library(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("dir", po::value<std::string>()->default_value("scenarios"),
                                              "the directory of scenario files")(
      "out,o", po::value<std::string>(), "write the library's description (docs/scenarios.md) to FILE")(
      "check", po::value<std::string>(),
      "check FILE instead of writing: its fingerprint and lever tables must be current and the stress tests (rerun "
      "to their expect_year) must hold and match it; exit 1 otherwise")(
      "replicates", po::value<int>()->default_value(10), "replicates per scenario (at least 2)")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "levers-only", "do not run the scenarios: lever tables only (no results, no checks)");
  po::positional_options_description p;
  p.add("dir", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim library [DIR] [--out FILE | --check FILE] [--replicates N] [--threads N]\n\n"
                  "Reads every scenario in DIR (default scenarios/), tabulates the levers each sets, runs the "
                  "baseline, the packages and the stress tests with N replicates and common random numbers, and "
                  "judges each package against the baseline on its documents' outcome targets (paired 95% "
                  "intervals: better, no detectable difference or worse at each milestone). Stress tests must move "
                  "their `expect` indicators beyond the interval. Exit 1 if a stress test or the baseline's "
                  "stationarity check fails or (with --check) FILE is out of date.");
  if (vm.count("out") && vm.count("check")) throw UsageError("--out and --check: give one of them");
  if (vm.count("levers-only") && vm.count("check")) throw UsageError("--levers-only and --check: give one of them");
  LibraryOptions opt;
  opt.replicates = static_cast<uint32_t>(int_option(vm, "replicates", 2, 1000));
  opt.threads = int_option(vm, "threads", 0, 1024);
  opt.mode = vm.count("levers-only") ? LibraryOptions::Mode::Levers
             : vm.count("check")     ? LibraryOptions::Mode::Check
                                     : LibraryOptions::Mode::Full;
  opt.progress = [](const std::string& what) { std::fprintf(stderr, "running %s\n", what.c_str()); };
  const std::string dir = vm["dir"].as<std::string>();
  LibraryReport rep = build_library_report(dir, opt);
  print_failures(rep);
  int status = rep.failed() ? 1 : 0;
  if (opt.mode == LibraryOptions::Mode::Check) {
    const std::string f = vm["check"].as<std::string>();
    const auto stored = read_file(f);
    const auto why = stored ? library_differences(rep, *stored) : std::vector<std::string>{"no such file"};
    for (const auto& w : why) std::printf("out of date: %s: %s\n", f.c_str(), w.c_str());
    if (!why.empty()) {
      std::printf(
          "regenerate it (all replicates of every scenario) with `govsim library %s --out %s` and commit "
          "the result\n",
          dir.c_str(), f.c_str());
      status = 1;
    } else {
      std::printf("%s is up to date; %zu stress check(s), %d failed\n", f.c_str(), rep.stress.size(), rep.failed());
    }
    return status;
  }
  if (opt.mode == LibraryOptions::Mode::Full) print_summary(rep);
  if (vm.count("out")) {
    const std::string f = vm["out"].as<std::string>();
    write_atomically(f, partial_name(f), [&](const std::filesystem::path& tmp) {
      std::ofstream out(tmp);
      out << rep.markdown;
      if (!out) throw std::runtime_error("cannot write " + f);
    });
    std::printf("wrote %s\n", f.c_str());
  } else {
    std::fputs(rep.markdown.c_str(), stdout);
  }
  return status;
}

}  // namespace govsim::cli
