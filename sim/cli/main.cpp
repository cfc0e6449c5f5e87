// govsim: the command-line front end. Subcommands: run, validate, params, info,
// schedule, docs. Each has --help.
#include <unistd.h>

#include <boost/program_options.hpp>
#ifdef GOVSIM_WITH_MPI
#include <mpi.h>
#endif
#include <thread>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/docs.hpp"
#include "core/engine.hpp"
#include "output/output.hpp"
#include "config/scenario.hpp"
#include "batch/batch.hpp"
#include "config/experiment.hpp"
#include "cli/library.hpp"
#include "cli/targets_report.hpp"
#include "govsim/report.hpp"

namespace po = boost::program_options;
using namespace govsim;

namespace {

const char* kUsage =
    "govsim: an agent-based simulator of grassroots governance\n\n"
    "usage: govsim COMMAND [options]   (govsim COMMAND --help for details)\n\n"
    "commands:\n"
    "  run [SCENARIO]     run a scenario (default: the embedded default county) and write HDF5\n"
    "  validate SCENARIO  check a scenario file without running it\n"
    "  params             list every parameter: default, unit, range, description, source\n"
    "  info FILE.h5       describe a result file\n"
    "  region REGION      build a region (province:sichuan, city:NAME, county:NAME) and check it against the totals\n"
    "  schedule           print the monthly schedule, phase by phase and step by step\n"
    "  batch EXPERIMENT   run an experiment (sweep, LHS, Sobol/Saltelli, Morris) into one HDF5 file; resumable; MPI\n"
    "  library [DIR]      tabulate, run and check the scenario library (writes docs/scenarios.md)\n"
    "  docs               regenerate docs/parameters.md, docs/output.md and docs/model.md tables\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const po::positional_options_description& pos, const std::string& usage) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n" << opts;
      std::exit(0);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\n\n" + usage);
  }
  return vm;
}

Scenario load(const po::variables_map& vm) {
  Scenario s = vm.count("scenario")
                   ? load_scenario_file(vm["scenario"].as<std::string>())
                   : load_scenario_text(embedded_default_scenario(), "<embedded default scenario>");
  if (vm.count("seed")) {
    const long long v = vm["seed"].as<long long>();
    if (v < 0 || v > 4294967295LL) throw ScenarioError("--seed " + std::to_string(v) + ": allowed range [0, 4294967295]");
    s.seed = static_cast<uint32_t>(v);
  }
  if (vm.count("replicates")) {
    const int v = vm["replicates"].as<int>();
    if (v < 1 || v > 10000) throw ScenarioError("--replicates " + std::to_string(v) + ": allowed range [1, 10000]");
    s.replicates = static_cast<uint32_t>(v);
  }
  if (vm.count("end")) {
    const std::string e = vm["end"].as<std::string>();
    auto m = Month::parse(e);
    if (!m) throw ScenarioError("--end " + e + ": not a date; use YYYY-MM");
    if (*m < s.start) throw ScenarioError("--end " + e + ": before the scenario starts (" + s.start.str() + ")");
    s.end = *m;
  }
  if (vm.count("set"))
    for (const auto& a : vm["set"].as<std::vector<std::string>>()) apply_override(s, a);
  if (!ModelRegistry::instance().region(s.region)) {
    std::string known;
    for (const auto& r : ModelRegistry::instance().regions()) known += (known.empty() ? "" : ", ") + r.first;
    throw ScenarioError(s.file + ": scenario.region: unknown region \"" + s.region + "\" (known: " + known + ")");
  }
  try {
    ModelRegistry::instance().validate_region(s.region);
  } catch (const std::runtime_error& e) {
    throw ScenarioError(s.file + ": scenario.region: " + e.what());
  }
  return s;
}

std::string default_out(const po::variables_map& vm) {
  std::string stem = "default";
  if (vm.count("scenario")) stem = std::filesystem::path(vm["scenario"].as<std::string>()).stem().string();
  return "results/" + stem + ".h5";
}

// Mean of an indicator over the months of `year` and all replicates (NaN skipped).
double year_mean(const RunResult& r, IndicatorId id, int year) {
  double s = 0;
  int n = 0;
  for (uint32_t rep = 0; rep < r.replicates; ++rep)
    for (size_t m = 0; m < r.months.size(); ++m)
      if (r.months[m].year() == year) {
        const double v = r.county(id, rep, m);
        if (!std::isnan(v)) s += v, ++n;
      }
  return n ? s / n : std::nan("");
}

void print_headline(const RunResult& r) {
  // the first year of the run, each milestone inside it, and the last year
  std::vector<int> years;
  const int first = r.months.front().year(), last = r.months.back().year();
  years.push_back(first);
  for (const Month m : milestones())
    if (m.year() > years.back() && m.year() <= last) years.push_back(m.year());
  if (years.back() != last) years.push_back(last);
  std::printf("\n%-44s %-26s", "indicator (county, mean of the year)", "units");
  for (int y : years) std::printf(" %10d", y);
  std::printf("\n");
  for (const IndicatorId id : IndicatorRegistry::instance().headlines()) {
    const auto& d = IndicatorRegistry::instance().all()[id];
    std::printf("%-44s %-26s", d.long_name.c_str(), d.units.c_str());
    for (int y : years) {
      const double v = year_mean(r, id, y);
      if (std::isnan(v)) std::printf(" %10s", "-");
      else if (std::fabs(v) >= 1000) std::printf(" %10.0f", v);
      else std::printf(" %10.3f", v);
    }
    std::printf("\n");
  }
}

// Regions of more than a few thousand units (a city, the province) skip per-unit
// datasets unless asked: they would take gigabytes.
bool region_is_large(const std::string& region) {
  return region.rfind("city:", 0) == 0 || region.rfind("province:", 0) == 0;
}

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
      "write per-village/community datasets: yes, no, or auto (yes up to 5,000 units)");
  po::positional_options_description p;
  p.add("scenario", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim run [SCENARIO] [--out FILE] [--seed N] [--replicates N] [--end YYYY-MM] [--threads N] "
                  "[--set name=value ...]\n\nRuns a scenario month by month and writes one HDF5 file. Without "
                  "SCENARIO, runs the embedded default county (scenarios/default.toml).");
  Scenario s = load(vm);
  const int threads = vm["threads"].as<int>();
  if (threads < 0 || threads > 1024) throw ScenarioError("--threads: allowed range [0, 1024]");
  const std::string out = vm.count("out") ? vm["out"].as<std::string>() : default_out(vm);
  const bool quiet = vm.count("quiet") > 0;
  const bool bar = !quiet && isatty(STDERR_FILENO);
  RunOptions opt;
  opt.threads = threads;
  const std::string by_unit = vm["by-unit"].as<std::string>();
  if (by_unit != "auto" && by_unit != "yes" && by_unit != "no")
    throw ScenarioError("--by-unit " + by_unit + ": allowed values are yes, no, auto");
  opt.by_unit = by_unit == "yes" || (by_unit == "auto" && !region_is_large(s.region));
  const auto t0 = std::chrono::steady_clock::now();
  int last_percent = -1;
  if (bar)
    opt.progress = [&](uint32_t rep, int step, int months) {
      const int width = 40;
      const double frac = (rep * months + step + 1.0) / (static_cast<double>(s.replicates) * months);
      const int percent = static_cast<int>(100 * frac);
      if (percent == last_percent && frac < 1) return;  // redraw only when the figure changes
      last_percent = percent;
      const int fill = static_cast<int>(frac * width);
      std::fprintf(stderr, "\r[%.*s%*s] %3.0f%%  replicate %u/%u  %s", fill,
                   "########################################", width - fill, "", 100 * frac, rep + 1, s.replicates,
                   (s.start + step).str().c_str());
      if (frac >= 1) std::fprintf(stderr, "\n");
    };
  RunResult r = run_scenario(s, opt);
  write_result(out, s, r, command_line);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet) {
    std::printf("%s: %s, %s to %s, seed %u, %u replicate(s), %llu residents, %d thread(s), %.2f s\n",
                s.title.c_str(), s.region.c_str(), s.start.str().c_str(), s.end.str().c_str(), s.seed, s.replicates,
                static_cast<unsigned long long>(r.residents_at_start), r.threads, secs);
    print_headline(r);
    const auto docs = documents_of(s.documents);
    std::fputs(format_targets(evaluate_targets(r, targets_of(docs)), docs).c_str(), stdout);
  }
  std::printf("\nwrote %s\n", std::filesystem::absolute(out).lexically_normal().c_str());
  return 0;
}

int cmd_validate(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("scenario", po::value<std::string>()->required(), "scenario file")(
      "set", po::value<std::vector<std::string>>()->composing(), "override a parameter (as for run)");
  po::positional_options_description p;
  p.add("scenario", 1);
  auto vm = parse(args, o, p, "usage: govsim validate SCENARIO [--set name=value ...]\n\nChecks a scenario file "
                              "(syntax, parameter names, types, ranges, dates) without running it.");
  Scenario s = load(vm);
  int changed = 0;
  const auto& reg = ParamRegistry::instance();
  for (ParamId id = 0; id < reg.all().size(); ++id) {
    const auto& sch = s.values.schedule(id);
    changed += !(sch.constant() && sch.base == reg.get(id).default_value);
  }
  std::printf("%s: valid. \"%s\", region %s, %s to %s (%d months), seed %u, %u replicate(s), %d parameter(s) "
              "differ from their defaults\n",
              s.file.c_str(), s.title.c_str(), s.region.c_str(), s.start.str().c_str(), s.end.str().c_str(),
              s.months(), s.seed, s.replicates, changed);
  return 0;
}

int cmd_params(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("markdown", "print the Markdown reference (docs/parameters.md)")(
      "levers", "list only the policy levers");
  auto vm = parse(args, o, {}, "usage: govsim params [--markdown] [--levers]\n\nLists every parameter with its "
                               "default, unit, allowed range, description and source.");
  if (vm.count("markdown")) {
    std::cout << parameters_markdown();
    return 0;
  }
  const auto& reg = ParamRegistry::instance();
  for (ParamId id : reg.sorted()) {
    const auto& d = reg.get(id);
    if (vm.count("levers") && !d.lever) continue;
    std::printf("%s%s\n  default %s %s; %s in [%s, %s]\n  %s\n  source: %s\n\n", d.name.c_str(),
                d.lever ? "  (lever)" : "", format_value(d.default_value).c_str(), d.unit.c_str(), to_string(d.type),
                format_value(d.min).c_str(), format_value(d.max).c_str(), d.description.c_str(), d.source.c_str());
  }
  return 0;
}

int cmd_info(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("file", po::value<std::string>()->required(), "result file");
  po::positional_options_description p;
  p.add("file", 1);
  auto vm = parse(args, o, p, "usage: govsim info FILE.h5\n\nDescribes a result file: provenance and datasets.");
  std::cout << describe_result(vm["file"].as<std::string>());
  return 0;
}

int cmd_schedule(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help");
  parse(args, o, {}, "usage: govsim schedule\n\nPrints the steps of one simulated month in the order they run.");
  std::string phase;
  int n = 0;
  for (const auto& s : monthly_plan()) {
    if (s.phase != phase) std::printf("%s\n", (phase = s.phase).c_str());
    std::printf("  %2d. %-22s (%s) %s\n", ++n, s.name.c_str(), scope_name(s.scope), s.description.c_str());
  }
  return 0;
}

int cmd_region(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("region", po::value<std::string>()->required(), "region name")(
      "seed", po::value<long long>()->default_value(1), "random seed")(
      "tolerance", po::value<double>()->default_value(0.01), "largest relative difference allowed (exit 1 beyond)");
  po::positional_options_description p;
  p.add("region", 1);
  auto vm = parse(args, o, p, "usage: govsim region REGION [--seed N] [--tolerance 0.01]\n\nBuilds a region's start "
                              "state (province:sichuan, city:NAME, county:NAME) and prints it against the published "
                              "totals it is built to match.");
  const std::string region = vm["region"].as<std::string>();
  const RegionBuilder* b = ModelRegistry::instance().region(region);
  if (!b) throw ScenarioError("unknown region \"" + region + "\"");
  const auto& check = ModelRegistry::instance().region_check();
  if (!check) throw std::runtime_error("no region check is registered");
  World w;
  ParamValues pv;
  std::vector<double> params;
  pv.resolve(Month::of(2020, 1), params);
  InitContext ctx{w, static_cast<uint32_t>(vm["seed"].as<long long>()), 0, Month::of(2020, 1), params, region};
  const auto t0 = std::chrono::steady_clock::now();
  (*b)(w, ctx);
  w.check();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto rows = check(w, region);
  const double tol = vm["tolerance"].as<double>();
  std::printf("%s: %u counties, %u townships, %u units, %u households, %u residents (built in %.1f s)\n\n",
              region.c_str(), w.county().size(), w.townships().size(), w.units().size(), w.households().size(),
              w.residents().size(), secs);
  std::printf("%-34s %16s %16s %9s  %s\n", "figure", "published", "modelled", "diff", "source");
  int bad = 0;
  for (const auto& r : rows) {
    const double diff = r.published != 0 ? r.modelled / r.published - 1 : 0;
    const bool fail = std::fabs(diff) > tol;
    bad += fail;
    std::printf("%-34s %16.4f %16.4f %+8.2f%%  %s%s\n", r.name.c_str(), r.published, r.modelled, 100 * diff,
                r.source.c_str(), fail ? "  <-- beyond tolerance" : "");
  }
  if (bad) std::printf("\n%d figure(s) beyond the tolerance of %.2f%%\n", bad, 100 * tol);
  return bad ? 1 : 0;
}

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
  const int reps = vm["replicates"].as<int>(), threads = vm["threads"].as<int>();
  if (reps < 1 || reps > 1000) throw ScenarioError("--replicates: allowed range [1, 1000]");
  if (threads < 0 || threads > 1024) throw ScenarioError("--threads: allowed range [0, 1024]");
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
    std::ifstream in(f);
    std::stringstream buf;
    buf << in.rdbuf();
    if (buf.str() != rep.markdown) {
      std::printf("out of date: %s (run `govsim library %s --out %s` and commit the result)\n", f.c_str(),
                  vm["dir"].as<std::string>().c_str(), f.c_str());
      status = 1;
    } else {
      std::printf("%s is up to date\n", f.c_str());
    }
  } else if (vm.count("out")) {
    const std::string f = vm["out"].as<std::string>();
    const std::string tmp = f + ".partial";
    {
      std::ofstream out(tmp);
      out << rep.markdown;
      if (!out) throw std::runtime_error("cannot write " + f);
    }
    std::filesystem::rename(tmp, f);
    std::printf("wrote %s\n", f.c_str());
  } else {
    std::fputs(rep.markdown.c_str(), stdout);
  }
  return status;
}

// ---------------------------------------------------------------- MPI (govsim batch under mpirun)
struct Mpi {
  int rank = 0, size = 1;
  bool active = false;
  std::function<void()> barrier;
};
Mpi& mpi() {
  static Mpi m;
  return m;
}
// Started by mpirun/srun? (Then every process of the job calls MPI_Init.)
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

int cmd_batch(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("experiment", po::value<std::string>(), "experiment file (TOML)")(
      "out,o", po::value<std::string>(), "output HDF5 file (default: results/<experiment>.h5)")(
      "threads", po::value<int>()->default_value(0),
      "worker threads of this process (0: all cores; under MPI: the cores / the ranks on the node)")(
      "parallel-runs", po::value<int>()->default_value(0),
      "runs computed at once in this process (0: one per thread; 1 for a city or the province)")(
      "by-unit", po::value<std::string>()->default_value("no"),
      "also write (run, replicate, month, unit) datasets: yes or no")(
      "dry-run", "validate the experiment and print its design; run nothing")("quiet,q", "no progress");
  po::positional_options_description p;
  p.add("experiment", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim batch EXPERIMENT [--out FILE] [--threads N] [--parallel-runs N] [--by-unit yes|no] "
                  "[--dry-run]\n       mpirun -n N govsim batch EXPERIMENT --out FILE   (runs spread over ranks)\n\n"
                  "Runs every run of an experiment (a base scenario, factors, a design: factorial, lhs, saltelli, "
                  "morris) and writes one HDF5 file. Killed at any moment, the same command resumes: finished runs "
                  "are kept in FILE.journal/ and only the missing ones are computed.");
  if (!vm.count("experiment")) throw UsageError("missing EXPERIMENT (an experiment file; see docs/batch.md)");
  const std::string path = vm["experiment"].as<std::string>();
  Experiment e = load_experiment_file(path);
  const int threads = vm["threads"].as<int>(), parallel = vm["parallel-runs"].as<int>();
  if (threads < 0 || threads > 1024) throw ScenarioError("--threads: allowed range [0, 1024]");
  if (parallel < 0 || parallel > 1024) throw ScenarioError("--parallel-runs: allowed range [0, 1024]");
  const std::string by_unit = vm["by-unit"].as<std::string>();
  if (by_unit != "yes" && by_unit != "no") throw ScenarioError("--by-unit " + by_unit + ": allowed values are yes, no");
  if (vm.count("dry-run")) {
    std::printf("%s: valid. \"%s\": design %s, %zu factor(s), %zu run(s) x %u replicate(s), base %s (%s, %s to %s), "
                "seed %u\n",
                path.c_str(), e.title.c_str(), design_name(e.design), e.factors.size(), e.runs(), e.replicates,
                e.scenario_file.c_str(), e.base.region.c_str(), e.base.start.str().c_str(), e.base.end.str().c_str(),
                e.seed);
    for (const auto& f : e.factors)
      std::printf("  %-20s %-42s %-6s [%s, %s]%s\n", f.name.c_str(), f.parameter.c_str(), f.kind_str(),
                  format_value(f.low).c_str(), format_value(f.high).c_str(),
                  f.from ? (" from " + f.from->str()).c_str() : "");
    return 0;
  }
  BatchOptions opt;
  opt.out = vm.count("out") ? vm["out"].as<std::string>()
                            : "results/" + std::filesystem::path(path).stem().string() + ".h5";
  opt.threads = threads;
  if (threads == 0) {  // the cores Slurm gave this task, or the node's cores shared between its ranks
    if (const char* c = std::getenv("SLURM_CPUS_PER_TASK")) {
      opt.threads = std::max(1, std::atoi(c));
    } else if (mpi().size > 1) {
      int local = 1;
      if (const char* l = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE")) local = std::max(1, std::atoi(l));
      opt.threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / local);
    }
  }
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

int cmd_docs(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("check", "do not write; exit 1 if any file is out of date")(
      "dir", po::value<std::string>()->default_value("docs"), "the docs directory");
  auto vm = parse(args, o, {}, "usage: govsim docs [--check] [--dir docs]\n\nRegenerates docs/parameters.md, "
                               "docs/output.md and the generated tables of docs/model.md from the declarations.");
  const bool check = vm.count("check") > 0;
  auto differ = sync_docs(vm["dir"].as<std::string>(), check);
  for (const auto& f : differ) std::printf("%s %s\n", check ? "out of date:" : "updated:", f.c_str());
  if (check && !differ.empty()) {
    std::printf("the docs disagree with the declarations: run `govsim docs` and commit the result\n");
    return 1;
  }
  if (differ.empty()) std::printf("docs are up to date\n");
  return 0;
}

// An error on one rank must not leave the others waiting at a barrier.
void abort_other_ranks(int code) {
#ifdef GOVSIM_WITH_MPI
  if (mpi().active && mpi().size > 1) MPI_Abort(MPI_COMM_WORLD, code);
  if (mpi().active) MPI_Finalize();
#else
  (void)code;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command_line;
  for (int i = 0; i < argc; ++i) {
    if (i) command_line += ' ';
    command_line += argv[i];
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::printf("govsim %s (%s, %s)\n", build_info().version, build_info().git_commit, build_info().build_type);
    return 0;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  try {
    if (cmd == "run") return cmd_run(args, command_line);
    if (cmd == "validate") return cmd_validate(args);
    if (cmd == "params") return cmd_params(args);
    if (cmd == "info") return cmd_info(args);
    if (cmd == "schedule") return cmd_schedule(args);
    if (cmd == "docs") return cmd_docs(args);
    if (cmd == "library") return cmd_library(args);
    if (cmd == "batch") {
#ifdef GOVSIM_WITH_MPI
      if (launched_by_mpi()) {
        MPI_Init(nullptr, nullptr);
        Mpi& m = mpi();
        m.active = true;
        MPI_Comm_rank(MPI_COMM_WORLD, &m.rank);
        MPI_Comm_size(MPI_COMM_WORLD, &m.size);
        m.barrier = [] { MPI_Barrier(MPI_COMM_WORLD); };
      }
#else
      if (launched_by_mpi() && std::getenv("OMPI_COMM_WORLD_SIZE") && std::atoi(std::getenv("OMPI_COMM_WORLD_SIZE")) > 1)
        throw std::runtime_error("this govsim was built without MPI: every rank would run the whole batch "
                                 "(install libopenmpi-dev and rebuild)");
#endif
      const int rc = cmd_batch(args, command_line);
#ifdef GOVSIM_WITH_MPI
      if (mpi().active) MPI_Finalize();
#endif
      return rc;
    }
    if (cmd == "region") return cmd_region(args);
    std::fprintf(stderr, "govsim: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return 2;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "govsim %s: %s\n", cmd.c_str(), e.what());
    abort_other_ranks(2);
    return 2;
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "govsim %s: error: %s\n", cmd.c_str(), e.what());
    abort_other_ranks(2);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "govsim %s: error: %s\n", cmd.c_str(), e.what());
    abort_other_ranks(1);
    return 1;
  }
}
