// libFuzzer: the region data readers (models/regions/tables.hpp). The first byte picks
// the table (even: default-county.csv, odd: sichuan-counties.csv), the rest is its text.
#include <string>

#include "fuzz_common.hpp"
#include "regions/tables.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace govsim;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0)
    fuzz::expect_clean([&] { model::read_default_county_table(text, "fuzz.csv"); }, "fuzz.csv");
  else
    fuzz::expect_clean([&] { model::read_sichuan_counties_table(text, "fuzz.csv"); }, "fuzz.csv");
  return 0;
}
