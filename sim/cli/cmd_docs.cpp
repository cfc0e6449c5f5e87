// govsim docs: regenerates (or checks) the generated documentation.
#include <cstdio>

#include "cli/common.hpp"
#include "cli/docs.hpp"
#include "govsim/mechanism.hpp"
#include "policy/targets.hpp"

namespace govsim::cli {

int cmd_docs(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("check", "do not write; exit 1 if any file is out of date")(
      "dir", po::value<std::string>()->default_value("docs"), "the docs directory");
  auto vm = parse(args, o, {},
                  "usage: govsim docs [--check] [--dir docs]\n\nRegenerates docs/parameters.md, "
                  "docs/output.md and the generated tables of docs/model.md from the declarations.");
  const bool check = vm.count("check") > 0;
  auto differ = sync_docs(vm["dir"].as<std::string>(), check);
  for (const auto& f : differ) std::printf("%s %s\n", check ? "out of date:" : "updated:", f.c_str());
  if (check && !differ.empty()) {
    std::printf("the docs disagree with the declarations: run `govsim docs` and commit the result\n");
    return 1;
  }
  if (differ.empty()) std::printf("docs are up to date\n");
  // Targets are to be judged on outcomes; until the indicators below are produced by mechanisms
  // these are warnings (the expected list is pinned in tests/cli/test_docs.cpp).
  const auto on_inputs = targets_on_inputs();
  for (const TargetDecl* t : on_inputs)
    std::fprintf(stderr,
                 "warning: target %s (%s) is judged on `%s`, an input indicator (a lever or a fixed function "
                 "of levers), not an outcome\n",
                 t->clause.c_str(), t->text.c_str(), t->indicator.c_str());
  if (!on_inputs.empty())
    std::fprintf(stderr, "warning: %zu of %zu document targets are judged on input indicators\n", on_inputs.size(),
                 TargetRegistry::instance().all().size());
  return 0;
}

}  // namespace govsim::cli
