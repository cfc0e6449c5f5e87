// govsim docs: regenerates (or checks) the generated documentation.
#include <cstdio>

#include "cli/common.hpp"
#include "cli/docs.hpp"

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
  return 0;
}

}  // namespace govsim::cli
