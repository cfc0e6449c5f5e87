// Reading the comma-separated data files in scenarios/data/: '#' lines are
// comments, the first other line is the header; every row must have the header's
// number of cells. Errors name the file and line.
#pragma once
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace govsim {

struct CsvRow {
  int line;  // 1-based line number in the file
  std::vector<std::string> cells;
};

inline std::vector<CsvRow> read_csv(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  std::string line;
  std::vector<CsvRow> rows;
  size_t columns = 0;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    CsvRow r{lineno, {}};
    std::string cell;
    std::istringstream ls(line);
    while (std::getline(ls, cell, ',')) r.cells.push_back(cell);
    if (columns == 0) {
      columns = r.cells.size();  // the header
      continue;
    }
    if (r.cells.size() != columns)
      throw std::runtime_error(file + ":" + std::to_string(lineno) + ": expected " + std::to_string(columns) +
                               " columns, found " + std::to_string(r.cells.size()));
    rows.push_back(std::move(r));
  }
  return rows;
}

// Calls parse(row) for every row, turning a failed number conversion into an
// error naming the file and line.
template <class T>
std::vector<T> parse_csv(const std::string& text, const std::string& file,
                         const std::function<T(const CsvRow&)>& parse) {
  std::vector<T> out;
  for (const auto& r : read_csv(text, file)) {
    try {
      out.push_back(parse(r));
    } catch (const std::logic_error&) {  // std::stoi / std::stod
      throw std::runtime_error(file + ":" + std::to_string(r.line) + ": a number could not be read");
    }
  }
  return out;
}

}  // namespace govsim
