// Shared by the libFuzzer harnesses (tests/fuzz, built with -DGOVSIM_FUZZ=ON and clang).
// The rule every harness enforces (issue 19): an input may be refused, but only with an
// error that a govsim command turns into exit 1 or 2 with a located message -- a
// ScenarioError / ExperimentError / std::runtime_error. An uncaught exception, a
// std::logic_error (std::stoi, .at(): a message with no file or line), std::bad_alloc
// (an allocation sized by the input), a signal or a sanitizer report is a finding.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>
#include <regex>
#include <stdexcept>
#include <string>

namespace govsim::fuzz {

// A scratch directory of this process, made once.
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("govsim-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline void write_file(const std::filesystem::path& p, const void* data, size_t size) {
  std::ofstream(p, std::ios::binary | std::ios::trunc).write(static_cast<const char*>(data), std::streamsize(size));
}

// Runs f(); a refusal of the allowed kinds returns normally, anything else aborts (a finding).
// `located` must be in the message of a refusal (the file name the input was given).
template <class F>
void expect_clean(F f, const std::string& located) {
  try {
    f();
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "FINDING: std::bad_alloc (an allocation sized by the input)\n");
    std::abort();
  } catch (const std::logic_error& e) {
    std::fprintf(stderr, "FINDING: std::logic_error without a location: %s\n", e.what());
    std::abort();
  } catch (const std::exception& e) {
    // the input's name, or another file's "PATH:LINE:COLUMN: " (a scenario it extends)
    static const std::regex other_file("^[^ :]+:[0-9]+:[0-9]+: ");
    const std::string what = e.what();
    if (what.find(located) == std::string::npos && !std::regex_search(what, other_file)) {
      std::fprintf(stderr, "FINDING: an error that does not name %s: %s\n", located.c_str(), e.what());
      std::abort();
    }
  }
}

}  // namespace govsim::fuzz
