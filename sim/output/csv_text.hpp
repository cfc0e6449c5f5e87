// CSV text (RFC 4180) for the files govsim writes: `govsim export` and the batch design CSV.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace govsim {

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

// A number in CSV: shortest round-trip form, empty for NaN (missing).
inline std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  char b[32];
  std::snprintf(b, sizeof b, "%.17g", v);
  // shortest of %.15g..%.17g that reads back exactly
  for (int p = 15; p <= 17; ++p) {
    std::snprintf(b, sizeof b, "%.*g", p, v);
    if (std::strtod(b, nullptr) == v) break;
  }
  return b;
}

}  // namespace govsim
