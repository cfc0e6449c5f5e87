#include "batch/batch.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>
#include <thread>

#include "config/files.hpp"
#include "core/engine.hpp"
#include "output/atomic.hpp"
#include "batch/journal.hpp"
#include "output/h5util.hpp"
#include "output/h5write.hpp"
#include "output/output.hpp"

namespace govsim {
namespace fs = std::filesystem;
using namespace h5;
using journal::Entry;

namespace {

uint64_t fnv(uint64_t h, const std::string& s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return (h ^ 0xFF) * 1099511628211ULL;  // a separator, so ("ab","c") != ("a","bc")
}

std::string hex(uint64_t h) {
  char b[17];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h));
  return b;
}

std::string duration(double s) {
  char b[64];
  if (s < 90)
    std::snprintf(b, sizeof b, "%.0f s", s);
  else if (s < 5400)
    std::snprintf(b, sizeof b, "%.0f min %02.0f s", std::floor(s / 60), std::fmod(s, 60));
  else
    std::snprintf(b, sizeof b, "%.0f h %02.0f min", std::floor(s / 3600), std::fmod(s / 60, 60));
  return b;
}

// ---------------------------------------------------------------- the HDF5 file
void write_slab(hid_t d, size_t run, const std::vector<hsize_t>& dims, const double* data) {
  const int rank = static_cast<int>(dims.size());
  hid_t fsp = H5Dget_space(d);
  std::vector<hsize_t> start(rank, 0), count(dims);
  start[0] = run;
  count[0] = 1;
  H5Sselect_hyperslab(fsp, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
  hid_t msp = H5Screate_simple(rank, count.data(), nullptr);
  check(H5Dwrite(d, H5T_NATIVE_DOUBLE, msp, fsp, H5P_DEFAULT, data), "write run slab");
  H5Sclose(msp);
  H5Sclose(fsp);
}

hid_t write_2d_double(hid_t file, const std::string& name, size_t rows, size_t cols,
                      const std::vector<std::vector<double>>& v) {
  std::vector<double> flat;
  for (const auto& r : v) flat.insert(flat.end(), r.begin(), r.end());
  return write_plain_double(file, name, {rows, cols}, flat);
}

// The name of the (run) coordinate holding a factor's values: its parameter, or
// PARAMETER_scale for a scale factor (whose values are multipliers of the base schedule).
std::string factor_coord_name(const Factor& f) {
  return f.kind == Factor::Kind::Scale ? f.parameter + "_scale" : f.parameter;
}

// The `coordinates` attribute of a batch indicator: month labels, each factor's run coordinate, and `extra`.
std::string batch_coordinates(const Experiment& e, const std::string& extra) {
  std::string c = "month_label";
  for (const auto& f : e.factors) c.append(" ").append(factor_coord_name(f));  // (no -Wrestrict false positive)
  return extra.empty() ? c : c + " " + extra;
}

// What assemble() needs to know besides the experiment: how the batch was made.
struct AssemblyInfo {
  uint64_t key = 0;
  std::string started;
  size_t reused = 0;
  int threads = 0;
};

// The root attributes of a batch file (run 0 of the journal gives residents_at_start).
void write_batch_attrs(hid_t root, const Experiment& e, const BatchOptions& opt, const AssemblyInfo& info,
                       const Entry& first) {
  write_build_attrs(root, e.title.empty() ? "govsim batch" : e.title, opt.command_line);
  attr_string(root, "kind", "batch");
  attr_string(root, "experiment_file", e.file);
  attr_string(root, "experiment_text", e.text);
  attr_string(root, "experiment_description", e.description);
  attr_string(root, "scenario_file", e.scenario_file);
  attr_string(root, "scenario_text", e.base.text);
  attr_string(root, "region", e.base.region);
  attr_string(root, "period_start", e.base.start.str());
  attr_string(root, "period_end", e.base.end.str());
  attr_string(root, "design", design_name(e.design));
  attr_string(root, "overrides", e.overrides);  // govsim batch --end/--samples/--replicates over the file
  if (e.design == Design::File) {
    attr_string(root, "design_file", e.design_file);
    attr_string(root, "design_file_text", read_file(e.design_file).value_or(""));
  }
  attr_number<uint32_t>(root, "samples", e.samples, H5T_NATIVE_UINT32);
  attr_number<uint32_t>(root, "runs", static_cast<uint32_t>(e.runs()), H5T_NATIVE_UINT32);
  attr_number<uint32_t>(root, "seed", e.seed, H5T_NATIVE_UINT32);
  attr_number<uint32_t>(root, "replicates", e.replicates, H5T_NATIVE_UINT32);
  attr_number<int32_t>(root, "spinup_months", e.base.spinup_months, H5T_NATIVE_INT32);
  attr_number<uint64_t>(root, "residents_at_start", first.residents, H5T_NATIVE_UINT64);
  if (e.design == Design::Morris) {
    attr_number<int32_t>(root, "morris_levels", e.morris_levels, H5T_NATIVE_INT32);
    attr_number<double>(root, "morris_delta", e.morris_delta, H5T_NATIVE_DOUBLE);
  }
  attr_string(root, "journal_key", hex(info.key));
  // how this file was made (not part of its results: differs between ranks, threads and attempts)
  attr_number<int32_t>(root, "ranks", opt.ranks, H5T_NATIVE_INT32);
  attr_number<int32_t>(root, "threads", info.threads, H5T_NATIVE_INT32);
  attr_number<uint32_t>(root, "resumed_runs", static_cast<uint32_t>(info.reused), H5T_NATIVE_UINT32);
  attr_string(root, "started", info.started);
  attr_string(root, "finished", utc_now_iso());
  attr_string(root, "Conventions", "CF-1.8");
  attr_string(root, "scenario_documents", [&] {
    std::string d;
    for (const auto& x : e.base.documents) d += (d.empty() ? "" : "; ") + x;
    return d;
  }());
  write_annexes(root, e.base.documents);
}

// The factor coordinates: name, parameter, unit, kind, from, low and high of each factor.
void write_factor_coords(hid_t root, const Experiment& e, hid_t d_factor) {
  const auto& reg = ParamRegistry::instance();
  std::vector<std::string> fname, fparam, funit, fkind, ffrom;
  std::vector<double> flow, fhigh;
  for (const auto& fa : e.factors) {
    fname.push_back(fa.name);
    fparam.push_back(fa.parameter);
    funit.push_back(fa.kind == Factor::Kind::Scale ? "multiplier of the base schedule"
                                                   : reg.get(*reg.find(fa.parameter)).unit);
    fkind.push_back(fa.kind_str());
    ffrom.push_back(fa.from ? fa.from->str() : "");
    flow.push_back(fa.low);
    fhigh.push_back(fa.high);
  }
  write_coord(root, "factor_name", fname, d_factor, "factor name");
  write_coord(root, "factor_parameter", fparam, d_factor, "the parameter the factor sets");
  write_coord(root, "factor_unit", funit, d_factor, "unit of the factor's values");
  write_coord(root, "factor_kind", fkind, d_factor, "range, levels or scale");
  write_coord(root, "factor_from", ffrom, d_factor, "month from which the value applies (empty: the whole run)");
  for (auto [name, v] : {std::pair{"factor_low", &flow}, std::pair{"factor_high", &fhigh}}) {
    hid_t dd = write_1d_double(root, name, *v);
    attr_string(dd, "long_name",
                std::string(name) == "factor_low" ? "lowest value (range, scale) or level"
                                                  : "highest value (range, scale) or level");
    check(H5DSattach_scale(dd, d_factor, 0), "attach factor");
    H5Dclose(dd);
  }
}

// Each factor's values as a coordinate on `run`, so that runs can be selected by value
// (ds.sel(run=ds.run[ds["grid.households_per_worker"] == 300])).
void write_factor_run_coords(hid_t root, const Experiment& e, hid_t d_run) {
  const auto& reg = ParamRegistry::instance();
  for (size_t j = 0; j < e.factors.size(); ++j) {
    const Factor& f = e.factors[j];
    std::vector<double> v;
    for (const auto& row : e.values) v.push_back(row[j]);
    hid_t d = write_1d_double(root, factor_coord_name(f), v);
    const bool scale = f.kind == Factor::Kind::Scale;
    const std::string label = scale ? "multiplier" : reg.get(*reg.find(f.parameter)).unit;
    attr_string(
        d, "long_name",
        "factor " + f.name + ": " + (scale ? "multiplier of the base schedule of " : "value of ") + f.parameter);
    attr_string(d, "units_label", label);
    if (auto u = udunits_of(label)) attr_string(d, "units", *u);
    check(H5DSattach_scale(d, d_run, 0), "attach run");
    H5Dclose(d);
  }
}

// The design matrices (values and unit-hypercube coordinates) and the Saltelli or Morris bookkeeping.
void write_design(hid_t root, const Experiment& e, hid_t d_run, hid_t d_factor) {
  const size_t NR = e.runs(), K = e.factors.size();
  for (auto [name, v, ln] : {std::tuple{"design", &e.values, "factor values of each run (the design matrix)"},
                             std::tuple{"design_unit", &e.unit, "coordinates of each run in the unit hypercube"}}) {
    hid_t d = write_2d_double(root, name, NR, K, *v);
    attr_string(d, "long_name", ln);
    check(H5DSattach_scale(d, d_run, 0), "attach run");
    check(H5DSattach_scale(d, d_factor, 1), "attach factor");
    H5Dclose(d);
  }
  auto run_ints = [&](const char* name, const std::vector<int32_t>& v, const char* ln) {
    hid_t d = write_1d_int(root, name, v);
    attr_string(d, "long_name", ln);
    check(H5DSattach_scale(d, d_run, 0), "attach run");
    H5Dclose(d);
  };
  if (e.design == Design::Saltelli) {
    run_ints("saltelli_block", e.saltelli_block, "0 = matrix A, 1 = matrix B, 2 + j = A with column j from B");
    run_ints("saltelli_sample", e.saltelli_sample, "row of A and B the run comes from");
  }
  if (e.design == Design::Morris) {
    run_ints("morris_trajectory", e.morris_trajectory, "trajectory");
    run_ints("morris_step", e.morris_step, "step within the trajectory (0 = its base point)");
    run_ints("morris_factor", e.morris_factor, "factor moved by delta to reach this point (-1 at step 0)");
  }
}

// The dimension scales of a batch file; unit and county only when the runs have them (else -1).
struct BatchScales {
  hid_t run = -1, replicate = -1, month = -1, factor = -1, unit = -1, county = -1;
  void close() const {
    for (hid_t d : {run, replicate, month, factor}) H5Dclose(d);
    if (unit >= 0) H5Dclose(unit);
    if (county >= 0) H5Dclose(county);
  }
};

// The run, replicate, month and factor scales with the factor coordinates and the design.
BatchScales write_batch_scales(hid_t root, const Experiment& e, const Entry& first) {
  BatchScales sc;
  std::vector<Month> months;
  for (hsize_t m = 0; m < first.months; ++m) months.push_back(e.base.start + static_cast<int>(m));
  sc.run = write_index_scale(root, "run", e.runs(), "run of the design (one row of the design matrix)");
  sc.replicate = write_index_scale(root, "replicate", first.reps,
                                   "replicate (the same draws in every run: common random numbers)");
  sc.month = write_month_scale(root, months);
  sc.factor = write_index_scale(root, "factor", e.factors.size(), "factor of the experiment");
  write_factor_coords(root, e, sc.factor);
  write_factor_run_coords(root, e, sc.run);
  write_design(root, e, sc.run, sc.factor);
  if (first.units)
    sc.unit = write_unit_scale(root, first.unit_id, first.unit_name, first.unit_kind, first.unit_township);
  if (first.counties) sc.county = write_county_scale(root, first.county_name);
  return sc;
}

// One dataset per indicator and level: (run, replicate, month), and (..., unit) and (..., county) where present.
struct IndicatorDatasets {
  std::vector<hid_t> region, unit, county;  // -1: no such dataset
  void close() const {
    for (size_t i = 0; i < region.size(); ++i) {
      H5Dclose(region[i]);
      if (unit[i] >= 0) H5Dclose(unit[i]);
      if (county[i] >= 0) H5Dclose(county[i]);
    }
  }
};

IndicatorDatasets create_indicator_datasets(hid_t root, const Experiment& e, const BatchScales& sc,
                                            const Entry& first) {
  const hsize_t NR = e.runs();
  const auto& inds = IndicatorRegistry::instance().all();
  const size_t NI = inds.size();
  const hsize_t R = first.reps, M = first.months, U = first.units, C = first.counties;
  IndicatorDatasets ds{std::vector<hid_t>(NI), std::vector<hid_t>(NI, -1), std::vector<hid_t>(NI, -1)};
  for (size_t i = 0; i < NI; ++i) {
    const auto& ind = inds[i];
    ds.region[i] = create_chunked(root, ind.name, {NR, R, M});
    indicator_attrs(ds.region[i], ind, "region", batch_coordinates(e, ""));
    attach_scales(ds.region[i], {sc.run, sc.replicate, sc.month});
    if (U && ind.per_unit) {
      ds.unit[i] = create_chunked(root, ind.name + "_by_unit", {NR, R, M, U});
      indicator_attrs(ds.unit[i], ind, "village/community", batch_coordinates(e, "unit_name unit_kind unit_township"));
      attach_scales(ds.unit[i], {sc.run, sc.replicate, sc.month, sc.unit});
    }
    if (C) {
      ds.county[i] = create_chunked(root, ind.name + "_by_county", {NR, R, M, C});
      indicator_attrs(ds.county[i], ind, "county", batch_coordinates(e, "county_name"));
      attach_scales(ds.county[i], {sc.run, sc.replicate, sc.month, sc.county});
    }
  }
  return ds;
}

// What the batch implies about the journal entry of `run` (the units and counties once one entry is read).
journal::Expect expect_of(const Experiment& e, bool by_unit, uint64_t key, size_t run, const Entry* first = nullptr) {
  journal::Expect x;
  x.key = key;
  x.run = run;
  x.indicators = static_cast<uint32_t>(IndicatorRegistry::instance().all().size());
  x.replicates = e.replicates;
  x.months = static_cast<uint32_t>(e.base.months());
  x.by_unit = by_unit;
  if (first) x.units = first->units, x.counties = first->counties;
  return x;
}

// The entry of `run`, read for assembly; one damaged since the journal was checked is discarded
// (so that the next attempt computes it) and the assembly stops.
Entry entry_for_assembly(const Experiment& e, const BatchOptions& opt, const fs::path& journal, uint64_t key,
                         size_t run, const Entry* first) {
  Entry en;
  const fs::path p = journal::entry_path(journal, run);
  const std::string why = journal::read_entry(p, expect_of(e, opt.by_unit, key, run, first), en);
  if (why.empty()) return en;
  std::error_code ec;
  if (fs::exists(p, ec)) fs::remove_all(p, ec);
  throw std::runtime_error("run " + std::to_string(run) + " in " + journal.string() +
                           " was damaged after the journal was checked (" + why +
                           "): it is discarded; run the same command again to compute it");
}

// Fills the indicator datasets run by run from the journal.
void fill_from_journal(const IndicatorDatasets& ds, const Experiment& e, const BatchOptions& opt,
                       const fs::path& journal, uint64_t key, const Entry& first) {
  const size_t NI = ds.region.size(), NR = e.runs();
  const hsize_t R = first.reps, M = first.months, U = first.units, C = first.counties;
  for (size_t run = 0; run < NR; ++run) {
    if (run == NR / 2) crash_point("batch.write");  // test hook: killed in the middle of the HDF5 write
    const Entry rf = run == 0 ? Entry{} : entry_for_assembly(e, opt, journal, key, run, &first);
    const Entry& en = run == 0 ? first : rf;
    const size_t rm = R * M;
    for (size_t i = 0; i < NI; ++i) {
      write_slab(ds.region[i], run, {NR, R, M}, en.county.data() + i * rm);
      if (ds.unit[i] >= 0) write_slab(ds.unit[i], run, {NR, R, M, U}, en.unit.data() + i * rm * U);
      if (ds.county[i] >= 0) write_slab(ds.county[i], run, {NR, R, M, C}, en.by_county.data() + i * rm * C);
    }
  }
}

// The batch file, from the journal, in run order (atomically: opt.out appears only when complete).
void assemble(const Experiment& e, const BatchOptions& opt, const fs::path& journal, const AssemblyInfo& info) {
  const Entry first = entry_for_assembly(e, opt, journal, info.key, 0, nullptr);
  write_file_atomically(
      opt.out,
      [&](hid_t root) {
        write_batch_attrs(root, e, opt, info, first);
        const BatchScales sc = write_batch_scales(root, e, first);
        const IndicatorDatasets ds = create_indicator_datasets(root, e, sc, first);
        fill_from_journal(ds, e, opt, journal, info.key, first);
        ds.close();
        sc.close();
        check(H5Fflush(root, H5F_SCOPE_GLOBAL), "flush");
      },
      "batch");
}

}  // namespace

std::string batch_key(const Experiment& e, const BatchOptions& opt) {
  uint64_t h = 1469598103934665603ULL;
  h = fnv(h, e.text);
  h = fnv(h, e.base.text);
  h = fnv(h, e.base.region + "|" + e.base.start.str() + "|" + e.base.end.str() + "|" +
                 std::to_string(e.base.spinup_months));
  h = fnv(h, std::to_string(e.runs()) + "|" + std::to_string(e.replicates) + "|" + std::to_string(e.seed));
  h = fnv(h, opt.by_unit ? "by_unit" : "region");
  h = fnv(h, e.overrides);
  for (const auto& row : e.values)  // the design itself (a design file's rows are not in the experiment text)
    h = fnv(h, std::string(reinterpret_cast<const char*>(row.data()), row.size() * sizeof(double)));
  const BuildInfo& b = build_info();
  h = fnv(h, std::string(b.version) + "|" + b.git_commit + "|" + b.build_type);
  for (const auto& d : IndicatorRegistry::instance().all()) h = fnv(h, d.name);
  for (const auto& d : ParamRegistry::instance().all()) h = fnv(h, d.name + "=" + format_value(d.default_value));
  return hex(h);
}

namespace {

// Rank 0, holding the journal's lock: creates the journal, or checks that the one there holds runs
// of this batch; removes the leftovers of entries killed while being written.
void prepare_journal(const fs::path& journal, const std::string& key_hex, const Experiment& e) {
  const fs::path key_file = journal / "KEY";
  std::error_code ec;
  fs::create_directories(journal, ec);
  if (ec)
    throw std::runtime_error(cannot_write(journal, "cannot create the journal directory: " + error_text(ec.value())));
  if (fs::exists(key_file)) {
    std::ifstream in(key_file);
    std::string k;
    in >> k;
    if (k != key_hex)
      throw std::runtime_error(journal.string() + " holds runs of another experiment, scenario, option or build (key " +
                               k + ", this batch " + key_hex + "): remove it, or write to another --out");
  } else {
    write_atomically(key_file, key_file.string() + ".tmp", [&](const fs::path& tmp) {
      std::ofstream o(tmp);
      o << key_hex << "\n" << e.file << "\n";
      o.close();
      if (!o) throw std::runtime_error(cannot_write(key_file, errno ? errno : EIO));
    });
  }
  for (const auto& f : fs::directory_iterator(journal))  // leftovers of entries killed while being written
    if (f.path().filename().string().find(".tmp-") != std::string::npos) fs::remove(f.path(), ec);
}

// Rank 0, holding the lock: every entry in the journal is checked whole (sizes, header, checksum);
// a damaged one is discarded, with a line saying which run is computed again and why.
void discard_damaged_entries(const Experiment& e, const BatchOptions& opt, const fs::path& journal, uint64_t key) {
  std::optional<Entry> first;  // the units and counties of the first whole entry: the others must agree
  for (size_t run = 0; run < e.runs(); ++run) {
    const fs::path p = journal::entry_path(journal, run);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) continue;
    Entry en;
    const std::string why =
        journal::read_entry(p, expect_of(e, opt.by_unit, key, run, first ? &*first : nullptr), en, false);
    if (why.empty()) {
      if (!first) first = std::move(en);
      continue;
    }
    fs::remove_all(p, ec);
    if (ec)
      throw std::runtime_error("cannot discard the damaged journal entry " + p.string() + ": " +
                               error_text(ec.value()));
    std::fprintf(stderr, "govsim batch: run %zu is computed again: its journal entry %s is damaged (%s)\n", run,
                 p.c_str(), why.c_str());
  }
}

// The journal, entry by entry, then the directory (a batch killed in between resumes from what is left).
void remove_journal(const fs::path& journal) {
  crash_point("batch.journal.remove");  // test hook: the file whole, the journal not yet removed
  std::error_code ec;
  size_t removed = 0;
  for (size_t run = 0;; ++run) {
    const fs::path p = journal::entry_path(journal, run);
    if (!fs::remove(p, ec)) break;
    if (++removed == 2) crash_point("batch.journal.removing");  // test hook: killed while removing it
  }
  fs::remove_all(journal, ec);
}

// Every rank: the journal must be this batch's.
void check_journal_key(const fs::path& journal, const std::string& key_hex) {
  std::ifstream in(journal / "KEY");
  std::string k;
  in >> k;
  if (k != key_hex) throw std::runtime_error(journal.string() + ": journal key differs (another batch writes here?)");
}

// The runs without an entry in the journal (rank 0 has discarded the damaged ones).
std::vector<size_t> missing_runs(const Experiment& e, const fs::path& journal) {
  std::vector<size_t> missing;
  for (size_t run = 0; run < e.runs(); ++run) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(journal::entry_path(journal, run), ec))) missing.push_back(run);
  }
  return missing;
}

// Progress on stderr: a line redrawn in place on a terminal, else a line per tenth of the runs.
class Progress {
 public:
  Progress(const BatchOptions& opt, size_t runs, size_t reused, size_t mine, std::chrono::steady_clock::time_point t0)
      : opt_(opt),
        runs_(runs),
        reused_(reused),
        mine_(mine),
        t0_(t0),
        tty_(isatty(STDERR_FILENO)),
        who_(opt.ranks > 1 ? "rank " + std::to_string(opt.rank) + ": " : "") {
    report();
  }
  // One more of this process's runs is done (called from any thread).
  void finished_one() {
    std::lock_guard<std::mutex> lock(mu_);
    ++done_;
    report();
  }

 private:
  void report() {  // under mu_ (or from the constructor)
    if (opt_.quiet) return;
    const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    const size_t left = mine_ - done_;
    const double eta = done_ ? el / done_ * left : 0;
    std::string line = who_ + "batch: ";
    if (opt_.ranks > 1)
      line += std::to_string(done_) + "/" + std::to_string(mine_) + " of this rank's runs done";
    else
      line += std::to_string(reused_ + done_) + "/" + std::to_string(runs_) + " runs done";
    if (reused_ && opt_.ranks == 1) line += " (" + std::to_string(reused_) + " from an earlier attempt)";
    line += ", " + std::to_string(left) + " left";
    if (done_ && left) line += ", about " + duration(eta) + " to go";
    if (tty_) {
      std::fprintf(stderr, "\r%s   ", line.c_str());
      if (left == 0) std::fprintf(stderr, "\n");
    } else {
      const int decile = mine_ == 0 ? 10 : static_cast<int>(10 * done_ / mine_);
      if (decile != last_decile_) std::fprintf(stderr, "%s\n", line.c_str());
      last_decile_ = decile;
    }
  }

  const BatchOptions& opt_;
  const size_t runs_, reused_, mine_;
  const std::chrono::steady_clock::time_point t0_;
  const bool tty_;
  const std::string who_;
  std::mutex mu_;
  size_t done_ = 0;
  int last_decile_ = -1;
};

// This process's runs: `parallel` at a time, each nested in the same arena of `threads`,
// each written to the journal as soon as it is finished.
void compute_runs(const Experiment& e, const BatchOptions& opt, const std::vector<size_t>& mine,
                  const fs::path& journal, uint64_t key, int threads, int parallel, Progress& progress) {
  if (mine.empty()) return;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  tbb::task_arena arena(threads);
  std::atomic<size_t> next{0};
  arena.execute([&] {
    tbb::task_group tg;
    for (int w = 0; w < parallel; ++w)
      tg.run([&] {
        for (size_t j; (j = next.fetch_add(1)) < mine.size();) {
          const size_t run = mine[j];
          RunOptions ro;
          ro.threads = threads;
          ro.nested = true;
          ro.by_unit = opt.by_unit;
          const RunResult r = run_scenario(e.scenario_of(run), ro);
          journal::write_entry(journal, key, run, r, opt.by_unit);
          progress.finished_one();
        }
      });
    tg.wait();
  });
}

}  // namespace

BatchSummary run_batch(const Experiment& e, const BatchOptions& opt) {
  BatchSummary sum;
  sum.runs = e.runs();
  const auto t0 = std::chrono::steady_clock::now();
  const std::string key_hex = batch_key(e, opt);
  const uint64_t key = std::stoull(key_hex, nullptr, 16);
  const fs::path journal = opt.out + ".journal";
  const std::string started = utc_now_iso();

  // rank 0, holding the journal's lock, prepares it and discards damaged entries; then every rank
  // checks that it is this experiment's and lists the missing runs (all before any new entry is written)
  std::optional<journal::Lock> lock;
  if (opt.rank == 0) {
    create_parent_directories(opt.out);
    lock.emplace(journal);
    prepare_journal(journal, key_hex, e);
    discard_damaged_entries(e, opt, journal, key);
  }
  if (opt.barrier) opt.barrier();
  check_journal_key(journal, key_hex);
  const std::vector<size_t> missing = missing_runs(e, journal);
  if (opt.barrier) opt.barrier();
  sum.reused = e.runs() - missing.size();
  std::vector<size_t> mine;
  for (size_t j = 0; j < missing.size(); ++j)
    if (static_cast<int>(j % static_cast<size_t>(opt.ranks)) == opt.rank) mine.push_back(missing[j]);

  const int threads = opt.threads > 0 ? opt.threads : default_threads();
  const int parallel = std::max(1, std::min<int>(opt.parallel_runs > 0 ? opt.parallel_runs : threads,
                                                 static_cast<int>(std::max<size_t>(1, mine.size()))));
  Progress progress(opt, e.runs(), sum.reused, mine.size(), t0);
  compute_runs(e, opt, mine, journal, key, threads, parallel, progress);
  sum.computed = mine.size();
  if (opt.barrier) opt.barrier();
  if (opt.rank == 0) {
    assemble(e, opt, journal, AssemblyInfo{key, started, sum.reused, threads});
    remove_journal(journal);  // only once the file is whole, renamed and its directory fsynced
    sum.wrote = true;
  }
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace govsim
