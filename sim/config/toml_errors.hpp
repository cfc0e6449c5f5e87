// Error messages that point into a TOML file, shared by the scenario and the
// experiment loaders: "FILE:LINE:COLUMN: message" (just "FILE: message" where
// toml++ knows no position).
#pragma once
#include <sstream>
#include <string>
#include <toml++/toml.h>

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

}  // namespace govsim
