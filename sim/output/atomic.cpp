#include "output/atomic.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace govsim {

namespace fs = std::filesystem;

std::string error_text(int err) {
  std::string s = std::strerror(err);
  if (!s.empty() && std::isupper(static_cast<unsigned char>(s[0])) &&
      !(s.size() > 1 && std::isupper(static_cast<unsigned char>(s[1]))))  // not an acronym
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string cannot_write(const fs::path& path, int err) { return cannot_write(path, error_text(err)); }
std::string cannot_write(const fs::path& path, const std::string& reason) {
  return "cannot write " + path.string() + ": " + reason;
}

fs::path directory_of(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

void create_parent_directories(const fs::path& path) {
  if (!path.has_parent_path()) return;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec)
    throw std::runtime_error(cannot_write(
        path, "cannot create the directory " + path.parent_path().string() + ": " + error_text(ec.value())));
}

namespace {

void fsync_path(const fs::path& p, int flags, const fs::path& report_as, bool directory) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(cannot_write(report_as, errno));
  int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  // some file systems cannot fsync a directory (EINVAL): the rename is then as durable as they make it
  if (rc != 0 && !(directory && (err == EINVAL || err == EROFS)))
    throw std::runtime_error(cannot_write(report_as, err));
}

}  // namespace

void sync_file(const fs::path& file, const fs::path& report_as) { fsync_path(file, O_RDONLY, report_as, false); }
void sync_directory(const fs::path& dir, const fs::path& report_as) {
  fsync_path(dir, O_RDONLY | O_DIRECTORY, report_as, true);
}

// ---------------------------------------------------------------- the crash hook
namespace {

struct CrashSpec {
  std::string point;
  long nth = 1;
  bool pause = false;
  std::atomic<long> hits{0};
};

CrashSpec* crash_spec() {
  static CrashSpec* spec = []() -> CrashSpec* {
    const char* v = std::getenv("GOVSIM_CRASH_AT");
    if (!v || !*v) return nullptr;
    auto* s = new CrashSpec;
    std::string text = v;
    if (text.size() > 6 && text.compare(text.size() - 6, 6, ":pause") == 0) {
      s->pause = true;
      text.resize(text.size() - 6);
    }
    const auto colon = text.rfind(':');
    if (colon != std::string::npos) {
      s->nth = std::max(1L, std::atol(text.c_str() + colon + 1));
      text.resize(colon);
    }
    s->point = text;
    return s;
  }();
  return spec;
}

}  // namespace

void crash_point(const char* point) {
  CrashSpec* s = crash_spec();
  if (!s || s->point != point || ++s->hits != s->nth) return;
  if (s->pause) {
    std::fprintf(stderr, "govsim: paused at %s (pid %d)\n", point, static_cast<int>(::getpid()));
    std::fflush(stderr);
    for (;;) ::pause();
  }
  ::raise(SIGKILL);
}

// ---------------------------------------------------------------- stale temporary files
namespace {

// Is the process `pid` alive (or of another user, which kill() may not signal)?
bool process_alive(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

// Does some process hold a lock on the file (HDF5 locks a file for as long as it writes it)?
bool file_locked(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return locked;
}

}  // namespace

size_t remove_stale_partials(const fs::path& path) {
  const std::string prefix = path.filename().string() + ".partial-";
  std::error_code ec;
  size_t removed = 0;
  for (fs::directory_iterator it(directory_of(path), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::atol(digits.c_str());
    if (pid <= 0 || pid == ::getpid() || process_alive(pid) || file_locked(it->path())) continue;
    std::error_code rm;
    if (fs::remove(it->path(), rm)) ++removed;
  }
  return removed;
}

}  // namespace govsim
