// design = "file": an external design (SALib, the EMA Workbench, scipy.stats.qmc, a spreadsheet)
// as CSV: a header of factor names, one row of factor values per run.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "config/experiment.hpp"
#include "config/files.hpp"
#include "config/names.hpp"

namespace govsim {

namespace {

// The cells of one CSV line, trimmed of blanks and a final '\r'.
std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) {
    const auto a = cell.find_first_not_of(" \t\r"), b = cell.find_last_not_of(" \t\r");
    cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
  }
  if (!line.empty() && line.back() == ',') cells.push_back("");
  return cells;
}

[[noreturn]] void fail_at(const std::string& file, int line, const std::string& msg) {
  throw ExperimentError(file + ":" + std::to_string(line) + ": " + msg);
}

// The header: every factor of the experiment exactly once, in any order. Returns column -> factor.
std::vector<size_t> header_columns(const Experiment& e, const std::vector<std::string>& header, int line) {
  std::vector<std::string> names;
  for (const auto& f : e.factors) names.push_back(f.name);
  std::vector<size_t> col;
  std::vector<bool> seen(names.size(), false);
  for (const auto& h : header) {
    const auto it = std::find(names.begin(), names.end(), h);
    if (it == names.end())
      fail_at(e.design_file, line,
              "column \"" + h + "\" is not a factor of " + e.file + " (did you mean " + nearest_name(h, names) + "?)");
    const size_t j = static_cast<size_t>(it - names.begin());
    if (seen[j]) fail_at(e.design_file, line, "column \"" + h + "\" appears twice");
    seen[j] = true;
    col.push_back(j);
  }
  for (size_t j = 0; j < names.size(); ++j)
    if (!seen[j])
      fail_at(e.design_file, line, "no column for factor \"" + names[j] + "\" (the header names every factor)");
  return col;
}

// A value of factor f read from the file: in its range (or one of its levels), whole for whole-number
// parameters; returns its coordinate in the unit hypercube.
double unit_coordinate(const Experiment& e, const Factor& f, double v, int line) {
  const auto& reg = ParamRegistry::instance();
  const ParamDecl& d = reg.get(*reg.find(f.parameter));
  const std::string where = "column " + f.name + " (" + f.parameter + "): " + format_value(v);
  if (f.kind == Factor::Kind::Levels) {
    const auto it = std::find(f.levels.begin(), f.levels.end(), v);
    if (it == f.levels.end()) {
      std::string lv;
      for (double x : f.levels) lv += (lv.empty() ? "" : ", ") + format_value(x);
      fail_at(e.design_file, line, where + " is not one of the factor's levels [" + lv + "]");
    }
    return (static_cast<double>(it - f.levels.begin()) + 0.5) / static_cast<double>(f.levels.size());
  }
  if (v < f.low || v > f.high)
    fail_at(e.design_file, line,
            where + " is outside the factor's " + f.kind_str() + " [" + format_value(f.low) + ", " +
                format_value(f.high) + "]");
  if (f.kind == Factor::Kind::Range && d.type != ParamType::Real && v != std::round(v))
    fail_at(e.design_file, line, where + " is not a whole number (" + f.parameter + " is " + to_string(d.type) + ")");
  return (v - f.low) / (f.high - f.low);
}

// One data row: its values in factor order, and their unit-hypercube coordinates.
void read_row(Experiment& e, const std::vector<size_t>& col, const std::vector<std::string>& cells, int line) {
  if (cells.size() != col.size())
    fail_at(
        e.design_file, line,
        "expected " + std::to_string(col.size()) + " values (one per factor), found " + std::to_string(cells.size()));
  std::vector<double> v(col.size()), u(col.size());
  for (size_t c = 0; c < cells.size(); ++c) {
    const Factor& f = e.factors[col[c]];
    char* end = nullptr;
    const double x = std::strtod(cells[c].c_str(), &end);
    if (cells[c].empty() || *end != '\0' || !std::isfinite(x))
      fail_at(e.design_file, line, "column " + f.name + ": \"" + cells[c] + "\" is not a number");
    v[col[c]] = x;
    u[col[c]] = unit_coordinate(e, f, x, line);
  }
  e.values.push_back(std::move(v));
  e.unit.push_back(std::move(u));
}

}  // namespace

void read_design_file(Experiment& e) {
  const FileText text = read_input_file(e.design_file);
  if (!text.text)
    throw ExperimentError(e.file + ": experiment.design_file: cannot read " + e.design_file + ": it " + text.why);
  std::istringstream in(*text.text);
  std::string line;
  std::vector<size_t> col;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    if (col.empty())
      col = header_columns(e, split_cells(line), lineno);
    else
      read_row(e, col, split_cells(line), lineno);
    if (e.values.size() > 1000000) fail_at(e.design_file, lineno, "more than 1,000,000 runs");
  }
  if (col.empty())
    throw ExperimentError(e.design_file + ": empty (expected a header of factor names and one row per run)");
  if (e.values.empty()) fail_at(e.design_file, lineno, "no runs (one row of values per run after the header)");
  e.samples = static_cast<uint32_t>(e.values.size());
}

}  // namespace govsim
