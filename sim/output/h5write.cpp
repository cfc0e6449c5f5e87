#include "output/h5write.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "output/atomic.hpp"
#include "output/h5util.hpp"

namespace govsim::h5 {

namespace fs = std::filesystem;

namespace {

// Before any other HDF5 call (a static initialiser of the engine): no atexit(H5_term_library).
// Every file is closed explicitly; the handler only ever re-closes a file whose close failed,
// and crashes doing so (a SIGSEGV at exit after a full disk).
const bool kNoAtexitHandler = (H5dont_atexit(), true);

// "errno = 28" in the description of an entry of HDF5's error stack.
herr_t find_errno(unsigned, const H5E_error2_t* e, void* data) {
  int* err = static_cast<int*>(data);
  if (*err || !e->desc) return 0;
  int v = 0;
  if (const char* p = std::strstr(e->desc, "errno = "); p && std::sscanf(p, "errno = %d", &v) == 1 && v > 0) *err = v;
  return 0;
}

// The reason an exception from a fill gives: the system's error where one failed, else its text.
std::string reason_of(const std::exception& e) {
  if (const auto* h = dynamic_cast<const H5Error*>(&e); h && h->err) return error_text(h->err);
  return e.what();
}

}  // namespace

void write_file_atomically(const std::string& path, const std::function<void(hid_t)>& fill, const std::string& hooks) {
  (void)kNoAtexitHandler;
  create_parent_directories(path);
  remove_stale_partials(path);
  const std::string tmp = partial_name(path);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported by exceptions, not HDF5's stack dump
  const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG);  // H5Fclose closes every object still open in the file
  hid_t fid = H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  const int create_errno = fid < 0 ? last_system_errno() : 0;
  H5Pclose(fapl);
  std::error_code ec;
  if (fid < 0) {
    fs::remove(tmp, ec);
    throw std::runtime_error(create_errno ? cannot_write(path, create_errno)
                                          : cannot_write(path, "the file " + tmp + " could not be created"));
  }
  try {
    fill(fid);
    const herr_t closed = H5Fclose(fid);
    fid = -1;
    check(closed, "close");  // the last metadata is written here: a full disk may show only now
  } catch (const std::exception& e) {
    if (fid >= 0) H5Fclose(fid);
    fs::remove(tmp, ec);
    throw std::runtime_error(cannot_write(path, reason_of(e)));
  }
  try {
    sync_file(tmp, path);
    crash_point((hooks + ".rename").c_str());
    fs::rename(tmp, path, ec);
    if (ec) throw std::runtime_error(cannot_write(path, ec.value()));
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  crash_point((hooks + ".renamed").c_str());
  sync_directory(directory_of(path), path);
}

int last_system_errno() {
  int err = 0;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, find_errno, &err);
  return err;
}

}  // namespace govsim::h5
