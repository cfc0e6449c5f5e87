// CF conventions for result files: the UDUNITS-2 unit of a declared readable
// unit label ("share" -> "1", "yuan per month" -> "month-1", "months" ->
// "month"), so that `units` is machine-readable while the label stays in
// `units_label`. The mapping lives here, not in models/: a mechanism declares
// the label its readers know, and the writer translates it.
//
// UDUNITS-2 has no currency and no "person": money and counts are numbers
// (dimension "1"), so "yuan per resident per year" is "year-1" and "persons"
// is "1"; the label says what is counted.
#pragma once
#include <optional>
#include <string>

namespace govsim {

// The UDUNITS-2 unit of `label`, or nothing when the label is not in the table.
std::optional<std::string> udunits_of(const std::string& label);

// The same, throwing std::runtime_error naming `what` and the label when it is unknown.
std::string udunits_or_throw(const std::string& label, const std::string& what);

}  // namespace govsim
