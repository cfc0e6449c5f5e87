// govsim calibrate's runs and files: each wave is a batch (sim/batch: resumable, MPI-ready,
// the same journal) written to OUT.wave-N.h5 and kept, so a calibration killed at any
// moment resumes where it stopped: a finished wave whose file holds the same design is
// read back, an unfinished one resumes from its journal. The result is one HDF5 file
// (written atomically) and a Markdown report beside it.
#pragma once
#include <string>

#include "batch/batch.hpp"
#include "calibrate/history.hpp"

namespace govsim::calibrate {

// The simulator that runs each wave as a batch; `opt.out` is the calibration's output file.
Simulator batch_simulator(const Config& c, const BatchOptions& opt);
// The wave's batch file of a calibration written to `out`.
std::string wave_file(const std::string& out, int wave);
// Writes the result file (atomically) and the report (OUT.md, atomically).
void write_result(const Config& c, const Result& r, const std::string& out, const std::string& command_line);
// The report's Markdown.
std::string report_markdown(const Config& c, const Result& r);

}  // namespace govsim::calibrate

namespace govsim::calibrate {
// A batch that propagates a calibration's parameter uncertainty into scenario `s`: one run per
// posterior sample (the first `samples`, evenly spaced over the sample; 0: all), each with the
// scenario's replicates, the calibrated parameters set to the sample's values over the whole run.
// `note` (the command line) joins the batch's key. Throws naming the file when it is not a govsim
// calibrate result.
Experiment posterior_experiment(const Scenario& s, const std::string& calibration_file, uint32_t samples,
                                const std::string& note);
}  // namespace govsim::calibrate
