// Document targets: what a policy document sets for an indicator, by when.
// Declared in models/ (one declaration per target, beside the clause it comes
// from); the engine evaluates them on a run's region series: the value at the
// deadline, at the 2025 and 2035 milestones, and whether it was met.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "mechanism.hpp"

namespace govsim {

struct RunResult;

struct TargetDecl {
  std::string clause;     // "001 §17": the document is its first word
  std::string indicator;  // an indicator's dataset name
  // AtLeast / AtMost: a threshold to meet; Higher / Lower: a direction only (the
  // document asks for improvement without a figure).
  enum class Rule { AtLeast, AtMost, Higher, Lower } rule = Rule::AtLeast;
  double threshold = 0;
  std::string deadline;  // "YYYY-MM", or "" (no date: judged at 2025-12)
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

// Mean of the region series of `indicator` over the `window` months ending at
// `at`, for one replicate; nullopt when `at` lies outside the run.
std::optional<double> series_value(const RunResult& r, const std::string& indicator, uint32_t rep, Month at,
                                   int window);

struct TargetOutcome {
  const TargetDecl* target;
  std::optional<double> at_deadline, at_2025, at_2035;  // replicate means
  int met = 0, judged = 0;  // replicates meeting a threshold target at its judging month, of those judged
};
std::vector<TargetOutcome> evaluate_targets(const RunResult& r, const std::vector<const TargetDecl*>& targets);
// The table printed at the end of `govsim run`.
std::string format_targets(const std::vector<TargetOutcome>& outcomes, const std::vector<std::string>& documents);

}  // namespace govsim
