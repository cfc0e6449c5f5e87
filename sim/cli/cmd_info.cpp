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
  const std::string file = vm["file"].as<std::string>();
  // describe_result checks what it reads; the child process bounds what libhdf5 does with a damaged file
  run_isolated(file, 30, [&] { std::cout << describe_result(file); });
  return 0;
}

}  // namespace govsim::cli
