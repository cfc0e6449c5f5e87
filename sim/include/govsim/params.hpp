// The parameter registry. Every model parameter is declared exactly once, in the
// file of the mechanism that uses it, with its default, unit, allowed range,
// description and source. Validation, `--set`, `govsim params`, the HDF5 metadata
// and docs/parameters.md are all derived from these declarations.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "govsim/calendar.hpp"

namespace govsim {

enum class ParamType { Real, Integer, Boolean };
const char* to_string(ParamType t);

struct ParamDecl {
  std::string name;  // "<mechanism>.<parameter>", e.g. "grid.households_per_worker"
  ParamType type = ParamType::Real;
  double default_value = 0;
  std::string unit;  // "households", "1/month", "share", ...
  double min = 0;    // allowed range, inclusive
  double max = 0;
  std::string description;
  std::string source;  // a clause ("001 §37"), a published figure, or "assumption"
  bool lever = false;  // a policy lever: the scenario usually schedules it over time
};

using ParamId = uint32_t;

// A handle to a declared parameter; cheap to copy, used to read resolved values.
struct Param {
  ParamId id = 0;
};

class ParamRegistry {
 public:
  static ParamRegistry& instance();

  // Registers a declaration. Throws std::logic_error on a duplicate name or a
  // default outside its own range (a programming error caught at start-up).
  ParamId add(ParamDecl decl);
  const std::vector<ParamDecl>& all() const { return decls_; }
  const ParamDecl& get(ParamId id) const { return decls_.at(id); }
  std::optional<ParamId> find(const std::string& name) const;
  // The declared name closest to `name` (edit distance), for "did you mean".
  std::string nearest(const std::string& name) const;
  // Names sorted alphabetically (for listings and documentation).
  std::vector<ParamId> sorted() const;

 private:
  std::vector<ParamDecl> decls_;
};

// Declares a parameter in the global registry; use at namespace scope in models/.
Param declare_param(ParamDecl decl);
// A handle to a parameter declared by another mechanism (throws std::logic_error
// if none has that name). Call it at run time (in init or steps), not at static
// initialisation, when every declaration is in.
Param param_named(const std::string& name);

// A value over time: `base` until the first point, then stepwise (or linear
// between points). Months are absolute (see calendar.hpp).
struct Schedule {
  double base = 0;
  std::vector<std::pair<Month, double>> points;  // strictly increasing months
  bool linear = false;

  double at(Month m) const;
  bool constant() const { return points.empty(); }
  std::string str() const;  // "300" or "{2020-01 = 500, 2022-01 = 300}" (+ ", interp = linear")
};

// Checks one value against a declaration; returns an error message or nothing.
std::optional<std::string> check_value(const ParamDecl& d, double v);
std::string format_value(double v);

// The value of every parameter as a schedule, starting from the defaults.
class ParamValues {
 public:
  ParamValues();  // all defaults
  const Schedule& schedule(ParamId id) const { return schedules_.at(id); }
  void set(ParamId id, Schedule s) { schedules_.at(id) = std::move(s); }
  // Resolved values for one month, indexed by ParamId.
  void resolve(Month m, std::vector<double>& out) const;
  size_t size() const { return schedules_.size(); }

 private:
  std::vector<Schedule> schedules_;
};

// Edit distance used for suggestions.
size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace govsim
