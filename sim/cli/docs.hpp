// Reference documentation generated from the declarations (parameters,
// indicators, schedule), and the check that docs/ agrees with them.
#pragma once
#include <string>
#include <vector>

namespace govsim {

struct TargetDecl;  // policy/targets.hpp

std::string parameters_markdown();  // docs/parameters.md
// `govsim params --json`: one object per parameter (levers only if asked), in name order, as a
// JSON array; also part of the scenario library's fingerprint (docs/scenarios.md).
std::string params_json(bool levers_only);
std::string output_markdown();    // docs/output.md
std::string schedule_markdown();  // the monthly schedule table
std::string targets_markdown();   // the document targets (models/policy/targets.cpp)
// Replaces every generated block in a hand-written document (docs/model.md):
//   <!-- BEGIN GENERATED schedule --> ... <!-- END GENERATED -->
//   <!-- BEGIN GENERATED params MECHANISM --> ... <!-- END GENERATED -->
//   <!-- BEGIN GENERATED targets --> ... <!-- END GENERATED -->
// Throws std::runtime_error on an unknown block or a mechanism whose parameters
// have no block (every parameter must appear in the model description).
std::string fill_generated_blocks(const std::string& text);

// Document targets judged on an indicator of kind input (a lever or a fixed function of
// levers): a target must be met by what the mechanisms produce, so each of these is a
// finding to fix (turn the indicator into an outcome). `govsim docs` and `govsim docs
// --check` print them as warnings; tests/cli/test_docs.cpp pins today's list.
std::vector<const TargetDecl*> targets_on_inputs();

// Writes (or with check=true, compares) docs/parameters.md, docs/output.md and
// the generated blocks of docs/model.md. Returns the files that differ.
std::vector<std::string> sync_docs(const std::string& dir, bool check);

}  // namespace govsim
