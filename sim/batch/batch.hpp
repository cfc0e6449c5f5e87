// Batches: every run of an experiment (sim/config/experiment.hpp), in parallel, into one
// HDF5 file; resumable after a crash; spread over MPI ranks.
//
// Each finished run is written at once to a journal directory next to the
// output (OUT.journal/run-NNNNNN.bin, under a temporary name, then renamed), so
// a batch killed at any moment keeps every run it finished. Running the same
// command again reuses them (the journal is keyed by the experiment text, the
// scenario text, the options that change results and the build) and computes
// only the missing runs; then the output is assembled from the journal, in run
// order, and the journal removed. Runs are deterministic, so the file does not
// depend on threads, ranks, the order in which runs finished or on resuming.
//
// With MPI (built with GOVSIM_WITH_MPI, started by mpirun), the missing runs are
// dealt to the ranks in turn; ranks write their runs to the same journal (a
// shared directory, as on any cluster), meet at a barrier, and rank 0 assembles
// the file. No simulation data passes through MPI messages.
#pragma once
#include <functional>
#include <string>

#include "config/experiment.hpp"

namespace govsim {

struct BatchOptions {
  std::string out;                // the HDF5 file
  int threads = 0;                // worker threads of this process (0: all cores, or cores / local ranks under MPI)
  int parallel_runs = 0;          // runs at once in this process (0: as many as threads)
  bool by_unit = false;           // also (run, replicate, month, unit) datasets
  int rank = 0, ranks = 1;        // MPI
  std::function<void()> barrier;  // MPI barrier (nothing without MPI)
  bool quiet = false;
  std::string command_line;
};

struct BatchSummary {
  size_t runs = 0, reused = 0, computed = 0;  // computed: by this process
  double seconds = 0;
  bool wrote = false;  // this process assembled the output
};

BatchSummary run_batch(const Experiment& e, const BatchOptions& opt);

// The journal key: a hash of everything that determines the results.
std::string batch_key(const Experiment& e, const BatchOptions& opt);

}  // namespace govsim
