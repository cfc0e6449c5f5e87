#include "calibrate/history.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <ostream>
#include <set>
#include <sstream>

#include "config/names.hpp"
#include "config/toml_errors.hpp"
#include "govsim/params.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/rng.hpp"

namespace govsim::calibrate {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& file, const toml::node& n, const std::string& msg) {
  throw ConfigError(toml_message(file, n, msg));
}
double number(const std::string& file, const toml::node& n, const std::string& what) {
  if (auto v = n.as_integer()) return static_cast<double>(v->get());
  if (auto v = n.as_floating_point()) return v->get();
  fail(file, n, what + ": expected a number");
}
uint32_t whole(const std::string& file, const toml::node& n, const std::string& what, int64_t lo, int64_t hi) {
  if (!n.is_integer() || n.as_integer()->get() < lo || n.as_integer()->get() > hi)
    fail(file, n, what + ": expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return static_cast<uint32_t>(n.as_integer()->get());
}
std::string text(const std::string& file, const toml::node& n, const std::string& what) {
  if (!n.is_string()) fail(file, n, what + ": expected a string");
  return n.as_string()->get();
}
Month month_of(const std::string& file, const toml::node& n, const std::string& what) {
  const auto m = Month::parse(text(file, n, what));
  if (!m) fail(file, n, what + ": expected a month \"YYYY-MM\"");
  return *m;
}
const toml::table& table_of(const std::string& file, const toml::node& n, const std::string& what) {
  if (!n.is_table()) fail(file, n, what + ": expected a table");
  return *n.as_table();
}

const std::set<std::string> kKeys = {
    "title",  "scenario",          "end", "waves", "runs_per_wave", "replicates", "candidates",
    "cutoff", "posterior_samples", "seed"};
const std::set<std::string> kParamKeys = {"parameter", "range"};
const std::set<std::string> kTargetKeys = {"indicator", "period", "value", "sd", "discrepancy", "source"};

void read_block(Config& c, const std::string& file, const std::string& base_dir, const toml::table& t) {
  // the base scenario first: calibration.end shortens it
  std::vector<std::pair<std::string, const toml::node*>> keys;
  for (const auto& [key, val] : t) keys.emplace_back(std::string(key.str()), &val);
  std::stable_partition(keys.begin(), keys.end(), [](const auto& kv) { return kv.first == "scenario"; });
  for (const auto& [k, node] : keys) {
    const toml::node& val = *node;
    if (!kKeys.count(k))
      fail(file, val, "unknown key calibration." + k + " (did you mean calibration." + nearest_name(k, kKeys) + "?)");
    const std::string what = "calibration." + k;
    if (k == "title") {
      c.title = text(file, val, what);
    } else if (k == "scenario") {
      const fs::path p = fs::path(base_dir) / text(file, val, what);
      if (!fs::exists(p)) fail(file, val, what + ": cannot read " + p.string());
      c.scenario_file = p.lexically_normal().string();
      c.base = load_scenario_file(p.string());
    } else if (k == "end") {
      c.base.end = month_of(file, val, what);
    } else if (k == "waves") {
      c.waves = whole(file, val, what, 1, 20);
    } else if (k == "runs_per_wave") {
      c.runs_per_wave = whole(file, val, what, 3, 100000);
    } else if (k == "replicates") {
      c.replicates = whole(file, val, what, 1, 1000);
    } else if (k == "candidates") {
      c.candidates = whole(file, val, what, 10, 10000000);
    } else if (k == "posterior_samples") {
      c.posterior_samples = whole(file, val, what, 1, 1000000);
    } else if (k == "seed") {
      c.seed = whole(file, val, what, 0, 4294967295LL);
    } else {
      c.cutoff = number(file, val, what);
      if (!(c.cutoff > 0 && c.cutoff <= 100)) fail(file, val, what + ": expected a number in (0, 100]");
    }
  }
}

FreeParameter read_parameter(const std::string& file, const std::string& name, const toml::node& node) {
  const std::string where = "parameters." + name;
  const toml::table& t = table_of(file, node, where);
  FreeParameter p;
  p.name = name;
  const toml::node* range = nullptr;
  for (const auto& [key, val] : t) {
    const std::string k(key.str());
    if (!kParamKeys.count(k))
      fail(file, val, "unknown key " + where + "." + k + " (did you mean " + nearest_name(k, kParamKeys) + "?)");
    if (k == "parameter")
      p.parameter = text(file, val, where + ".parameter");
    else
      range = &val;
  }
  if (p.parameter.empty()) fail(file, node, where + ": missing parameter = \"NAME\"");
  const auto id = ParamRegistry::instance().find(p.parameter);
  if (!id) fail(file, node, where + ".parameter: unknown parameter " + p.parameter + " (see govsim params)");
  const ParamDecl& d = ParamRegistry::instance().get(*id);
  if (!range || !range->is_array() || range->as_array()->size() != 2)
    fail(file, range ? *range : node, where + ".range: expected [low, high]");
  p.low = number(file, *range->as_array()->get(0), where + ".range");
  p.high = number(file, *range->as_array()->get(1), where + ".range");
  if (!(p.low < p.high)) fail(file, *range, where + ".range: low must be below high");
  for (double v : {p.low, p.high})
    if (auto err = check_value(d, v)) fail(file, *range, where + ".range: " + *err);
  return p;
}

Target read_target(const std::string& file, const std::string& name, const toml::node& node, const Scenario& base) {
  const std::string where = "targets." + name;
  const toml::table& t = table_of(file, node, where);
  Target g;
  g.name = name;
  bool has_value = false, has_period = false;
  for (const auto& [key, val] : t) {
    const std::string k(key.str());
    const std::string what = where + "." + k;
    if (!kTargetKeys.count(k))
      fail(file, val, "unknown key " + what + " (did you mean " + nearest_name(k, kTargetKeys) + "?)");
    if (k == "indicator") {
      g.indicator = text(file, val, what);
      if (!IndicatorRegistry::instance().find(g.indicator))
        fail(file, val, what + ": unknown indicator " + g.indicator + " (see docs/output.md)");
    } else if (k == "period") {
      if (!val.is_array() || val.as_array()->size() != 2)
        fail(file, val, what + ": expected [\"YYYY-MM\", \"YYYY-MM\"]");
      g.from = month_of(file, *val.as_array()->get(0), what);
      g.to = month_of(file, *val.as_array()->get(1), what);
      if (g.to < g.from) fail(file, val, what + ": the period ends before it starts");
      if (g.from < base.start || base.end < g.to)
        fail(file, val,
             what + ": outside the runs' months " + base.start.str() + " to " + base.end.str() +
                 " (calibration.end sets the last)");
      has_period = true;
    } else if (k == "value") {
      g.value = number(file, val, what), has_value = true;
    } else if (k == "sd" || k == "discrepancy") {
      const double v = number(file, val, what);
      if (!(v >= 0) || (k == "sd" && !(v > 0))) fail(file, val, what + ": expected a number above 0");
      (k == "sd" ? g.sd : g.discrepancy) = v;
    } else {
      g.source = text(file, val, what);
    }
  }
  if (g.indicator.empty() || !has_value || !has_period)
    fail(file, node, where + ": needs indicator, period and value (and sd)");
  return g;
}

// A Latin hypercube of n points in [0,1]^d.
std::vector<Eigen::VectorXd> latin_hypercube(uint32_t n, size_t d, uint32_t seed) {
  std::vector<Eigen::VectorXd> pts(n, Eigen::VectorXd(static_cast<Eigen::Index>(d)));
  for (size_t j = 0; j < d; ++j) {
    RngStream g(seed, 0, stream_id("calibrate.lhs"), 0, j);
    std::vector<uint32_t> perm(n);
    for (uint32_t i = 0; i < n; ++i) perm[i] = i;
    for (uint32_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[static_cast<uint32_t>(g.uniform() * i) % i]);
    for (uint32_t i = 0; i < n; ++i) pts[i][static_cast<Eigen::Index>(j)] = (perm[i] + g.uniform()) / n;
  }
  return pts;
}
// Uniform candidates of wave w.
std::vector<Eigen::VectorXd> candidates(uint32_t n, size_t d, uint32_t seed, int wave) {
  std::vector<Eigen::VectorXd> pts(n, Eigen::VectorXd(static_cast<Eigen::Index>(d)));
  for (uint32_t i = 0; i < n; ++i) {
    RngStream g(seed, 0, stream_id("calibrate.candidates"), static_cast<uint32_t>(wave), i);
    for (size_t j = 0; j < d; ++j) pts[i][static_cast<Eigen::Index>(j)] = g.uniform();
  }
  return pts;
}
// A space-filling subset of k points (greedy maximin, starting from the first).
std::vector<Eigen::VectorXd> maximin(const std::vector<Eigen::VectorXd>& pts, uint32_t k) {
  if (pts.size() <= k) return pts;
  std::vector<double> dist(pts.size(), std::numeric_limits<double>::infinity());
  std::vector<Eigen::VectorXd> out;
  size_t next = 0;
  while (out.size() < k) {
    out.push_back(pts[next]);
    size_t far = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
      dist[i] = std::min(dist[i], (pts[i] - pts[next]).squaredNorm());
      if (dist[i] > dist[far]) far = i;
    }
    next = far;
  }
  return out;
}
std::vector<double> natural(const Config& c, const Eigen::VectorXd& u) {
  std::vector<double> v(c.parameters.size());
  for (size_t j = 0; j < v.size(); ++j)
    v[j] = c.parameters[j].low + u[static_cast<Eigen::Index>(j)] * (c.parameters[j].high - c.parameters[j].low);
  return v;
}

void fit_emulators(const Config& c, Result& r, const std::vector<Eigen::VectorXd>& unit) {
  const Eigen::Index n = static_cast<Eigen::Index>(unit.size()), d = static_cast<Eigen::Index>(c.parameters.size());
  Eigen::MatrixXd x(n, d);
  for (Eigen::Index i = 0; i < n; ++i) x.row(i) = unit[static_cast<size_t>(i)].transpose();
  r.emulators.assign(c.targets.size(), GaussianProcess{});
  r.loo_coverage.assign(c.targets.size(), 0.0);
  for (size_t t = 0; t < c.targets.size(); ++t) {
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      y[i] = r.outputs[static_cast<size_t>(i)][t];
      if (!std::isfinite(y[i]))
        throw std::runtime_error("calibration: target " + c.targets[t].name + " (" + c.targets[t].indicator +
                                 ") is not a number in run " + std::to_string(i) +
                                 " (the indicator is undefined in its period)");
    }
    r.emulators[t].fit(x, y);
    const auto [m, v] = r.emulators[t].leave_one_out();
    double within = 0;
    for (Eigen::Index i = 0; i < n; ++i) within += std::abs(y[i] - m[i]) <= 2 * std::sqrt(v[i]);
    r.loo_coverage[t] = within / static_cast<double>(n);
  }
}
// The candidates of wave `wave` that the emulators keep, with their implausibility.
std::vector<std::pair<Eigen::VectorXd, double>> screen(const Config& c, const Result& r, int wave) {
  std::vector<std::pair<Eigen::VectorXd, double>> kept;
  for (const auto& p : candidates(c.candidates, c.parameters.size(), c.seed, wave)) {
    const double imp = implausibility(c, r.emulators, p);
    if (imp <= c.cutoff) kept.emplace_back(p, imp);
  }
  return kept;
}

void posterior(const Config& c, Result& r, const std::vector<std::pair<Eigen::VectorXd, double>>& kept) {
  r.nroy.clear();
  r.nroy_implausibility.clear();
  r.nroy_weight.clear();
  double total = 0;
  for (const auto& [p, imp] : kept) {
    std::vector<double> per;
    implausibility(c, r.emulators, p, &per);
    double s = 0;
    for (double q : per) s += q * q;
    r.nroy.push_back(natural(c, p));
    r.nroy_implausibility.push_back(imp);
    r.nroy_weight.push_back(std::exp(-0.5 * s));
    total += r.nroy_weight.back();
  }
  r.posterior.clear();
  if (kept.empty() || !(total > 0)) return;
  // systematic resampling by weight
  RngStream g(c.seed, 0, stream_id("calibrate.posterior"), 0, 0);
  const double step = total / c.posterior_samples;
  double u = g.uniform() * step, acc = 0;
  size_t i = 0;
  for (uint32_t s = 0; s < c.posterior_samples; ++s) {
    const double at = u + s * step;
    while (i + 1 < r.nroy.size() && acc + r.nroy_weight[i] < at) acc += r.nroy_weight[i++];
    r.posterior.push_back(r.nroy[i]);
  }
}

}  // namespace

Config load_config_text(const std::string& txt, const std::string& file, const std::string& base_dir) {
  Config c;
  c.file = file;
  c.text = txt;
  toml::table root;
  if (auto err = parse_toml_checked(txt, file, root)) throw ConfigError(err->located(file));
  const std::set<std::string> blocks = {"calibration", "parameters", "targets"};
  for (const auto& [key, val] : root)
    if (!blocks.count(std::string(key.str())))
      fail(file, val,
           "unknown block [" + std::string(key.str()) +
               "] (a calibration has [calibration], [parameters.NAME] and "
               "[targets.NAME] blocks)");
  const toml::node* meta = root.get("calibration");
  if (!meta) throw ConfigError(file + ": missing [calibration] block");
  read_block(c, file, base_dir, table_of(file, *meta, "calibration"));
  if (c.scenario_file.empty()) fail(file, *meta, "calibration.scenario: missing (the base scenario's file)");
  if (c.base.end < c.base.start) fail(file, *meta, "calibration.end: before the scenario's start");
  const toml::node* ps = root.get("parameters");
  if (!ps) throw ConfigError(file + ": no [parameters.NAME] block (the free parameters and their ranges)");
  for (const auto& [key, val] : table_of(file, *ps, "parameters"))
    c.parameters.push_back(read_parameter(file, std::string(key.str()), val));
  const toml::node* ts = root.get("targets");
  if (!ts) throw ConfigError(file + ": no [targets.NAME] block (the figures to match)");
  for (const auto& [key, val] : table_of(file, *ts, "targets"))
    c.targets.push_back(read_target(file, std::string(key.str()), val, c.base));
  if (c.parameters.empty() || c.targets.empty()) throw ConfigError(file + ": needs at least one parameter and target");
  if (c.runs_per_wave < c.parameters.size() + 2)
    fail(file, *meta,
         "calibration.runs_per_wave: " + std::to_string(c.runs_per_wave) + " is too few for " +
             std::to_string(c.parameters.size()) + " parameters (at least parameters + 2; 10 per parameter is usual)");
  c.base.replicates = c.replicates;
  c.base.seed = c.seed;
  return c;
}

Config load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read");
  std::stringstream ss;
  ss << in.rdbuf();
  return load_config_text(ss.str(), path, fs::path(path).parent_path().string());
}

double implausibility(const Config& c, const std::vector<GaussianProcess>& em, const Eigen::VectorXd& unit,
                      std::vector<double>* per_target) {
  double worst = 0;
  if (per_target) per_target->assign(c.targets.size(), 0.0);
  for (size_t t = 0; t < c.targets.size(); ++t) {
    const auto [m, v] = em[t].predict(unit);
    const Target& g = c.targets[t];
    const double imp = std::abs(g.value - m) / std::sqrt(v + g.sd * g.sd + g.discrepancy * g.discrepancy);
    if (per_target) (*per_target)[t] = imp;
    worst = std::max(worst, imp);
  }
  return worst;
}

Result history_match(const Config& c, const Simulator& simulate, std::ostream* log) {
  Result r;
  std::vector<Eigen::VectorXd> unit;
  const size_t d = c.parameters.size();
  for (uint32_t w = 0; w < c.waves; ++w) {
    std::vector<Eigen::VectorXd> pts;
    WaveSummary s;
    s.wave = static_cast<int>(w) + 1;
    if (w == 0) {
      pts = latin_hypercube(c.runs_per_wave, d, c.seed);
    } else {
      const auto kept = screen(c, r, static_cast<int>(w));
      s.screened = c.candidates, s.kept = kept.size();
      if (kept.empty()) {
        if (log) *log << "wave " << s.wave << ": no candidate is non-implausible; stopping\n";
        r.waves.push_back(s);
        break;
      }
      std::vector<Eigen::VectorXd> survivors;
      for (const auto& k : kept) survivors.push_back(k.first);
      pts = maximin(survivors, c.runs_per_wave);
    }
    std::vector<std::vector<double>> values;
    for (const auto& p : pts) values.push_back(natural(c, p));
    const auto out = simulate(values, static_cast<int>(w));
    if (out.size() != values.size()) throw std::logic_error("calibration: the simulator returned the wrong run count");
    for (size_t i = 0; i < pts.size(); ++i) {
      unit.push_back(pts[i]);
      r.design.push_back(values[i]);
      r.wave_of.push_back(s.wave);
      r.outputs.push_back(out[i]);
    }
    s.runs = pts.size();
    fit_emulators(c, r, unit);
    r.waves.push_back(s);
    if (log) {
      *log << "wave " << s.wave << ": " << s.runs << " runs";
      if (w > 0) *log << " from " << s.kept << " of " << s.screened << " candidates non-implausible";
      *log << "; emulators' leave-one-out coverage (2 sd):";
      for (size_t t = 0; t < c.targets.size(); ++t) *log << " " << c.targets[t].name << " " << r.loo_coverage[t];
      *log << "\n";
    }
  }
  const auto kept = screen(c, r, static_cast<int>(c.waves));
  r.nroy_fraction = static_cast<double>(kept.size()) / c.candidates;
  posterior(c, r, kept);
  if (log)
    *log << "non-implausible after " << r.waves.size() << " wave(s): " << kept.size() << " of " << c.candidates
         << " prior points (" << 100 * r.nroy_fraction << "%)\n";
  return r;
}

}  // namespace govsim::calibrate
