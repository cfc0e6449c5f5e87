#include "output/export_csv.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "config/scenario.hpp"
#include "output/atomic.hpp"
#include "output/h5read.hpp"
#include "output/h5util.hpp"
#include "output/csv_text.hpp"

namespace govsim {

namespace fs = std::filesystem;
using namespace h5;

namespace {

// ---------------------------------------------------------------- reading
// Everything read goes through output/h5read.hpp: shapes and sizes are checked
// against each other and against the file before anything is allocated.
std::string attr_text(const ResultFile& f, hid_t obj, const char* name, const std::string& where) {
  return attribute_text(f, obj, name, where);
}

// A dataset of the root group: its shape, the names of its dimension scales, its type.
struct Column {
  std::string name;
  std::vector<hsize_t> shape;
  std::uint64_t elements = 0;
  std::vector<std::string> dims;  // one per dimension ("" where no scale is attached)
  bool is_string = false, is_scale = false, is_indicator = false;
};

herr_t scale_name(hid_t, unsigned, hid_t scale, void* out) {
  char b[256] = "";
  const ssize_t n = H5Iget_name(scale, b, sizeof b);
  if (n > 0 && b[0] == '/') *static_cast<std::string*>(out) = std::string(b).substr(1);  // "/month" -> "month"
  return 1;
}

Column describe(const ResultFile& f, const std::string& name) {
  const DatasetShape s = dataset_shape(f, f.id(), name);
  Column c;
  c.name = name;
  c.shape = s.dims;
  c.elements = s.elements;
  c.is_string = s.vlen_string;
  hid_t d = H5Dopen2(f.id(), name.c_str(), H5P_DEFAULT);
  if (d < 0) f.fail("dataset " + name + " cannot be opened (damaged?)");
  for (unsigned i = 0; i < c.shape.size(); ++i) {
    std::string sc;
    if (H5DSget_num_scales(d, i) > 0) H5DSiterate_scales(d, i, nullptr, scale_name, &sc);
    c.dims.push_back(sc);
  }
  c.is_scale = H5DSis_scale(d) > 0;
  c.is_indicator = H5Aexists(d, "level") > 0;
  H5Dclose(d);
  H5Eclear2(H5E_DEFAULT);
  return c;
}

std::vector<Column> root_datasets(const ResultFile& f) {
  std::vector<std::string> names;
  if (H5Literate(
          f.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr,
          [](hid_t g, const char* name, const H5L_info_t* link, void* out) -> herr_t {
            // hard links only: a soft or external link could lead anywhere (another file, a FIFO)
            H5O_info_t info;
            if (link && link->type == H5L_TYPE_HARD && H5Oget_info_by_name(g, name, &info, H5P_DEFAULT) >= 0 &&
                info.type == H5O_TYPE_DATASET)
              static_cast<std::vector<std::string>*>(out)->push_back(name);
            return 0;
          },
          &names) < 0)
    f.fail("its list of datasets cannot be read (damaged?)");
  std::vector<Column> cols;
  for (const auto& n : names) cols.push_back(describe(f, n));
  return cols;
}

// ---------------------------------------------------------------- the tables
// The columns a dimension contributes: itself (its DIM_label strings where there are
// some: month -> YYYY-MM), then the string coordinates on it (unit_name, unit_kind, ...).
struct DimColumns {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> values;  // [column][index along the dimension]
};

DimColumns dim_columns(const ResultFile& f, const std::string& dim, size_t n, const std::vector<Column>& all) {
  const hid_t root = f.id();
  DimColumns dc;
  dc.names.push_back(dim);
  std::vector<std::string> own;
  bool labelled = false;
  for (const auto& c : all)
    if (c.name == dim + "_label" && c.is_string && c.dims == std::vector<std::string>{dim}) {
      own = read_strings(f, root, c.name, n), labelled = true;
    }
  if (!labelled) {
    const bool scaled = std::any_of(all.begin(), all.end(), [&](const Column& c) { return c.name == dim; });
    const auto v = scaled ? read_doubles(f, root, dim, n) : std::vector<double>();
    for (size_t i = 0; i < n; ++i) own.push_back(csv_number(scaled ? v[i] : static_cast<double>(i)));
  }
  dc.values.push_back(own);
  for (const auto& c : all)
    if (c.is_string && c.dims == std::vector<std::string>{dim} && c.name != dim + "_label") {
      dc.names.push_back(c.name);
      dc.values.push_back(read_strings(f, root, c.name, n));
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
void write_table(const ResultFile& f, const fs::path& path, const std::vector<const Column*>& members,
                 const std::vector<DimColumns>& dcs) {
  const auto& shape = members.front()->shape;
  const size_t rows = members.front()->elements;
  std::vector<std::vector<double>> data;
  for (const Column* c : members) data.push_back(read_doubles(f, f.id(), c->name, rows));
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
std::string dictionary_row(const ResultFile& f, const std::string& name, const std::string& file,
                           const std::string& dims, bool coordinate) {
  std::string units, label, ln, zh, desc, kind;
  H5L_info_t link;
  if (H5Lexists(f.id(), name.c_str(), H5P_DEFAULT) > 0 && H5Lget_info(f.id(), name.c_str(), &link, H5P_DEFAULT) >= 0 &&
      link.type == H5L_TYPE_HARD) {
    hid_t d = H5Dopen2(f.id(), name.c_str(), H5P_DEFAULT);
    if (d < 0) f.fail("dataset " + name + " cannot be opened (damaged?)");
    try {
      const std::string w = "dataset " + name;
      units = attr_text(f, d, "units", w), label = attr_text(f, d, "units_label", w);
      ln = attr_text(f, d, "long_name", w), zh = attr_text(f, d, "long_name_zh", w);
      desc = attr_text(f, d, "description", w);
      kind = attr_text(f, d, "kind", w);  // indicators: outcome or input; empty for coordinates and the design
    } catch (...) {
      H5Dclose(d);
      throw;
    }
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
// The members of each table share a shape, and all the values read fit in what the file can hold.
void check_tables(const ResultFile& f, const std::map<std::vector<std::string>, std::vector<const Column*>>& groups) {
  std::uint64_t total = 0;
  const std::uint64_t limit = (kMaxExpansion * f.size() + (1u << 20)) / 8;
  for (const auto& [dims, members] : groups)
    for (const Column* c : members) {
      if (c->shape != members.front()->shape)
        f.fail("datasets " + members.front()->name + " and " + c->name +
               " have the same dimensions but not the same shape (damaged, or not a govsim result)");
      total += c->elements;
      if (total > limit) f.fail("its datasets claim more values than a file of its size can hold (damaged?)");
    }
}

ExportSummary write_tables(const ResultFile& f, const fs::path& dir) {
  const std::vector<Column> all = root_datasets(f);
  std::map<std::vector<std::string>, std::vector<const Column*>> groups;
  for (const auto& c : all) {
    const bool design = c.dims == std::vector<std::string>{"run"} && !c.is_scale && !c.is_string;
    if ((c.is_indicator && !c.is_string) || design) groups[c.dims].push_back(&c);
  }
  if (groups.empty()) throw ScenarioError("no indicator datasets to export");
  check_tables(f, groups);
  ExportSummary sum;
  std::string dict = "name,file,dims,units,units_label,long_name,long_name_zh,description,kind\n";
  for (const auto& [dims, members] : groups) {
    const std::string file = file_of(dims);
    std::vector<DimColumns> dcs;
    std::string dim_text;
    for (size_t d = 0; d < dims.size(); ++d) {
      dcs.push_back(dim_columns(f, dims[d], members.front()->shape[d], all));
      dim_text += (d ? " " : "") + dims[d];
      for (const auto& n : dcs.back().names) dict += dictionary_row(f, n, file, dims[d], true);
    }
    write_table(f, dir / file, members, dcs);
    for (const Column* c : members) dict += dictionary_row(f, c->name, file, dim_text, false);
    sum.files.push_back(file);
    sum.columns += members.size();
  }
  std::ofstream(dir / "dictionary.csv") << dict;
  sum.files.push_back("dictionary.csv");
  return sum;
}

}  // namespace

ExportSummary export_csv(const std::string& h5_path, const std::string& dir) {
  std::unique_ptr<ResultFile> opened;
  try {
    opened = std::make_unique<ResultFile>(h5_path);
  } catch (const std::runtime_error& e) {  // no such file, not HDF5, ...: the command line named the wrong file
    throw ScenarioError(e.what());
  }
  const ResultFile& f = *opened;
  if (attribute_text(f, f.id(), "govsim_version", "root").empty())
    throw ScenarioError(h5_path + ": an HDF5 file, but not a govsim result (no govsim_version attribute)");
  fs::path out = fs::path(dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();  // "out/" -> "out"
  if (fs::exists(out) && (!fs::is_directory(out) || !fs::is_empty(out)))
    throw ScenarioError("--csv " + dir + ": exists and is not an empty directory (remove it or name another)");
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  ExportSummary sum;
  try {
    write_directory_atomically(out, partial_name(out.string()),
                               [&](const fs::path& tmp) { sum = write_tables(f, tmp); });
  } catch (const ScenarioError& e) {
    throw ScenarioError(h5_path + ": " + e.what());
  }
  return sum;
}

}  // namespace govsim
