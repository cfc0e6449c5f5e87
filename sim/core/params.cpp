#include "govsim/params.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace govsim {

const char* to_string(ParamType t) {
  switch (t) {
    case ParamType::Real:
      return "real";
    case ParamType::Integer:
      return "integer";
    case ParamType::Boolean:
      return "boolean";
  }
  return "?";
}

ParamRegistry& ParamRegistry::instance() {
  static ParamRegistry r;
  return r;
}

ParamId ParamRegistry::add(ParamDecl decl) {
  if (find(decl.name)) throw std::logic_error("parameter declared twice: " + decl.name);
  if (decl.name.find('.') == std::string::npos)
    throw std::logic_error("parameter name must be <mechanism>.<name>: " + decl.name);
  if (decl.type == ParamType::Boolean) {
    decl.min = 0;
    decl.max = 1;
  }
  if (decl.source.empty()) throw std::logic_error("parameter without a source: " + decl.name);
  if (auto err = check_value(decl, decl.default_value))
    throw std::logic_error("default of " + decl.name + " is invalid: " + *err);
  decls_.push_back(std::move(decl));
  return static_cast<ParamId>(decls_.size() - 1);
}

std::optional<ParamId> ParamRegistry::find(const std::string& name) const {
  for (size_t i = 0; i < decls_.size(); ++i)
    if (decls_[i].name == name) return static_cast<ParamId>(i);
  return std::nullopt;
}

// Exact for names of up to kEditPrefix characters (the longest declared name has 42); beyond
// that, the distance of the first kEditPrefix characters plus the difference of what is left,
// so that a misspelt 1 MB key costs milliseconds, not the O(n m) of the full table (issue 19).
size_t edit_distance(const std::string& a_in, const std::string& b_in) {
  constexpr size_t kEditPrefix = 64;
  if (a_in.size() > kEditPrefix || b_in.size() > kEditPrefix) {
    const size_t ra = a_in.size() - std::min(a_in.size(), kEditPrefix),
                 rb = b_in.size() - std::min(b_in.size(), kEditPrefix);
    return edit_distance(a_in.substr(0, kEditPrefix), b_in.substr(0, kEditPrefix)) + (ra > rb ? ra - rb : rb - ra);
  }
  const std::string& a = a_in;
  const std::string& b = b_in;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string ParamRegistry::nearest(const std::string& name) const {
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const auto& d : decls_) {
    size_t dist = edit_distance(name, d.name);
    // also compare against the part after the mechanism prefix
    auto dot = d.name.find('.');
    if (dot != std::string::npos) dist = std::min(dist, edit_distance(name, d.name.substr(dot + 1)) + 1);
    if (dist < best_d) {
      best_d = dist;
      best = d.name;
    }
  }
  return best;
}

std::vector<ParamId> ParamRegistry::sorted() const {
  std::vector<ParamId> ids(decls_.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<ParamId>(i);
  std::sort(ids.begin(), ids.end(), [&](ParamId a, ParamId b) { return decls_[a].name < decls_[b].name; });
  return ids;
}

Param declare_param(ParamDecl decl) { return Param{ParamRegistry::instance().add(std::move(decl))}; }

Param param_named(const std::string& name) {
  auto id = ParamRegistry::instance().find(name);
  if (!id) throw std::logic_error("no parameter named " + name);
  return Param{*id};
}

std::string format_value(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::optional<std::string> check_value(const ParamDecl& d, double v) {
  if (!std::isfinite(v)) return std::string("value is not a finite number");
  if (d.type == ParamType::Integer && v != std::floor(v))
    return "value " + format_value(v) + " is not a whole number (the parameter is an integer)";
  if (d.type == ParamType::Boolean && v != 0 && v != 1) return std::string("value must be true or false");
  if (v < d.min || v > d.max)
    return "value " + format_value(v) + " is outside the allowed range [" + format_value(d.min) + ", " +
           format_value(d.max) + "]" + (d.unit.empty() ? "" : " " + d.unit);
  return std::nullopt;
}

double Schedule::at(Month m) const {
  if (points.empty() || m < points.front().first) return base;
  // last point at or before m
  auto it = std::upper_bound(points.begin(), points.end(), m,
                             [](Month x, const std::pair<Month, double>& p) { return x < p.first; });
  const auto& lo = *(it - 1);
  if (!linear || it == points.end()) return lo.second;
  const auto& hi = *it;
  const double t = static_cast<double>(m - lo.first) / static_cast<double>(hi.first - lo.first);
  return lo.second + t * (hi.second - lo.second);
}

std::string Schedule::str() const {
  if (points.empty()) return format_value(base);
  std::ostringstream o;
  o << "{";
  for (size_t i = 0; i < points.size(); ++i)
    o << (i ? ", " : "") << '"' << points[i].first.str() << "\" = " << format_value(points[i].second);
  if (linear) o << ", interp = \"linear\"";
  o << "}";
  return o.str();
}

ParamValues::ParamValues() {
  const auto& all = ParamRegistry::instance().all();
  schedules_.reserve(all.size());
  for (const auto& d : all) schedules_.push_back(Schedule{d.default_value, {}, false});
}

void ParamValues::resolve(Month m, std::vector<double>& out) const {
  out.resize(schedules_.size());
  for (size_t i = 0; i < schedules_.size(); ++i) out[i] = schedules_[i].at(m);
}

}  // namespace govsim
