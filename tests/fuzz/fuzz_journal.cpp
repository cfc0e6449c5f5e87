// libFuzzer: one batch journal entry (OUT.journal/run-NNNNNNN.bin) checked and decoded by the
// batch's reader, journal::decode_entry (sim/batch/journal.hpp). The key, run and sizes the reader
// is asked to expect are taken from the entry's own header, so that the fuzzer gets past them into
// the body and the checksum; the reader must refuse damage with a reason, never trust it, and never
// allocate by a size the entry claims.
#include <cstring>

#include "batch/journal.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace govsim;
  journal::Expect x;
  if (size >= journal::kHeaderBytes) {
    uint32_t run = 0, ni = 0, reps = 0, months = 0, units = 0;
    std::memcpy(&x.key, data + 8, 8);
    std::memcpy(&run, data + 16, 4);
    std::memcpy(&ni, data + 20, 4);
    std::memcpy(&reps, data + 24, 4);
    std::memcpy(&months, data + 28, 4);
    std::memcpy(&units, data + 32, 4);
    x.run = run, x.indicators = ni, x.replicates = reps, x.months = months, x.by_unit = units > 0;
  }
  const auto path = fuzz::scratch() / "run-0000000.bin";
  for (bool keep : {false, true})
    fuzz::expect_clean(
        [&] {
          journal::Entry e;
          (void)journal::decode_entry(data, size, x, e, keep);
        },
        path.string());
  return 0;
}
