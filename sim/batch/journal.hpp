// The batch journal (sim/batch/batch.hpp): one file per finished run, OUT.journal/run-NNNNNNN.bin,
// and the lock that keeps a second batch off it. docs/reliability.md states the guarantees.
//
// An entry, all integers little-endian (the byte order of every machine govsim builds on):
//   header (56 bytes)  magic "GOVSIMJ2", key u64, run u32, indicators u32, replicates u32,
//                      months u32, units u32, counties u32, residents u64, payload bytes u64
//   payload            region values [indicator][replicate][month] as f64;
//                      if units: per unit (id u32, name, kind, township), then [indicator][rep][month][unit];
//                      if counties: per county (name), then [indicator][rep][month][county]
//                      (a string: length u32 then its bytes)
//   trailer (16 bytes) XXH64 of header and payload, magic "GOVSIMJ2"
// An entry is trusted only if its size, every header field and the checksum agree with each other and
// with what the experiment implies; sizes from the file are checked against these (and against the
// bytes the file holds) before anything is allocated, so a damaged field cannot size an allocation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/engine.hpp"

namespace govsim::journal {

// What the batch implies about an entry before any is read.
struct Expect {
  uint64_t key = 0;
  size_t run = 0;
  uint32_t indicators = 0, replicates = 0, months = 0;
  bool by_unit = false;  // without, units must be 0
  // The units and counties of the region, once known (the first entry read): every other must agree.
  std::optional<uint32_t> units, counties;
};

struct Entry {
  uint32_t run = 0, ni = 0, reps = 0, months = 0, units = 0, counties = 0;
  uint64_t residents = 0;
  std::vector<double> county;     // [ni][reps*months]
  std::vector<double> unit;       // [ni][reps*months*units]
  std::vector<double> by_county;  // [ni][reps*months*counties]
  std::vector<uint32_t> unit_id;
  std::vector<std::string> unit_name, unit_kind, unit_township, county_name;
};

// Bounds no real entry reaches (a province has about 50,000 villages and communities, 183 counties).
constexpr uint32_t kMaxUnits = 1u << 24, kMaxCounties = 1u << 16, kMaxString = 1u << 16;
constexpr size_t kHeaderBytes = 56, kTrailerBytes = 16;

// OUT.journal/run-NNNNNNN.bin
std::filesystem::path entry_path(const std::filesystem::path& journal, size_t run);

// Writes the entry of `run` under a temporary name (fsynced), renames it into place and fsyncs the
// journal directory. Throws "cannot write PATH: REASON" (the temporary file removed) on failure.
void write_entry(const std::filesystem::path& journal, uint64_t key, size_t run, const RunResult& r, bool by_unit);

// Checks and reads an entry: "" if it is whole and this batch's (then `out` holds it; with
// keep_data false only its header and names, the checksum verified all the same), else why not
// ("checksum mismatch ...", "truncated ...", "header: months 1048576, the experiment has 9", ...).
std::string read_entry(const std::filesystem::path& p, const Expect& x, Entry& out, bool keep_data = true);
// The same for an entry in memory (the fuzz harness of journal entries calls this).
std::string decode_entry(const unsigned char* data, size_t size, const Expect& x, Entry& out, bool keep_data = true);

// The bytes of an entry (the format above), for tests and the fuzzers' seed corpus.
std::vector<unsigned char> encode_entry(uint64_t key, size_t run, const RunResult& r, bool by_unit);

// An exclusive lock on a journal (flock on JOURNAL.lock, which records the holder's pid), held for as
// long as the object lives; a second batch on the same journal gets
// "another govsim batch is using JOURNAL (pid N)". The lock file is removed on release.
class Lock {
 public:
  explicit Lock(const std::filesystem::path& journal);
  ~Lock();
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace govsim::journal
