// Atomic writes: a file is written under a temporary name beside it and renamed
// when complete, so an interrupted write never leaves anything that looks
// finished. Used by the run and batch writers, the batch journal and
// `govsim library --out`.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace govsim {

// `write(tmp)` writes (and closes) the file `tmp`; it is then renamed to `path`.
// If `write` or the rename throws, `tmp` is removed and the exception passes on.
template <class Write>
void write_atomically(const std::filesystem::path& path, const std::filesystem::path& tmp, Write&& write) {
  try {
    write(tmp);
    std::filesystem::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
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

}  // namespace govsim
