#include "cli/targets_report.hpp"

#include "cli/library.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "govsim/report.hpp"

namespace govsim {

std::optional<double> series_value(const RunResult& r, const std::string& indicator, uint32_t rep, Month at,
                                   int window) {
  auto id = IndicatorRegistry::instance().find(indicator);
  if (!id || r.months.empty()) return std::nullopt;
  const int last = at - r.months.front();
  if (last < 0 || last >= static_cast<int>(r.months.size())) return std::nullopt;
  double sum = 0;
  int n = 0;
  for (int m = std::max(0, last - window + 1); m <= last; ++m) {
    const double v = r.county(*id, rep, static_cast<size_t>(m));
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

std::optional<double> year_mean(const RunResult& r, IndicatorId id, int year) {
  double sum = 0;
  int n = 0;
  for (uint32_t rep = 0; rep < r.replicates; ++rep)
    for (size_t m = 0; m < r.months.size(); ++m)
      if (r.months[m].year() == year) {
        const double v = r.county(id, rep, m);
        if (!std::isnan(v)) sum += v, ++n;
      }
  if (n == 0) return std::nullopt;
  return sum / n;
}

namespace {
// A year's mean of each replicate (NaN months skipped; NaN when a replicate has none).
std::vector<double> replicate_means(const RunResult& r, IndicatorId id, int year) {
  std::vector<double> out;
  for (uint32_t rep = 0; rep < r.replicates; ++rep) {
    double s = 0;
    int n = 0;
    for (size_t m = 0; m < r.months.size(); ++m)
      if (r.months[m].year() == year) {
        const double v = r.county(id, rep, m);
        if (!std::isnan(v)) s += v, ++n;
      }
    if (n > 0) out.push_back(s / n);
  }
  return out;
}
}  // namespace

std::string number_text(double v) {
  char b[32];
  std::snprintf(b, sizeof b, std::fabs(v) >= 1000 ? "%.0f" : "%.3f", v);
  return b;
}

// The 95% interval of the mean over replicates (Student t), as " [lo, hi]"; "" with fewer than 2.
std::string replicate_interval(const RunResult& r, IndicatorId id, int year) {
  const std::vector<double> v = replicate_means(r, id, year);
  if (v.size() < 2) return "";
  double mean = 0, ss = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  for (double x : v) ss += (x - mean) * (x - mean);
  const double half = student_t_quantile(0.975, static_cast<int>(v.size()) - 1) *
                      std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  return " [" + number_text(mean - half) + ", " + number_text(mean + half) + "]";
}

namespace {
std::optional<double> mean_over_replicates(const RunResult& r, const TargetDecl& t, Month at) {
  double sum = 0;
  for (uint32_t rep = 0; rep < r.replicates; ++rep) {
    auto v = series_value(r, t.indicator, rep, at, t.window);
    if (!v) return std::nullopt;
    sum += *v;
  }
  return r.replicates ? std::optional<double>(sum / r.replicates) : std::nullopt;
}
bool meets(const TargetDecl& t, double v) {
  // figures are compared at the precision the documents use (0.1 percentage point)
  const double eps = 1e-3 * std::max(1.0, std::fabs(t.threshold));
  return t.rule == TargetDecl::Rule::AtLeast ? v >= t.threshold - eps : v <= t.threshold + eps;
}
// Display width of UTF-8 text: CJK characters take two columns.
size_t display_width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len == 3 ? 2 : 1;
    i += len;
  }
  return w;
}
// Cut to at most `width` columns (with "..." when cut) and pad with spaces.
std::string fit(const std::string& s, size_t width) {
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, cw = len == 3 ? 2 : 1;
    if (w + cw > width - 3 && display_width(s) > width) {
      out += "...";
      w += 3;
      break;
    }
    out += s.substr(i, len);
    w += cw;
    i += len;
  }
  return out + std::string(width > w ? width - w : 0, ' ');
}
std::string fmt(std::optional<double> v) {
  if (!v) return "-";
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", *v);
  return b;
}
}  // namespace

std::vector<TargetOutcome> evaluate_targets(const RunResult& r, const std::vector<const TargetDecl*>& targets) {
  std::vector<TargetOutcome> out;
  for (const TargetDecl* t : targets) {
    TargetOutcome o{t, std::nullopt, {}, 0, 0};
    if (!t->deadline.empty()) o.at_deadline = mean_over_replicates(r, *t, t->judged_at());
    for (const Month m : milestones()) o.at_milestone.push_back(mean_over_replicates(r, *t, m));
    if (t->has_threshold())
      for (uint32_t rep = 0; rep < r.replicates; ++rep)
        if (auto v = series_value(r, t->indicator, rep, t->judged_at(), t->window)) {
          ++o.judged;
          o.met += meets(*t, *v);
        }
    out.push_back(o);
  }
  return out;
}

std::string format_targets(const std::vector<TargetOutcome>& outcomes, const std::vector<std::string>& documents) {
  std::ostringstream o;
  std::string docs;
  for (const auto& d : documents) docs += (docs.empty() ? "" : ", ") + d;
  if (outcomes.empty()) {
    o << "\nDocument targets: none for this scenario's documents" << (docs.empty() ? "" : " (" + docs + ")") << ".\n";
    return o.str();
  }
  o << "\nDocument targets (" << docs << "; model brief §5). Values are replicate means; "
    << "flows are 12-month means ending at the month.\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %-11s %-60s %-8s %10s", "clause", "target", "deadline", "at it");
  o << line;
  for (const Month m : milestones()) {
    std::snprintf(line, sizeof line, " %10s", m.str().c_str());
    o << line;
  }
  o << "  met\n";
  for (const auto& x : outcomes) {
    const TargetDecl& t = *x.target;
    std::string met;
    if (!t.has_threshold())
      met = std::string("(") + t.rule_str() + " is better: compare with the baseline)";
    else if (x.judged == 0)
      met = "not judged: " + t.judged_at().str() + " is outside the run";
    else {
      met = x.met == x.judged ? "yes" : x.met == 0 ? "no" : "partly";
      met += " (" + std::to_string(x.met) + "/" + std::to_string(x.judged) + " replicates, at " + t.judged_at().str() +
             ")";
    }
    std::snprintf(line, sizeof line, "  %s %s %-8s %10s", fit(t.clause, 11).c_str(), fit(t.text, 60).c_str(),
                  t.deadline.empty() ? "-" : t.deadline.c_str(), fmt(x.at_deadline).c_str());
    o << line;
    for (const auto& v : x.at_milestone) {
      std::snprintf(line, sizeof line, " %10s", fmt(v).c_str());
      o << line;
    }
    o << "  " << met << "\n";
  }
  return o.str();
}

}  // namespace govsim
