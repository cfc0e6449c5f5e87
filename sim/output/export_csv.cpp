#include "output/export_csv.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "config/scenario.hpp"
#include "output/atomic.hpp"
#include "output/h5util.hpp"
#include "output/csv_text.hpp"

namespace govsim {

namespace fs = std::filesystem;
using namespace h5;

namespace {

// ---------------------------------------------------------------- reading
std::string attr_text(hid_t obj, const char* name) {
  if (H5Aexists(obj, name) <= 0) return "";
  hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
  hid_t ft = H5Aget_type(a);
  std::string out;
  if (H5Tget_class(ft) == H5T_STRING && H5Tis_variable_str(ft) > 0) {
    hid_t t = string_type();
    char* p = nullptr;
    if (H5Aread(a, t, &p) >= 0 && p) {
      out = p;
      H5free_memory(p);
    }
    H5Tclose(t);
  }
  H5Tclose(ft);
  H5Aclose(a);
  return out;
}

// A dataset of the root group: its shape, the names of its dimension scales, its type.
struct Column {
  std::string name;
  std::vector<hsize_t> shape;
  std::vector<std::string> dims;  // one per dimension ("" where no scale is attached)
  bool is_string = false, is_scale = false, is_indicator = false;
};

herr_t scale_name(hid_t, unsigned, hid_t scale, void* out) {
  char b[256];
  const ssize_t n = H5Iget_name(scale, b, sizeof b);
  if (n > 0) *static_cast<std::string*>(out) = std::string(b).substr(1);  // "/month" -> "month"
  return 1;
}

Column describe(hid_t root, const std::string& name) {
  Column c;
  c.name = name;
  hid_t d = H5Dopen2(root, name.c_str(), H5P_DEFAULT);
  hid_t sp = H5Dget_space(d);
  const int rank = H5Sget_simple_extent_ndims(sp);
  c.shape.resize(rank > 0 ? rank : 0);
  if (rank > 0) H5Sget_simple_extent_dims(sp, c.shape.data(), nullptr);
  for (int i = 0; i < rank; ++i) {
    std::string s;
    if (H5DSget_num_scales(d, i) > 0) H5DSiterate_scales(d, i, nullptr, scale_name, &s);
    c.dims.push_back(s);
  }
  hid_t t = H5Dget_type(d);
  c.is_string = H5Tget_class(t) == H5T_STRING;
  c.is_scale = H5DSis_scale(d) > 0;
  c.is_indicator = H5Aexists(d, "level") > 0;
  H5Tclose(t);
  H5Sclose(sp);
  H5Dclose(d);
  return c;
}

std::vector<double> read_numbers(hid_t root, const std::string& name, size_t n) {
  std::vector<double> v(n);
  hid_t d = H5Dopen2(root, name.c_str(), H5P_DEFAULT);
  if (n) check(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "read " + name);
  H5Dclose(d);
  return v;
}

std::vector<std::string> read_strings(hid_t root, const std::string& name, size_t n) {
  std::vector<char*> p(n, nullptr);
  hid_t d = H5Dopen2(root, name.c_str(), H5P_DEFAULT);
  hid_t t = string_type();
  if (n) check(H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()), "read " + name);
  std::vector<std::string> out;
  for (char* s : p) out.emplace_back(s ? s : "");
  hid_t sp = H5Dget_space(d);
  if (n) H5Dvlen_reclaim(t, sp, H5P_DEFAULT, p.data());
  H5Sclose(sp);
  H5Tclose(t);
  H5Dclose(d);
  return out;
}

std::vector<Column> root_datasets(hid_t root) {
  std::vector<std::string> names;
  H5Literate(
      root, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t g, const char* name, const H5L_info_t*, void* out) -> herr_t {
        H5O_info_t info;
        if (H5Oget_info_by_name(g, name, &info, H5P_DEFAULT) >= 0 && info.type == H5O_TYPE_DATASET)
          static_cast<std::vector<std::string>*>(out)->push_back(name);
        return 0;
      },
      &names);
  std::vector<Column> cols;
  for (const auto& n : names) cols.push_back(describe(root, n));
  return cols;
}

// ---------------------------------------------------------------- the tables
// The columns a dimension contributes: itself (its DIM_label strings where there are
// some: month -> YYYY-MM), then the string coordinates on it (unit_name, unit_kind, ...).
struct DimColumns {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> values;  // [column][index along the dimension]
};

DimColumns dim_columns(hid_t root, const std::string& dim, size_t n, const std::vector<Column>& all) {
  DimColumns dc;
  dc.names.push_back(dim);
  std::vector<std::string> own;
  bool labelled = false;
  for (const auto& c : all)
    if (c.name == dim + "_label" && c.is_string && c.dims == std::vector<std::string>{dim}) {
      own = read_strings(root, c.name, n), labelled = true;
    }
  if (!labelled) {
    const bool scaled = std::any_of(all.begin(), all.end(), [&](const Column& c) { return c.name == dim; });
    const auto v = scaled ? read_numbers(root, dim, n) : std::vector<double>();
    for (size_t i = 0; i < n; ++i) own.push_back(csv_number(scaled ? v[i] : static_cast<double>(i)));
  }
  dc.values.push_back(own);
  for (const auto& c : all)
    if (c.is_string && c.dims == std::vector<std::string>{dim} && c.name != dim + "_label") {
      dc.names.push_back(c.name);
      dc.values.push_back(read_strings(root, c.name, n));
    }
  return dc;
}

// The CSV file a set of dimensions goes to.
std::string file_of(const std::vector<std::string>& dims) {
  if (std::find(dims.begin(), dims.end(), "unit") != dims.end()) return "by_unit.csv";
  if (std::find(dims.begin(), dims.end(), "county") != dims.end()) return "by_county.csv";
  if (dims == std::vector<std::string>{"run"}) return "design.csv";
  return "region.csv";
}

// Writes one tidy table: a row per coordinate tuple (the last dimension fastest), a column per member.
void write_table(hid_t root, const fs::path& path, const std::vector<const Column*>& members,
                 const std::vector<DimColumns>& dcs) {
  const auto& shape = members.front()->shape;
  size_t rows = 1;
  for (auto n : shape) rows *= n;
  std::vector<std::vector<double>> data;
  for (const Column* c : members) data.push_back(read_numbers(root, c->name, rows));
  std::ofstream o(path);
  std::string line;
  for (const auto& dc : dcs)
    for (const auto& n : dc.names) line += (line.empty() ? "" : ",") + csv_field(n);
  for (const Column* c : members) line += "," + csv_field(c->name);
  o << line << "\n";
  std::vector<size_t> idx(shape.size(), 0);
  for (size_t r = 0; r < rows; ++r) {
    line.clear();
    for (size_t d = 0; d < dcs.size(); ++d)
      for (const auto& col : dcs[d].values) line += (line.empty() ? "" : ",") + csv_field(col[idx[d]]);
    for (const auto& v : data) line += "," + csv_number(v[r]);
    o << line << "\n";
    for (size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  o.close();
  if (!o) throw std::runtime_error("cannot write " + path.string() + " (disk full?)");
}

// One row of dictionary.csv.
std::string dictionary_row(hid_t root, const std::string& name, const std::string& file, const std::string& dims,
                           bool coordinate) {
  std::string units, label, ln, zh, desc, kind;
  if (H5Lexists(root, name.c_str(), H5P_DEFAULT) > 0) {
    hid_t d = H5Dopen2(root, name.c_str(), H5P_DEFAULT);
    units = attr_text(d, "units"), label = attr_text(d, "units_label"), ln = attr_text(d, "long_name");
    zh = attr_text(d, "long_name_zh"), desc = attr_text(d, "description");
    kind = attr_text(d, "kind");  // indicators: outcome or input; empty for coordinates and the design
    H5Dclose(d);
  }
  if (coordinate && name == "month") units = "", label = "YYYY-MM";
  if (coordinate && desc.empty()) desc = "coordinate";
  std::string row;
  for (const auto& f : {name, file, dims, units, label, ln, zh, desc, kind})
    row += (row.empty() ? "" : ",") + csv_field(f);
  return row + "\n";
}

// Every table of the file into `dir`, and the dictionary.
ExportSummary write_tables(hid_t root, const fs::path& dir) {
  const std::vector<Column> all = root_datasets(root);
  std::map<std::vector<std::string>, std::vector<const Column*>> groups;
  for (const auto& c : all) {
    const bool design = c.dims == std::vector<std::string>{"run"} && !c.is_scale && !c.is_string;
    if ((c.is_indicator && !c.is_string) || design) groups[c.dims].push_back(&c);
  }
  if (groups.empty()) throw ScenarioError("no indicator datasets to export");
  ExportSummary sum;
  std::string dict = "name,file,dims,units,units_label,long_name,long_name_zh,description,kind\n";
  for (const auto& [dims, members] : groups) {
    const std::string file = file_of(dims);
    std::vector<DimColumns> dcs;
    std::string dim_text;
    for (size_t d = 0; d < dims.size(); ++d) {
      dcs.push_back(dim_columns(root, dims[d], members.front()->shape[d], all));
      dim_text += (d ? " " : "") + dims[d];
      for (const auto& n : dcs.back().names) dict += dictionary_row(root, n, file, dims[d], true);
    }
    write_table(root, dir / file, members, dcs);
    for (const Column* c : members) dict += dictionary_row(root, c->name, file, dim_text, false);
    sum.files.push_back(file);
    sum.columns += members.size();
  }
  std::ofstream(dir / "dictionary.csv") << dict;
  sum.files.push_back("dictionary.csv");
  return sum;
}

}  // namespace

ExportSummary export_csv(const std::string& h5_path, const std::string& dir) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  if (!fs::exists(h5_path)) throw ScenarioError(h5_path + ": no such file");
  if (H5Fis_hdf5(h5_path.c_str()) <= 0) throw ScenarioError(h5_path + ": not an HDF5 file");
  H5File f{H5Fopen(h5_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)};
  if (f.id < 0) throw ScenarioError(h5_path + ": cannot be opened as HDF5");
  if (H5Aexists(f.id, "govsim_version") <= 0)
    throw ScenarioError(h5_path + ": an HDF5 file, but not a govsim result (no govsim_version attribute)");
  fs::path out = fs::path(dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();  // "out/" -> "out"
  if (fs::exists(out) && (!fs::is_directory(out) || !fs::is_empty(out)))
    throw ScenarioError("--csv " + dir + ": exists and is not an empty directory (remove it or name another)");
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  ExportSummary sum;
  try {
    write_directory_atomically(out, partial_name(out.string()),
                               [&](const fs::path& tmp) { sum = write_tables(f.id, tmp); });
  } catch (const ScenarioError& e) {
    throw ScenarioError(h5_path + ": " + e.what());
  }
  return sum;
}

}  // namespace govsim
