#include "output/output.hpp"
#include "govsim/report.hpp"
#include "output/atomic.hpp"
#include "output/h5read.hpp"
#include "output/h5util.hpp"
#include "output/h5write.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <tuple>
#include <stdexcept>

namespace govsim {

namespace fs = std::filesystem;
using namespace h5;

namespace {

// The name of an annex's row dimension: the group's name less a final "s" ("targets": "target").
std::string annex_dimension(const Annex& a) {
  if (a.group.size() > 1 && a.group.back() == 's') return a.group.substr(0, a.group.size() - 1);
  return a.group + "_row";
}

// The rows of an annex (its columns are equally long).
size_t annex_rows(const Annex& a) {
  if (!a.strings.empty()) return a.strings.front().second.size();
  if (!a.ints.empty()) return a.ints.front().second.size();
  return a.doubles.empty() ? 0 : a.doubles.front().second.size();
}

}  // namespace

// What models/ declares beside the indicators (govsim/report.hpp): the milestones
// as a root attribute and every annex as a group of 1-D datasets.
void write_annexes(hid_t root, const std::vector<std::string>& scenario_documents) {
  std::string ms;
  for (const Month m : milestones()) {
    if (!ms.empty()) ms += ' ';
    ms += m.str();
  }
  attr_string(root, "milestones", ms);
  for (const auto& build : annexes()) {
    const Annex a = build(scenario_documents);
    hid_t g = checked(H5Gcreate2(root, a.group.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group " + a.group);
    attr_string(g, "description", a.description);
    // a dimension scale for the rows, so that the group opens as a netCDF group (xarray's group=)
    const std::string dim = annex_dimension(a);
    hid_t scale = write_index_scale(g, dim.c_str(), annex_rows(a), "row of " + a.group);
    auto attach = [&](hid_t d) {
      check(H5DSattach_scale(d, scale, 0), "attach " + dim);
      H5Dclose(d);
    };
    for (const auto& [name, v] : a.strings) attach(write_1d_str(g, name, v));
    for (const auto& [name, v] : a.ints) attach(write_1d_int(g, name, v));
    for (const auto& [name, v] : a.doubles) attach(write_1d_double(g, name, v));
    H5Dclose(scale);
    H5Gclose(g);
  }
}

void write_build_attrs(hid_t root, const std::string& title, const std::string& command_line) {
  const BuildInfo& b = build_info();
  attr_string(root, "title", title);
  attr_string(root, "govsim_version", b.version);
  attr_string(root, "git_commit", b.git_commit);
  attr_string(root, "build_type", b.build_type);
  attr_string(root, "command_line", command_line);
}

hid_t write_scale(hid_t root, const char* name, const std::vector<int32_t>& values, const std::string& long_name) {
  hid_t d = write_1d_int(root, name, values);
  attr_string(d, "long_name", long_name);
  check(H5DSset_scale(d, name), std::string("scale ") + name);
  return d;
}

hid_t write_index_scale(hid_t root, const char* name, size_t n, const std::string& long_name) {
  std::vector<int32_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<int32_t>(i);
  return write_scale(root, name, v, long_name);
}

void write_coord(hid_t root, const std::string& name, const std::vector<std::string>& v, hid_t scale,
                 const std::string& long_name) {
  hid_t d = write_1d_str(root, name, v);
  attr_string(d, "long_name", long_name);
  check(H5DSattach_scale(d, scale, 0), "attach " + name);
  H5Dclose(d);
}

hid_t write_month_scale(hid_t root, const std::vector<Month>& months) {
  std::vector<int32_t> days;
  std::vector<std::string> labels;
  for (const auto& m : months) {
    days.push_back(m.days_since_epoch());
    labels.push_back(m.str());
  }
  hid_t d = write_scale(root, "month", days, "simulated month (first day)");
  attr_string(d, "units", "days since 1970-01-01");
  attr_string(d, "calendar", "standard");
  attr_string(d, "axis", "T");
  attr_string(d, "standard_name", "time");
  write_coord(root, "month_label", labels, d, "month as YYYY-MM");
  return d;
}

hid_t write_unit_scale(hid_t root, const std::vector<uint32_t>& ids, const std::vector<std::string>& names,
                       const std::vector<std::string>& kinds, const std::vector<std::string>& townships) {
  hid_t d = write_scale(root, "unit", std::vector<int32_t>(ids.begin(), ids.end()), "village/community id");
  write_coord(root, "unit_name", names, d, "village/community name");
  write_coord(root, "unit_kind", kinds, d, "urban_community, town_community or rural_village");
  write_coord(root, "unit_township", townships, d, "township or street the unit belongs to");
  return d;
}

hid_t write_county_scale(hid_t root, const std::vector<std::string>& names) {
  hid_t d = write_index_scale(root, "county", names.size(), "county-level unit of the region");
  write_coord(root, "county_name", names, d, "county-level unit name");
  return d;
}

namespace {

// The root attributes of a run file: provenance, the scenario and how the run went.
void write_run_attrs(hid_t root, const Scenario& s, const RunResult& r, const std::string& command_line) {
  write_build_attrs(root, s.title.empty() ? "govsim run" : s.title, command_line);
  attr_string(root, "scenario_file", s.file);
  attr_string(root, "scenario_text", s.text);
  attr_string(root, "scenario_description", s.description);
  std::string docs;
  for (const auto& d : s.documents) docs += (docs.empty() ? "" : "; ") + d;
  attr_string(root, "scenario_documents", docs);
  attr_string(root, "region", s.region);
  attr_string(root, "period_start", s.start.str());
  attr_string(root, "period_end", s.end.str());
  attr_number<uint32_t>(root, "seed", s.seed, H5T_NATIVE_UINT32);
  attr_number<uint32_t>(root, "replicates", s.replicates, H5T_NATIVE_UINT32);
  attr_number<int32_t>(root, "spinup_months", s.spinup_months, H5T_NATIVE_INT32);
  attr_number<int32_t>(root, "threads", r.threads, H5T_NATIVE_INT32);
  attr_number<uint64_t>(root, "residents_at_start", r.residents_at_start, H5T_NATIVE_UINT64);
  attr_string(root, "started", r.started);
  attr_string(root, "finished", r.finished);
  attr_string(root, "Conventions", "CF-1.8");
}

// The scalar coordinates `scenario` (the scenario's name: its file's stem) and
// `scenario_title`, so that run files concatenate along a scenario dimension.
void write_scenario_coords(hid_t root, const Scenario& s) {
  const std::string name = s.file.empty() || s.file.front() == '<' ? "default" : fs::path(s.file).stem().string();
  for (auto [var, value, ln] : {std::tuple{"scenario", name, "scenario (the stem of its file)"},
                                std::tuple{"scenario_title", s.title, "scenario title"}}) {
    hid_t d = write_scalar_str(root, var, value);
    attr_string(d, "long_name", ln);
    H5Dclose(d);
  }
}

// Parameters: every resolved value, as an attribute of /parameters.
void write_parameters(hid_t root, const Scenario& s) {
  hid_t pg = checked(H5Gcreate2(root, "parameters", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group parameters");
  const auto& reg = ParamRegistry::instance();
  for (ParamId id : reg.sorted()) {
    const auto& sch = s.values.schedule(id);
    if (sch.constant())
      attr_number<double>(pg, reg.get(id).name, sch.base, H5T_NATIVE_DOUBLE);
    else
      attr_string(pg, reg.get(id).name, sch.str());
  }
  H5Gclose(pg);
}

// Dimension scales and coordinates, then every indicator at the region, county and unit levels.
void write_run_indicators(hid_t root, const RunResult& r) {
  hid_t d_rep =
      write_index_scale(root, "replicate", r.replicates, "replicate (independent random draws, same scenario)");
  hid_t d_month = write_month_scale(root, r.months);
  hid_t d_unit = write_unit_scale(root, r.unit_id, r.unit_name, r.unit_kind, r.unit_township);
  const bool by_county = !r.by_county_values.empty();
  hid_t d_county = by_county ? write_county_scale(root, r.county_name) : -1;

  const auto& inds = IndicatorRegistry::instance().all();
  const hsize_t R = r.replicates, M = r.months.size(), U = r.n_units();
  for (size_t i = 0; i < inds.size(); ++i) {
    const auto& ind = inds[i];
    if (i == inds.size() / 2) crash_point("run.write");  // test hook: killed in the middle of the HDF5 write
    hid_t dc = write_nd_double(root, ind.name, {R, M}, r.county_values[i]);
    indicator_attrs(dc, ind, "region", "scenario scenario_title month_label");
    attach_scales(dc, {d_rep, d_month});
    H5Dclose(dc);
    if (by_county) {
      hid_t dk = write_nd_double(root, ind.name + "_by_county", {R, M, r.county_name.size()}, r.by_county_values[i]);
      indicator_attrs(dk, ind, "county", "scenario scenario_title month_label county_name");
      attach_scales(dk, {d_rep, d_month, d_county});
      H5Dclose(dk);
    }
    if (ind.per_unit && r.has_unit_values()) {
      hid_t du = write_nd_double(root, ind.name + "_by_unit", {R, M, U}, r.unit_values[i]);
      indicator_attrs(du, ind, "village/community",
                      "scenario scenario_title month_label unit_name unit_kind unit_township");
      attach_scales(du, {d_rep, d_month, d_unit});
      H5Dclose(du);
    }
  }
  H5Dclose(d_rep);
  H5Dclose(d_month);
  H5Dclose(d_unit);
  if (d_county >= 0) H5Dclose(d_county);
}

}  // namespace

void write_result(const std::string& path, const Scenario& s, const RunResult& r, const std::string& command_line) {
  write_file_atomically(
      path,
      [&](hid_t root) {
        write_run_attrs(root, s, r, command_line);
        write_scenario_coords(root, s);
        write_parameters(root, s);
        write_annexes(root, s.documents);
        write_run_indicators(root, r);
        check(H5Fflush(root, H5F_SCOPE_GLOBAL), "flush");
      },
      "run");
}

std::vector<double> read_county_series(const std::string& path, const std::string& indicator, size_t* replicates,
                                       size_t* months) {
  const ResultFile f(path);
  const DatasetShape s = dataset_shape(f, f.id(), indicator);
  if (s.dims.size() != 2) f.fail(indicator + " is not a county series (replicate, month)");
  std::vector<double> v = read_doubles(f, f.id(), indicator, s.elements);
  if (replicates) *replicates = s.dims[0];
  if (months) *months = s.dims[1];
  return v;
}

namespace {

// The names of the hard links in group `g` (collected first: nothing may throw inside H5Literate's callback).
std::vector<std::string> link_names(const ResultFile& f, hid_t g) {
  std::vector<std::string> names;
  if (H5Literate(
          g, H5_INDEX_NAME, H5_ITER_INC, nullptr,
          [](hid_t, const char* name, const H5L_info_t* info, void* out) -> herr_t {
            // hard links only: a soft or external link could lead anywhere (another file, a FIFO)
            if (info && info->type == H5L_TYPE_HARD) static_cast<std::vector<std::string>*>(out)->push_back(name);
            return 0;
          },
          &names) < 0)
    f.fail("its list of datasets cannot be read (damaged?)");
  return names;
}

// One line of the datasets listing: name, shape, units, long name.
std::string describe_link(const ResultFile& f, const std::string& name) {
  H5O_info_t info;
  if (H5Oget_info_by_name(f.id(), name.c_str(), &info, H5P_DEFAULT) < 0) f.fail(name + ": cannot be read (damaged?)");
  if (info.type == H5O_TYPE_GROUP) return "    " + name + "/ (" + std::to_string(info.num_attrs) + " attributes)\n";
  if (info.type != H5O_TYPE_DATASET) return "";
  const DatasetShape s = dataset_shape(f, f.id(), name);
  std::string sh = "(";
  for (size_t i = 0; i < s.dims.size(); ++i) sh += (i ? ", " : "") + std::to_string(s.dims[i]);
  sh += ")";
  const hid_t d = H5Dopen2(f.id(), name.c_str(), H5P_DEFAULT);
  if (d < 0) f.fail("dataset " + name + " cannot be opened (damaged?)");
  std::string units, ln, kind;
  try {
    units = attribute_text(f, d, "units_label", "dataset " + name);  // readable ("index 0-1"), else the CF unit
    if (units.empty()) units = attribute_text(f, d, "units", "dataset " + name);
    ln = attribute_text(f, d, "long_name", "dataset " + name);
    kind = attribute_text(f, d, "kind", "dataset " + name);  // outcome or input (indicators only)
  } catch (...) {
    H5Dclose(d);
    throw;
  }
  H5Dclose(d);
  char shape[128];
  std::snprintf(shape, sizeof shape, "%-16s", sh.c_str());
  char line[512];
  std::snprintf(line, sizeof line, "    %-40s %s %-24s %-8s ", name.c_str(), shape, units.c_str(), kind.c_str());
  return line + ln + "\n";
}

}  // namespace

std::string describe_result(const std::string& path) {
  const ResultFile f(path);
  const hid_t root = f.id();
  auto attr = [&](const char* name) { return attribute_text(f, root, name, "root"); };
  if (attr("govsim_version").empty()) f.fail("an HDF5 file, but not a govsim result (no govsim_version attribute)");
  std::ostringstream o;
  o << path << "\n";
  o << "  title        " << attr("title") << "\n";
  o << "  scenario     " << attr("scenario_file") << "\n";
  o << "  region       " << attr("region") << "\n";
  o << "  period       " << attr("period_start") << " to " << attr("period_end") << "\n";
  o << "  seed         " << attr("seed") << ", replicates " << attr("replicates") << ", threads " << attr("threads")
    << "\n";
  o << "  residents    " << attr("residents_at_start") << " at start\n";
  o << "  govsim       " << attr("govsim_version") << " (" << attr("git_commit") << ", " << attr("build_type") << ")\n";
  o << "  run          " << attr("started") << " to " << attr("finished") << "\n";
  o << "  datasets:\n";
  for (const auto& name : link_names(f, root)) o << describe_link(f, name);
  return o.str();
}

}  // namespace govsim
