#include "config/scenario.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "config/files.hpp"
#include "config/names.hpp"
#include "config/toml_errors.hpp"
#include "govsim/mechanism.hpp"

namespace govsim {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& file, const toml::node& n, const std::string& msg) {
  throw ScenarioError(toml_message(file, n, msg));
}

const std::set<std::string> kScenarioKeys = {"title", "description", "documents",   "region",       "start",
                                             "end",   "seed",        "replicates",  "extends",      "spinup_months",
                                             "kind",  "expect",      "expect_year", "trend_drivers"};

std::optional<double> number_of(const toml::node& n) {
  if (auto v = n.as_integer()) return static_cast<double>(v->get());
  if (auto v = n.as_floating_point()) return v->get();
  if (auto v = n.as_boolean()) return v->get() ? 1.0 : 0.0;
  return std::nullopt;
}

std::string type_wanted(const ParamDecl& d) {
  switch (d.type) {
    case ParamType::Boolean:
      return "true or false";
    case ParamType::Integer:
      return "a whole number";
    default:
      return "a number";
  }
}

double checked_value(const std::string& file, const toml::node& n, const ParamDecl& d, const std::string& what) {
  auto v = number_of(n);
  const bool bool_ok = (d.type == ParamType::Boolean) == (n.is_boolean());
  if (!v || !bool_ok)
    fail(file, n,
         what + ": expected " + type_wanted(d) + (d.unit.empty() ? "" : " (" + d.unit + ")") +
             ", or a schedule such as { 2020 = " + format_value(d.default_value) + " }");
  if (auto err = check_value(d, *v)) fail(file, n, what + ": " + *err);
  return *v;
}

Schedule parse_schedule(const std::string& file, const toml::node& node, const ParamDecl& d, double base, Month start,
                        Month end) {
  Schedule s;
  s.base = base;
  if (!node.is_table()) {
    s.base = checked_value(file, node, d, d.name);
    return s;
  }
  const toml::table& t = *node.as_table();
  std::vector<std::tuple<toml::source_position, Month, double, const toml::node*>> pts;
  for (const auto& [key, val] : t) {
    const std::string k(key.str());
    if (k == "interp") {
      auto str = val.value<std::string>();
      if (!str || (*str != "linear" && *str != "step"))
        fail(file, val, d.name + ".interp: expected \"step\" or \"linear\"");
      s.linear = *str == "linear";
      continue;
    }
    auto m = Month::parse(k);
    if (!m) fail(file, val, d.name + ": schedule key \"" + k + "\" is not a date; use \"YYYY\" or \"YYYY-MM\"");
    if (*m < start || end < *m)
      fail(file, val,
           d.name + ": schedule date " + m->str() + " is outside the scenario period " + start.str() + " to " +
               end.str());
    const double v = checked_value(file, val, d, d.name + " at " + m->str());
    pts.emplace_back(key.source().begin, *m, v, &val);
  }
  if (pts.empty()) fail(file, node, d.name + ": a schedule needs at least one date = value entry");
  // Keys must be written in chronological order (toml++ keeps them sorted, so use the source order).
  std::sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) {
    const auto &pa = std::get<0>(a), &pb = std::get<0>(b);
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  for (size_t i = 1; i < pts.size(); ++i)
    if (!(std::get<1>(pts[i - 1]) < std::get<1>(pts[i])))
      fail(file, *std::get<3>(pts[i]),
           d.name + ": schedule dates out of order (" + std::get<1>(pts[i]).str() + " after " +
               std::get<1>(pts[i - 1]).str() + "); write them in increasing order");
  for (const auto& p : pts) s.points.emplace_back(std::get<1>(p), std::get<2>(p));
  return s;
}

void load_into(Scenario& s, const std::string& text, const std::string& file, const fs::path& base_dir,
               std::vector<std::string>& chain);

// extends: loads the parent (relative to this file's folder) into `s` first.
void load_parent(Scenario& s, const std::string& file, const toml::node& ext, const fs::path& base_dir,
                 std::vector<std::string>& chain) {
  auto p = ext.value<std::string>();
  if (!p) fail(file, ext, "scenario.extends: expected a file name in quotes");
  fs::path parent = base_dir / *p;
  const std::string canon = fs::weakly_canonical(parent).string();
  if (std::find(chain.begin(), chain.end(), canon) != chain.end())
    fail(file, ext, "scenario.extends: circular extends: " + canon + " is already being loaded");
  const FileText parent_text = read_input_file(parent);
  if (!parent_text.text)
    fail(file, ext, "scenario.extends: cannot read " + parent.string() + ": it " + parent_text.why);
  chain.push_back(canon);
  load_into(s, *parent_text.text, parent.string(), parent.parent_path(), chain);
  chain.pop_back();
}

std::string need_string(const std::string& file, const toml::node& val, const std::string& what) {
  auto v = val.value<std::string>();
  if (!v || !val.is_string()) fail(file, val, "scenario." + what + ": expected a string");
  return *v;
}

int64_t need_count(const std::string& file, const toml::node& val, const std::string& what, int64_t lo, int64_t hi) {
  if (!val.is_integer())
    fail(file, val,
         "scenario." + what + ": expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  const int64_t v = val.as_integer()->get();
  if (v < lo || v > hi)
    fail(file, val,
         "scenario." + what + ": " + std::to_string(v) + " is outside [" + std::to_string(lo) + ", " +
             std::to_string(hi) + "]");
  return v;
}

// scenario.expect = { indicator = "higher" | "lower", ... }
void read_expect(Scenario& s, const std::string& file, const toml::node& val) {
  const toml::table* e = val.as_table();
  if (!e) fail(file, val, "scenario.expect: expected a table such as { satisfaction_mean = \"lower\" }");
  s.expect.clear();
  const auto& ind = IndicatorRegistry::instance();
  for (const auto& [ikey, ival] : *e) {
    const std::string name(ikey.str());
    if (!ind.find(name))
      fail(file, ival,
           "scenario.expect: unknown indicator " + name + " (did you mean " +
               nearest_name(name, ind.all(), [](const auto& d) -> const std::string& { return d.name; }) + "?)");
    auto dir = ival.value<std::string>();
    if (!dir || (*dir != "higher" && *dir != "lower"))
      fail(file, ival, "scenario.expect." + name + ": expected \"higher\" or \"lower\"");
    s.expect.push_back({name, *dir == "higher"});
  }
}

// scenario.documents = ["...", ...]
void read_documents(Scenario& s, const std::string& file, const toml::node& val) {
  const toml::array* a = val.as_array();
  if (!a) fail(file, val, "scenario.documents: expected a list of strings");
  s.documents.clear();
  for (const auto& e : *a) {
    auto v = e.value<std::string>();
    if (!v) fail(file, e, "scenario.documents: expected a list of strings");
    s.documents.push_back(*v);
  }
}

// scenario.trend_drivers: "name=value" overrides, each checked now (a copy of the scenario takes it).
void read_trend_drivers(Scenario& s, const std::string& file, const toml::node& val) {
  const toml::array* a = val.as_array();
  if (!a) fail(file, val, "scenario.trend_drivers: expected a list of \"name=value\" strings");
  s.trend_drivers.clear();
  for (const auto& e : *a) {
    auto v = e.value<std::string>();
    if (!v) fail(file, e, "scenario.trend_drivers: expected a list of \"name=value\" strings");
    Scenario probe = s;
    try {
      apply_override(probe, *v);
    } catch (const ScenarioError& err) {
      fail(file, e, std::string("scenario.trend_drivers: ") + err.what());
    }
    s.trend_drivers.push_back(*v);
  }
}

// One key of the [scenario] block (extends is read before the others, by load_parent).

void read_scenario_key(Scenario& s, const std::string& file, const std::string& k, const toml::node& val) {
  if (!kScenarioKeys.count(k))
    fail(file, val, "unknown key scenario." + k + " (did you mean scenario." + nearest_name(k, kScenarioKeys) + "?)");
  if (k == "title")
    s.title = need_string(file, val, "title");
  else if (k == "description")
    s.description = need_string(file, val, "description");
  else if (k == "region")
    s.region = need_string(file, val, "region");
  else if (k == "seed")
    s.seed = static_cast<uint32_t>(need_count(file, val, "seed", 0, 4294967295LL));
  else if (k == "replicates")
    s.replicates = static_cast<uint32_t>(need_count(file, val, "replicates", 1, 10000));
  else if (k == "spinup_months")
    s.spinup_months = static_cast<int>(need_count(file, val, "spinup_months", 0, 600));
  else if (k == "start" || k == "end") {
    const std::string str = need_string(file, val, k);
    auto m = Month::parse(str);
    if (!m) fail(file, val, "scenario." + k + ": \"" + str + "\" is not a date; use \"YYYY-MM\"");
    (k == "start" ? s.start : s.end) = *m;
  } else if (k == "kind") {
    s.kind = need_string(file, val, "kind");
    if (s.kind != "baseline" && s.kind != "package" && s.kind != "stress" && s.kind != "example")
      fail(file, val, "scenario.kind: \"" + s.kind + "\" is not one of baseline, package, stress, example");
  } else if (k == "expect_year") {
    s.expect_year = static_cast<int>(need_count(file, val, "expect_year", 1900, 2200));
  } else if (k == "expect") {
    read_expect(s, file, val);
  } else if (k == "documents") {
    read_documents(s, file, val);
  } else if (k == "trend_drivers") {
    read_trend_drivers(s, file, val);
  }
}

// The [mechanism] blocks: each key a declared parameter, a constant or a schedule.
void read_parameter_blocks(Scenario& s, const std::string& file, const toml::table& root) {
  const auto& reg = ParamRegistry::instance();
  for (const auto& [bkey, bval] : root) {
    const std::string block(bkey.str());
    if (block == "scenario") continue;
    const toml::table* t = bval.as_table();
    if (!t) fail(file, bval, "top-level key '" + block + "': parameters go in a [mechanism] block");
    for (const auto& [key, val] : *t) {
      const std::string name = block + "." + std::string(key.str());
      auto id = reg.find(name);
      if (!id) fail(file, val, "unknown parameter " + name + " (did you mean " + reg.nearest(name) + "?)");
      const ParamDecl& d = reg.get(*id);
      s.values.set(*id, parse_schedule(file, val, d, s.values.schedule(*id).base, s.start, s.end));
    }
  }
}

// Reads one file into `s`, over what its parents (extends) set; `chain`: the files being loaded.
void load_into(Scenario& s, const std::string& text, const std::string& file, const fs::path& base_dir,
               std::vector<std::string>& chain) {
  toml::table root;
  if (auto err = parse_toml_checked(text, file, root)) throw ScenarioError(err->located(file));
  const toml::table* meta = root["scenario"].as_table();
  if (!meta) throw ScenarioError(file + ": missing the [scenario] block (title, region, start, end, seed)");
  // extends: load the parent first, then apply this file on top.
  if (const toml::node* ext = meta->get("extends")) load_parent(s, file, *ext, base_dir, chain);
  for (const auto& [key, val] : *meta) read_scenario_key(s, file, std::string(key.str()), val);
  if (s.end < s.start)
    fail(file, *meta, "scenario period ends (" + s.end.str() + ") before it starts (" + s.start.str() + ")");
  read_parameter_blocks(s, file, root);
  if (!s.text.empty()) s.text += "\n# ---- " + file + " (extends the above)\n";
  s.text += text;
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& name, const std::string& base_dir) {
  Scenario s;
  s.file = name;
  std::vector<std::string> chain;
  if (name.front() != '<') chain.push_back(fs::weakly_canonical(name).string());
  load_into(s, text, name, base_dir, chain);
  return s;
}

Scenario load_scenario_file(const std::string& path) {
  const FileText text = read_input_file(path);
  if (!text.text) throw ScenarioError(path + ": cannot read the scenario file: it " + text.why);
  return load_scenario_text(
      *text.text, path, fs::path(path).parent_path().string().empty() ? "." : fs::path(path).parent_path().string());
}

void apply_override(Scenario& s, const std::string& assignment) {
  const auto eq = assignment.find('=');
  const std::string label = "--set " + assignment;
  if (eq == std::string::npos || eq == 0) throw ScenarioError(label + ": expected name=value");
  std::string name = assignment.substr(0, eq);
  name.erase(name.find_last_not_of(" \t") + 1);
  const std::string value = assignment.substr(eq + 1);
  const auto& reg = ParamRegistry::instance();
  auto id = reg.find(name);
  if (!id) throw ScenarioError(label + ": unknown parameter " + name + " (did you mean " + reg.nearest(name) + "?)");
  toml::table t;
  if (auto err = parse_toml_checked("v = " + value, "--set", t))  // columns count from the "v = " put first
    throw ScenarioError(
        label + ": cannot read the value" +
        (err->line == 1 && err->column > 4 ? " (at character " + std::to_string(err->column - 4) + ")" : "") + ": " +
        err->message);
  // The value must be the whole of what follows '=': "x=1\n[t]\ny=2" would otherwise set x and drop the rest.
  if (t.size() != 1 || !t.get("v"))
    throw ScenarioError(label + ": unexpected text after the value (--set takes one name=value; give several --set)");
  try {
    s.values.set(*id, parse_schedule("--set", *t.get("v"), reg.get(*id), s.values.schedule(*id).base, s.start, s.end));
  } catch (const ScenarioError& e) {
    std::string msg = e.what();
    const auto colon = msg.find(": ");
    throw ScenarioError(label + ": " + (colon == std::string::npos ? msg : msg.substr(colon + 2)));
  }
  s.text += "\n# --set " + assignment + "\n";
}

}  // namespace govsim

#include "govsim/resources.hpp"
namespace govsim {
const std::string& embedded_default_scenario() { return resource_text("default.toml"); }
}  // namespace govsim
