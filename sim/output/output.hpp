// HDF5 result files. One file per command, written under a temporary name and
// renamed when complete, so an interrupted run leaves nothing that looks finished.
//
// Layout (root group, readable by h5py and by xarray.open_dataset(engine="h5netcdf")):
//   replicate [R], month [M] (days since 1970-01-01), unit [U]   dimension scales
//   month_label [M], unit_name / unit_kind / unit_township [U]   labelled coordinates
//   <indicator>           (replicate, month)        county level
//   <indicator>_by_unit   (replicate, month, unit)  village/community level
//   parameters/           one attribute per parameter: its resolved value or schedule
// Root attributes: version, git commit, build type, scenario text and file, seed,
// replicates, threads, start and end time.
#pragma once
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "config/scenario.hpp"

namespace govsim {

struct BuildInfo {
  const char* version;
  const char* git_commit;
  const char* build_type;
};
const BuildInfo& build_info();

// Writes atomically; throws std::runtime_error (nothing is left at `path` on failure).
void write_result(const std::string& path, const Scenario& s, const RunResult& r, const std::string& command_line);

// A human-readable description of a result file (for `govsim info`).
std::string describe_result(const std::string& path);

// Reads one county-level series [replicate * month] (used by tests and `info`).
std::vector<double> read_county_series(const std::string& path, const std::string& indicator,
                                       size_t* replicates = nullptr, size_t* months = nullptr);

}  // namespace govsim
