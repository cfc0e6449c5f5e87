#include "cli/common.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/targets_report.hpp"
#include "config/names.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/report.hpp"

namespace govsim::cli {

namespace {

// The long option of `opts` nearest to the unknown `option` ("--replicate": "--replicates").
std::string nearest_option(const std::string& option, const po::options_description& opts) {
  std::vector<std::string> names;
  for (const auto& o : opts.options()) names.push_back("--" + o->long_name());
  std::string bare = option.substr(0, option.find('='));
  if (bare.rfind("--", 0) != 0) bare = "--" + bare.substr(bare.find_first_not_of('-'));
  for (const auto& n : names)  // a prefix of an option names that option (which is not guessed, only suggested)
    if (n.rfind(bare, 0) == 0) return n;
  return nearest_name(bare, names);
}

}  // namespace

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const po::positional_options_description& pos, const std::string& usage) {
  po::variables_map vm;
  // no prefix guessing: "--replicate 3" is an error, not --replicates
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).style(style).run(), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n" << opts;
      std::exit(0);
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    throw UsageError(std::string(e.what()) + " (did you mean " + nearest_option(e.get_option_name(), opts) + "?)\n\n" +
                     usage);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\n\n" + usage);
  }
  return vm;
}

namespace {

// --seed, --replicates, --end and --set, over the scenario's own values.
void apply_run_options(Scenario& s, const po::variables_map& vm) {
  if (vm.count("seed")) {
    const long long v = vm["seed"].as<long long>();
    if (v < 0 || v > 4294967295LL)
      throw ScenarioError("--seed " + std::to_string(v) + ": allowed range [0, 4294967295]");
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
}

void check_region(const Scenario& s) {
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
}

}  // namespace

Scenario scenario_from_options(const po::variables_map& vm) {
  Scenario s = vm.count("scenario") ? load_scenario_file(vm["scenario"].as<std::string>())
                                    : load_scenario_text(embedded_default_scenario(), "<embedded default scenario>");
  apply_run_options(s, vm);
  check_region(s);
  warn_past_horizon(s.end, vm.count("end") ? "--end" : s.file);
  return s;
}

bool warn_past_horizon(Month end, const std::string& where) {
  const Month last = milestones().back();
  if (!(last < end)) return false;
  std::fprintf(stderr,
               "govsim: warning: %s: the period runs to %s, past %s; the policy documents the model follows set "
               "nothing after %d, so later months carry their %d policies forward\n",
               where.c_str(), end.str().c_str(), last.str().c_str(), last.year(), last.year());
  return true;
}

int int_option(const po::variables_map& vm, const std::string& name, int lo, int hi) {
  const int v = vm[name].as<int>();
  if (v < lo || v > hi)
    throw ScenarioError("--" + name + ": allowed range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

void print_headline(const RunResult& r) {
  // the first year of the run, each milestone inside it, and the last year
  std::vector<int> years;
  const int first = r.months.front().year(), last = r.months.back().year();
  years.push_back(first);
  for (const Month m : milestones())
    if (m.year() > years.back() && m.year() <= last) years.push_back(m.year());
  if (years.back() != last) years.push_back(last);
  // with replicates, each value carries the 95% interval of the replicates' mean
  const bool intervals = r.replicates >= 2;
  const int width = intervals ? 30 : 10;
  std::printf("\n%-44s %-26s", "indicator (county, mean of the year)", "units");
  for (int y : years) std::printf(" %*d", width, y);
  std::printf("\n");
  for (const IndicatorId id : IndicatorRegistry::instance().headlines()) {
    const auto& d = IndicatorRegistry::instance().all()[id];
    std::printf("%-44s %-26s", d.long_name.c_str(), d.units.c_str());
    for (int y : years) {
      const double v = year_mean(r, id, y).value_or(std::nan(""));
      const std::string cell = std::isnan(v) ? "-" : number_text(v) + (intervals ? replicate_interval(r, id, y) : "");
      std::printf(" %*s", width, cell.c_str());
    }
    std::printf("\n");
  }
  if (intervals)
    std::printf("(replicate means with the 95%% interval of the mean over %u replicates, Student t)\n", r.replicates);
  else
    std::printf("(one replicate: no interval; --replicates N gives each value the 95%% interval over N)\n");
}

Mpi& mpi() {
  static Mpi m;
  return m;
}

namespace {

// Everything the child wrote to `fd` until it closed it or `deadline` passed; false on timeout.
bool read_until(int fd, std::string& out, std::chrono::steady_clock::time_point deadline) {
  char buf[4096];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;  // closed: the child has ended (or closed it on exit)
    out.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

void run_isolated(const std::string& path, unsigned seconds, const std::function<void()>& work,
                  const std::function<void(long)>& cleanup) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("cannot create a pipe: " + std::string(std::strerror(errno)));
  std::fflush(nullptr);
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot fork: " + std::string(std::strerror(errno)));
  if (pid == 0) {  // the child: do the work, report an error as "S" or "R" + message, never return
    ::close(fds[0]);
    std::string report;
    try {
      work();
    } catch (const ScenarioError& e) {
      report = std::string("S") + e.what();
    } catch (const std::exception& e) {
      report = std::string("R") + e.what();
    }
    std::cout.flush();
    std::fflush(nullptr);
    for (size_t at = 0; at < report.size();) {
      const ssize_t n = ::write(fds[1], report.data() + at, report.size() - at);
      if (n <= 0) break;
      at += static_cast<size_t>(n);
    }
    ::_exit(report.empty() ? 0 : 3);
  }
  ::close(fds[1]);
  std::string report;
  const bool in_time = read_until(fds[0], report, std::chrono::steady_clock::now() + std::chrono::seconds(seconds));
  ::close(fds[0]);
  if (!in_time) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const bool finished = in_time && WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 3);
  if (!finished && cleanup) cleanup(static_cast<long>(pid));
  if (!in_time)
    throw std::runtime_error(path + ": reading it took more than " + std::to_string(seconds) +
                             " s, so it was stopped; the file is damaged or not a govsim result");
  if (WIFSIGNALED(status))
    throw std::runtime_error(path + ": the HDF5 library crashed reading it (signal " +
                             std::to_string(WTERMSIG(status)) + "); the file is damaged or not a govsim result");
  if (!finished)  // e.g. a sanitizer's report on a memory error inside libhdf5 (its exit status 1)
    throw std::runtime_error(path + ": the process reading it failed (exit status " +
                             std::to_string(WEXITSTATUS(status)) + "); the file is damaged or not a govsim result");
  if (!report.empty() && report[0] == 'S') throw ScenarioError(report.substr(1));
  if (!report.empty()) throw std::runtime_error(report.substr(1));
}

}  // namespace govsim::cli
