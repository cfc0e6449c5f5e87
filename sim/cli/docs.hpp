// Reference documentation generated from the declarations (parameters,
// indicators, schedule), and the check that docs/ agrees with them.
#pragma once
#include <string>
#include <vector>

namespace govsim {

std::string parameters_markdown();  // docs/parameters.md
std::string output_markdown();      // docs/output.md
std::string schedule_markdown();    // the monthly schedule table
std::string targets_markdown();     // the document targets (models/policy/targets.cpp)
// Replaces every generated block in a hand-written document (docs/model.md):
//   <!-- BEGIN GENERATED schedule --> ... <!-- END GENERATED -->
//   <!-- BEGIN GENERATED params MECHANISM --> ... <!-- END GENERATED -->
//   <!-- BEGIN GENERATED targets --> ... <!-- END GENERATED -->
// Throws std::runtime_error on an unknown block or a mechanism whose parameters
// have no block (every parameter must appear in the model description).
std::string fill_generated_blocks(const std::string& text);

// Writes (or with check=true, compares) docs/parameters.md, docs/output.md and
// the generated blocks of docs/model.md. Returns the files that differ.
std::vector<std::string> sync_docs(const std::string& dir, bool check);

}  // namespace govsim
