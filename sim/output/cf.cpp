#include "output/cf.hpp"

#include <map>
#include <stdexcept>

namespace govsim {

namespace {

// Readable label -> UDUNITS-2 unit (each checked by `udunits2` in tests/python/test_cf.py).
const std::map<std::string, std::string>& table() {
  static const std::map<std::string, std::string> t = {
      // dimensionless: shares, indices, ratios, counts of things, money
      {"1", "1"},
      {"dimensionless", "1"},
      {"ratio", "1"},
      {"index", "1"},
      {"index 0-1", "1"},
      {"score 1-5", "1"},
      {"multiplier", "1"},
      {"weight", "1"},
      {"elasticity", "1"},
      {"exponent", "1"},
      {"flag", "1"},
      {"share", "1"},
      {"share 0-1", "1"},
      {"share above county pay", "1"},
      {"severity 0-1", "1"},
      {"quality 0-1", "1"},
      {"strength 0-1", "1"},
      {"trust 0-1", "1"},
      {"literacy", "1"},
      {"persons", "1"},
      {"residents", "1"},
      {"households", "1"},
      {"members", "1"},
      {"staff", "1"},
      {"workers", "1"},
      {"cases", "1"},
      {"requests", "1"},
      {"incidents", "1"},
      {"shocks", "1"},
      {"tasks", "1"},
      {"villages", "1"},
      {"communities", "1"},
      {"townships", "1"},
      {"secretaries", "1"},
      {"service points", "1"},
      {"cadres per village", "1"},
      {"persons per household", "1"},
      {"households per worker", "1"},
      {"yuan", "1"},
      {"yuan per resident", "1"},
      {"yuan per village", "1"},
      {"yuan per household", "1"},
      // densities (1e-4: per 10,000)
      {"per 10,000 residents", "1e-4"},
      {"organisations per 10,000 residents", "1e-4"},
      {"staff per 10,000 residents", "1e-4"},
      {"m2 per 100 households", "0.01 m2"},
      // rates over time
      {"per month", "month-1"},
      {"share per month", "month-1"},
      {"probability per month", "month-1"},
      {"yuan per month", "month-1"},
      {"per year", "year-1"},
      {"per resident per year", "year-1"},
      {"probability per year", "year-1"},
      {"yuan per year", "year-1"},
      {"yuan per resident per year", "year-1"},
      {"yuan per village per year", "year-1"},
      {"yuan per household per year", "year-1"},
      {"hours per household per month", "hour month-1"},
      {"per 1,000 residents per year", "1e-3 year-1"},
      {"per 1,000 compound households per year", "1e-3 year-1"},
      {"per 10,000 residents per year", "1e-4 year-1"},
      {"per 100,000 residents per year", "1e-5 year-1"},
      // durations
      {"months", "month"},
      {"working days", "day"},
      {"years", "year"},
      {"hours", "hour"},
  };
  return t;
}

}  // namespace

std::optional<std::string> udunits_of(const std::string& label) {
  const auto& t = table();
  if (auto it = t.find(label); it != t.end()) return it->second;
  // "share of villages", "share of residents", ...: a share of anything is a number
  if (label.rfind("share of ", 0) == 0) return "1";
  return std::nullopt;
}

std::string udunits_or_throw(const std::string& label, const std::string& what) {
  if (auto u = udunits_of(label)) return *u;
  throw std::runtime_error(what + ": the units label \"" + label +
                           "\" has no UDUNITS-2 unit (add it to the table in sim/output/cf.cpp)");
}

}  // namespace govsim
