// libFuzzer harness: the TOML syntax check (sim/config/toml_guard.hpp) in front of a
// toml++ 3.3 compiled header-only with its assertions on and TOML_UNREACHABLE made
// fatal (-fsanitize=undefined traps __builtin_unreachable). Any input that passes the
// check and then trips toml++ is a crash: the check has a gap (issue 19). Links
// nothing of the engine, so the asserting parser cannot meet Debian's shared one.
#undef NDEBUG
#define TOML_HEADER_ONLY 1
#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "config/toml_guard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (govsim::toml_syntax_problem(text)) return 0;
  try {
    toml::table t = toml::parse(text, std::string_view("fuzz.toml"));
    (void)t;
  } catch (const toml::parse_error&) {
  }
  return 0;
}
