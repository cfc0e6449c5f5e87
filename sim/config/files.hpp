// Reading a whole text file (scenarios, experiments, design files, generated documents).
// Only regular files of bounded size are read: a directory, a device (/dev/zero),
// a FIFO or a socket is refused before it is opened (opening a FIFO blocks, reading
// /dev/zero never ends), and so is a file larger than kMaxInputBytes (the bound is
// also enforced while reading, for files whose size the system does not report).
#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>

namespace govsim {

// The largest input file read (the shipped scenarios and experiments are a few KB).
inline constexpr std::uintmax_t kMaxInputBytes = 16u << 20;

struct FileText {
  std::optional<std::string> text;  // the contents, or nullopt
  std::string why;                  // when nullopt: why ("is a directory", "does not exist", ...)
};

inline FileText read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes = kMaxInputBytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return {std::nullopt, "does not exist"};
  if (fs::is_directory(st)) return {std::nullopt, "is a directory, not a file"};
  if (!fs::is_regular_file(st)) return {std::nullopt, "is not a regular file (a device, FIFO or socket)"};
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_bytes)
    return {std::nullopt,
            "is too large (" + std::to_string(size) + " bytes; at most " + std::to_string(max_bytes) + " are read)"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, "cannot be opened (permissions?)"};
  std::string out;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<size_t>(in.gcount()));
    if (out.size() > max_bytes)
      return {std::nullopt, "is too large (more than " + std::to_string(max_bytes) + " bytes)"};
  }
  if (in.bad()) return {std::nullopt, "could not be read (I/O error)"};
  return {std::move(out), ""};
}

// The file's whole contents; nullopt when it cannot be read (see read_input_file for why).
inline std::optional<std::string> read_file(const std::filesystem::path& path) { return read_input_file(path).text; }

}  // namespace govsim
