// Reading the region data files by column name: the engine's reader
// (govsim/csv.hpp) gives cells by position; this looks each name up in the
// header once, so a file whose columns are reordered or extended still reads,
// and a missing column is an error naming the file and the column.
#pragma once
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "govsim/csv.hpp"

namespace govsim::model {

// The header of a data file: its first line that is not a '#' comment.
class CsvColumns {
 public:
  CsvColumns(const std::string& text, std::string file) : file_(std::move(file)) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ls(line);
      std::string cell;
      while (std::getline(ls, cell, ',')) names_.push_back(cell);
      break;
    }
  }
  size_t index(const std::string& name) const {
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return i;
    throw std::runtime_error(file_ + ": no column named '" + name + "'");
  }

 private:
  std::string file_;
  std::vector<std::string> names_;
};

// One row with its cells looked up by column name.
class NamedRow {
 public:
  NamedRow(const CsvRow& row, const CsvColumns& cols) : row_(row), cols_(cols) {}
  const std::string& str(const std::string& name) const { return row_.cells.at(cols_.index(name)); }
  double real(const std::string& name) const { return std::stod(str(name)); }
  int integer(const std::string& name) const { return std::stoi(str(name)); }

 private:
  const CsvRow& row_;
  const CsvColumns& cols_;
};

// parse_csv with rows read by column name.
template <class T>
std::vector<T> parse_named_csv(const std::string& text, const std::string& file,
                               const std::function<T(const NamedRow&)>& parse) {
  const CsvColumns cols(text, file);
  return parse_csv<T>(text, file, [&](const CsvRow& row) { return parse(NamedRow(row, cols)); });
}

}  // namespace govsim::model
