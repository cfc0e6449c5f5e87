#include "batch/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <thread>

#include "batch/xxhash64.hpp"
#include "output/atomic.hpp"

namespace govsim::journal {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'G', 'O', 'V', 'S', 'I', 'M', 'J', '2'};

std::string hex(uint64_t h) {
  char b[17];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h));
  return b;
}

// ---------------------------------------------------------------- sizes, overflow-checked
bool mul(uint64_t a, uint64_t b, uint64_t& out) { return !__builtin_mul_overflow(a, b, &out); }
bool add(uint64_t a, uint64_t b, uint64_t& out) { return !__builtin_add_overflow(a, b, &out); }

struct Header {
  uint64_t key = 0, residents = 0, payload = 0;
  uint32_t run = 0, ni = 0, reps = 0, months = 0, units = 0, counties = 0;
};

void put32(unsigned char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
void put64(unsigned char* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
uint32_t get32(const unsigned char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
uint64_t get64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void encode_header(const Header& h, unsigned char* b) {
  std::memcpy(b, kMagic, 8);
  put64(b + 8, h.key);
  put32(b + 16, h.run), put32(b + 20, h.ni), put32(b + 24, h.reps), put32(b + 28, h.months);
  put32(b + 32, h.units), put32(b + 36, h.counties);
  put64(b + 40, h.residents), put64(b + 48, h.payload);
}
Header decode_header(const unsigned char* b) {
  Header h;
  h.key = get64(b + 8);
  h.run = get32(b + 16), h.ni = get32(b + 20), h.reps = get32(b + 24), h.months = get32(b + 28);
  h.units = get32(b + 32), h.counties = get32(b + 36);
  h.residents = get64(b + 40), h.payload = get64(b + 48);
  return h;
}

// The payload bytes without the strings' text, and the most the strings can add; false on overflow.
bool payload_bounds(const Header& h, uint64_t& fixed, uint64_t& max_strings) {
  uint64_t values = 0, cells = 0, per_value = 0;
  if (!mul(h.reps, h.months, cells) || !mul(cells, h.ni, cells)) return false;
  if (!add(1ULL + h.units, h.counties, per_value) || !mul(cells, per_value, values) || !mul(values, 8, values))
    return false;
  fixed = values + 16ULL * h.units + 4ULL * h.counties;  // ids and string lengths (no overflow: units < 2^24)
  if (fixed < values) return false;
  max_strings = (3ULL * h.units + h.counties) * kMaxString;
  return true;
}

std::string field(const char* name, uint64_t got, uint64_t want, const char* what) {
  return "header: " + std::string(name) + " " + std::to_string(got) + ", " + what + " " + std::to_string(want);
}

// Every header field against the experiment and the bytes the entry holds; "" if they agree.
std::string check_header(const unsigned char* b, uint64_t size, const Expect& x, Header& h) {
  if (std::memcmp(b, kMagic, 8) != 0) return "not a journal entry of this format (no GOVSIMJ2 header)";
  h = decode_header(b);
  const uint64_t held = size - kHeaderBytes - kTrailerBytes;
  if (h.payload != held)
    return "truncated or damaged: the header declares " + std::to_string(h.payload) +
           " bytes of data, the file holds " + std::to_string(held);
  if (h.key != x.key) return "written by another batch (key " + hex(h.key) + ", this batch " + hex(x.key) + ")";
  if (h.run != x.run) return field("run", h.run, x.run, "the file name says");
  if (h.ni != x.indicators) return field("indicators", h.ni, x.indicators, "this build has");
  if (h.reps != x.replicates) return field("replicates", h.reps, x.replicates, "the experiment has");
  if (h.months != x.months) return field("months", h.months, x.months, "the experiment has");
  if (!x.by_unit && h.units != 0) return field("units", h.units, 0, "a batch without --by-unit has");
  if (x.by_unit && (h.units == 0 || h.units > kMaxUnits)) return field("units", h.units, kMaxUnits, "allowed: 1 to");
  if (x.units && h.units != *x.units) return field("units", h.units, *x.units, "the batch's other runs have");
  if (h.counties == 1 || h.counties > kMaxCounties)
    return field("counties", h.counties, kMaxCounties, "allowed: 0 (one county) or 2 to");
  if (x.counties && h.counties != *x.counties)
    return field("counties", h.counties, *x.counties, "the batch's other runs have");
  uint64_t fixed = 0, max_strings = 0;
  if (!payload_bounds(h, fixed, max_strings) || h.payload < fixed || h.payload - fixed > max_strings)
    return "sizes inconsistent: " + std::to_string(h.payload) + " bytes of data for the dimensions in the header";
  return "";
}

// ---------------------------------------------------------------- reading, from memory or a file
struct MemSource {
  const unsigned char* p;
  uint64_t left;
  bool read(void* dst, uint64_t n) {
    if (n > left) return false;
    std::memcpy(dst, p, n);
    p += n, left -= n;
    return true;
  }
  bool skip(uint64_t n) {
    if (n > left) return false;
    p += n, left -= n;
    return true;
  }
};

struct FdSource {
  int fd;
  uint64_t offset, left;
  bool read(void* dst, uint64_t n) {
    if (n > left) return false;
    auto* d = static_cast<unsigned char*>(dst);
    while (n) {
      const ssize_t got = ::pread(fd, d, std::min<uint64_t>(n, 1u << 26), static_cast<off_t>(offset));
      if (got <= 0) {
        if (got < 0 && errno == EINTR) continue;
        return false;
      }
      d += got, n -= got, offset += got, left -= got;
    }
    return true;
  }
  bool skip(uint64_t n) {
    if (n > left) return false;
    offset += n, left -= n;
    return true;
  }
};

template <class Source>
bool read_doubles(Source& s, uint64_t n, std::vector<double>& v, bool keep) {
  if (!keep) return s.skip(n * 8);
  v.resize(n);  // n * 8 <= the bytes left: checked by check_header
  if (!s.read(v.data(), n * 8)) return false;
  if constexpr (std::endian::native != std::endian::little)
    for (double& d : v) d = std::bit_cast<double>(__builtin_bswap64(std::bit_cast<uint64_t>(d)));
  return true;
}

template <class Source>
bool read_string(Source& s, std::string& out) {
  unsigned char b[4];
  if (!s.read(b, 4)) return false;
  const uint32_t n = get32(b);
  if (n > kMaxString) return false;
  out.resize(n);
  return s.read(out.data(), n);
}

// The payload after a checked header; "" if it has exactly the structure the header declares.
template <class Source>
std::string parse_payload(Source& s, const Header& h, Entry& e, bool keep) {
  e.run = h.run, e.ni = h.ni, e.reps = h.reps, e.months = h.months, e.units = h.units, e.counties = h.counties;
  e.residents = h.residents;
  const uint64_t cells = static_cast<uint64_t>(h.ni) * h.reps * h.months;
  const std::string bad = "damaged: the data do not have the structure the header declares";
  if (!read_doubles(s, cells, e.county, keep)) return bad;
  if (h.units) {
    e.unit_id.resize(h.units);
    e.unit_name.resize(h.units), e.unit_kind.resize(h.units), e.unit_township.resize(h.units);
    for (uint32_t u = 0; u < h.units; ++u) {
      unsigned char b[4];
      if (!s.read(b, 4)) return bad;
      e.unit_id[u] = get32(b);
      if (!read_string(s, e.unit_name[u]) || !read_string(s, e.unit_kind[u]) || !read_string(s, e.unit_township[u]))
        return bad;
    }
    if (!read_doubles(s, cells * h.units, e.unit, keep)) return bad;
  }
  if (h.counties) {
    e.county_name.resize(h.counties);
    for (auto& c : e.county_name)
      if (!read_string(s, c)) return bad;
    if (!read_doubles(s, cells * h.counties, e.by_county, keep)) return bad;
  }
  if (s.left != 0) return "damaged: " + std::to_string(s.left) + " bytes after the data the header declares";
  return "";
}

std::string checksum_mismatch(uint64_t stored, uint64_t computed) {
  return "checksum mismatch (stored " + hex(stored) + ", computed " + hex(computed) + ")";
}

// ---------------------------------------------------------------- writing
// The header of r's entry (the payload's size computed from the strings' lengths).
Header header_of(uint64_t key, size_t run, const RunResult& r, bool by_unit) {
  Header h;
  h.key = key;
  h.run = static_cast<uint32_t>(run);
  h.ni = static_cast<uint32_t>(r.county_values.size());
  h.reps = r.replicates;
  h.months = static_cast<uint32_t>(r.months.size());
  h.units = by_unit ? static_cast<uint32_t>(r.n_units()) : 0;
  h.counties = r.by_county_values.empty() ? 0 : static_cast<uint32_t>(r.county_name.size());
  h.residents = r.residents_at_start;
  if (r.n_units() > kMaxUnits || r.county_name.size() > kMaxCounties)
    throw std::logic_error("journal: more units or counties than an entry allows");
  uint64_t fixed = 0, max_strings = 0;
  payload_bounds(h, fixed, max_strings);
  uint64_t strings = 0;
  auto text = [&](const std::string& s) {
    if (s.size() > kMaxString)
      throw std::logic_error("journal: a name longer than an entry allows: " + s.substr(0, 80));
    strings += s.size();
  };
  for (uint32_t u = 0; u < h.units; ++u) text(r.unit_name[u]), text(r.unit_kind[u]), text(r.unit_township[u]);
  for (uint32_t c = 0; c < h.counties; ++c) text(r.county_name[c]);
  h.payload = fixed + strings;
  return h;
}

// Writes an entry through `sink(bytes, n)`, hashing as it goes; `hook` is called in the middle of the data.
void serialize(const Header& h, const RunResult& r, const std::function<void(const void*, size_t)>& sink,
               const std::function<void()>& hook) {
  Xxh64 x;
  auto out = [&](const void* p, size_t n) {
    x.update(p, n);
    sink(p, n);
  };
  unsigned char b[kHeaderBytes];
  encode_header(h, b);
  out(b, kHeaderBytes);
  auto doubles = [&](const std::vector<double>& v) {
    static_assert(std::endian::native == std::endian::little, "journal entries are written little-endian");
    out(v.data(), v.size() * 8);
  };
  auto str = [&](const std::string& s) {
    unsigned char n[4];
    put32(n, static_cast<uint32_t>(s.size()));
    out(n, 4);
    out(s.data(), s.size());
  };
  for (const auto& v : r.county_values) doubles(v);
  hook();
  if (h.units) {
    for (uint32_t u = 0; u < h.units; ++u) {
      unsigned char id[4];
      put32(id, r.unit_id[u]);
      out(id, 4);
      str(r.unit_name[u]), str(r.unit_kind[u]), str(r.unit_township[u]);
    }
    for (const auto& v : r.unit_values) doubles(v);
  }
  if (h.counties) {
    for (uint32_t c = 0; c < h.counties; ++c) str(r.county_name[c]);
    for (const auto& v : r.by_county_values) doubles(v);
  }
  unsigned char t[kTrailerBytes];
  put64(t, x.digest());
  std::memcpy(t + 8, kMagic, 8);
  sink(t, kTrailerBytes);
}

// Buffered writes to a file descriptor (errors as "cannot write PATH: REASON").
class FdSink {
 public:
  FdSink(int fd, const fs::path& report_as) : fd_(fd), path_(report_as) { buf_.reserve(1 << 20); }
  void write(const void* p, size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    if (buf_.size() + n > buf_.capacity()) flush();
    if (n >= buf_.capacity()) return raw(c, n);
    buf_.insert(buf_.end(), c, c + n);
  }
  void flush() {
    raw(buf_.data(), buf_.size());
    buf_.clear();
  }

 private:
  void raw(const unsigned char* p, size_t n) {
    while (n) {
      const ssize_t w = ::write(fd_, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) throw std::runtime_error(cannot_write(path_, w < 0 ? errno : ENOSPC));
      p += w, n -= w;
    }
  }
  int fd_;
  fs::path path_;
  std::vector<unsigned char> buf_;
};

}  // namespace

fs::path entry_path(const fs::path& journal, size_t run) {
  char b[32];
  std::snprintf(b, sizeof b, "run-%07zu.bin", run);
  return journal / b;
}

std::vector<unsigned char> encode_entry(uint64_t key, size_t run, const RunResult& r, bool by_unit) {
  std::vector<unsigned char> v;
  serialize(
      header_of(key, run, r, by_unit), r,
      [&](const void* p, size_t n) {
        v.insert(v.end(), static_cast<const unsigned char*>(p), static_cast<const unsigned char*>(p) + n);
      },
      [] {});
  return v;
}

void write_entry(const fs::path& journal, uint64_t key, size_t run, const RunResult& r, bool by_unit) {
  const fs::path final_path = entry_path(journal, run);
  const fs::path tmp = final_path.string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                       std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  const Header h = header_of(key, run, r, by_unit);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(cannot_write(final_path, errno));
  try {
    FdSink sink(fd, final_path);
    serialize(
        h, r, [&](const void* p, size_t n) { sink.write(p, n); },
        [&] {
          sink.flush();
          crash_point("batch.entry.write");  // test hook: killed with half an entry written
        });
    sink.flush();
    if (::fsync(fd) != 0) throw std::runtime_error(cannot_write(final_path, errno));
    const int rc = ::close(fd);
    fd = -1;  // closed even when close() fails: never closed twice (another thread may have the number by then)
    if (rc != 0) throw std::runtime_error(cannot_write(final_path, errno));
  } catch (...) {
    if (fd >= 0) ::close(fd);
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
  crash_point("batch.entry.rename");  // test hook: the entry whole under its temporary name
  std::error_code ec;
  fs::rename(tmp, final_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(cannot_write(final_path, ec.value()));
  }
  sync_directory(journal, final_path);
}

std::string decode_entry(const unsigned char* data, size_t size, const Expect& x, Entry& out, bool keep_data) {
  if (size < kHeaderBytes + kTrailerBytes)
    return "truncated: " + std::to_string(size) + " bytes, less than an empty entry's " +
           std::to_string(kHeaderBytes + kTrailerBytes);
  Header h;
  if (std::string why = check_header(data, size, x, h); !why.empty()) return why;
  const unsigned char* t = data + size - kTrailerBytes;
  if (std::memcmp(t + 8, kMagic, 8) != 0) return "truncated or damaged: no end marker";
  const uint64_t computed = Xxh64::of(data, size - kTrailerBytes);
  if (get64(t) != computed) return checksum_mismatch(get64(t), computed);
  MemSource s{data + kHeaderBytes, h.payload};
  return parse_payload(s, h, out, keep_data);
}

std::string read_entry(const fs::path& p, const Expect& x, Entry& out, bool keep_data) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::string("cannot be opened: ") + error_text(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return "not a regular file";
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size < kHeaderBytes + kTrailerBytes)
    return "truncated: " + std::to_string(size) + " bytes, less than an empty entry's " +
           std::to_string(kHeaderBytes + kTrailerBytes);
  unsigned char head[kHeaderBytes], tail[kTrailerBytes];
  FdSource hs{fd, 0, kHeaderBytes}, ts{fd, size - kTrailerBytes, kTrailerBytes};
  if (!hs.read(head, kHeaderBytes) || !ts.read(tail, kTrailerBytes)) return "cannot be read";
  Header h;
  if (std::string why = check_header(head, size, x, h); !why.empty()) return why;
  if (std::memcmp(tail + 8, kMagic, 8) != 0) return "truncated or damaged: no end marker";
  // the checksum first, through a fixed buffer: nothing is allocated by what the file says until it holds
  Xxh64 hash;
  std::vector<unsigned char> buf(1 << 20);
  FdSource all{fd, 0, size - kTrailerBytes};
  while (all.left) {
    const uint64_t n = std::min<uint64_t>(all.left, buf.size());
    if (!all.read(buf.data(), n)) return "cannot be read";
    hash.update(buf.data(), n);
  }
  if (get64(tail) != hash.digest()) return checksum_mismatch(get64(tail), hash.digest());
  FdSource s{fd, kHeaderBytes, h.payload};
  return parse_payload(s, h, out, keep_data);
}

// ---------------------------------------------------------------- the lock
namespace {

// The pid a lock file records ("" while its holder has not written it yet).
std::string holder_of(int fd) {
  char b[32] = {};
  const ssize_t n = ::pread(fd, b, sizeof b - 1, 0);
  std::string s(b, n > 0 ? static_cast<size_t>(n) : 0);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.find_first_not_of("0123456789") == std::string::npos ? s : "";
}

}  // namespace

Lock::Lock(const fs::path& journal) : path_(journal.string() + ".lock") {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error(cannot_write(path_, errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      std::string pid;
      for (int i = 0; i < 50 && (pid = holder_of(fd)).empty(); ++i)  // the holder writes its pid just after locking
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw std::runtime_error("another govsim batch is using " + journal.string() + " (pid " +
                                 (pid.empty() ? "unknown" : pid) + ")");
      throw std::runtime_error("cannot lock " + journal.string() + ": " + error_text(err));
    }
    // the holder before us removes the file when it releases it: lock the file that is at the path now
    struct stat held, now;
    if (::fstat(fd, &held) != 0 || ::stat(path_.c_str(), &now) != 0 || held.st_ino != now.st_ino ||
        held.st_dev != now.st_dev) {
      ::close(fd);
      continue;
    }
    // the pid is for the message of a second batch only: on a full disk the lock holds without it
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) < 0) (void)::ftruncate(fd, 0);
    fd_ = fd;
    return;
  }
  throw std::runtime_error("cannot lock " + journal.string() + ": " + path_.string() + " keeps being replaced");
}

Lock::~Lock() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());  // still holding the lock: a batch that opened the old file sees it gone and retries
  ::close(fd_);
}

}  // namespace govsim::journal
