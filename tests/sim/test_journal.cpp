// The batch journal's entries (sim/batch/journal.hpp), its lock, the checksum, and the atomic
// writers' stale-file cleaning and error paths (sim/output/atomic.hpp, h5write.hpp).
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <stdexcept>

#include "batch/journal.hpp"
#include "batch/xxhash64.hpp"
#include "output/atomic.hpp"
#include "output/h5util.hpp"
#include "output/h5write.hpp"

using namespace govsim;
namespace fs = std::filesystem;

namespace {

// A result of the shape a run gives: 3 indicators, 2 replicates, 4 months, 3 units, 2 counties.
RunResult synthetic_result() {
  RunResult r;
  r.replicates = 2;
  for (int m = 0; m < 4; ++m) r.months.push_back(Month::of(2020, 1) + m);
  r.unit_id = {7, 8, 11};
  r.unit_name = {"东村", "West", "南社区"};
  r.unit_kind = {"rural_village", "rural_village", "urban_community"};
  r.unit_township = {"T1", "T1", "T2"};
  r.county_name = {"A county", "B county"};
  std::mt19937_64 g(3);
  std::uniform_real_distribution<double> u(0, 1);
  r.county_values.assign(3, std::vector<double>(2 * 4));
  r.unit_values.assign(3, std::vector<double>(2 * 4 * 3));
  r.by_county_values.assign(3, std::vector<double>(2 * 4 * 2));
  for (auto* level : {&r.county_values, &r.unit_values, &r.by_county_values})
    for (auto& v : *level)
      for (double& x : v) x = u(g);
  r.county_values[1][3] = std::numeric_limits<double>::quiet_NaN();  // missing values are data too
  r.residents_at_start = 123456;
  return r;
}

journal::Expect expect_synthetic(size_t run = 5) {
  journal::Expect x;
  x.key = 0x0123456789abcdefULL;
  x.run = run;
  x.indicators = 3;
  x.replicates = 2;
  x.months = 4;
  x.by_unit = true;
  return x;
}

std::string decode(const std::vector<unsigned char>& b, const journal::Expect& x, journal::Entry* out = nullptr) {
  journal::Entry e;
  return journal::decode_entry(b.data(), b.size(), x, out ? *out : e);
}

void put32(std::vector<unsigned char>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<unsigned char>(v >> (8 * i));
}
void put64(std::vector<unsigned char>& b, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) b[at + i] = static_cast<unsigned char>(v >> (8 * i));
}
// A forged entry: the checksum recomputed after the change, so that only the other checks can catch it.
void reseal(std::vector<unsigned char>& b) { put64(b, b.size() - 16, Xxh64::of(b.data(), b.size() - 16)); }

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("govsim-journal-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST_CASE("xxh64 gives the published test vectors in one piece and in any pieces", "[journal]") {
  auto of = [](const std::string& s, uint64_t seed = 0) { return Xxh64::of(s.data(), s.size(), seed); };
  CHECK(of("") == 0xEF46DB3751D8E999ULL);
  CHECK(of("a") == 0xD24EC4F1A98C6E5BULL);
  CHECK(of("abc") == 0x44BC2CF5AD770999ULL);
  CHECK(of("Nobody inspects the spammish repetition") == 0xFBCEA83C8A378BF1ULL);
  CHECK(of("The quick brown fox jumps over the lazy dog") == 0x0B242D361FDA71BCULL);
  std::string big(100003, '\0');
  std::mt19937 g(1);
  for (char& c : big) c = static_cast<char>(g());
  const uint64_t whole = of(big);
  for (int trial = 0; trial < 20; ++trial) {
    Xxh64 x;
    for (size_t at = 0; at < big.size();) {
      const size_t n = std::min<size_t>(big.size() - at, g() % 70);
      x.update(big.data() + at, n);
      at += n;
    }
    REQUIRE(x.digest() == whole);
  }
  big[77777] ^= 1;
  CHECK(of(big) != whole);
}

TEST_CASE("a journal entry reads back exactly what was written", "[journal]") {
  const RunResult r = synthetic_result();
  const auto b = journal::encode_entry(0x0123456789abcdefULL, 5, r, true);
  journal::Entry e;
  REQUIRE(decode(b, expect_synthetic(), &e) == "");
  CHECK(e.run == 5);
  CHECK(e.residents == 123456);
  CHECK(e.unit_id == r.unit_id);
  CHECK(e.unit_name == r.unit_name);
  CHECK(e.unit_township == r.unit_township);
  CHECK(e.county_name == r.county_name);
  REQUIRE(e.county.size() == 3 * 8);
  REQUIRE(e.unit.size() == 3 * 24);
  REQUIRE(e.by_county.size() == 3 * 16);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(std::memcmp(e.county.data() + 8 * i, r.county_values[i].data(), 64) == 0);  // to the bit (NaN included)
    CHECK(std::memcmp(e.unit.data() + 24 * i, r.unit_values[i].data(), 24 * 8) == 0);
    CHECK(std::memcmp(e.by_county.data() + 16 * i, r.by_county_values[i].data(), 16 * 8) == 0);
  }
  SECTION("without per-unit values and counties") {
    RunResult s = r;
    s.by_county_values.clear();
    auto x = expect_synthetic();
    x.by_unit = false;
    const auto c = journal::encode_entry(x.key, 5, s, false);
    journal::Entry f;
    REQUIRE(decode(c, x, &f) == "");
    CHECK(f.units == 0);
    CHECK(f.counties == 0);
    CHECK(f.unit.empty());
    CHECK(decode(c, expect_synthetic()).find("units 0") != std::string::npos);  // a --by-unit batch wants units
  }
}

TEST_CASE("every flipped bit and every truncation of an entry is detected", "[journal]") {
  const auto good = journal::encode_entry(0x0123456789abcdefULL, 5, synthetic_result(), true);
  const auto x = expect_synthetic();
  size_t undetected = 0, by_checksum = 0;
  for (size_t i = 0; i < good.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      auto b = good;
      b[i] ^= static_cast<unsigned char>(1 << bit);
      const std::string why = decode(b, x);
      if (why.empty()) ++undetected;
      if (why.rfind("checksum mismatch", 0) == 0) ++by_checksum;
    }
  CHECK(undetected == 0);
  CHECK(by_checksum > good.size() * 8 * 9 / 10);  // the data are guarded by the checksum, not only the header
  for (size_t n = 0; n < good.size(); ++n) {
    const std::vector<unsigned char> b(good.begin(), good.begin() + static_cast<long>(n));
    REQUIRE_FALSE(decode(b, x).empty());
  }
  auto longer = good;
  longer.push_back(0);
  CHECK(decode(longer, x).find("truncated or damaged") != std::string::npos);
  const std::vector<unsigned char> zeros(good.size(), 0);
  CHECK_FALSE(decode(zeros, x).empty());
}

TEST_CASE("an entry whose sizes disagree with the experiment is refused before anything is allocated", "[journal]") {
  const auto good = journal::encode_entry(0x0123456789abcdefULL, 5, synthetic_result(), true);
  const auto x = expect_synthetic();
  // each field forged with a valid checksum: the header checks alone must refuse it
  struct Case {
    size_t offset;
    uint32_t value;
    const char* reason;
  };
  for (const Case& c :
       {Case{32, 0xFFFFFFFFu, "header: units 4294967295"}, Case{32, 0x00100000u, "sizes inconsistent"},
        Case{28, 0xFFFFFFFFu, "header: months 4294967295, the experiment has 4"},
        Case{24, 0xFFFFFFFFu, "header: replicates 4294967295, the experiment has 2"},
        Case{36, 0xFFFFFFFFu, "header: counties 4294967295"}, Case{36, 1u, "header: counties 1"},
        Case{20, 4u, "header: indicators 4, this build has 3"}, Case{16, 6u, "header: run 6, the file name says 5"}}) {
    auto b = good;
    put32(b, c.offset, c.value);
    reseal(b);
    INFO("field at " << c.offset << ": " << decode(b, x));
    CHECK(decode(b, x).find(c.reason) != std::string::npos);
  }
  auto b = good;
  put64(b, 48, 1ULL << 40);  // payload length
  reseal(b);
  CHECK(decode(b, x).find("the header declares 1099511627776 bytes of data") != std::string::npos);
  b = good;
  put64(b, 8, 42);  // key
  reseal(b);
  CHECK(decode(b, x).find("written by another batch") != std::string::npos);
  SECTION("dimensions the payload cannot hold though every field is in range") {
    // counties 0 -> 60000 would need more bytes than there are: caught by the size bound, not by allocating
    auto s = synthetic_result();
    s.by_county_values.clear();
    auto c = journal::encode_entry(x.key, 5, s, true);
    put32(c, 36, 60000);
    reseal(c);
    CHECK(decode(c, x).find("sizes inconsistent") != std::string::npos);
  }
  SECTION("the units and counties of the batch's other runs") {
    auto y = x;
    y.units = 4;
    CHECK(decode(good, y).find("header: units 3, the batch's other runs have 4") != std::string::npos);
    y.units = 3;
    y.counties = 5;
    CHECK(decode(good, y).find("header: counties 2, the batch's other runs have 5") != std::string::npos);
  }
  SECTION("a string length forged past the end") {
    auto c = good;
    put32(c, 56 + 3 * 8 * 8 + 4, 0x7FFFFFFF);  // the first unit name's length
    reseal(c);
    CHECK(decode(c, x).find("structure") != std::string::npos);
  }
}

TEST_CASE("journal entries on disk: written whole and fsynced and read back with their checksum", "[journal]") {
  const fs::path d = scratch("disk");
  const RunResult r = synthetic_result();
  journal::write_entry(d, 0x0123456789abcdefULL, 5, r, true);
  const fs::path p = journal::entry_path(d, 5);
  CHECK(p.filename() == "run-0000005.bin");
  CHECK(std::distance(fs::directory_iterator(d), fs::directory_iterator()) == 1);  // no temporary left
  journal::Entry e;
  REQUIRE(journal::read_entry(p, expect_synthetic(), e) == "");
  CHECK(e.unit_name == r.unit_name);
  CHECK(std::memcmp(e.unit.data(), r.unit_values[0].data(), 24 * 8) == 0);
  journal::Entry header_only;
  REQUIRE(journal::read_entry(p, expect_synthetic(), header_only, false) == "");
  CHECK(header_only.unit.empty());
  {  // one byte of data flipped on disk (the reproducer's damage)
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(56 + 8 * 10 + 6);
    f.put('\x55');
  }
  CHECK(journal::read_entry(p, expect_synthetic(), e).rfind("checksum mismatch", 0) == 0);
  CHECK(journal::read_entry(p, expect_synthetic(), e, false).rfind("checksum mismatch", 0) == 0);
  fs::resize_file(p, 40);
  CHECK(journal::read_entry(p, expect_synthetic(), e).rfind("truncated", 0) == 0);
  fs::remove(p);
  fs::create_directory(p);
  CHECK(journal::read_entry(p, expect_synthetic(), e) == "not a regular file");
  CHECK(journal::read_entry(d / "absent.bin", expect_synthetic(), e).rfind("cannot be opened", 0) == 0);
  fs::remove_all(d);
}

TEST_CASE("a second lock on a journal fails naming the holder and succeeds once it is released", "[journal]") {
  const fs::path d = scratch("lock");
  const fs::path j = d / "out.h5.journal";
  {
    journal::Lock first(j);
    CHECK(fs::exists(d / "out.h5.journal.lock"));
    try {
      journal::Lock second(j);
      FAIL("a second lock was granted");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) ==
            "another govsim batch is using " + j.string() + " (pid " + std::to_string(::getpid()) + ")");
    }
  }
  CHECK_FALSE(fs::exists(d / "out.h5.journal.lock"));  // removed on release
  { journal::Lock again(j); }
  { std::ofstream(d / "out.h5.journal.lock") << "999999999\n"; }  // left by a killed batch: no lock is held on it
  { journal::Lock after_a_crash(j); }
  fs::remove_all(d);
}

TEST_CASE("stale partial files of dead processes are removed and those of live ones kept", "[journal]") {
  const fs::path d = scratch("partials");
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);  // a pid that is no process now
  const std::string dead = std::to_string(child), live = std::to_string(::getppid()), self = std::to_string(::getpid());
  for (const std::string& n :
       {"out.h5.partial-" + dead, "out.h5.partial-" + live, "out.h5.partial-" + self, "out.h5.partial-x" + dead,
        "other.h5.partial-" + dead, "out.h5.partial-" + dead + "0000000"})
    std::ofstream(d / n) << "x";
  // a dead pid's file that a process holds a lock on (a writer in another pid namespace or on another host)
  const std::string locked_name = "out.h5.partial-" + std::to_string(child + 1000000);
  std::ofstream(d / locked_name) << "x";
  const int fd = ::open((d / locked_name).c_str(), O_RDONLY);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  CHECK(remove_stale_partials(d / "out.h5") == 1);
  CHECK_FALSE(fs::exists(d / ("out.h5.partial-" + dead)));
  for (const std::string& n : {"out.h5.partial-" + live, "out.h5.partial-" + self, "out.h5.partial-x" + dead,
                               "other.h5.partial-" + dead, locked_name, "out.h5.partial-" + dead + "0000000"})
    CHECK(fs::exists(d / n));
  ::close(fd);
  CHECK(remove_stale_partials(d / "out.h5") == 1);  // the lock released: now it is stale
  fs::remove_all(d);
}

TEST_CASE("an HDF5 file written atomically is whole or absent and errors say what could not be written", "[journal]") {
  const fs::path d = scratch("h5");
  const std::string path = (d / "sub" / "a.h5").string();
  const ssize_t open_before = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
  h5::write_file_atomically(
      path, [](hid_t root) { h5::attr_string(root, "title", "ok"); }, "test");
  CHECK(fs::exists(path));
  CHECK(std::distance(fs::directory_iterator(d / "sub"), fs::directory_iterator()) == 1);
  // a fill that fails with objects left open: nothing at the path, no partial file, a located message
  try {
    h5::write_file_atomically((d / "sub" / "b.h5").string(),
                              [](hid_t root) {
                                h5::create_chunked(root, "left_open", {4, 4});  // never closed
                                throw std::runtime_error("interrupted");
                              },
                              "test");
    FAIL("no error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "cannot write " + (d / "sub" / "b.h5").string() + ": interrupted");
  }
  CHECK_FALSE(fs::exists(d / "sub" / "b.h5"));
  CHECK(std::distance(fs::directory_iterator(d / "sub"), fs::directory_iterator()) == 1);
  CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == open_before);  // every id the failed write opened is closed
  // a directory that cannot exist (a regular file in the way)
  { std::ofstream(d / "file") << "x"; }
  CHECK_THROWS_WITH(h5::write_file_atomically((d / "file" / "c.h5").string(), [](hid_t) {}, "test"),
                    "cannot write " + (d / "file" / "c.h5").string() + ": cannot create the directory " +
                        (d / "file").string() + ": not a directory");
  fs::remove_all(d);
}
