// Error messages that point into a TOML file, shared by the scenario and the
// experiment loaders: "FILE:LINE:COLUMN: message" (just "FILE: message" where
// toml++ knows no position).
#pragma once
#include <optional>
#include <sstream>
#include <string>
#include <toml++/toml.h>

#include "config/toml_guard.hpp"

namespace govsim {

inline std::string toml_where(const std::string& file, const toml::source_position& p) {
  std::ostringstream o;
  o << file;
  if (p.line) o << ":" << p.line << ":" << p.column;
  return o.str();
}

// "FILE:LINE:COLUMN: msg" for the node `n` of `file`.
inline std::string toml_message(const std::string& file, const toml::node& n, const std::string& msg) {
  return toml_where(file, n.source().begin) + ": " + msg;
}

// "FILE:LINE:COLUMN: what toml++ says" for a file that is not valid TOML.
inline std::string toml_parse_message(const std::string& file, const toml::parse_error& e) {
  return toml_where(file, e.source().begin) + ": " + std::string(e.description());
}

// Where and why TOML text could not be read (line 0: toml++ gave no position).
struct TomlReadError {
  int line = 0, column = 0;
  std::string message;
  std::string located(const std::string& file) const {
    return (line ? file + ":" + std::to_string(line) + ":" + std::to_string(column) : file) + ": " + message;
  }
};

// Parses `text` into `out` once the syntax check (config/toml_guard.hpp) has passed it,
// so that toml++ never sees text it mishandles. nullopt on success, else the error
// (its located() is "FILE:LINE:COLUMN: message"; the caller throws its own kind of error).
inline std::optional<TomlReadError> parse_toml_checked(const std::string& text, const std::string& file,
                                                       toml::table& out) {
  if (auto p = toml_syntax_problem(text)) return TomlReadError{p->line, p->column, p->message};
  try {
    out = toml::parse(std::string_view(text), std::string_view(file));
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return TomlReadError{static_cast<int>(b.line), static_cast<int>(b.column), std::string(e.description())};
  }
  return std::nullopt;
}

}  // namespace govsim
