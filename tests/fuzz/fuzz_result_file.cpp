// libFuzzer: a result file given to `govsim info` and `govsim export` (the input is
// written to a file first: HDF5 reads files). export writes its CSV into the scratch
// directory, removed after each input.
//
// libhdf5 1.10.8 itself crashes on some damaged object headers (H5Aexists decoding an
// attribute message; it is not built with sanitizers), which is why the commands read
// in a child process (cli run_isolated). This harness does the same first: each input
// is read in a forked child with its stderr captured; if the child dies, the report's
// first frame in either libhdf5 or govsim decides -- libhdf5's: skipped (the commands
// turn it into a message); govsim's: a finding (the report is printed and the harness
// aborts). A child that dies with no sanitizer report, or grows by more than 256 MB
// (libhdf5 allocating on a damaged file), is skipped too. Inputs the child survives
// are read again in process, for coverage.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "fuzz_common.hpp"
#include "output/export_csv.hpp"
#include "output/output.hpp"

namespace {

void read_both(const std::filesystem::path& path, const std::filesystem::path& out) {
  using namespace govsim;
  fuzz::expect_clean([&] { describe_result(path.string()); }, path.string());
  std::error_code ec;
  std::filesystem::remove_all(out, ec);
  fuzz::expect_clean([&] { export_csv(path.string(), out.string()); }, path.string());
  std::filesystem::remove_all(out, ec);
  for (const auto& e : std::filesystem::directory_iterator(out.parent_path(), ec))
    if (e.path().filename().string().find("partial") != std::string::npos) std::filesystem::remove_all(e.path(), ec);
}

// true when the crash report's first frame that is libhdf5's or govsim's is libhdf5's
bool crashed_in_libhdf5(const std::string& report) {
  std::istringstream in(report);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(" #") == std::string::npos) continue;
    if (line.find("libhdf5") != std::string::npos) return true;
    if (line.find("govsim") != std::string::npos || line.find("/sim/") != std::string::npos) return false;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace govsim;
  const auto path = fuzz::scratch() / "input.h5";
  const auto out = fuzz::scratch() / "csv";
  fuzz::write_file(path, data, size);
  int fds[2];
  if (pipe(fds) != 0) return 0;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    alarm(10);  // libhdf5 can loop on a damaged global heap (H5HG_read): SIGALRM ends the child, skipped
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    read_both(path, fuzz::scratch() / "csv-child");
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    // libhdf5 can use gigabytes on some damaged files (in many small allocations): not again in process
    _exit(after.ru_maxrss - before.ru_maxrss > 256 * 1024 ? 2 : 0);
  }
  close(fds[1]);
  std::string report;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) report.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 2) return 0;  // libhdf5's memory use, see above
  if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    // a crash in libhdf5, or a death with no sanitizer report (nothing in govsim was caught)
    if (report.find("ERROR: AddressSanitizer") == std::string::npos &&
        report.find("runtime error:") == std::string::npos && report.find("FINDING") == std::string::npos)
      return 0;
    if (crashed_in_libhdf5(report)) return 0;
    std::fprintf(stderr, "FINDING (in a child reading the input):\n%s\n", report.c_str());
    std::abort();
  }
  read_both(path, out);
  return 0;
}
