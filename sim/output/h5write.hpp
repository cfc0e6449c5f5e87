// Writing an HDF5 file whole or not at all, on any error: used by `govsim run` (write_result)
// and batch assembly. Every id the file has open is closed on an error path (the file is opened
// with H5F_CLOSE_STRONG), the result of H5Fclose is checked, and the library's exit handler is not
// registered, so a file whose close failed (a full disk) cannot crash the process at exit
// (HDF5 1.10.8 dereferences it in H5_term_library). Guarantees: docs/reliability.md.
#pragma once
#include <hdf5.h>

#include <functional>
#include <string>

namespace govsim::h5 {

// Writes `path`: removes stale PATH.partial-PID files of dead processes, creates PATH.partial-PID,
// calls fill(file), closes it (checked), fsyncs it, renames it to `path` and fsyncs the directory.
// On any failure nothing is left at `path` or at the partial name, and the error thrown reads
// "cannot write PATH: REASON" (REASON from errno where a system call failed: "no space left on device").
// `hooks` names the crash_point()s: HOOKS.rename (closed and fsynced, before the rename) and
// HOOKS.renamed (after the rename, before the directory's fsync).
void write_file_atomically(const std::string& path, const std::function<void(hid_t)>& fill, const std::string& hooks);

}  // namespace govsim::h5
