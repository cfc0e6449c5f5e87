// `govsim export FILE.h5 --csv DIR`: a run or batch file as tidy CSV files.
//
// One CSV per set of dimensions: region.csv (replicate, month [, run]), by_unit.csv
// (..., unit), by_county.csv (..., county), each with one row per coordinate tuple and
// one column per indicator; design.csv (batch files: each run's factor values and
// design bookkeeping); dictionary.csv (every column: name, file, dims, units,
// units_label, long_name, long_name_zh, description). Months are YYYY-MM, missing
// values empty. The directory is written whole under a temporary name and renamed.
#pragma once
#include <string>
#include <vector>

namespace govsim {

struct ExportSummary {
  std::vector<std::string> files;  // written, in DIR
  size_t columns = 0;              // indicator columns, all files together
};

// Throws ScenarioError (bad input: no such file, not a govsim file, DIR not empty) or
// std::runtime_error (a write failed); nothing is left at `dir` on failure.
ExportSummary export_csv(const std::string& h5_path, const std::string& dir);

}  // namespace govsim
