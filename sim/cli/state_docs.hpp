// The state table for docs/model.md (section 2): every declared column with its
// level, type, default, merge policy, units, owner, readers and writers.
#pragma once
#include <string>

namespace govsim {

// Markdown table of StateRegistry::instance() (models/ declarations), by level
// (county .. resident) then column name.
std::string state_markdown();

}  // namespace govsim
