// govsim run [SCENARIO]: runs a scenario and writes one HDF5 file.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "calibrate/run.hpp"
#include "cli/common.hpp"
#include "cli/targets_report.hpp"
#include "output/output.hpp"

namespace govsim::cli {

namespace {

std::string default_out(const po::variables_map& vm) {
  std::string stem = "default";
  if (vm.count("scenario")) stem = std::filesystem::path(vm["scenario"].as<std::string>()).stem().string();
  return "results/" + stem + ".h5";
}

// Regions of more than a few thousand units (a city, the province) skip per-unit
// datasets unless asked: they would take gigabytes.
bool region_is_large(const std::string& region) {
  return region.rfind("city:", 0) == 0 || region.rfind("province:", 0) == 0;
}

// The progress bar on stderr, redrawn when the percentage changes.
std::function<void(uint32_t, int, int)> progress_bar(const Scenario& s) {
  const uint32_t replicates = s.replicates;
  const Month start = s.start;
  auto last_percent = std::make_shared<int>(-1);
  return [=](uint32_t rep, int step, int months) {
    const int width = 40;
    const double frac = (rep * months + step + 1.0) / (static_cast<double>(replicates) * months);
    const int percent = static_cast<int>(100 * frac);
    if (percent == *last_percent && frac < 1) return;  // redraw only when the figure changes
    *last_percent = percent;
    const int fill = static_cast<int>(frac * width);
    std::fprintf(stderr, "\r[%.*s%*s] %3.0f%%  replicate %u/%u  %s", fill, "########################################",
                 width - fill, "", 100 * frac, rep + 1, replicates, (start + step).str().c_str());
    if (frac >= 1) std::fprintf(stderr, "\n");
  };
}

// The summary line, the headline table and the document targets.
void print_summary(const Scenario& s, const RunResult& r, double secs) {
  std::printf("%s: %s, %s to %s, seed %u, %u replicate(s), %llu residents, %d thread(s), %.2f s\n", s.title.c_str(),
              s.region.c_str(), s.start.str().c_str(), s.end.str().c_str(), s.seed, s.replicates,
              static_cast<unsigned long long>(r.residents_at_start), r.threads, secs);
  print_headline(r);
  const auto docs = documents_of(s.documents);
  std::fputs(format_targets(evaluate_targets(r, targets_of(docs)), docs).c_str(), stdout);
}

}  // namespace

namespace {
// --posterior FILE: the scenario once per posterior sample of a calibration, as one batch (resumable).
int run_posterior(const po::variables_map& vm, const Scenario& s, const std::string& out, int threads, bool quiet,
                  const std::string& command_line) {
  const int samples = int_option(vm, "samples", 0, 100000);
  const Experiment e = calibrate::posterior_experiment(s, vm["posterior"].as<std::string>(),
                                                       static_cast<uint32_t>(samples), command_line);
  BatchOptions bo;
  bo.out = out;
  bo.threads = threads;
  bo.quiet = quiet;
  bo.command_line = command_line;
  const BatchSummary sum = run_batch(e, bo);
  std::printf("%s: %zu posterior sample(s) x %u replicate(s), %.1f s\nwrote %s\n", e.title.c_str(), sum.runs,
              e.replicates, sum.seconds, std::filesystem::absolute(out).lexically_normal().c_str());
  return 0;
}
}  // namespace

int cmd_run(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("scenario", po::value<std::string>(), "scenario file (TOML)")(
      "out,o", po::value<std::string>(), "output HDF5 file (default: results/<scenario>.h5)")(
      "seed", po::value<long long>(), "random seed, overrides the scenario's (0..4294967295)")(
      "replicates", po::value<int>(), "number of replicates, overrides the scenario's")(
      "end", po::value<std::string>(), "last month YYYY-MM, overrides the scenario's (e.g. a short test run)")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter: name=value or name={2020 = 500, 2022 = 300} (repeatable)")(
      "quiet,q", "no progress bar and no summary table")(
      "by-unit", po::value<std::string>()->default_value("auto"),
      "write per-village/community datasets: yes, no, or auto (yes up to 5,000 units)")(
      "posterior", po::value<std::string>(),
      "a govsim calibrate result: run the scenario once per posterior sample (a batch file: run = sample)")(
      "samples", po::value<int>()->default_value(20), "with --posterior: how many posterior samples (0: all)");
  po::positional_options_description p;
  p.add("scenario", 1);
  auto vm =
      parse(args, o, p,
            "usage: govsim run [SCENARIO] [--out FILE] [--seed N] [--replicates N] [--end YYYY-MM] [--threads N] "
            "[--set name=value ...] [--posterior CALIBRATION.h5 [--samples N]]\n\nRuns a scenario month by month and "
            "writes one HDF5 file. Without SCENARIO, runs the embedded default county (scenarios/default.toml). "
            "With --posterior, runs it once per posterior sample of a govsim calibrate result and writes a batch "
            "file (docs/calibration.md).");
  Scenario s = scenario_from_options(vm);
  const int threads = int_option(vm, "threads", 0, 1024);
  const std::string out = vm.count("out") ? vm["out"].as<std::string>() : default_out(vm);
  const bool quiet = vm.count("quiet") > 0;
  const bool bar = !quiet && isatty(STDERR_FILENO);
  RunOptions opt;
  opt.threads = threads;
  const std::string by_unit = vm["by-unit"].as<std::string>();
  if (by_unit != "auto" && by_unit != "yes" && by_unit != "no")
    throw ScenarioError("--by-unit " + by_unit + ": allowed values are yes, no, auto");
  opt.by_unit = by_unit == "yes" || (by_unit == "auto" && !region_is_large(s.region));
  if (vm.count("posterior")) return run_posterior(vm, s, out, threads, quiet, command_line);
  const auto t0 = std::chrono::steady_clock::now();
  if (bar) opt.progress = progress_bar(s);
  RunResult r = run_scenario(s, opt);
  write_result(out, s, r, command_line);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet) print_summary(s, r, secs);
  std::printf("\nwrote %s\n", std::filesystem::absolute(out).lexically_normal().c_str());
  return 0;
}

}  // namespace govsim::cli
