// Reading the region data files by column name: the engine's reader
// (govsim/csv.hpp) gives cells by position; this looks each name up in the
// header once, so a file whose columns are reordered or extended still reads,
// and a missing column is an error naming the file and the column.
#pragma once
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
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
      ++header_line_;
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ls(line);
      std::string cell;
      while (std::getline(ls, cell, ',')) {
        for (const auto& n : names_)
          if (n == cell)
            throw std::runtime_error(file_ + ":" + std::to_string(header_line_) + ": the column '" + cell +
                                     "' appears twice in the header");
        names_.push_back(cell);
      }
      break;
    }
  }
  size_t index(const std::string& name) const {
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return i;
    std::string have;
    for (const auto& n : names_) have += (have.empty() ? "" : ", ") + n;
    throw std::runtime_error(file_ + ":" + std::to_string(header_line_) + ": no column named '" + name +
                             "' in the header (" + std::to_string(names_.size()) + " columns: " + have + ")");
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  int header_line_ = 0;
  std::vector<std::string> names_;
};

// One row with its cells looked up by column name. Numbers are read strictly: the
// whole cell (no spaces, no trailing text), finite, and inside the range the reader
// gives; anything else is an error naming the file, the line and the column, so that
// no negative or absurd count reaches an unsigned cast or an allocation.
class NamedRow {
 public:
  NamedRow(const CsvRow& row, const CsvColumns& cols) : row_(row), cols_(cols) {}
  const std::string& str(const std::string& name) const {
    const size_t i = cols_.index(name);
    if (i >= row_.cells.size()) fail(name, "the row has only " + std::to_string(row_.cells.size()) + " columns");
    return row_.cells[i];
  }
  double real(const std::string& name, double lo, double hi) const {
    const std::string& c = str(name);
    char* end = nullptr;
    errno = 0;
    const double v = c.empty() || std::isspace(static_cast<unsigned char>(c[0])) ? NAN : std::strtod(c.c_str(), &end);
    if (!end || *end != '\0' || errno == ERANGE || !std::isfinite(v)) fail(name, "'" + c + "' is not a number");
    if (v < lo || v > hi) fail(name, c + " is outside the allowed range [" + num(lo) + ", " + num(hi) + "]");
    return v;
  }
  long long integer(const std::string& name, long long lo, long long hi) const {
    const std::string& c = str(name);
    size_t i = c.size() > 1 && c[0] == '-' ? 1 : 0;
    bool digits = i < c.size() && c.size() - i <= 18;
    for (; digits && i < c.size(); ++i) digits = std::isdigit(static_cast<unsigned char>(c[i]));
    if (!digits) fail(name, "'" + c + "' is not a whole number");
    const long long v = std::stoll(c);
    if (v < lo || v > hi)
      fail(name, c + " is outside the allowed range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
  }
  [[noreturn]] void fail(const std::string& column, const std::string& msg) const {
    throw std::runtime_error(cols_.file() + ":" + std::to_string(row_.line) + ": column " + column + ": " + msg);
  }
  int line() const { return row_.line; }

 private:
  static std::string num(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }
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
