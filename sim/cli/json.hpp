// Minimal JSON and CSV text for the program's machine-readable output
// (`govsim params --json`, `govsim export`, `govsim batch --dry-run`).
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "govsim/params.hpp"
#include "output/csv_text.hpp"

namespace govsim::cli {

using govsim::csv_field;
using govsim::csv_number;

// A JSON string literal: quotes, backslashes and control characters escaped (UTF-8 passes through).
inline std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += static_cast<char>(c);
    } else if (c < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      o += b;
    } else {
      o += static_cast<char>(c);
    }
  }
  return o + "\"";
}

// A JSON number (null for NaN or infinity, which JSON cannot hold).
inline std::string json_number(double v) { return std::isfinite(v) ? format_value(v) : "null"; }

}  // namespace govsim::cli
