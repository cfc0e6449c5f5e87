// govsim validate SCENARIO: checks a scenario file without running it.
#include <cstdio>

#include "cli/common.hpp"

namespace govsim::cli {

int cmd_validate(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("scenario", po::value<std::string>()->required(), "scenario file")(
      "set", po::value<std::vector<std::string>>()->composing(), "override a parameter (as for run)");
  po::positional_options_description p;
  p.add("scenario", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim validate SCENARIO [--set name=value ...]\n\nChecks a scenario file "
                  "(syntax, parameter names, types, ranges, dates) without running it.");
  Scenario s = scenario_from_options(vm);
  int changed = 0;
  const auto& reg = ParamRegistry::instance();
  for (ParamId id = 0; id < reg.all().size(); ++id) {
    const auto& sch = s.values.schedule(id);
    changed += !(sch.constant() && sch.base == reg.get(id).default_value);
  }
  std::printf(
      "%s: valid. \"%s\", region %s, %s to %s (%d months), seed %u, %u replicate(s), %d parameter(s) "
      "differ from their defaults\n",
      s.file.c_str(), s.title.c_str(), s.region.c_str(), s.start.str().c_str(), s.end.str().c_str(), s.months(), s.seed,
      s.replicates, changed);
  return 0;
}

}  // namespace govsim::cli
