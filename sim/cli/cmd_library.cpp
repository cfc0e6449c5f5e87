// govsim library [DIR]: tabulates, runs and checks the scenario library (docs/scenarios.md).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/common.hpp"
#include "cli/library.hpp"
#include "config/files.hpp"
#include "output/atomic.hpp"

namespace govsim::cli {

int cmd_library(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("dir", po::value<std::string>()->default_value("scenarios"),
                                              "the directory of scenario files")(
      "out,o", po::value<std::string>(), "write the library's description (docs/scenarios.md) to FILE")(
      "check", po::value<std::string>(), "compare with FILE instead of writing; exit 1 if it differs")(
      "replicates", po::value<int>()->default_value(2), "replicates per scenario")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "levers-only", "do not run the scenarios: lever tables only (no results, no checks)");
  po::positional_options_description p;
  p.add("dir", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim library [DIR] [--out FILE | --check FILE] [--replicates N] [--threads N]\n\n"
                  "Reads every scenario in DIR (default scenarios/), tabulates the levers each sets, runs the "
                  "baseline, the packages and the stress tests, and checks that each package beats the baseline on "
                  "its documents' targets and each stress test moves its indicators as its `expect` table says. "
                  "Exit 1 if a check fails or (with --check) FILE is out of date.");
  LibraryOptions opt;
  const int reps = int_option(vm, "replicates", 1, 1000), threads = int_option(vm, "threads", 0, 1024);
  opt.replicates = static_cast<uint32_t>(reps);
  opt.threads = threads;
  opt.run = vm.count("levers-only") == 0;
  opt.progress = [](const std::string& stem) { std::fprintf(stderr, "running %s\n", stem.c_str()); };
  LibraryReport rep = build_library_report(vm["dir"].as<std::string>(), opt);
  for (const auto& c : rep.checks)
    if (!c.passed)
      std::printf("FAILED: %s, %s (%s): %s over %d: baseline %.6g, scenario %.6g\n", c.scenario.c_str(),
                  c.indicator.c_str(), c.why.c_str(), c.higher ? "higher expected" : "lower expected", c.year,
                  c.baseline, c.value);
  int status = 0;
  if (opt.run) {
    std::printf("%zu scenario(s), %zu check(s), %d failed\n", rep.scenarios.size(), rep.checks.size(), rep.failed());
    status = rep.failed() ? 1 : 0;
  }
  if (vm.count("check")) {
    const std::string f = vm["check"].as<std::string>();
    if (read_file(f).value_or("") != rep.markdown) {
      std::printf("out of date: %s (run `govsim library %s --out %s` and commit the result)\n", f.c_str(),
                  vm["dir"].as<std::string>().c_str(), f.c_str());
      status = 1;
    } else {
      std::printf("%s is up to date\n", f.c_str());
    }
  } else if (vm.count("out")) {
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
