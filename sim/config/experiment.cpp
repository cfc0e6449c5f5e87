#include "config/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "config/files.hpp"
#include "config/names.hpp"
#include "config/sobol.hpp"
#include "config/toml_errors.hpp"
#include "govsim/rng.hpp"

namespace govsim {
namespace fs = std::filesystem;

const char* design_name(Design d) {
  switch (d) {
    case Design::Factorial:
      return "factorial";
    case Design::Lhs:
      return "lhs";
    case Design::Saltelli:
      return "saltelli";
    case Design::File:
      return "file";
    default:
      return "morris";
  }
}

double Factor::value(double u, bool integer) const {
  u = std::clamp(u, 0.0, 1.0);
  if (kind == Kind::Levels) {
    const size_t n = levels.size();
    return levels[std::min(n - 1, static_cast<size_t>(u * static_cast<double>(n)))];
  }
  const double v = low + u * (high - low);
  return kind == Kind::Range && integer ? std::round(v) : v;
}

namespace {

[[noreturn]] void fail(const std::string& file, const toml::node& n, const std::string& msg) {
  throw ExperimentError(toml_message(file, n, msg));
}

double number(const std::string& file, const toml::node& n, const std::string& what) {
  if (auto v = n.as_integer()) return static_cast<double>(v->get());
  if (auto v = n.as_floating_point()) return v->get();
  if (auto v = n.as_boolean()) return v->get() ? 1.0 : 0.0;
  fail(file, n, what + ": expected a number");
}

int64_t whole(const std::string& file, const toml::node& n, const std::string& what, int64_t lo, int64_t hi) {
  if (!n.is_integer())
    fail(file, n, what + ": expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  const int64_t v = n.as_integer()->get();
  if (v < lo || v > hi)
    fail(file, n,
         what + ": " + std::to_string(v) + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

std::string text(const std::string& file, const toml::node& n, const std::string& what) {
  if (!n.is_string()) fail(file, n, what + ": expected a string");
  return n.as_string()->get();
}

void check_in_range(const std::string& file, const toml::node& n, const ParamDecl& d, double v,
                    const std::string& what) {
  if (auto err = check_value(d, v)) fail(file, n, what + ": " + *err);
}

// Fisher-Yates with counter-based draws.
std::vector<uint32_t> permutation(uint32_t n, RngStream& g) {
  std::vector<uint32_t> p(n);
  for (uint32_t i = 0; i < n; ++i) p[i] = i;
  for (uint32_t i = n; i > 1; --i) std::swap(p[i - 1], p[static_cast<uint32_t>(g.uniform() * i) % i]);
  return p;
}

// Adds a run at the unit-hypercube point `u`: its coordinates and the factor values there.
void push_point(Experiment& e, std::vector<double> u) {
  const auto& reg = ParamRegistry::instance();
  const size_t k = e.factors.size();
  std::vector<double> v(k);
  for (size_t j = 0; j < k; ++j) {
    const ParamDecl& d = reg.get(*reg.find(e.factors[j].parameter));
    v[j] = e.factors[j].value(u[j], d.type != ParamType::Real);
  }
  e.unit.push_back(std::move(u));
  e.values.push_back(std::move(v));
}

// Every combination of levels, the last factor varying fastest.
void factorial_design(Experiment& e, const std::string& file, const toml::node& where_design) {
  const size_t k = e.factors.size();
  size_t total = 1;
  for (const auto& f : e.factors) {
    total *= f.levels.size();
    if (total > 1000000) fail(file, where_design, "design factorial: more than 1,000,000 runs");
  }
  std::vector<size_t> idx(k, 0);
  for (size_t r = 0; r < total; ++r) {
    std::vector<double> u(k);
    for (size_t j = 0; j < k; ++j) u[j] = (idx[j] + 0.5) / static_cast<double>(e.factors[j].levels.size());
    push_point(e, std::move(u));
    for (size_t j = k; j-- > 0;) {  // the last factor varies fastest
      if (++idx[j] < e.factors[j].levels.size()) break;
      idx[j] = 0;
    }
  }
}

// A Latin hypercube of `samples` runs: one permutation of the strata per factor.
void lhs_design(Experiment& e) {
  const size_t k = e.factors.size();
  const uint32_t n = e.samples;
  std::vector<std::vector<double>> u(n, std::vector<double>(k));
  for (size_t j = 0; j < k; ++j) {
    RngStream g(e.seed, 0, stream_id("design.lhs"), 0, j);
    const auto perm = permutation(n, g);
    for (uint32_t i = 0; i < n; ++i) u[i][j] = (perm[i] + g.uniform()) / n;
  }
  for (auto& row : u) push_point(e, std::move(row));
}

// Saltelli's scheme on Sobol points: A, B and each AB_j, N runs each.
void saltelli_design(Experiment& e) {
  const size_t k = e.factors.size();
  const uint32_t n = e.samples;
  Sobol sob(static_cast<int>(2 * k));
  // Skip the first P points, P the power of two >= N: points P..P+N-1 avoid the
  // all-zero point and, when N is a power of two, form a net (each factor
  // stratified into N intervals).
  uint32_t skip = 1;
  while (skip < n) skip <<= 1;
  for (uint32_t i = 0; i < skip; ++i) sob.next();
  std::vector<std::vector<double>> a(n), b(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto x = sob.next();
    a[i].assign(x.begin(), x.begin() + static_cast<long>(k));
    b[i].assign(x.begin() + static_cast<long>(k), x.end());
  }
  for (int block = 0; block < static_cast<int>(k) + 2; ++block)
    for (uint32_t i = 0; i < n; ++i) {
      std::vector<double> u = block == 1 ? b[i] : a[i];
      if (block >= 2) u[block - 2] = b[i][block - 2];
      push_point(e, std::move(u));
      e.saltelli_block.push_back(block);
      e.saltelli_sample.push_back(static_cast<int32_t>(i));
    }
}

// Morris trajectories on a p-level grid: each moves one factor at a time by delta.
void morris_design(Experiment& e) {
  const size_t k = e.factors.size();
  const int p = e.morris_levels;
  const double delta = p / (2.0 * (p - 1));
  e.morris_delta = delta;
  const int low_levels = p / 2;  // grid points g/(p-1) with g/(p-1) + delta <= 1
  for (uint32_t t = 0; t < e.samples; ++t) {
    RngStream g(e.seed, 0, stream_id("design.morris"), 0, t);
    std::vector<double> x(k);
    std::vector<int> dir(k);
    for (size_t j = 0; j < k; ++j) {
      dir[j] = g.uniform() < 0.5 ? 1 : -1;
      const int level = static_cast<int>(g.uniform() * low_levels) % low_levels;
      x[j] = level / static_cast<double>(p - 1) + (dir[j] < 0 ? delta : 0.0);
    }
    const auto order = permutation(static_cast<uint32_t>(k), g);
    push_point(e, x);
    e.morris_trajectory.push_back(static_cast<int32_t>(t));
    e.morris_step.push_back(0);
    e.morris_factor.push_back(-1);
    for (size_t s = 0; s < k; ++s) {
      const uint32_t j = order[s];
      x[j] += dir[j] * delta;
      x[j] = std::round(x[j] * (p - 1)) / (p - 1);  // stay exactly on the grid
      push_point(e, x);
      e.morris_trajectory.push_back(static_cast<int32_t>(t));
      e.morris_step.push_back(static_cast<int32_t>(s + 1));
      e.morris_factor.push_back(static_cast<int32_t>(j));
    }
  }
}

void build_design(Experiment& e, const std::string& file, const toml::node& where_design) {
  switch (e.design) {
    case Design::Factorial:
      factorial_design(e, file, where_design);
      break;
    case Design::Lhs:
      lhs_design(e);
      break;
    case Design::Saltelli:
      saltelli_design(e);
      break;
    case Design::Morris:
      morris_design(e);
      break;
    case Design::File:
      read_design_file(e);
      break;
  }
}

const std::set<std::string> kExperimentKeys = {"title",   "description", "scenario", "design", "design_file",
                                               "samples", "replicates",  "seed",     "end",    "morris_levels"};
const std::set<std::string> kFactorKeys = {"parameter", "range", "levels", "scale", "from"};

}  // namespace

Scenario Experiment::scenario_of(size_t run) const {
  Scenario s = base;
  s.seed = seed;
  s.replicates = replicates;
  const auto& reg = ParamRegistry::instance();
  for (size_t j = 0; j < factors.size(); ++j) {
    const Factor& f = factors[j];
    const ParamId id = *reg.find(f.parameter);
    const ParamDecl& d = reg.get(id);
    const double v = values[run][j];
    Schedule sch = base.values.schedule(id);
    if (f.kind == Factor::Kind::Scale) {
      auto scaled = [&](double x) { return d.type == ParamType::Real ? x * v : std::round(x * v); };
      sch.base = scaled(sch.base);
      for (auto& pt : sch.points) pt.second = scaled(pt.second);
    } else if (!f.from) {
      sch = Schedule{};
      sch.base = v;
    } else {
      std::vector<std::pair<Month, double>> kept;
      for (const auto& pt : sch.points)
        if (pt.first < *f.from) kept.push_back(pt);
      kept.emplace_back(*f.from, v);
      sch.points = std::move(kept);
    }
    s.values.set(id, std::move(sch));
  }
  return s;
}

namespace {

// What the [experiment] block said beyond the Experiment's own fields, and where (for later errors).
struct ExperimentMeta {
  const toml::node* design_node = nullptr;
  const toml::node* samples_node = nullptr;
  const toml::node* design_file_node = nullptr;
  bool samples_from_command_line = false;
  std::optional<Month> end;
  const toml::node* end_node = nullptr;
  std::optional<uint32_t> reps, seed;
};

toml::table parse_experiment_toml(const std::string& txt, const std::string& file) {
  toml::table root;
  if (auto err = parse_toml_checked(txt, file, root)) throw ExperimentError(err->located(file));
  for (const auto& [key, val] : root) {
    const std::string k(key.str());
    if (k != "experiment" && k != "factors")
      fail(file, val,
           "unknown block [" + k + "] (an experiment has [experiment] and [factors.NAME] blocks; did you mean [" +
               nearest_name(k, std::vector<std::string>{"experiment", "factors"}) + "]?)");
  }
  return root;
}

Design design_of(const std::string& file, const toml::node& val) {
  const std::string d = text(file, val, "experiment.design");
  if (d == "factorial") return Design::Factorial;
  if (d == "lhs") return Design::Lhs;
  if (d == "saltelli" || d == "sobol") return Design::Saltelli;
  if (d == "morris") return Design::Morris;
  if (d == "file") return Design::File;
  fail(file, val, "experiment.design: \"" + d + "\" is not one of factorial, lhs, saltelli, morris, file");
}

// One key of the [experiment] block; `scenario` loads the base scenario (relative to base_dir).
void read_experiment_key(Experiment& e, ExperimentMeta& m, const std::string& file, const std::string& base_dir,
                         const std::string& k, const toml::node& val) {
  if (!kExperimentKeys.count(k))
    fail(file, val,
         "unknown key experiment." + k + " (did you mean experiment." + nearest_name(k, kExperimentKeys) + "?)");
  if (k == "title")
    e.title = text(file, val, "experiment.title");
  else if (k == "description")
    e.description = text(file, val, "experiment.description");
  else if (k == "scenario") {
    const std::string p = text(file, val, "experiment.scenario");
    const fs::path path = fs::path(base_dir) / p;
    if (!fs::exists(path)) fail(file, val, "experiment.scenario: cannot read " + path.string());
    e.scenario_file = path.lexically_normal().string();
    e.base = load_scenario_file(path.string());
  } else if (k == "design") {
    m.design_node = &val;
    e.design = design_of(file, val);
  } else if (k == "design_file") {
    m.design_file_node = &val;
    e.design_file = (fs::path(base_dir) / text(file, val, "experiment.design_file")).lexically_normal().string();
  } else if (k == "samples") {
    m.samples_node = &val;
    e.samples = static_cast<uint32_t>(whole(file, val, "experiment.samples", 1, 1000000));
  } else if (k == "replicates")
    m.reps = static_cast<uint32_t>(whole(file, val, "experiment.replicates", 1, 10000));
  else if (k == "seed")
    m.seed = static_cast<uint32_t>(whole(file, val, "experiment.seed", 0, 4294967295LL));
  else if (k == "morris_levels") {
    e.morris_levels = static_cast<int>(whole(file, val, "experiment.morris_levels", 2, 100));
    if (e.morris_levels % 2) fail(file, val, "experiment.morris_levels: must be even (2, 4, 6, ...)");
  } else if (k == "end") {
    m.end_node = &val;
    const std::string str = text(file, val, "experiment.end");
    m.end = Month::parse(str);
    if (!m.end) fail(file, val, "experiment.end: \"" + str + "\" is not a date; use \"YYYY-MM\"");
  }
}

// --end, --samples, --replicates over the [experiment] block's values.
void apply_overrides(Experiment& e, ExperimentMeta& m, const ExperimentOverrides& ov) {
  if (ov.end) {
    if (*ov.end < e.base.start)
      throw ExperimentError("--end " + ov.end->str() + ": before the scenario starts (" + e.base.start.str() + ")");
    m.end = ov.end;
  }
  if (ov.replicates) m.reps = ov.replicates;
  if (ov.samples) {
    if (e.design == Design::Factorial || e.design == Design::File)
      throw ExperimentError(std::string("--samples: a ") + design_name(e.design) + " design has no samples (" +
                            (e.design == Design::File ? "its runs are the rows of " + e.design_file
                                                      : std::string("it runs every combination of levels")) +
                            "); allowed only with lhs, saltelli or morris");
    e.samples = *ov.samples;
    m.samples_from_command_line = true;
  }
  e.overrides = ov.str();
}

// design = "file" needs design_file and no samples; design_file goes with no other design.
void check_design_file_keys(const Experiment& e, const std::string& file, const ExperimentMeta& m) {
  if (e.design == Design::File && !m.design_file_node)
    fail(file, *m.design_node, "experiment.design_file: missing (design = \"file\" reads the runs from a CSV file)");
  if (e.design != Design::File && m.design_file_node)
    fail(file, *m.design_file_node, "experiment.design_file: only with design = \"file\"");
  if (e.design == Design::File && m.samples_node)
    fail(file, *m.samples_node,
         "experiment.samples: the runs of design = \"file\" are the rows of its file; remove samples");
}

// The [experiment] block: every key, then what must be there and what goes together.
ExperimentMeta read_experiment_block(Experiment& e, const std::string& file, const std::string& base_dir,
                                     const toml::table& meta, const ExperimentOverrides& ov) {
  ExperimentMeta m;
  for (const auto& [key, val] : meta) read_experiment_key(e, m, file, base_dir, std::string(key.str()), val);
  if (e.scenario_file.empty()) fail(file, meta, "experiment.scenario: missing (the base scenario file)");
  if (!m.design_node) fail(file, meta, "experiment.design: missing (factorial, lhs, saltelli, morris or file)");
  apply_overrides(e, m, ov);
  check_design_file_keys(e, file, m);
  if (m.end) {
    if (*m.end < e.base.start)
      fail(file, *m.end_node,
           "experiment.end: " + m.end->str() + " is before the scenario starts (" + e.base.start.str() + ")");
    e.base.end = *m.end;
  }
  e.replicates = m.reps ? *m.reps : e.base.replicates;
  e.seed = m.seed ? *m.seed : e.base.seed;
  if (e.design == Design::Factorial && m.samples_node)
    fail(file, *m.samples_node,
         "experiment.samples: a factorial design runs every combination of levels; remove samples");
  if (e.design != Design::Factorial && e.design != Design::File && !m.samples_node && !m.samples_from_command_line)
    fail(file, *m.design_node,
         std::string("experiment.samples: missing (") +
             (e.design == Design::Lhs        ? "the number of runs"
              : e.design == Design::Saltelli ? "the base sample size N: N(k+2) runs"
                                             : "the number of trajectories r: r(k+1) runs") +
             ")");
  return m;
}

// The [factors.NAME] tables in the order they are written (toml++ keeps them sorted by name).
std::vector<std::pair<const toml::key*, const toml::node*>> factors_in_order(const toml::table& ft) {
  std::vector<std::pair<const toml::key*, const toml::node*>> ordered;
  for (const auto& [key, val] : ft) ordered.emplace_back(&key, &val);
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    const auto &pa = a.first->source().begin, &pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return ordered;
}

// A factor's place in messages ("factors.NAME"), its table, and its parameter's declaration.
struct FactorSource {
  const std::string& file;
  const std::string& where;
  const toml::table& table;
  const ParamDecl& decl;
};

// [low, high] of `range` or `scale`, low below high.
std::tuple<double, double, const toml::node*> pair_of(const FactorSource& src, const char* kk) {
  const toml::node* n = src.table.get(kk);
  const toml::array* a = n->as_array();
  if (!a || a->size() != 2) fail(src.file, *n, src.where + "." + kk + ": expected [low, high]");
  const double lo = number(src.file, *a->get(0), src.where + "." + kk),
               hi = number(src.file, *a->get(1), src.where + "." + kk);
  if (!(lo < hi)) fail(src.file, *n, src.where + "." + kk + ": low must be below high");
  return std::make_tuple(lo, hi, n);
}

void read_range(Factor& f, const FactorSource& src) {
  f.kind = Factor::Kind::Range;
  auto [lo, hi, n] = pair_of(src, "range");
  if (src.decl.type == ParamType::Boolean)
    fail(src.file, *n, src.where + ".range: " + f.parameter + " is true/false; use levels = [false, true]");
  check_in_range(src.file, *n, src.decl, lo, src.where + ".range low (" + f.parameter + ")");
  check_in_range(src.file, *n, src.decl, hi, src.where + ".range high (" + f.parameter + ")");
  f.low = lo, f.high = hi;
}

void read_levels(Factor& f, const FactorSource& src) {
  f.kind = Factor::Kind::Levels;
  const toml::node* n = src.table.get("levels");
  const toml::array* a = n->as_array();
  if (!a || a->empty()) fail(src.file, *n, src.where + ".levels: expected a non-empty list of values");
  for (const auto& x : *a) {
    const double v = number(src.file, x, src.where + ".levels");
    check_in_range(src.file, x, src.decl, v, src.where + ".levels (" + f.parameter + ")");
    f.levels.push_back(v);
  }
  f.low = *std::min_element(f.levels.begin(), f.levels.end());
  f.high = *std::max_element(f.levels.begin(), f.levels.end());
}

// scale: every value of the base schedule times low and times high must stay in range.
void read_scale(Factor& f, const FactorSource& src, const Schedule& base) {
  const ParamDecl& d = src.decl;
  f.kind = Factor::Kind::Scale;
  auto [lo, hi, n] = pair_of(src, "scale");
  if (lo < 0) fail(src.file, *n, src.where + ".scale: multipliers must be >= 0");
  if (d.type == ParamType::Boolean) fail(src.file, *n, src.where + ".scale: " + f.parameter + " is true/false");
  std::vector<double> vals{base.base};
  for (const auto& pt : base.points) vals.push_back(pt.second);
  for (double v : vals)
    for (double m : {lo, hi}) {
      const double x = d.type == ParamType::Real ? v * m : std::round(v * m);
      if (auto err = check_value(d, x))
        fail(src.file, *n,
             src.where + ".scale: " + format_value(v) + " x " + format_value(m) + " for " + f.parameter + ": " + *err);
    }
  f.low = lo, f.high = hi;
}

// from = "YYYY-MM": inside the period, and only over a stepwise base schedule.
void read_from(Factor& f, const FactorSource& src, const toml::node& fr, const Scenario& base) {
  if (f.kind == Factor::Kind::Scale) fail(src.file, fr, src.where + ".from: a scale applies to the whole schedule");
  const std::string str = text(src.file, fr, src.where + ".from");
  auto m = Month::parse(str);
  if (!m) fail(src.file, fr, src.where + ".from: \"" + str + "\" is not a date; use \"YYYY-MM\"");
  if (*m < base.start || base.end < *m)
    fail(src.file, fr,
         src.where + ".from: " + m->str() + " is outside the period " + base.start.str() + " to " + base.end.str());
  if (base.values.schedule(*ParamRegistry::instance().find(f.parameter)).linear)
    fail(src.file, fr,
         src.where + ".from: the base schedule of " + f.parameter + " is linear; from needs a stepwise one");
  f.from = *m;
}

// One [factors.NAME] table; `used`: the parameters of the factors before it.
Factor read_factor(const Experiment& e, const std::string& file, const toml::key& key, const toml::node& node,
                   std::set<std::string>& used) {
  const auto& reg = ParamRegistry::instance();
  Factor f;
  f.name = std::string(key.str());
  const std::string where = "factors." + f.name;
  const toml::table* t = node.as_table();
  if (!t) fail(file, node, where + ": expected a table with parameter and range, levels or scale");
  const toml::node* pnode = t->get("parameter");
  if (!pnode) fail(file, node, where + ".parameter: missing");
  for (const auto& [k2, v2] : *t)
    if (!kFactorKeys.count(std::string(k2.str())))
      fail(file, v2,
           "unknown key " + where + "." + std::string(k2.str()) + " (did you mean " + where + "." +
               nearest_name(std::string(k2.str()), kFactorKeys) + "?)");
  f.parameter = text(file, *pnode, where + ".parameter");
  auto id = reg.find(f.parameter);
  if (!id)
    fail(file, *pnode,
         where + ".parameter: unknown parameter " + f.parameter + " (did you mean " + reg.nearest(f.parameter) + "?)");
  if (!used.insert(f.parameter).second)
    fail(file, *pnode, where + ".parameter: " + f.parameter + " is already a factor");
  const FactorSource src{file, where, *t, reg.get(*id)};
  int kinds = 0;
  for (const char* kk : {"range", "levels", "scale"}) kinds += t->contains(kk);
  if (kinds != 1)
    fail(file, node, where + ": give exactly one of range = [low, high], levels = [...], scale = [low, high]");
  if (t->contains("range"))
    read_range(f, src);
  else if (t->contains("levels"))
    read_levels(f, src);
  else
    read_scale(f, src, e.base.values.schedule(*id));
  if (const toml::node* fr = t->get("from")) read_from(f, src, *fr, e.base);
  if (e.design == Design::Factorial && f.kind != Factor::Kind::Levels)
    fail(file, node, where + ": a factorial design needs levels = [...] for every factor");
  return f;
}

// Limits that depend on the number of factors: Sobol dimensions, samples, total runs.
void check_design_size(const Experiment& e, const std::string& file, const ExperimentMeta& m) {
  const size_t k = e.factors.size();
  if (e.design == Design::Saltelli && k > 10)
    fail(file, *m.design_node, "experiment.design saltelli: at most 10 factors (Sobol points in 2k <= 21 dimensions)");
  if ((e.design == Design::Saltelli || e.design == Design::Morris) && e.samples < 2) {
    const std::string msg = "at least 2 for " + std::string(design_name(e.design));
    if (m.samples_from_command_line) throw ExperimentError("--samples " + std::to_string(e.samples) + ": " + msg);
    fail(file, *m.samples_node, "experiment.samples: " + msg);
  }
  const double runs = e.design == Design::Saltelli ? double(e.samples) * (k + 2)
                      : e.design == Design::Morris ? double(e.samples) * (k + 1)
                                                   : double(e.samples);
  if (runs > 1000000) fail(file, *m.design_node, "experiment: more than 1,000,000 runs");
}

}  // namespace

std::string ExperimentOverrides::str() const {
  std::string o;
  if (end) o += "--end " + end->str();
  if (samples) o += (o.empty() ? "" : " ") + std::string("--samples ") + std::to_string(*samples);
  if (replicates) o += (o.empty() ? "" : " ") + std::string("--replicates ") + std::to_string(*replicates);
  return o;
}

Experiment load_experiment_text(const std::string& txt, const std::string& file, const std::string& base_dir,
                                const ExperimentOverrides& ov) {
  Experiment e;
  e.file = file;
  e.text = txt;
  const toml::table root = parse_experiment_toml(txt, file);
  const toml::table* meta = root["experiment"].as_table();
  if (!meta)
    throw ExperimentError(file + ": missing the [experiment] block (scenario, design, samples, replicates, seed)");
  const ExperimentMeta m = read_experiment_block(e, file, base_dir, *meta, ov);
  // factors, in the order they are written
  const toml::table* ft = root["factors"].as_table();
  if (!ft || ft->empty()) throw ExperimentError(file + ": no factors (add a [factors.NAME] block with a parameter)");
  std::set<std::string> used;
  for (const auto& [key, node] : factors_in_order(*ft)) e.factors.push_back(read_factor(e, file, *key, *node, used));
  check_design_size(e, file, m);
  build_design(e, file, *m.design_node);
  return e;
}

Experiment load_experiment_file(const std::string& path, const ExperimentOverrides& ov) {
  const FileText text = read_input_file(path);
  if (!text.text) throw ExperimentError(path + ": cannot read the experiment file: it " + text.why);
  return load_experiment_text(*text.text, path, fs::path(path).parent_path().string(), ov);
}

}  // namespace govsim
