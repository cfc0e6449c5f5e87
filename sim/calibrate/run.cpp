#include "calibrate/run.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "govsim/params.hpp"
#include "output/atomic.hpp"
#include "output/h5read.hpp"
#include "output/h5util.hpp"
#include "output/h5write.hpp"

namespace govsim::calibrate {

namespace fs = std::filesystem;

std::string wave_file(const std::string& out, int wave) {
  const fs::path p(out);
  return (p.parent_path() / (p.stem().string() + ".wave-" + std::to_string(wave + 1) + ".h5")).string();
}

namespace {

// The experiment of one wave: the base scenario, one range factor per free parameter, the wave's design.
Experiment wave_experiment(const Config& c, const std::vector<std::vector<double>>& values, int wave) {
  Experiment e;
  e.file = c.file;
  e.title = (c.title.empty() ? c.file : c.title) + ", calibration wave " + std::to_string(wave + 1);
  e.scenario_file = c.scenario_file;
  e.base = c.base;
  e.design = Design::File;
  e.replicates = c.replicates;
  e.seed = c.seed;
  e.samples = static_cast<uint32_t>(values.size());
  std::ostringstream text;
  text << c.text << "\n# calibration wave " << wave + 1 << ": design\n";
  for (const auto& p : c.parameters) {
    Factor f;
    f.name = p.name;
    f.parameter = p.parameter;
    f.kind = Factor::Kind::Range;
    f.low = p.low;
    f.high = p.high;
    e.factors.push_back(f);
  }
  for (const auto& row : values) {
    std::vector<double> u(row.size());
    for (size_t j = 0; j < row.size(); ++j) {
      u[j] = (row[j] - c.parameters[j].low) / (c.parameters[j].high - c.parameters[j].low);
      char b[64];
      std::snprintf(b, sizeof b, "%s%.17g", j ? "," : "# ", row[j]);
      text << b;
    }
    text << "\n";
    e.unit.push_back(u);
    e.values.push_back(row);
  }
  e.text = text.str();  // the journal's key: a new design is a new batch
  return e;
}

// The batch file of a finished wave holds this wave's design (its experiment text).
bool finished(const std::string& file, const Experiment& e) {
  if (!fs::exists(file)) return false;
  try {
    h5::ResultFile f(file);
    return h5::attribute_text(f, f.id(), "experiment_text", "/") == e.text;
  } catch (const std::exception&) {
    return false;
  }
}

// Each target's value in each run: the indicator's mean over the target's months and the replicates.
std::vector<std::vector<double>> read_targets(const Config& c, const std::string& file, size_t runs) {
  h5::ResultFile f(file);
  const size_t months = static_cast<size_t>(c.base.end.index - c.base.start.index + 1), reps = c.replicates;
  std::vector<std::vector<double>> out(runs, std::vector<double>(c.targets.size()));
  for (size_t t = 0; t < c.targets.size(); ++t) {
    const Target& g = c.targets[t];
    const std::vector<double> v = h5::read_doubles(f, f.id(), g.indicator, runs * reps * months);
    const size_t a = static_cast<size_t>(g.from.index - c.base.start.index),
                 b = static_cast<size_t>(g.to.index - c.base.start.index);
    for (size_t r = 0; r < runs; ++r) {
      double s = 0, n = 0;
      for (size_t k = 0; k < reps; ++k)
        for (size_t m = a; m <= b; ++m) {
          const double x = v[(r * reps + k) * months + m];
          if (std::isfinite(x)) s += x, n += 1;
        }
      out[r][t] = n > 0 ? s / n : std::nan("");
    }
  }
  return out;
}

}  // namespace

Simulator batch_simulator(const Config& c, const BatchOptions& opt) {
  return [c, opt](const std::vector<std::vector<double>>& values, int wave) {
    const Experiment e = wave_experiment(c, values, wave);
    BatchOptions o = opt;
    o.out = wave_file(opt.out, wave);
    if (!finished(o.out, e)) run_batch(e, o);  // (resumes from the wave's journal when one is there)
    if (o.barrier) o.barrier();
    return read_targets(c, o.out, values.size());
  };
}

namespace {
std::vector<double> flat(const std::vector<std::vector<double>>& m) {
  std::vector<double> v;
  for (const auto& r : m) v.insert(v.end(), r.begin(), r.end());
  return v;
}
void fill_result(hid_t root, const Config& c, const Result& r, const std::string& command_line) {
  using namespace h5;
  attr_string(root, "kind", "calibration");
  attr_string(root, "title", c.title);
  attr_string(root, "calibration_file", c.file);
  attr_string(root, "calibration_text", c.text);
  attr_string(root, "scenario_file", c.scenario_file);
  attr_string(root, "command_line", command_line);
  attr_number(root, "cutoff", c.cutoff, H5T_NATIVE_DOUBLE);
  attr_number(root, "nroy_fraction", r.nroy_fraction, H5T_NATIVE_DOUBLE);
  const size_t P = c.parameters.size(), T = c.targets.size();
  std::vector<std::string> pn, pp, tn, ti, ts;
  std::vector<double> lo, hi, tv, tsd, tdisc;
  for (const auto& p : c.parameters)
    pn.push_back(p.name), pp.push_back(p.parameter), lo.push_back(p.low), hi.push_back(p.high);
  for (const auto& t : c.targets)
    tn.push_back(t.name), ti.push_back(t.indicator), ts.push_back(t.source), tv.push_back(t.value), tsd.push_back(t.sd),
        tdisc.push_back(t.discrepancy);
  for (hid_t d : {write_1d_str(root, "parameter_name", pn), write_1d_str(root, "parameter", pp),
                  write_1d_double(root, "prior_low", lo), write_1d_double(root, "prior_high", hi),
                  write_1d_str(root, "target_name", tn), write_1d_str(root, "target_indicator", ti),
                  write_1d_str(root, "target_source", ts), write_1d_double(root, "target_value", tv),
                  write_1d_double(root, "target_sd", tsd), write_1d_double(root, "target_discrepancy", tdisc)})
    H5Dclose(d);
  const size_t n = r.design.size();
  H5Dclose(write_plain_double(root, "design", {n, P}, flat(r.design)));
  H5Dclose(write_plain_double(root, "outputs", {n, T}, flat(r.outputs)));
  H5Dclose(write_1d_int(root, "wave", std::vector<int32_t>(r.wave_of.begin(), r.wave_of.end())));
  H5Dclose(write_plain_double(root, "nroy", {r.nroy.size(), P}, flat(r.nroy)));
  H5Dclose(write_1d_double(root, "nroy_implausibility", r.nroy_implausibility));
  H5Dclose(write_1d_double(root, "nroy_weight", r.nroy_weight));
  H5Dclose(write_plain_double(root, "posterior", {r.posterior.size(), P}, flat(r.posterior)));
  std::vector<int32_t> wn, wr, ws, wk;
  for (const auto& w : r.waves)
    wn.push_back(w.wave), wr.push_back(static_cast<int32_t>(w.runs)), ws.push_back(static_cast<int32_t>(w.screened)),
        wk.push_back(static_cast<int32_t>(w.kept));
  for (auto [name, v] : {std::pair{"wave_number", &wn}, std::pair{"wave_runs", &wr}, std::pair{"wave_screened", &ws},
                         std::pair{"wave_kept", &wk}})
    H5Dclose(write_1d_int(root, name, *v));
  hid_t g = checked(H5Gcreate2(root, "emulator", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group emulator");
  for (size_t t = 0; t < T; ++t) {
    const GaussianProcess& em = r.emulators[t];
    hid_t e = checked(H5Gcreate2(g, c.targets[t].name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
    const Eigen::VectorXd& l = em.length_scales();
    H5Dclose(write_1d_double(e, "length_scales", std::vector<double>(l.data(), l.data() + l.size())));
    const auto [m, v] = em.leave_one_out();
    H5Dclose(write_1d_double(e, "loo_mean", std::vector<double>(m.data(), m.data() + m.size())));
    std::vector<double> sd(static_cast<size_t>(v.size()));
    for (Eigen::Index i = 0; i < v.size(); ++i) sd[static_cast<size_t>(i)] = std::sqrt(v[i]);
    H5Dclose(write_1d_double(e, "loo_sd", sd));
    attr_number(e, "signal_variance", em.signal_variance(), H5T_NATIVE_DOUBLE);
    attr_number(e, "nugget", em.nugget(), H5T_NATIVE_DOUBLE);
    attr_number(e, "mean", em.mean(), H5T_NATIVE_DOUBLE);
    attr_number(e, "loo_coverage_2sd", r.loo_coverage[t], H5T_NATIVE_DOUBLE);
    H5Gclose(e);
  }
  H5Gclose(g);
}
// The q-quantile of v (sorted copy).
double quantile(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}
}  // namespace

std::string report_markdown(const Config& c, const Result& r) {
  std::ostringstream o;
  char b[512];
  o << "# Calibration: " << (c.title.empty() ? c.file : c.title) << "\n\n"
    << "History matching in " << r.waves.size() << " wave(s) of up to " << c.runs_per_wave << " runs x " << c.replicates
    << " replicate(s) (" << c.file << ", base " << c.scenario_file << ", " << c.base.start.str() << " to "
    << c.base.end.str() << "); implausibility cut-off " << c.cutoff << ".\n\n";
  o << "## Waves\n\n| wave | runs | candidates screened | non-implausible |\n|---|---|---|---|\n";
  for (const auto& w : r.waves)
    o << "| " << w.wave << " | " << w.runs << " | " << (w.wave == 1 ? "-" : std::to_string(w.screened)) << " | "
      << (w.wave == 1 ? "-" : std::to_string(w.kept)) << " |\n";
  std::snprintf(b, sizeof b, "\nAfter the last wave %.3g%% of the prior box is not implausible (%zu of %u points).\n\n",
                100 * r.nroy_fraction, r.nroy.size(), c.candidates);
  o << b;
  o << "## Targets and emulators\n\n| target | indicator | period | value | sd | runs' range | leave-one-out within 2 "
       "sd | source |\n|---|---|---|---|---|---|---|---|\n";
  for (size_t t = 0; t < c.targets.size(); ++t) {
    const Target& g = c.targets[t];
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& row : r.outputs) lo = std::min(lo, row[t]), hi = std::max(hi, row[t]);
    std::snprintf(b, sizeof b, "| %s | `%s` | %s to %s | %.4g | %.3g | %.4g to %.4g | %.0f%% | %s |\n", g.name.c_str(),
                  g.indicator.c_str(), g.from.str().c_str(), g.to.str().c_str(), g.value, g.sd, lo, hi,
                  100 * r.loo_coverage[t], g.source.c_str());
    o << b;
  }
  o << "\n## Parameters: prior and posterior\n\n| parameter | prior | posterior mean | 5% | 50% | 95% |\n"
       "|---|---|---|---|---|---|\n";
  for (size_t j = 0; j < c.parameters.size(); ++j) {
    std::vector<double> v;
    for (const auto& s : r.posterior) v.push_back(s[j]);
    double mean = 0;
    for (double x : v) mean += x;
    mean = v.empty() ? std::nan("") : mean / static_cast<double>(v.size());
    std::snprintf(b, sizeof b, "| `%s` | [%.4g, %.4g] | %.4g | %.4g | %.4g | %.4g |\n",
                  c.parameters[j].parameter.c_str(), c.parameters[j].low, c.parameters[j].high, mean, quantile(v, 0.05),
                  quantile(v, 0.5), quantile(v, 0.95));
    o << b;
  }
  o << "\nThe posterior resamples the non-implausible points with weights exp(-1/2 sum_j I_j^2) (docs/calibration.md). "
       "Plots: `govsim-report FILE` (the analysis package; govsim_analysis.calibration).\n";
  return o.str();
}

void write_result(const Config& c, const Result& r, const std::string& out, const std::string& command_line) {
  create_parent_directories(fs::path(out));
  h5::write_file_atomically(
      out, [&](hid_t root) { fill_result(root, c, r, command_line); }, "calibrate");
  const std::string md = report_markdown(c, r);
  const fs::path report = fs::path(out).replace_extension(".md");
  write_atomically(report, partial_name(report.string()), [&](const fs::path& tmp) {
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw std::runtime_error(cannot_write(report, errno));
    const bool ok = std::fwrite(md.data(), 1, md.size(), f) == md.size();
    if (std::fclose(f) != 0 || !ok) throw std::runtime_error(cannot_write(report, errno));
  });
}

}  // namespace govsim::calibrate

namespace govsim::calibrate {

Experiment posterior_experiment(const Scenario& s, const std::string& file, uint32_t samples, const std::string& note) {
  h5::ResultFile f(file);
  if (h5::attribute_text(f, f.id(), "kind", "/") != "calibration")
    f.fail("not a govsim calibrate result (its kind is not \"calibration\")");
  const auto names = h5::dataset_shape(f, f.id(), "parameter");
  const auto post = h5::dataset_shape(f, f.id(), "posterior");
  const size_t P = names.dims.empty() ? 0 : names.dims[0];
  if (P == 0 || post.dims.size() != 2 || post.dims[1] != P)
    f.fail("the posterior sample does not match the parameters");
  const size_t N = post.dims[0];
  if (N == 0) f.fail("the posterior sample is empty (nothing was non-implausible)");
  const std::vector<std::string> params = h5::read_strings(f, f.id(), "parameter", P);
  const std::vector<double> lo = h5::read_doubles(f, f.id(), "prior_low", P),
                            hi = h5::read_doubles(f, f.id(), "prior_high", P);
  const std::vector<double> sample = h5::read_doubles(f, f.id(), "posterior", N * P);
  Experiment e;
  e.file = file;
  e.title = (s.title.empty() ? s.file : s.title) + ", posterior of " + file;
  e.scenario_file = s.file;
  e.base = s;
  e.design = Design::File;
  e.replicates = s.replicates;
  e.seed = s.seed;
  for (size_t j = 0; j < P; ++j) {
    if (!ParamRegistry::instance().find(params[j]))
      f.fail("parameter " + params[j] + " of the calibration is not declared in this build");
    Factor fa;
    fa.name = params[j];
    fa.parameter = params[j];
    fa.low = lo[j], fa.high = hi[j];
    e.factors.push_back(fa);
  }
  const size_t n = samples == 0 ? N : std::min<size_t>(N, samples);
  std::ostringstream text;
  text << s.text << "\n# posterior of " << file << " (" << note << ")\n";
  for (size_t i = 0; i < n; ++i) {
    const size_t row = n == N ? i : i * N / n;  // evenly spaced over the sample
    std::vector<double> v(P), u(P);
    for (size_t j = 0; j < P; ++j) {
      v[j] = sample[row * P + j];
      u[j] = hi[j] > lo[j] ? (v[j] - lo[j]) / (hi[j] - lo[j]) : 0.0;
      char b[64];
      std::snprintf(b, sizeof b, "%s%.17g", j ? "," : "# ", v[j]);
      text << b;
    }
    text << "\n";
    e.values.push_back(v);
    e.unit.push_back(u);
  }
  e.samples = static_cast<uint32_t>(n);
  e.text = text.str();
  return e;
}

}  // namespace govsim::calibrate
