// govsim: the command-line front end. main dispatches to one function per
// subcommand (sim/cli/cmd_*.cpp: run, validate, params, info, region, schedule,
// batch, library, docs, export; each has --help), sets up MPI for `govsim batch` under
// mpirun, and turns errors into exit codes: 2 for a usage or scenario error,
// 1 for any other failure.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>
#ifdef GOVSIM_WITH_MPI
#include <mpi.h>
#endif

#include "cli/common.hpp"
#include "output/output.hpp"

using namespace govsim;
using namespace govsim::cli;

namespace {

const char* kUsage =
    "govsim: an agent-based simulator of grassroots governance\n\n"
    "usage: govsim COMMAND [options]   (govsim COMMAND --help for details)\n\n"
    "commands:\n"
    "  run [SCENARIO]     run a scenario (default: the embedded default county) and write HDF5\n"
    "  validate SCENARIO  check a scenario file without running it\n"
    "  params             list every parameter: default, unit, range, description, source\n"
    "  info FILE.h5       describe a result file\n"
    "  export FILE.h5     write a result file as tidy CSV with a data dictionary (--csv DIR)\n"
    "  region REGION      build a region (province:sichuan, city:NAME, county:NAME) and check it against the totals\n"
    "  schedule           print the monthly schedule, phase by phase and step by step\n"
    "  batch EXPERIMENT   run an experiment (sweep, LHS, Sobol/Saltelli, Morris) into one HDF5 file; resumable; MPI\n"
    "  calibrate CONFIG   history matching with Gaussian-process emulators against published figures; resumable; MPI\n"
    "  library [DIR]      tabulate, run and check the scenario library (writes docs/scenarios.md)\n"
    "  docs               regenerate docs/parameters.md, docs/output.md and docs/model.md tables\n";

// Started by mpirun/srun? (Then every process of the job calls MPI_Init.)
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

// An error on one rank must not leave the others waiting at a barrier.
void abort_other_ranks(int code) {
#ifdef GOVSIM_WITH_MPI
  if (mpi().active && mpi().size > 1) MPI_Abort(MPI_COMM_WORLD, code);
  if (mpi().active) MPI_Finalize();
#else
  (void)code;
#endif
}

// govsim batch (or calibrate), with MPI_Init/MPI_Finalize around it when mpirun started this process.
int batch_under_mpi(const std::vector<std::string>& args, const std::string& command_line, const std::string& cmd) {
#ifdef GOVSIM_WITH_MPI
  if (launched_by_mpi()) {
    MPI_Init(nullptr, nullptr);
    Mpi& m = mpi();
    m.active = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &m.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &m.size);
    m.barrier = [] { MPI_Barrier(MPI_COMM_WORLD); };
  }
#else
  if (launched_by_mpi() && std::getenv("OMPI_COMM_WORLD_SIZE") && std::atoi(std::getenv("OMPI_COMM_WORLD_SIZE")) > 1)
    throw std::runtime_error(
        "this govsim was built without MPI: every rank would run the whole batch "
        "(install libopenmpi-dev and rebuild)");
#endif
  const int rc = cmd == "calibrate" ? cmd_calibrate(args, command_line) : cmd_batch(args, command_line);
#ifdef GOVSIM_WITH_MPI
  if (mpi().active) MPI_Finalize();
#endif
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command_line;
  for (int i = 0; i < argc; ++i) {
    if (i) command_line += ' ';
    command_line += argv[i];
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::printf("govsim %s (%s, %s)\n", build_info().version, build_info().git_commit, build_info().build_type);
    return 0;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  try {
    if (cmd == "run") return cmd_run(args, command_line);
    if (cmd == "validate") return cmd_validate(args);
    if (cmd == "params") return cmd_params(args);
    if (cmd == "info") return cmd_info(args);
    if (cmd == "schedule") return cmd_schedule(args);
    if (cmd == "docs") return cmd_docs(args);
    if (cmd == "library") return cmd_library(args);
    if (cmd == "batch" || cmd == "calibrate") return batch_under_mpi(args, command_line, cmd);
    if (cmd == "region") return cmd_region(args);
    if (cmd == "export") return cmd_export(args);
    std::fprintf(stderr, "govsim: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return 2;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "govsim %s: %s\n", cmd.c_str(), e.what());
    abort_other_ranks(2);
    return 2;
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "govsim %s: error: %s\n", cmd.c_str(), e.what());
    abort_other_ranks(2);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "govsim %s: error: %s\n", cmd.c_str(), e.what());
    abort_other_ranks(1);
    return 1;
  }
}
