// Atomic writes: a file is written under a temporary name beside it, flushed to
// the disk (fsync), renamed when complete and its directory flushed, so an
// interrupted write never leaves anything that looks finished, and a finished
// file survives a power cut. Used by the run and batch writers, the batch journal
// and `govsim library --out`. Crash-safety guarantees: docs/reliability.md.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace govsim {

// "cannot write PATH: no space left on device": the message of every failed write.
std::string cannot_write(const std::filesystem::path& path, int err);
std::string cannot_write(const std::filesystem::path& path, const std::string& reason);
// strerror(err) starting in lower case ("no space left on device").
std::string error_text(int err);

// fsync of a written (and closed) file, then of a directory; throw cannot_write(report_as, errno) on failure.
void sync_file(const std::filesystem::path& file, const std::filesystem::path& report_as);
void sync_directory(const std::filesystem::path& dir, const std::filesystem::path& report_as);
// The directory a path is in ("." for a bare name).
std::filesystem::path directory_of(const std::filesystem::path& path);
// The parent directories of `path`, created if missing (throws cannot_write(path, ...) if they cannot be).
void create_parent_directories(const std::filesystem::path& path);

// Test hook (crash-safety tests): with GOVSIM_CRASH_AT=POINT[:N][:pause] in the environment, the N-th time
// (default: the first) this process reaches crash_point(POINT) it kills itself with SIGKILL, as a kill -9
// from outside would at that moment (`pause`: it prints "govsim: paused at POINT (pid P)" on stderr and
// sleeps until killed). Without the variable: nothing. Points: docs/reliability.md.
void crash_point(const char* point);

// `write(tmp)` writes (and closes) the file `tmp`; it is fsynced, renamed to `path`, and the
// directory fsynced. If `write`, the fsync or the rename throws, `tmp` is removed and the exception passes on.
template <class Write>
void write_atomically(const std::filesystem::path& path, const std::filesystem::path& tmp, Write&& write) {
  try {
    write(tmp);
    sync_file(tmp, path);
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw std::runtime_error(cannot_write(path, ec.value()));
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
  sync_directory(directory_of(path), path);
}

// The same for a directory: `write(tmp)` fills the directory `tmp`, which then
// replaces `path` (absent or empty); on failure `tmp` and everything in it is removed.
template <class Write>
void write_directory_atomically(const std::filesystem::path& path, const std::filesystem::path& tmp, Write&& write) {
  try {
    std::filesystem::create_directories(tmp);
    write(tmp);
    std::filesystem::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(tmp, ec);
    throw;
  }
}

// The temporary name of a result file written by this process: PATH.partial-PID.
inline std::string partial_name(const std::string& path) { return path + ".partial-" + std::to_string(::getpid()); }

// Removes PATH.partial-PID files left by processes that died while writing PATH: those whose PID
// is not a live process and that no process holds open with a lock (HDF5 locks the files it writes,
// so a writer in another PID namespace or on another host of a shared file system is seen).
// The partial files of live processes, this one's included, are never touched. Returns how many went.
size_t remove_stale_partials(const std::filesystem::path& path);

}  // namespace govsim
