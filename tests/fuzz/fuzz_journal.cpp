// libFuzzer: one batch journal entry (OUT.journal/run-NNNNNNN.bin) read back by the
// batch's reader. The reader is internal to sim/batch/batch.cpp, so that file is
// compiled into this harness (its public functions then come from here, not from the
// engine library). The key, run and indicator count the reader is asked for are taken
// from the entry's own header, so that the fuzzer gets past them into the body.
// Written against the reader of main at 8f8c00a: read_run_file(path, key, run, ni, RunFile&,
// header_only); the branch that adds checksums to entries (rel-journal) may change it.
#include "../../sim/batch/batch.cpp"

#include <cstring>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace govsim;
  const auto path = fuzz::scratch() / "run-0000000.bin";
  fuzz::write_file(path, data, size);
  uint64_t key = 0;
  uint32_t run = 0, ni = 0;
  if (size >= 24) {
    std::memcpy(&key, data + 8, 8);
    std::memcpy(&run, data + 16, 4);
    std::memcpy(&ni, data + 20, 4);
  }
  for (bool header_only : {true, false})
    fuzz::expect_clean(
        [&] {
          RunFile f;
          (void)read_run_file(path, key, run, ni, f, header_only);
        },
        path.string());
  return 0;
}
