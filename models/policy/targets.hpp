// Document targets: what a policy document sets for an indicator, by when.
// Declared in models/policy/targets.cpp (one declaration per target, beside the
// clause it comes from); the program (sim/cli/targets_report.cpp) evaluates them
// on a run's region series: the value at the deadline and at each milestone
// (models/policy/milestones.cpp), and whether it was met.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "govsim/calendar.hpp"
#include "govsim/mechanism.hpp"

namespace govsim {

struct TargetDecl {
  std::string clause;     // "001 §17": the document is its first word
  std::string indicator;  // an indicator's dataset name
  // AtLeast / AtMost: a threshold to meet; Higher / Lower: a direction only (the
  // document asks for improvement without a figure).
  enum class Rule { AtLeast, AtMost, Higher, Lower } rule = Rule::AtLeast;
  double threshold = 0;
  std::string deadline;  // "YYYY-MM", or "" (no date: judged at the first milestone)
  int window = 1;        // months averaged, ending at the month judged (12 for monthly flows)
  std::string text;      // the target in words, e.g. "villages with waste treated >= 95% by end-2022"

  std::string document() const { return clause.substr(0, clause.find(' ')); }
  bool has_threshold() const { return rule == Rule::AtLeast || rule == Rule::AtMost; }
  bool higher_is_better() const { return rule == Rule::AtLeast || rule == Rule::Higher; }
  // the month a target is judged at
  Month judged_at() const;
  const char* rule_str() const;
};

class TargetRegistry {
 public:
  static TargetRegistry& instance();
  void add(TargetDecl d);
  const std::vector<TargetDecl>& all() const { return decls_; }

 private:
  std::vector<TargetDecl> decls_;
};
// Registers a target; throws (at start-up, caught by the docs/unit tests) when its
// indicator or deadline is unknown... checked by check_targets() once all are declared.
bool declare_target(TargetDecl d);
// Throws std::runtime_error naming the first target with an unknown indicator or a bad deadline.
void check_targets();

// The documents a scenario follows: the first word of each entry ("001 §36-37" -> "001").
std::vector<std::string> documents_of(const std::vector<std::string>& entries);
// Targets of the given documents (all targets when `documents` is empty and all_if_empty).
std::vector<const TargetDecl*> targets_of(const std::vector<std::string>& documents);

}  // namespace govsim
