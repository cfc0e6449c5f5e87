// libFuzzer: the experiment loader (TOML text -> Experiment with its design built);
// `scenario = "base.toml"` finds a base scenario in the scratch directory.
#include <string>

#include "config/experiment.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace govsim;
  static const bool ready = [] {
    const std::string base = "[scenario]\ntitle = \"base\"\nend = \"2021-06\"\n";
    fuzz::write_file(fuzz::scratch() / "base.toml", base.data(), base.size());
    const std::string design = "hpw\n300\n800\n";
    fuzz::write_file(fuzz::scratch() / "design.csv", design.data(), design.size());
    return true;
  }();
  (void)ready;
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::expect_clean([&] { load_experiment_text(text, "fuzz.toml", fuzz::scratch().string()); }, "fuzz.toml");
  return 0;
}
