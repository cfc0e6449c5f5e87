// govsim calibrate CONFIG: history matching of free parameters against published figures,
// with a Gaussian-process emulator per target (sim/calibrate; docs/calibration.md).
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "calibrate/run.hpp"
#include "cli/common.hpp"

namespace govsim::cli {

int cmd_calibrate(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("config", po::value<std::string>(), "calibration file (TOML)")(
      "out,o", po::value<std::string>(), "output HDF5 file (default: results/<config>.h5; the report beside it, .md)")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "parallel-runs", po::value<int>()->default_value(0), "runs computed at once (0: one per thread)")("quiet,q",
                                                                                                        "no progress");
  po::positional_options_description p;
  p.add("config", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim calibrate CONFIG [--out FILE] [--threads N] [--parallel-runs N]\n       mpirun -n N "
                  "govsim calibrate CONFIG --out FILE   (each wave's runs spread over ranks)\n\n"
                  "History matching: waves of runs (batches, resumable: each wave is kept in FILE's folder as "
                  "NAME.wave-K.h5 with its journal), a Gaussian-process emulator per target, the non-implausible "
                  "region and a posterior sample; writes FILE (HDF5) and FILE's .md report (docs/calibration.md).");
  if (!vm.count("config")) throw UsageError("missing CONFIG (a calibration file; see docs/calibration.md)");
  const std::string path = vm["config"].as<std::string>();
  const calibrate::Config c = calibrate::load_config_file(path);
  warn_past_horizon(c.base.end, path);
  BatchOptions opt;
  opt.out =
      vm.count("out") ? vm["out"].as<std::string>() : "results/" + std::filesystem::path(path).stem().string() + ".h5";
  opt.threads = int_option(vm, "threads", 0, 1024);
  opt.parallel_runs = int_option(vm, "parallel-runs", 0, 1024);
  opt.rank = mpi().rank;
  opt.ranks = mpi().size;
  opt.barrier = mpi().barrier;
  opt.quiet = true;
  opt.command_line = command_line;
  const bool quiet = vm.count("quiet") > 0 || mpi().rank != 0;
  const calibrate::Result r =
      calibrate::history_match(c, calibrate::batch_simulator(c, opt), quiet ? nullptr : &std::cout);
  if (mpi().rank == 0) {
    calibrate::write_result(c, r, opt.out, command_line);
    std::printf("wrote %s and %s\n", opt.out.c_str(),
                std::filesystem::path(opt.out).replace_extension(".md").string().c_str());
  }
  return 0;
}

}  // namespace govsim::cli
