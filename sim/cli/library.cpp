#include "cli/library.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

#include "cli/docs.hpp"
#include "cli/targets_report.hpp"
#include "config/files.hpp"
#include "core/engine.hpp"
#include "govsim/report.hpp"

namespace govsim {
namespace fs = std::filesystem;

// ---------------------------------------------------------------- paired intervals

namespace {

// The continued fraction of the regularised incomplete beta function (modified Lentz).
double beta_fraction(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double f = d;
  for (int m = 1; m <= 500; ++m) {
    for (int step = 0; step < 2; ++step) {
      const double num = step == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                                   : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      if (std::fabs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (std::fabs(c) < tiny) c = tiny;
      d = 1 / d;
      f *= d * c;
      if (step == 1 && std::fabs(d * c - 1) < 1e-15) return f;
    }
  }
  return f;
}

// I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

double student_t_cdf(double t, int df) {
  const double tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
  return t > 0 ? 1 - tail : tail;
}

}  // namespace

double student_t_quantile(double p, int df) {
  if (df < 1 || !(p > 0 && p < 1)) throw std::invalid_argument("student_t_quantile: needs 0 < p < 1 and df >= 1");
  if (p == 0.5) return 0;
  if (p < 0.5) return -student_t_quantile(1 - p, df);
  double lo = 0, hi = 1;
  while (student_t_cdf(hi, df) < p) lo = hi, hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

PairedInterval paired_interval(const std::vector<double>& scenario, const std::vector<double>& baseline, double level) {
  std::vector<double> d;
  for (size_t r = 0; r < std::min(scenario.size(), baseline.size()); ++r)
    if (std::isfinite(scenario[r]) && std::isfinite(baseline[r])) d.push_back(scenario[r] - baseline[r]);
  PairedInterval out;
  out.n = static_cast<int>(d.size());
  if (out.n < 2) throw std::runtime_error("a paired interval needs at least 2 replicates with a value in both runs");
  double sum = 0;
  for (double x : d) sum += x;
  out.mean = sum / out.n;
  double ss = 0;
  for (double x : d) ss += (x - out.mean) * (x - out.mean);
  out.half = student_t_quantile(0.5 + level / 2, out.n - 1) * std::sqrt(ss / (out.n - 1) / out.n);
  return out;
}

Verdict classify(const PairedInterval& d, bool higher_is_better) {
  if (d.lo() > 0) return higher_is_better ? Verdict::Better : Verdict::Worse;
  if (d.hi() < 0) return higher_is_better ? Verdict::Worse : Verdict::Better;
  return Verdict::NoDifference;
}

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Better:
      return "better";
    case Verdict::Worse:
      return "worse";
    default:
      return "no detectable difference";
  }
}

int LibraryReport::failed() const {
  int n = 0;
  for (const auto& s : stress) n += !s.passed;
  return n + (has_stationarity && !stationarity.passed);
}

Month fingerprint_end() { return Month::of(2021, 12); }

namespace {

int kind_rank(const std::string& k) { return k == "baseline" ? 0 : k == "package" ? 1 : k == "stress" ? 2 : 3; }
bool judged(const Scenario& s) { return s.kind != "example"; }

bool same(const Schedule& a, const Schedule& b) {
  return a.base == b.base && a.points == b.points && a.linear == b.linear;
}

// "500", or "500; 2022: 300" (stepwise; points that change nothing are left out),
// or "0.3; 2021-07: 0.3 → 2024: 0.8" (linear between points). A month shown as a
// year is its January.
std::string compact(const Schedule& s) {
  std::string out = format_value(s.base);
  double current = s.base;
  bool first = true;
  for (const auto& [m, v] : s.points) {
    if (!s.linear && v == current) continue;
    const std::string when = m.month() == 1 ? std::to_string(m.year()) : m.str();
    out += (s.linear && !first ? " → " : "; ") + when + ": " + format_value(v);
    current = v;
    first = false;
  }
  return out;
}

std::string fmt(double v) {
  char b[32];
  if (std::fabs(v) >= 1000)
    std::snprintf(b, sizeof b, "%.0f", v);
  else
    std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}
std::string signed_fmt(double v) {
  const std::string s = fmt(v);
  return v > 0 ? "+" + s : v == 0 ? "0" : s;
}
// "+0.0123 [+0.0101, +0.0145]"
std::string interval_text(const PairedInterval& d) {
  return signed_fmt(d.mean) + " [" + signed_fmt(d.lo()) + ", " + signed_fmt(d.hi()) + "]";
}

IndicatorId indicator_id(const std::string& name) {
  const auto id = IndicatorRegistry::instance().find(name);
  if (!id) throw std::runtime_error("library: unknown indicator " + name);
  return *id;
}

// Per replicate: the mean over the months of `year` of the region series (NaN where it has none).
std::vector<double> replicate_year_means(const RunResult& r, const std::string& indicator, int year) {
  const IndicatorId id = indicator_id(indicator);
  std::vector<double> out(r.replicates, std::numeric_limits<double>::quiet_NaN());
  for (uint32_t rep = 0; rep < r.replicates; ++rep) {
    double sum = 0;
    int n = 0;
    for (size_t m = 0; m < r.months.size(); ++m) {
      const double v = r.county(id, rep, m);
      if (r.months[m].year() == year && !std::isnan(v)) sum += v, ++n;
    }
    if (n) out[rep] = sum / n;
  }
  return out;
}
double mean_of(const std::vector<double>& v) {
  double sum = 0;
  int n = 0;
  for (double x : v)
    if (std::isfinite(x)) sum += x, ++n;
  return n ? sum / n : std::numeric_limits<double>::quiet_NaN();
}
// Scenario minus baseline for one indicator and year, with a message naming what failed.
PairedInterval compare(const RunResult& scenario, const RunResult& baseline, const std::string& indicator, int year,
                       const std::string& stem) {
  try {
    return paired_interval(replicate_year_means(scenario, indicator, year),
                           replicate_year_means(baseline, indicator, year));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("library: " + stem + ", " + indicator + " in " + std::to_string(year) + ": " + e.what());
  }
}

// Mean over the months of `year` and over replicates of the region series (year_mean,
// targets_report.hpp); throws when there is none.
double checked_year_mean(const RunResult& r, const std::string& indicator, int year) {
  std::optional<double> v = year_mean(r, indicator_id(indicator), year);
  if (!v) throw std::runtime_error("library: no value of " + indicator + " in " + std::to_string(year));
  return *v;
}

// The headline indicators (flagged by headline() where they are declared), by name.
std::vector<std::string> headline_names() {
  std::vector<std::string> out;
  const auto& reg = IndicatorRegistry::instance();
  for (IndicatorId id : reg.headlines()) out.push_back(reg.all()[id].name);
  return out;
}
// The year of the first milestone: stress tests are judged there unless expect_year says otherwise.
int first_milestone_year() { return milestones().front().year(); }
int expect_year(const Scenario& s) { return s.expect_year ? s.expect_year : first_milestone_year(); }
// The milestone years a run reaches (December inside it).
std::vector<int> milestone_years_in(const RunResult& r) {
  std::vector<int> out;
  for (const Month m : milestones())
    if (!r.months.empty() && r.months.front() <= m && m <= r.months.back()) out.push_back(m.year());
  return out;
}
bool is_input(const std::string& indicator) {
  return IndicatorRegistry::instance().all()[indicator_id(indicator)].kind == IndicatorKind::Input;
}

// Every *.toml in `dir`, baseline first, then packages, stress tests and examples, each by name.
void load_library(const std::string& dir, LibraryReport& rep) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  if (files.empty()) throw std::runtime_error(dir + ": no scenario files (*.toml)");
  std::vector<std::pair<Scenario, std::string>> loaded;
  for (const auto& f : files) loaded.emplace_back(load_scenario_file(f.string()), f.stem().string());
  std::sort(loaded.begin(), loaded.end(), [](const auto& a, const auto& b) {
    const int ka = kind_rank(a.first.kind), kb = kind_rank(b.first.kind);
    return ka != kb ? ka < kb : a.second < b.second;
  });
  int baselines = 0;
  for (auto& [s, stem] : loaded) {
    baselines += s.kind == "baseline";
    rep.scenarios.push_back(s);
    rep.stems.push_back(stem);
  }
  if (baselines != 1)
    throw std::runtime_error(dir + ": the library needs exactly one scenario with kind = \"baseline\" (found " +
                             std::to_string(baselines) + ")");
}

// ---------------------------------------------------------------- the lever tables

// The heading, what the library is, how to read it, and one row per file.
void write_files_table(std::ostream& md, const LibraryReport& rep) {
  md << "# The scenario library\n\n"
     << "<!-- Generated by `govsim library scenarios --out docs/scenarios.md` from the files in scenarios/ and "
        "replicated runs of each; `govsim library scenarios --check docs/scenarios.md` (the CI test "
        "`library_behaviour`) fails when this file is out of date or a stress test does not do what it should. "
        "Do not edit by hand. -->\n\n"
     << "Every file in `scenarios/` is a scenario (docs/model.md describes the mechanisms, docs/parameters.md every "
        "parameter). The **baseline** holds the policies of 2019 constant; each **package** follows one policy "
        "document on its own timetable and states, lever by lever, the clause it models; each **stress test** "
        "changes one condition; **examples** show the format. Run one with `govsim run scenarios/NAME.toml`.\n\n"
     << "How to read the results below: every scenario is run with the same replicates as the baseline and the "
        "same seed, so replicate r of a package and replicate r of the baseline see the same residents, issues and "
        "shocks (common random numbers) and their difference is the effect of the policy. Each package is judged "
        "against the baseline on its documents' targets whose indicator is an **outcome** (produced by the "
        "mechanisms; docs/output.md gives every indicator's kind), as better, no detectable difference or worse at "
        "each milestone, from the 95% interval of the paired difference. That a package does not help is a "
        "finding of the model, written down here, not a failure. Stress tests are checks: each must move the "
        "indicators it names beyond their interval.\n\n"
     << "| file | kind | title | documents | description |\n|---|---|---|---|---|\n";
  for (size_t i = 0; i < rep.scenarios.size(); ++i) {
    const Scenario& s = rep.scenarios[i];
    std::string docs;
    for (const auto& d : s.documents) docs += (docs.empty() ? "" : ", ") + d;
    md << "| `" << rep.stems[i] << ".toml` | " << s.kind << " | " << s.title << " | " << (docs.empty() ? "-" : docs)
       << " | " << s.description << " |\n";
  }
}

// Scenarios × levers: every parameter that some file sets away from its default.
void write_levers_table(std::ostream& md, const LibraryReport& rep) {
  const Scenario& base = rep.scenarios[0];
  const auto& reg = ParamRegistry::instance();
  const size_t S = rep.scenarios.size();
  md << "\n## Scenarios × levers\n\n"
     << "Values are schedules: `a; 2022: b` is a until 2022, then b (stepwise); `a; 2021-07: a → 2025: b` holds a "
        "until July 2021, then moves linearly to b in January 2025. "
        "Outside the baseline column, `·` means the same as the baseline. A month shown as a year is its January.\n\n"
     << "| parameter | unit |";
  for (size_t i = 0; i < S; ++i) md << " " << rep.stems[i] << " |";
  md << "\n|---|---|";
  for (size_t i = 0; i < S; ++i) md << "---|";
  md << "\n";
  for (ParamId id : reg.sorted()) {
    const ParamDecl& d = reg.get(id);
    Schedule def;
    def.base = d.default_value;
    bool any = false;
    for (const auto& s : rep.scenarios) any |= !same(s.values.schedule(id), def);
    if (!any) continue;
    md << "| `" << d.name << "` | " << d.unit << " |";
    for (size_t i = 0; i < S; ++i) {
      const Schedule& v = rep.scenarios[i].values.schedule(id);
      md << " " << (i > 0 && same(v, base.values.schedule(id)) ? "·" : compact(v)) << " |";
    }
    md << "\n";
  }
}

// ---------------------------------------------------------------- runs

RunResult run_one(Scenario s, const LibraryOptions& opt, uint32_t seed, uint32_t replicates, Month end) {
  s.replicates = replicates;
  s.seed = seed;  // common random numbers across the library: replicate r draws (seed, r, ...) everywhere
  s.end = end;
  RunOptions ro;
  ro.threads = opt.threads;
  ro.by_unit = false;
  return run_scenario(s, ro);
}

// Full: every baseline, package and stress scenario to the later of its end and its expect_year.
// Check: the baseline to the last expect_year of the stress tests, each stress test to its own.
std::vector<RunResult> run_library(const LibraryReport& rep, const LibraryOptions& opt) {
  const bool check = opt.mode == LibraryOptions::Mode::Check;
  int base_year = 0;
  for (const auto& s : rep.scenarios)
    if (s.kind == "stress") base_year = std::max(base_year, expect_year(s));
  std::vector<RunResult> results(rep.scenarios.size());
  for (size_t i = 0; i < rep.scenarios.size(); ++i) {
    const Scenario& s = rep.scenarios[i];
    if (!judged(s) || (check && s.kind == "package")) continue;
    Month end = Month::of(std::max(s.end.year(), expect_year(s)), 12);
    if (check) end = Month::of(s.kind == "baseline" ? std::max(base_year, s.start.year()) : expect_year(s), 12);
    if (opt.progress)
      opt.progress(rep.stems[i] + " (" + std::to_string(opt.replicates) + " replicates to " + end.str() + ")");
    results[i] = run_one(s, opt, rep.scenarios[0].seed, opt.replicates, end);
  }
  return results;
}

// ---------------------------------------------------------------- the fingerprint

constexpr uint64_t kFnvBasis = 14695981039346656037ull;
uint64_t fnv(uint64_t h, const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}
uint64_t fnv(uint64_t h, const std::string& s) {
  h = fnv(h, s.data(), s.size());
  return fnv(h, "\n", 1);  // a separator, so that "ab" + "c" and "a" + "bc" differ
}
std::string hex(uint64_t h) {
  char b[20];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h));
  return b;
}

// Indicators (name, kind, headline), document targets and milestones: what decides the rows.
std::string declarations_hash() {
  uint64_t h = kFnvBasis;
  for (const auto& d : IndicatorRegistry::instance().all())
    h = fnv(h, d.name + " " + kind_name(d.kind) + (d.headline ? " headline" : ""));
  for (const auto& t : TargetRegistry::instance().all())
    h = fnv(h, t.clause + "|" + t.indicator + "|" + t.rule_str() + "|" + format_value(t.threshold) + "|" + t.deadline +
                   "|" + std::to_string(t.window) + "|" + t.text);
  for (const Month m : milestones()) h = fnv(h, m.str());
  return hex(h);
}

LibraryFingerprint fingerprint(const std::string& dir, const LibraryReport& rep, const LibraryOptions& opt) {
  LibraryFingerprint f;
  f.replicates = opt.replicates;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  uint64_t h = kFnvBasis;
  for (const auto& p : files) h = fnv(fnv(h, p.filename().string()), read_file(p).value_or(""));
  f.files = hex(h);
  f.params = hex(fnv(kFnvBasis, params_json(false)));
  f.declarations = declarations_hash();
  h = kFnvBasis;
  for (size_t i = 0; i < rep.scenarios.size(); ++i) {
    const Scenario& s = rep.scenarios[i];
    if (!judged(s)) continue;
    if (opt.progress) opt.progress(rep.stems[i] + " (fingerprint: 1 replicate to " + fingerprint_end().str() + ")");
    const RunResult r = run_one(s, opt, rep.scenarios[0].seed, 1, std::min(s.end, fingerprint_end()));
    h = fnv(h, rep.stems[i]);
    for (const auto& series : r.county_values) h = fnv(h, series.data(), series.size() * sizeof(double));
  }
  f.results = hex(h);
  return f;
}

// ---------------------------------------------------------------- judgements

void judge_packages(LibraryReport& rep, const std::vector<RunResult>& results) {
  for (size_t i = 1; i < rep.scenarios.size(); ++i) {
    if (rep.scenarios[i].kind != "package") continue;
    for (const TargetDecl* t : targets_of(documents_of(rep.scenarios[i].documents))) {
      if (is_input(t->indicator)) {
        rep.not_judged.emplace_back(rep.stems[i], t);
        continue;
      }
      PackageJudgement j;
      j.scenario = rep.stems[i];
      j.target = t;
      for (const int y : milestone_years_in(results[i])) {
        if (y > results[0].months.back().year()) continue;
        j.years.push_back(y);
        j.baseline.push_back(mean_of(replicate_year_means(results[0], t->indicator, y)));
        j.diff.push_back(compare(results[i], results[0], t->indicator, y, rep.stems[i]));
        j.verdict.push_back(classify(j.diff.back(), t->higher_is_better()));
      }
      rep.packages.push_back(j);
    }
  }
}

// What each package costs the county (grassroots transfers and the levers it pays) and the townships' unmet needs,
// against the baseline, beside how many of its targets it moves (issue 16: cost beside effect).
void cost_packages(LibraryReport& rep, const std::vector<RunResult>& results) {
  for (size_t i = 1; i < rep.scenarios.size(); ++i) {
    if (rep.scenarios[i].kind != "package") continue;
    CostLine line;
    line.scenario = rep.stems[i];
    for (const int y : milestone_years_in(results[i])) {
      if (y > results[0].months.back().year()) continue;
      line.years.push_back(y);
      line.baseline.push_back(mean_of(replicate_year_means(results[0], "governance_cost_per_resident", y)));
      line.cost.push_back(compare(results[i], results[0], "governance_cost_per_resident", y, rep.stems[i]));
      line.gap.push_back(compare(results[i], results[0], "township_funding_gap_per_resident", y, rep.stems[i]));
      int better = 0, worse = 0;
      for (const auto& j : rep.packages) {
        if (j.scenario != rep.stems[i]) continue;
        for (size_t k = 0; k < j.years.size(); ++k)
          if (j.years[k] == y) better += j.verdict[k] == Verdict::Better, worse += j.verdict[k] == Verdict::Worse;
      }
      line.better.push_back(better);
      line.worse.push_back(worse);
    }
    rep.costs.push_back(line);
  }
}

void check_stress(LibraryReport& rep, const std::vector<RunResult>& results) {
  for (size_t i = 1; i < rep.scenarios.size(); ++i) {
    const Scenario& s = rep.scenarios[i];
    if (s.kind != "stress") continue;
    for (const auto& e : s.expect) {
      StressCheck c;
      c.scenario = rep.stems[i];
      c.indicator = e.indicator;
      c.higher = e.higher;
      c.year = expect_year(s);
      c.baseline = mean_of(replicate_year_means(results[0], c.indicator, c.year));
      c.diff = compare(results[i], results[0], c.indicator, c.year, c.scenario);
      c.passed = c.higher ? c.diff.lo() > 0 : c.diff.hi() < 0;
      rep.stress.push_back(c);
    }
  }
}

// Does the baseline stand still? With the policies of 2019 held constant, mean satisfaction must
// change less from the first full year to the last milestone than the largest difference any
// package makes at that milestone (issue 14: the drift once dwarfed every package effect).
void check_stationarity(LibraryReport& rep, const std::vector<RunResult>& results, const LibraryOptions& opt) {
  const char* ind = "satisfaction_mean";
  const RunResult& rb = results[0];
  StationarityCheck& c = rep.stationarity;
  c.y0 = c.y1 = rb.months.front().year() + 1;
  for (const int y : milestone_years_in(rb)) c.y1 = y;
  try {
    c.drift = paired_interval(replicate_year_means(rb, ind, c.y1), replicate_year_means(rb, ind, c.y0));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string("library: baseline drift of ") + ind + ": " + e.what());
  }
  c.largest = PairedInterval{};
  for (size_t i = 1; i < rep.scenarios.size(); ++i) {
    if (rep.scenarios[i].kind != "package" || results[i].months.back().year() < c.y1) continue;
    const PairedInterval d = compare(results[i], rb, ind, c.y1, rep.stems[i]);
    if (std::fabs(d.mean) > std::fabs(c.largest.mean)) c.largest = d, c.largest_package = rep.stems[i];
  }
  c.passed = std::fabs(c.drift.mean) < std::fabs(c.largest.mean);
  rep.has_stationarity = true;
  // the drivers that trend under constant policy removed: the drift left is the start's (the same replicates)
  Scenario still = rep.scenarios[0];
  if (still.trend_drivers.empty()) return;
  for (const std::string& a : still.trend_drivers) {
    apply_override(still, a);
    c.drivers += (c.drivers.empty() ? "" : ", ") + a;
  }
  if (opt.progress) opt.progress(rep.stems[0] + " without its trend drivers (" + c.drivers + ")");
  const RunResult r = run_one(still, opt, rep.scenarios[0].seed, opt.replicates, rb.months.back());
  c.without = paired_interval(replicate_year_means(r, ind, c.y1), replicate_year_means(r, ind, c.y0));
  c.has_without = true;
}

// ---------------------------------------------------------------- the results sections

// The headline indicators of every run scenario, at each milestone year inside its run.
void write_results_table(std::ostream& md, const LibraryReport& rep, const std::vector<RunResult>& results,
                         const LibraryOptions& opt) {
  md << "\n## Results\n\n"
     << "From `govsim library` on the default county: " << opt.replicates
     << " replicates per scenario with common random numbers (seed " << rep.scenarios[0].seed
     << "), each value the mean over the replicates and the 12 months of the year. "
     << "Generated, like everything in this file; timings are in bench/README.md.\n\n"
     << "| scenario | year |";
  const auto heads = headline_names();
  for (const auto& h : heads) md << " `" << h << "` |";
  md << "\n|---|---|";
  for (size_t k = 0; k < heads.size(); ++k) md << "---|";
  md << "\n";
  for (size_t i = 0; i < rep.scenarios.size(); ++i) {
    if (!judged(rep.scenarios[i])) continue;
    for (const int year : milestone_years_in(results[i])) {
      md << "| " << rep.stems[i] << " | " << year << " |";
      for (const auto& h : heads) md << " " << fmt(checked_year_mean(results[i], h, year)) << " |";
      md << "\n";
    }
  }
}

std::string target_direction(const TargetDecl& t) {
  return std::string(t.higher_is_better() ? "higher" : "lower") +
         (t.has_threshold() ? std::string(t.higher_is_better() ? " (>= " : " (<= ") + format_value(t.threshold) + ")"
                            : "");
}

// Per package and milestone year: how many of its judged targets are better, not detectably different, worse.
void write_package_summary(std::ostream& md, const LibraryReport& rep) {
  std::vector<int> years;
  for (const auto& j : rep.packages)
    if (j.years.size() > years.size()) years = j.years;
  md << "\n### Summary\n\n| package | documents | targets judged |";
  for (const int y : years) md << " " << y << ": better | no detectable difference | worse |";
  md << "\n|---|---|---|";
  for (size_t k = 0; k < years.size(); ++k) md << "---|---|---|";
  md << "\n";
  for (size_t i = 1; i < rep.scenarios.size(); ++i) {
    if (rep.scenarios[i].kind != "package") continue;
    std::string docs;
    for (const auto& d : documents_of(rep.scenarios[i].documents)) docs += (docs.empty() ? "" : ", ") + d;
    std::vector<std::array<int, 3>> n(years.size(), {0, 0, 0});
    int judged_targets = 0;
    for (const auto& j : rep.packages) {
      if (j.scenario != rep.stems[i]) continue;
      ++judged_targets;
      for (size_t k = 0; k < j.verdict.size() && k < years.size(); ++k) ++n[k][static_cast<int>(j.verdict[k])];
    }
    md << "| " << rep.stems[i] << " | " << docs << " | " << judged_targets << " |";
    for (const auto& c : n) md << " " << c[0] << " | " << c[1] << " | " << c[2] << " |";
    md << "\n";
  }
}

void write_costs(std::ostream& md, const LibraryReport& rep) {
  std::vector<int> years;
  for (const auto& c : rep.costs)
    if (c.years.size() > years.size()) years = c.years;
  md << "\n### Cost beside effect\n\n"
     << "What each package costs: `governance_cost_per_resident` (yuan per resident a year: the county's grassroots "
        "transfers to townships plus the levers it pays itself, docs/model.md \"Lever costs\"), package − baseline "
        "with its paired 95% interval; the townships' unmet needs (`township_funding_gap_per_resident`), package − "
        "baseline; and the package's targets judged better / worse in that year.\n\n| package |";
  for (const int y : years)
    md << " " << y << " cost − baseline | " << y << " unmet needs − baseline | " << y << " better / worse |";
  md << "\n|---|";
  for (size_t k = 0; k < years.size(); ++k) md << "---|---|---|";
  md << "\n";
  for (const auto& c : rep.costs) {
    md << "| " << c.scenario << " |";
    for (size_t k = 0; k < c.years.size(); ++k)
      md << " " << interval_text(c.cost[k]) << " | " << interval_text(c.gap[k]) << " | " << c.better[k] << " / "
         << c.worse[k] << " |";
    md << "\n";
  }
}

// In words: for each package, the targets on which it does not help at each milestone.
void write_findings(std::ostream& md, const LibraryReport& rep) {
  md << "\n### Findings\n\n";
  for (size_t i = 1; i < rep.scenarios.size(); ++i) {
    if (rep.scenarios[i].kind != "package") continue;
    std::string text;
    std::map<std::string, int> worse;
    for (const auto& j : rep.packages) {
      if (j.scenario != rep.stems[i]) continue;
      for (size_t k = 0; k < j.years.size(); ++k)
        if (j.verdict[k] != Verdict::Better)
          text += std::string(text.empty() ? "" : "; ") + verdict_name(j.verdict[k]) + " at " +
                  std::to_string(j.years[k]) + " on `" + j.target->indicator + "` (" + j.target->clause + ", " +
                  interval_text(j.diff[k]) + ")";
    }
    md << "- `" << rep.stems[i]
       << "`: " << (text.empty() ? "better than the baseline on every judged target at every milestone." : text + ".")
       << "\n";
  }
}

void write_package_rows(std::ostream& md, const LibraryReport& rep) {
  std::vector<int> years;
  for (const auto& j : rep.packages)
    if (j.years.size() > years.size()) years = j.years;
  md << "\n### Every judged target\n\n| package | clause | indicator | better |";
  for (const int y : years)
    md << " " << y << " baseline | " << y << " package − baseline [95% interval] | " << y << " |";
  md << "\n|---|---|---|---|";
  for (size_t k = 0; k < years.size(); ++k) md << "---|---|---|";
  md << "\n";
  for (const auto& j : rep.packages) {
    md << "| " << j.scenario << " | " << j.target->clause << " | `" << j.target->indicator << "` | "
       << target_direction(*j.target) << " |";
    for (size_t k = 0; k < j.years.size(); ++k)
      md << " " << fmt(j.baseline[k]) << " | " << interval_text(j.diff[k]) << " | "
         << (j.verdict[k] == Verdict::Better  ? "better"
             : j.verdict[k] == Verdict::Worse ? "**worse**"
                                              : "no difference")
         << " |";
    md << "\n";
  }
}

void write_not_judged(std::ostream& md, const LibraryReport& rep) {
  md << "\n### Targets on input indicators (not judged)\n\n"
     << "These targets of the packages' documents are set on indicators of kind `input`: a lever or a fixed "
        "function of levers (docs/output.md), which a package meets by setting the lever, not through any "
        "mechanism. They are not judged until the indicator is produced by a mechanism; `govsim docs --check` "
        "warns about each.\n\n";
  if (rep.not_judged.empty()) {
    md << "None.\n";
    return;
  }
  md << "| package | clause | indicator | target |\n|---|---|---|---|\n";
  for (const auto& [stem, t] : rep.not_judged)
    md << "| " << stem << " | " << t->clause << " | `" << t->indicator << "` | " << t->text << " |\n";
}

void write_packages(std::ostream& md, const LibraryReport& rep, const LibraryOptions& opt) {
  md << "\n## What each package does against the baseline\n\n"
     << "Each package against the baseline on every target its documents set (docs/model.md, \"Document targets\"; "
        "model brief §5) whose indicator is an outcome. For each milestone year, the values are the mean over the "
        "12 months of the year, per replicate; *package − baseline* is the mean over the "
     << opt.replicates
     << " replicates of the paired difference (replicate r of the package minus replicate r of the baseline, "
        "common random numbers) and its 95% interval, mean ± t(0.975, n−1)·sd/√n. **better**: the interval lies "
        "wholly on the side the target asks for (above 0 for `>=` and `higher`, below 0 for `<=` and `lower`); "
        "**worse**: wholly on the other side; otherwise **no difference** (none detectable with these replicates). "
        "Whether a figure is met is `govsim run`'s table (and `target_attainment` in Python). Nothing in this "
        "section fails CI: where a package does not help, that is what the model says.\n";
  write_package_summary(md, rep);
  write_costs(md, rep);
  write_findings(md, rep);
  write_package_rows(md, rep);
  write_not_judged(md, rep);
}

std::string stress_section(const LibraryReport& rep, const LibraryOptions& opt) {
  std::ostringstream md;
  md << "\n## Stress tests\n\n"
     << "Each stress test must move every indicator of its `expect` table the stated way beyond its paired "
        "interval in its `expect_year`: the 95% interval of stress − baseline over the "
     << opt.replicates
     << " replicates (means over the 12 months of the year, paired by replicate) lies wholly above 0 (higher) or "
        "below 0 (lower). A row that does not hold fails `govsim library` and the CI test `library_behaviour`, "
        "which reruns the baseline and the stress tests to their expect_year with the same replicates and "
        "requires this section to come out identical.\n\n"
     << "| stress test | indicator | expected | year | baseline | stress − baseline [95% interval] | held |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const auto& c : rep.stress)
    md << "| " << c.scenario << " | `" << c.indicator << "` | " << (c.higher ? "higher" : "lower") << " | " << c.year
       << " | " << fmt(c.baseline) << " | " << interval_text(c.diff) << " | " << (c.passed ? "yes" : "**no**")
       << " |\n";
  return md.str();
}

void write_stationarity(std::ostream& md, const LibraryReport& rep) {
  const StationarityCheck& c = rep.stationarity;
  md << "\n## Does the baseline stand still?\n\n"
     << "With the policies of 2019 held constant, mean adult satisfaction changes by " << interval_text(c.drift)
     << " from " << c.y0 << " to " << c.y1
     << " (the mean change over replicates and its 95% interval; the environment build-out the constant funding "
        "pays for, and the committees' and grid's own trends; the perception dynamics start at their stationary "
        "state, docs/model.md §7.5). The largest difference a package makes at "
     << c.y1 << " is " << interval_text(c.largest) << " (" << c.largest_package
     << "). The drift must be the smaller in absolute mean: " << (c.passed ? "it is." : "**it is not**.")
     << " A failure fails `govsim library` and is recorded in the fingerprint below, so the CI test fails too.\n";
  if (c.has_without)
    md << "\nWhere the drift comes from: the baseline rerun with the drivers that trend under constant policy "
          "removed (`scenario.trend_drivers`: "
       << c.drivers << "; the same replicates) changes by " << interval_text(c.without) << " from " << c.y0 << " to "
       << c.y1 << " — "
       << (c.without.lo() <= 0 && c.without.hi() >= 0
               ? "an interval that holds 0: the drift is those mechanisms, not the start."
               : "an interval that does **not** hold 0: part of the drift is left without them.")
       << "\n";
}

void write_fingerprint(std::ostream& md, const LibraryReport& rep) {
  md << "\n## Fingerprint\n\n"
     << "The CI test `library_behaviour` (`govsim library scenarios --check docs/scenarios.md`) does not rerun "
        "the packages. It recomputes this fingerprint -- the scenario files, `govsim params --json`, the "
        "indicator declarations (with their kind) and the document targets, and every region series of a short "
        "run (one replicate, to "
     << fingerprint_end().str()
     << ") of every baseline, package and stress scenario -- compares the lever tables above, and reruns the "
        "stress tests; it fails, naming what changed, when any of them differs from what this file was made "
        "from. Then regenerate it with one command: `build/govsim library scenarios --out docs/scenarios.md`.\n\n"
     << rep.fingerprint.line(rep.failed()) << "\n";
}

}  // namespace

std::string LibraryFingerprint::line(int failed) const {
  return "<!-- library-fingerprint files=" + files + " params=" + params + " declarations=" + declarations +
         " results=" + results + " replicates=" + std::to_string(replicates) + " failed=" + std::to_string(failed) +
         " -->";
}

LibraryReport build_library_report(const std::string& dir, const LibraryOptions& opt) {
  if (opt.mode != LibraryOptions::Mode::Levers && opt.replicates < 2)
    throw std::runtime_error("library: paired intervals need at least 2 replicates");
  LibraryReport rep;
  load_library(dir, rep);
  std::ostringstream md;
  write_files_table(md, rep);
  write_levers_table(md, rep);
  rep.levers = md.str();
  if (opt.mode == LibraryOptions::Mode::Levers) {
    rep.markdown = rep.levers;
    return rep;
  }
  rep.fingerprint = fingerprint(dir, rep, opt);
  const std::vector<RunResult> results = run_library(rep, opt);
  check_stress(rep, results);
  rep.stress_section = stress_section(rep, opt);
  if (opt.mode == LibraryOptions::Mode::Check) return rep;
  judge_packages(rep, results);
  cost_packages(rep, results);
  check_stationarity(rep, results, opt);

  write_results_table(md, rep, results, opt);
  write_packages(md, rep, opt);
  md << rep.stress_section;
  write_stationarity(md, rep);
  write_fingerprint(md, rep);
  rep.markdown = md.str();
  return rep;
}

namespace {
// The value of `key=` in the stored fingerprint line ("" when absent).
std::string field(const std::string& line, const std::string& key) {
  const size_t p = line.find(" " + key + "=");
  if (p == std::string::npos) return "";
  const size_t b = p + key.size() + 2, e = line.find(' ', b);
  return line.substr(b, e == std::string::npos ? std::string::npos : e - b);
}
}  // namespace

std::vector<std::string> library_differences(const LibraryReport& current, const std::string& stored) {
  std::vector<std::string> out;
  if (stored.compare(0, current.levers.size(), current.levers) != 0)
    out.push_back("the files and levers tables differ (a scenario file or the library's format changed)");
  const size_t p = stored.find("<!-- library-fingerprint ");
  if (p == std::string::npos) {
    out.push_back("it holds no fingerprint line (<!-- library-fingerprint ... -->)");
    return out;
  }
  const std::string line = stored.substr(p, stored.find("-->", p) - p);
  const LibraryFingerprint& f = current.fingerprint;
  const std::pair<const char*, std::string> parts[] = {
      {"files", f.files}, {"params", f.params}, {"declarations", f.declarations}, {"results", f.results}};
  const char* what[] = {"the scenario files changed", "the parameter declarations (govsim params --json) changed",
                        "the indicator or target declarations changed",
                        "the model's results changed (a short run of a library scenario differs)"};
  for (size_t k = 0; k < 4; ++k)
    if (field(line, parts[k].first) != parts[k].second) out.push_back(what[k]);
  if (field(line, "replicates") != std::to_string(f.replicates))
    out.push_back("it was made with " + field(line, "replicates") + " replicates, this check uses " +
                  std::to_string(f.replicates));
  if (stored.find(current.stress_section) == std::string::npos)
    out.push_back("the stress tests' results differ from the stored section");
  const std::string failed = field(line, "failed");
  if (failed != "0") out.push_back("it records " + failed + " failed check(s)");
  return out;
}

}  // namespace govsim
