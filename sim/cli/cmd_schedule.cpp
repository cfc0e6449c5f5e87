// govsim schedule: the steps of one simulated month, in order.
#include <cstdio>

#include "cli/common.hpp"

namespace govsim::cli {

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

}  // namespace govsim::cli
