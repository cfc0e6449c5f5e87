// Benchmark: the default county, 2020-01 to 2035-12, one replicate.
// Prints resident-months per second, wall time, peak memory (max RSS) and bytes
// of state per resident. Usage: govsim_bench [--threads N] [--repeat K]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>
#include <algorithm>

#include "core/engine.hpp"
#include "config/scenario.hpp"

using namespace govsim;

int main(int argc, char** argv) {
  int threads = 0, repeat = 3;
  std::string scenario;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads"))
      threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--repeat"))
      repeat = std::max(1, std::atoi(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--scenario"))
      scenario = argv[i + 1];
  }
  Scenario s = scenario.empty() ? load_scenario_text(embedded_default_scenario(), "<embedded default scenario>")
                                : load_scenario_file(scenario);
  RunOptions opt;
  opt.threads = threads;
  opt.by_unit = s.region.find(':') == std::string::npos;  // no per-unit values for cities and the province
  double best = 1e300;
  RunResult r;
  std::vector<std::pair<std::string, double>> timings;
  for (int k = 0; k < repeat; ++k) {
    const auto t0 = std::chrono::steady_clock::now();
    opt.timings = k == repeat - 1 ? &timings : nullptr;
    r = run_scenario(s, opt);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const int simulated = s.months() + s.spinup_months;
  const double rm = static_cast<double>(r.residents_at_start) * simulated;
  std::printf("%s %s..%s: %llu residents, %d recorded + %d spin-up months, %d thread(s), best of %d\n",
              s.region.c_str(), s.start.str().c_str(), s.end.str().c_str(),
              static_cast<unsigned long long>(r.residents_at_start), s.months(), s.spinup_months, r.threads, repeat);
  std::printf("wall                 %.3f s (world building, all months, indicators; no file output)\n", best);
  std::printf("resident-months/s    %.3g (simulated months, spin-up included)\n", rm / best);
  std::printf("peak memory (RSS)    %.1f MiB\n", ru.ru_maxrss / 1024.0);
  std::printf("state per resident   %zu bytes (resident columns + tree link)\n", r.state_bytes_per_resident);
  double total = 0;
  for (const auto& t : timings) total += t.second;
  std::printf("where the time goes (last run):\n");
  for (const auto& t : timings)
    std::printf("  %-28s %7.3f s  %5.1f%%\n", t.first.c_str(), t.second, 100 * t.second / total);
  return 0;
}
