// govsim region REGION: builds a region's start state and checks it against the published totals.
#include <chrono>
#include <cmath>
#include <cstdio>

#include "cli/common.hpp"

namespace govsim::cli {

int cmd_region(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("region", po::value<std::string>()->required(), "region name")(
      "seed", po::value<long long>()->default_value(1), "random seed")(
      "tolerance", po::value<double>()->default_value(0.01), "largest relative difference allowed (exit 1 beyond)");
  po::positional_options_description p;
  p.add("region", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim region REGION [--seed N] [--tolerance 0.01]\n\nBuilds a region's start "
                  "state (province:sichuan, city:NAME, county:NAME) and prints it against the published "
                  "totals it is built to match.");
  // A NaN tolerance would pass every comparison (NaN > x is false), an infinite or negative one is meaningless.
  const double tol = vm["tolerance"].as<double>();
  if (!std::isfinite(tol) || tol < 0)
    throw ScenarioError("--tolerance " + format_value(tol) +
                        ": allowed range [0, inf) (a finite relative difference, e.g. 0.01)");
  const long long seed = vm["seed"].as<long long>();
  if (seed < 0 || seed > 4294967295LL)
    throw ScenarioError("--seed " + std::to_string(seed) + ": allowed range [0, 4294967295]");
  const std::string region = vm["region"].as<std::string>();
  const RegionBuilder* b = ModelRegistry::instance().region(region);
  if (!b) throw ScenarioError("unknown region \"" + region + "\"");
  const auto& check = ModelRegistry::instance().region_check();
  if (!check) throw std::runtime_error("no region check is registered");
  World w;
  ParamValues pv;
  std::vector<double> params;
  pv.resolve(Month::of(2020, 1), params);
  InitContext ctx{w, static_cast<uint32_t>(seed), 0, Month::of(2020, 1), params, region};
  const auto t0 = std::chrono::steady_clock::now();
  (*b)(w, ctx);
  w.check();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto rows = check(w, region);
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

}  // namespace govsim::cli
