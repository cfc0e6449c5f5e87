#include "output/h5read.hpp"

#include <cstring>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "govsim/params.hpp"  // format_value
#include "output/h5util.hpp"

namespace govsim::h5 {

namespace fs = std::filesystem;

std::string hdf5_error() {
  std::string out;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* e, void* data) -> herr_t {
        auto* s = static_cast<std::string*>(data);
        if (n == 0 && e && e->desc) *s = e->desc;  // the innermost: where HDF5 found the problem
        return 0;
      },
      &out);
  H5Eclear2(H5E_DEFAULT);
  return out;
}

ResultFile::ResultFile(const std::string& path) : path_(path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become messages, not HDF5's stack dump
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) throw std::runtime_error(path + ": no such file");
  if (fs::is_directory(st)) throw std::runtime_error(path + ": a directory, not a result file");
  if (!fs::is_regular_file(st)) throw std::runtime_error(path + ": not a regular file (a device, FIFO or socket)");
  size_ = fs::file_size(path, ec);
  if (ec) throw std::runtime_error(path + ": cannot read its size");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw std::runtime_error(path + ": not an HDF5 file");
  }
  id_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id_ < 0) {
    const std::string why = hdf5_error();
    throw std::runtime_error(path + ": an HDF5 file that cannot be opened (damaged?)" +
                             (why.empty() ? "" : ": HDF5 says \"" + why + "\""));
  }
}

ResultFile::~ResultFile() {
  if (id_ >= 0) H5Fclose(id_);
  H5Eclear2(H5E_DEFAULT);
}

void ResultFile::fail(const std::string& msg) const {
  const std::string why = hdf5_error();
  throw std::runtime_error(path_ + ": " + msg + (why.empty() ? "" : " (HDF5 says \"" + why + "\")"));
}

namespace {

// Closes an HDF5 identifier of any kind when it goes out of scope.
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() {
    if (id >= 0) close(id);
  }
};

// The dataspace's dimensions, at most kMaxRank of them.
std::vector<hsize_t> checked_dims(const ResultFile& f, hid_t space, const std::string& what) {
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) f.fail(what + ": its dataspace cannot be read (damaged?)");
  if (rank > kMaxRank)
    f.fail(what + " has " + std::to_string(rank) + " dimensions; govsim writes at most " + std::to_string(kMaxRank) +
           " (not a govsim result, or damaged)");
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space, dims.data(), nullptr) != rank)
    f.fail(what + ": its dimensions cannot be read (damaged?)");
  return dims;
}

// The product of dims, refusing what overflows or exceeds `limit`.
std::uint64_t checked_elements(const ResultFile& f, const std::vector<hsize_t>& dims, std::uint64_t limit,
                               const std::string& what) {
  std::uint64_t n = 1;
  for (hsize_t d : dims) {
    if (d != 0 && n > limit / d) {
      std::string shape;
      for (hsize_t x : dims) shape += (shape.empty() ? "" : " x ") + std::to_string(x);
      f.fail(what + " claims " + shape + " values, more than a file of " + std::to_string(f.size()) +
             " bytes can hold (damaged?)");
    }
    n *= d;
  }
  return n;
}

}  // namespace

DatasetShape dataset_shape(const ResultFile& f, hid_t loc, const std::string& name) {
  const std::string what = "dataset " + name;
  Handle d{H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose};
  if (d.id < 0) f.fail(what + " cannot be opened (damaged?)");
  Handle sp{H5Dget_space(d.id), H5Sclose};
  if (sp.id < 0) f.fail(what + ": its dataspace cannot be read (damaged?)");
  Handle t{H5Dget_type(d.id), H5Tclose};
  if (t.id < 0) f.fail(what + ": its type cannot be read (damaged?)");
  DatasetShape s;
  s.type_class = H5Tget_class(t.id);
  if (s.type_class == H5T_NO_CLASS) f.fail(what + ": its type cannot be read (damaged?)");
  s.vlen_string = s.type_class == H5T_STRING && H5Tis_variable_str(t.id) > 0;
  s.dims = checked_dims(f, sp.id, what);
  // in memory each value is a double or a string pointer (8 bytes)
  const std::uint64_t limit = (kMaxExpansion * f.size() + (1u << 20)) / 8;
  s.elements = checked_elements(f, s.dims, limit, what);
  return s;
}

std::string attribute_text(const ResultFile& f, hid_t obj, const char* name, const std::string& where) {
  const htri_t exists = H5Aexists(obj, name);
  if (exists < 0) f.fail(where + ": its attributes cannot be read (damaged?)");
  if (exists == 0) return "";
  const std::string what = where + " attribute " + name;
  Handle a{H5Aopen(obj, name, H5P_DEFAULT), H5Aclose};
  if (a.id < 0) f.fail(what + " cannot be opened (damaged?)");
  Handle sp{H5Aget_space(a.id), H5Sclose};
  if (sp.id < 0 || H5Sget_simple_extent_npoints(sp.id) != 1) f.fail(what + " is not a single value");
  Handle ft{H5Aget_type(a.id), H5Tclose};
  if (ft.id < 0) f.fail(what + ": its type cannot be read (damaged?)");
  const H5T_class_t cls = H5Tget_class(ft.id);
  if (cls == H5T_STRING) {
    if (H5Tis_variable_str(ft.id) > 0) {
      Handle t{string_type(), H5Tclose};
      char* p = nullptr;
      if (H5Aread(a.id, t.id, &p) < 0) f.fail(what + " cannot be read (damaged?)");
      std::string out = p ? p : "";
      if (p) H5free_memory(p);
      return out;
    }
    const size_t n = H5Tget_size(ft.id);
    if (n == 0 || n > f.size()) f.fail(what + " claims a string longer than the file (damaged?)");
    Handle t{H5Tcopy(H5T_C_S1), H5Tclose};
    H5Tset_size(t.id, n);
    std::string buf(n, '\0');
    if (H5Aread(a.id, t.id, buf.data()) < 0) f.fail(what + " cannot be read (damaged?)");
    return buf.substr(0, buf.find('\0'));
  }
  if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
    double v = 0;
    if (H5Aread(a.id, H5T_NATIVE_DOUBLE, &v) < 0) f.fail(what + " cannot be read as a number (damaged?)");
    return format_value(v);
  }
  f.fail(what + " is neither a string nor a number");
}

std::vector<double> read_doubles(const ResultFile& f, hid_t loc, const std::string& name, std::uint64_t n) {
  const DatasetShape s = dataset_shape(f, loc, name);
  if (s.type_class != H5T_FLOAT && s.type_class != H5T_INTEGER) f.fail("dataset " + name + " is not numeric");
  if (s.elements != n)
    f.fail("dataset " + name + " has " + std::to_string(s.elements) + " values where " + std::to_string(n) +
           " are expected (damaged, or not a govsim result)");
  std::vector<double> v(n);
  Handle d{H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose};
  if (n && (d.id < 0 || H5Dread(d.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0))
    f.fail("dataset " + name + " cannot be read (damaged?)");
  return v;
}

std::vector<std::string> read_strings(const ResultFile& f, hid_t loc, const std::string& name, std::uint64_t n) {
  const DatasetShape s = dataset_shape(f, loc, name);
  if (!s.vlen_string) f.fail("dataset " + name + " is not a variable-length string dataset");
  if (s.dims.size() != 1) f.fail("dataset " + name + " is not a list of strings (one dimension)");
  if (s.elements != n)
    f.fail("dataset " + name + " has " + std::to_string(s.elements) + " values where " + std::to_string(n) +
           " are expected (damaged, or not a govsim result)");
  // One string per read: each is one object of the file's heap, so no read allocates more than
  // the file holds, and the total is bounded by the file's size too (a damaged file can point
  // many elements at one large object: read at once, 2.8 M of them took gigabytes).
  Handle d{H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose};
  Handle fsp{d.id < 0 ? -1 : H5Dget_space(d.id), H5Sclose};
  Handle t{string_type(), H5Tclose};
  const hsize_t one = 1;
  Handle msp{H5Screate_simple(1, &one, nullptr), H5Sclose};
  if (d.id < 0 || fsp.id < 0) f.fail("dataset " + name + " cannot be read (damaged?)");
  std::vector<std::string> out;
  out.reserve(n);
  std::uint64_t bytes = 0;
  for (hsize_t i = 0; i < n; ++i) {
    char* c = nullptr;
    if (H5Sselect_hyperslab(fsp.id, H5S_SELECT_SET, &i, nullptr, &one, nullptr) < 0 ||
        H5Dread(d.id, t.id, msp.id, fsp.id, H5P_DEFAULT, &c) < 0) {
      // not freed: after a failed conversion `c` may point at memory libhdf5 has already
      // released (freeing what a failed read left was a double free, found by fuzz_result_file)
      f.fail("dataset " + name + " cannot be read (damaged?)");
    }
    out.emplace_back(c ? c : "");
    if (c) H5free_memory(c);
    bytes += out.back().size() + 1;
    if (bytes > f.size() + n)
      f.fail("dataset " + name + ": its strings claim more bytes than the file holds (damaged?)");
  }
  return out;
}

}  // namespace govsim::h5
