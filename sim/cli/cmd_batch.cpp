// govsim batch EXPERIMENT: every run of an experiment into one HDF5 file (resumable; MPI ranks).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "batch/batch.hpp"
#include "cli/common.hpp"
#include "cli/json.hpp"
#include "config/experiment.hpp"
#include "output/atomic.hpp"

namespace govsim::cli {

namespace {

// The experiment and its factors, as lines starting with `prefix`.
std::string design_summary(const std::string& path, const Experiment& e, const char* prefix) {
  char b[4096];
  std::snprintf(b, sizeof b,
                "%s%s: valid. \"%s\": design %s, %zu factor(s), %zu run(s) x %u replicate(s), base %s (%s, %s to %s), "
                "seed %u%s%s\n",
                prefix, path.c_str(), e.title.c_str(), design_name(e.design), e.factors.size(), e.runs(), e.replicates,
                e.scenario_file.c_str(), e.base.region.c_str(), e.base.start.str().c_str(), e.base.end.str().c_str(),
                e.seed, e.overrides.empty() ? "" : ", overrides: ", e.overrides.c_str());
  std::string o = b;
  for (const auto& f : e.factors) {
    std::snprintf(b, sizeof b, "%s  %-20s %-42s %-6s [%s, %s]%s\n", prefix, f.name.c_str(), f.parameter.c_str(),
                  f.kind_str(), format_value(f.low).c_str(), format_value(f.high).c_str(),
                  f.from ? (" from " + f.from->str()).c_str() : "");
    o += b;
  }
  return o;
}

// The design matrix as CSV: a header of factor names, then one row of values per run, in run order
// (the format design = "file" reads back).
std::string design_csv(const Experiment& e) {
  std::string o;
  for (size_t j = 0; j < e.factors.size(); ++j) {
    if (j) o += ',';
    o += csv_field(e.factors[j].name);
  }
  o += '\n';
  for (const auto& row : e.values) {
    for (size_t j = 0; j < row.size(); ++j) {
      if (j) o += ',';
      o += csv_number(row[j]);
    }
    o += '\n';
  }
  return o;
}

// --design-out FILE: the design CSV, written atomically.
void write_design_csv(const std::string& out, const Experiment& e) {
  const std::filesystem::path p(out);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  write_atomically(p, partial_name(out), [&](const std::filesystem::path& tmp) {
    std::ofstream f(tmp);
    f << design_csv(e);
    f.close();
    if (!f) throw std::runtime_error("cannot write " + out + " (is the directory writable?)");
  });
}

// --end, --samples, --replicates.
ExperimentOverrides overrides_of(const po::variables_map& vm) {
  ExperimentOverrides ov;
  if (vm.count("end")) {
    const std::string s = vm["end"].as<std::string>();
    ov.end = Month::parse(s);
    if (!ov.end) throw ScenarioError("--end " + s + ": not a date; use YYYY-MM");
  }
  if (vm.count("samples")) ov.samples = static_cast<uint32_t>(int_option(vm, "samples", 1, 1000000));
  if (vm.count("replicates")) ov.replicates = static_cast<uint32_t>(int_option(vm, "replicates", 1, 10000));
  return ov;
}

// --threads 0: the cores Slurm gave this task, or the node's cores shared between its ranks
// (else 0: run_batch takes default_threads()).
int batch_threads(int threads) {
  if (threads != 0) return threads;
  if (const char* c = std::getenv("SLURM_CPUS_PER_TASK")) return std::max(1, std::atoi(c));
  if (mpi().size > 1) {
    int local = 1;
    if (const char* l = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE")) local = std::max(1, std::atoi(l));
    return std::max(1, default_threads() / local);
  }
  return 0;
}

}  // namespace

int cmd_batch(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("experiment", po::value<std::string>(), "experiment file (TOML)")(
      "out,o", po::value<std::string>(), "output HDF5 file (default: results/<experiment>.h5)")(
      "threads", po::value<int>()->default_value(0),
      "worker threads of this process (0: all cores; under MPI: the cores / the ranks on the node)")(
      "parallel-runs", po::value<int>()->default_value(0),
      "runs computed at once in this process (0: one per thread; 1 for a city or the province)")(
      "by-unit", po::value<std::string>()->default_value("no"),
      "also write (run, replicate, month, unit) datasets: yes or no")("end", po::value<std::string>(),
                                                                      "last month YYYY-MM, over the experiment's end")(
      "samples", po::value<int>(), "samples (lhs, saltelli, morris), over the experiment's")(
      "replicates", po::value<int>(), "replicates per run, over the experiment's")(
      "dry-run", "validate the experiment and print its design matrix as CSV (after # summary lines); run nothing")(
      "design-out", po::value<std::string>(), "write the design matrix as CSV to FILE (header: the factor names)")(
      "quiet,q", "no progress");
  po::positional_options_description p;
  p.add("experiment", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim batch EXPERIMENT [--out FILE] [--threads N] [--parallel-runs N] [--by-unit yes|no] "
                  "[--end YYYY-MM] [--samples N] [--replicates N] [--dry-run] [--design-out FILE]\n       mpirun -n N "
                  "govsim batch EXPERIMENT --out FILE   (runs spread over ranks)\n\n"
                  "Runs every run of an experiment (a base scenario, factors, a design: factorial, lhs, saltelli, "
                  "morris, or a CSV design file) and writes one HDF5 file. Killed at any moment, the same command "
                  "resumes: finished runs "
                  "are kept in FILE.journal/ and only the missing ones are computed.");
  if (!vm.count("experiment")) throw UsageError("missing EXPERIMENT (an experiment file; see docs/batch.md)");
  const std::string path = vm["experiment"].as<std::string>();
  Experiment e = load_experiment_file(path, overrides_of(vm));
  warn_past_horizon(e.base.end, vm.count("end") ? "--end" : path);
  const int threads = int_option(vm, "threads", 0, 1024), parallel = int_option(vm, "parallel-runs", 0, 1024);
  const std::string by_unit = vm["by-unit"].as<std::string>();
  if (by_unit != "yes" && by_unit != "no") throw ScenarioError("--by-unit " + by_unit + ": allowed values are yes, no");
  if (vm.count("design-out") && mpi().rank == 0) write_design_csv(vm["design-out"].as<std::string>(), e);
  if (vm.count("dry-run")) {
    if (vm.count("design-out")) {
      std::fputs(design_summary(path, e, "").c_str(), stdout);
      std::printf("wrote %s\n", vm["design-out"].as<std::string>().c_str());
    } else {
      std::fputs((design_summary(path, e, "# ") + design_csv(e)).c_str(), stdout);
    }
    return 0;
  }
  BatchOptions opt;
  opt.out =
      vm.count("out") ? vm["out"].as<std::string>() : "results/" + std::filesystem::path(path).stem().string() + ".h5";
  opt.threads = batch_threads(threads);
  opt.parallel_runs = parallel;
  opt.by_unit = by_unit == "yes";
  opt.rank = mpi().rank;
  opt.ranks = mpi().size;
  opt.barrier = mpi().barrier;
  opt.quiet = vm.count("quiet") > 0;
  opt.command_line = command_line;
  BatchSummary sum = run_batch(e, opt);
  if (sum.wrote)
    std::printf("%s: %zu runs x %u replicate(s) (%zu from an earlier attempt), %d rank(s), %.1f s\nwrote %s\n",
                e.title.empty() ? path.c_str() : e.title.c_str(), sum.runs, e.replicates, sum.reused, opt.ranks,
                sum.seconds, std::filesystem::absolute(opt.out).lexically_normal().c_str());
  return 0;
}

}  // namespace govsim::cli
