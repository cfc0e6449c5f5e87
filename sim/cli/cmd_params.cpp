// govsim params: every parameter, or the Markdown reference.
#include <cstdio>
#include <iostream>

#include "cli/common.hpp"
#include "cli/docs.hpp"

namespace govsim::cli {

int cmd_params(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("markdown", "print the Markdown reference (docs/parameters.md)")(
      "levers", "list only the policy levers")(
      "json",
      "print every parameter as a JSON array (name, mechanism, type, default, unit, range, description, "
      "source, lever)");
  auto vm = parse(args, o, {},
                  "usage: govsim params [--markdown | --json] [--levers]\n\nLists every parameter with its "
                  "default, unit, allowed range, description and source.");
  if (vm.count("markdown") && vm.count("json")) throw UsageError("--markdown and --json: give one of them");
  if (vm.count("json")) {
    std::cout << params_json(vm.count("levers") > 0);
    return 0;
  }
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

}  // namespace govsim::cli
