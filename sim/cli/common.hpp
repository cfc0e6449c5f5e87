// What the subcommands of the govsim program (sim/cli/cmd_*.cpp) share: option
// parsing, the usage error, a scenario loaded from the options, the headline
// table of `govsim run`, and the MPI state of `govsim batch`. main.cpp
// dispatches to the cmd_* functions declared here.
#pragma once
#include <boost/program_options.hpp>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/scenario.hpp"
#include "core/engine.hpp"

namespace govsim::cli {

namespace po = boost::program_options;

// A mistake on the command line: main prints it with the usage and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses `args`; prints the usage and the options and exits 0 on --help; throws
// UsageError (the message followed by `usage`) on an unknown or malformed option.
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const po::positional_options_description& pos, const std::string& usage);

// The scenario named by the "scenario" option (else the embedded default), with
// --seed, --replicates, --end and --set applied where given, and its region checked.
Scenario scenario_from_options(const po::variables_map& vm);

// Warns on stderr (and returns true) when `end` lies past the last milestone (2035-12): the
// documents the model follows end there. `where` names the option or file that set the end.
bool warn_past_horizon(Month end, const std::string& where);

// Runs `work` (which reads the result file `path`) in a child process, so that what
// libhdf5 does with a damaged file cannot end govsim by a signal or hang it (issue 19):
// the child's errors come back as the same exceptions (ScenarioError or
// std::runtime_error); a child killed by a signal, or still running after `seconds`
// (then killed), is a std::runtime_error naming `path`. `cleanup(child_pid)` removes
// what a child that did not finish may have left (its PATH.partial-PID). The child
// writes to the same stdout; call before any thread is started.
void run_isolated(const std::string& path, unsigned seconds, const std::function<void()>& work,
                  const std::function<void(long child_pid)>& cleanup = {});

// The integer option `name`, which must lie in [lo, hi] (else ScenarioError "--name: allowed range [lo, hi]").
int int_option(const po::variables_map& vm, const std::string& name, int lo, int hi);

// The table printed at the end of `govsim run`: each headline indicator's county
// mean over the first year, each milestone year inside the run, and the last year.
void print_headline(const RunResult& r);

// MPI (govsim batch under mpirun): set up by main, read by cmd_batch.
struct Mpi {
  int rank = 0, size = 1;
  bool active = false;
  std::function<void()> barrier;
};
Mpi& mpi();

// The subcommands: each parses its own options (with --help) and returns the exit status.
int cmd_run(const std::vector<std::string>& args, const std::string& command_line);
int cmd_validate(const std::vector<std::string>& args);
int cmd_params(const std::vector<std::string>& args);
int cmd_info(const std::vector<std::string>& args);
int cmd_schedule(const std::vector<std::string>& args);
int cmd_region(const std::vector<std::string>& args);
int cmd_library(const std::vector<std::string>& args);
int cmd_batch(const std::vector<std::string>& args, const std::string& command_line);
int cmd_calibrate(const std::vector<std::string>& args, const std::string& command_line);
int cmd_docs(const std::vector<std::string>& args);
int cmd_export(const std::vector<std::string>& args);

}  // namespace govsim::cli
