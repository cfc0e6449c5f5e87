// govsim info FILE.h5: describes a result file.
#include <iostream>

#include "cli/common.hpp"
#include "output/output.hpp"

namespace govsim::cli {

int cmd_info(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("file", po::value<std::string>()->required(), "result file");
  po::positional_options_description p;
  p.add("file", 1);
  auto vm = parse(args, o, p, "usage: govsim info FILE.h5\n\nDescribes a result file: provenance and datasets.");
  std::cout << describe_result(vm["file"].as<std::string>());
  return 0;
}

}  // namespace govsim::cli
