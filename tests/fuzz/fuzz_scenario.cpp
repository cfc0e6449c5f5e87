// libFuzzer: the scenario loader (TOML text -> Scenario), extends included: a base
// scenario sits in the scratch directory for `extends = "base.toml"` to find.
#include <string>

#include "config/scenario.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace govsim;
  static const bool ready = [] {
    const std::string base = "[scenario]\ntitle = \"base\"\nend = \"2021-06\"\n[grid]\nhouseholds_per_worker = 400\n";
    fuzz::write_file(fuzz::scratch() / "base.toml", base.data(), base.size());
    return true;
  }();
  (void)ready;
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::expect_clean([&] { load_scenario_text(text, "fuzz.toml", fuzz::scratch().string()); }, ".toml");
  return 0;
}
