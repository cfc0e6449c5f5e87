// libFuzzer: --set name=value over the embedded default scenario.
#include <string>

#include "config/scenario.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace govsim;
  static const Scenario base = load_scenario_text(embedded_default_scenario(), "<embedded default scenario>");
  Scenario s = base;
  const std::string assignment(reinterpret_cast<const char*>(data), size);
  fuzz::expect_clean([&] { apply_override(s, assignment); }, "--set");
  return 0;
}
