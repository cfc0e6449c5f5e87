// govsim schedule: the schedule of models/schedule.cpp exactly: the order mechanisms
// initialise a fresh world in, then each phase (with its description) and its steps
// in run order.
#include <cstdio>

#include "cli/common.hpp"

namespace govsim::cli {

int cmd_schedule(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help");
  parse(args, o, {},
        "usage: govsim schedule\n\nPrints the schedule (models/schedule.cpp): the order mechanisms initialise in, "
        "then the steps of one simulated month, phase by phase, in the order they run.");
  const auto& sched = ModelRegistry::instance().schedule();
  std::printf("initialisation:");
  for (const MechanismFactory* m : ModelRegistry::instance().mechanisms()) std::printf(" %s", m->name.c_str());
  std::printf("\n");
  const auto plan = monthly_plan();
  int n = 0;
  for (size_t p = 0; p < sched.phases.size(); ++p) {
    std::printf("%s: %s\n", sched.phases[p].name.c_str(), sched.phases[p].description.c_str());
    for (const auto& s : plan)
      if (s.phase == sched.phases[p].name)
        std::printf("  %2d. %-22s (%s) %s\n", ++n, s.name.c_str(), scope_name(s.scope), s.description.c_str());
  }
  return 0;
}

}  // namespace govsim::cli
