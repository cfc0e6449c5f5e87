// Small HDF5 helpers shared by the run and batch writers (internal to sim/).
#pragma once
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "govsim/calendar.hpp"
#include "output/cf.hpp"

namespace govsim::h5 {

// A failed HDF5 call; `err` is the errno of the system call that failed under it (0 if none did),
// so that a writer can say "cannot write FILE: no space left on device" (sim/output/h5write.hpp).
struct H5Error : std::runtime_error {
  int err;
  H5Error(const std::string& what, int e) : std::runtime_error(what), err(e) {}
};
// The errno that HDF5's error stack of the last failed call records ("errno = 28"), else 0.
int last_system_errno();

inline void check(herr_t e, const std::string& what) {
  if (e < 0) throw H5Error("HDF5: " + what + " failed", last_system_errno());
}
inline hid_t checked(hid_t h, const std::string& what) {
  if (h < 0) throw H5Error("HDF5: " + what + " failed", last_system_errno());
  return h;
}

inline hid_t string_type() {
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return t;
}

inline void attr_string(hid_t obj, const std::string& name, const std::string& value) {
  hid_t t = string_type();
  hid_t sp = H5Screate(H5S_SCALAR);
  hid_t a = checked(H5Acreate2(obj, name.c_str(), t, sp, H5P_DEFAULT, H5P_DEFAULT), "attribute " + name);
  const char* p = value.c_str();
  check(H5Awrite(a, t, &p), "write attribute " + name);
  H5Aclose(a);
  H5Sclose(sp);
  H5Tclose(t);
}

template <class T>
inline void attr_number(hid_t obj, const std::string& name, T value, hid_t type) {
  hid_t sp = H5Screate(H5S_SCALAR);
  hid_t a = checked(H5Acreate2(obj, name.c_str(), type, sp, H5P_DEFAULT, H5P_DEFAULT), "attribute " + name);
  check(H5Awrite(a, type, &value), "write attribute " + name);
  H5Aclose(a);
  H5Sclose(sp);
}

inline hid_t write_1d_int(hid_t file, const std::string& name, const std::vector<int32_t>& v) {
  hsize_t n = v.size();
  hid_t sp = H5Screate_simple(1, &n, nullptr);
  hid_t d = checked(H5Dcreate2(file, name.c_str(), H5T_STD_I32LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    "dataset " + name);
  if (n) check(H5Dwrite(d, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write " + name);
  H5Sclose(sp);
  return d;
}

inline hid_t write_1d_str(hid_t file, const std::string& name, const std::vector<std::string>& v) {
  hsize_t n = v.size();
  hid_t sp = H5Screate_simple(1, &n, nullptr);
  hid_t t = string_type();
  hid_t d = checked(H5Dcreate2(file, name.c_str(), t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "dataset " + name);
  std::vector<const char*> p;
  for (const auto& s : v) p.push_back(s.c_str());
  if (n) check(H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()), "write " + name);
  H5Tclose(t);
  H5Sclose(sp);
  return d;
}

// CF: NaN marks a missing value in every float dataset (the `_FillValue`
// attribute and the HDF5 fill value agree, as netCDF-4 readers expect).
inline void attr_fill_nan(hid_t d) {
  attr_number<double>(d, "_FillValue", std::numeric_limits<double>::quiet_NaN(), H5T_IEEE_F64LE);
}
inline hid_t nan_fill_dcpl() {
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan);
  return dcpl;
}

// A float dataset of `rank` dimensions written whole (not chunked), with NaN as its fill value.
inline hid_t write_plain_double(hid_t file, const std::string& name, const std::vector<hsize_t>& dims,
                                const std::vector<double>& v) {
  hid_t sp = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  hid_t dcpl = nan_fill_dcpl();
  hid_t d =
      checked(H5Dcreate2(file, name.c_str(), H5T_IEEE_F64LE, sp, H5P_DEFAULT, dcpl, H5P_DEFAULT), "dataset " + name);
  if (!v.empty()) check(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write " + name);
  attr_fill_nan(d);
  H5Pclose(dcpl);
  H5Sclose(sp);
  return d;
}

inline hid_t write_scalar_str(hid_t file, const std::string& name, const std::string& value) {
  hid_t sp = H5Screate(H5S_SCALAR);
  hid_t t = string_type();
  hid_t d = checked(H5Dcreate2(file, name.c_str(), t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "dataset " + name);
  const char* p = value.c_str();
  check(H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, &p), "write " + name);
  H5Tclose(t);
  H5Sclose(sp);
  return d;
}

inline hid_t write_1d_double(hid_t file, const std::string& name, const std::vector<double>& v) {
  return write_plain_double(file, name, {v.size()}, v);
}

// A compressed, chunked double dataset filled with NaN: chunks of one slice of
// the first dimension (a replicate, or a batch's run), everything else whole
// except the last dimension of 3-D or 4-D data, cut at 4096 (units).
inline hid_t create_chunked(hid_t file, const std::string& name, const std::vector<hsize_t>& dims) {
  const int rank = static_cast<int>(dims.size());
  hid_t sp = H5Screate_simple(rank, dims.data(), nullptr);
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  std::vector<hsize_t> chunk(dims);
  chunk[0] = 1;
  if (rank >= 3) chunk[rank - 1] = std::min<hsize_t>(dims[rank - 1], 4096);
  bool empty = false;
  for (auto d : dims) empty |= d == 0;
  if (!empty) {
    H5Pset_chunk(dcpl, rank, chunk.data());
    H5Pset_shuffle(dcpl);
    H5Pset_deflate(dcpl, 4);
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan);
  hid_t d =
      checked(H5Dcreate2(file, name.c_str(), H5T_IEEE_F64LE, sp, H5P_DEFAULT, dcpl, H5P_DEFAULT), "dataset " + name);
  attr_fill_nan(d);
  H5Pclose(dcpl);
  H5Sclose(sp);
  return d;
}

inline hid_t write_nd_double(hid_t file, const std::string& name, const std::vector<hsize_t>& dims,
                             const std::vector<double>& v) {
  hid_t d = create_chunked(file, name, dims);
  if (!v.empty()) check(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write " + name);
  return d;
}

// Attaches dimension scales to a dataset's dimensions 0, 1, ... in order.
inline void attach_scales(hid_t d, std::initializer_list<hid_t> scales) {
  unsigned i = 0;
  for (hid_t s : scales) check(H5DSattach_scale(d, s, i++), "attach a dimension scale");
}

// The attributes every indicator dataset carries (docs/output.md): `units` in
// UDUNITS-2 (sim/output/cf.hpp), the declared readable label in `units_label`, and
// `kind` (outcome or input). Run and batch files both write them here.
template <class Decl>
inline void indicator_attrs(hid_t d, const Decl& ind, const char* level, const std::string& coordinates) {
  attr_string(d, "units", udunits_or_throw(ind.units, "indicator " + ind.name));
  attr_string(d, "units_label", ind.units);
  attr_string(d, "long_name", ind.long_name);
  attr_string(d, "long_name_zh", ind.long_name_zh);
  attr_string(d, "description", ind.description);
  attr_string(d, "level", level);
  attr_number<int32_t>(d, "headline", ind.headline ? 1 : 0, H5T_NATIVE_INT32);
  attr_string(d, "kind", kind_name(ind.kind));  // outcome or input (govsim/mechanism.hpp)
  attr_string(d, "coordinates", coordinates);
}

struct H5File {
  hid_t id;
  ~H5File() {
    if (id >= 0) H5Fclose(id);
  }
};

}  // namespace govsim::h5

namespace govsim {
// Pieces shared by the run and batch writers (defined in output.cpp).
// Root attributes title, govsim_version, git_commit, build_type, command_line.
void write_build_attrs(hid_t root, const std::string& title, const std::string& command_line);
// The milestones attribute and the annexes models/ declares (govsim/report.hpp).
void write_annexes(hid_t root, const std::vector<std::string>& scenario_documents);
// A 1-D integer dimension scale named `name` with a long name (returned open).
hid_t write_scale(hid_t root, const char* name, const std::vector<int32_t>& values, const std::string& long_name);
// 0, 1, ..., n-1 as a dimension scale.
hid_t write_index_scale(hid_t root, const char* name, size_t n, const std::string& long_name);
// A string coordinate attached to a scale.
void write_coord(hid_t root, const std::string& name, const std::vector<std::string>& v, hid_t scale,
                 const std::string& long_name);
// `month` (days since 1970-01-01, a scale) and its `month_label` (YYYY-MM).
hid_t write_month_scale(hid_t root, const std::vector<Month>& months);
// `unit` (ids, a scale) with unit_name, unit_kind, unit_township.
hid_t write_unit_scale(hid_t root, const std::vector<uint32_t>& ids, const std::vector<std::string>& names,
                       const std::vector<std::string>& kinds, const std::vector<std::string>& townships);
// `county` (0..C-1, a scale) with county_name.
hid_t write_county_scale(hid_t root, const std::vector<std::string>& names);
}  // namespace govsim
