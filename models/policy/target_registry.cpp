#include "policy/targets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <limits>
#include <stdexcept>

#include "govsim/report.hpp"

namespace govsim {

TargetRegistry& TargetRegistry::instance() {
  static TargetRegistry r;
  return r;
}
void TargetRegistry::add(TargetDecl d) { decls_.push_back(std::move(d)); }
bool declare_target(TargetDecl d) {
  TargetRegistry::instance().add(std::move(d));
  return true;
}

Month TargetDecl::judged_at() const {
  if (deadline.empty()) return milestones().front();
  return *Month::parse(deadline);
}
const char* TargetDecl::rule_str() const {
  switch (rule) {
    case Rule::AtLeast:
      return ">=";
    case Rule::AtMost:
      return "<=";
    case Rule::Higher:
      return "higher";
    default:
      return "lower";
  }
}

void check_targets() {
  for (const auto& t : TargetRegistry::instance().all()) {
    if (!IndicatorRegistry::instance().find(t.indicator))
      throw std::runtime_error("target " + t.clause + " (" + t.text + "): unknown indicator " + t.indicator);
    if (!t.deadline.empty() && !Month::parse(t.deadline))
      throw std::runtime_error("target " + t.clause + ": deadline \"" + t.deadline + "\" is not YYYY-MM");
    if (t.window < 1 || t.window > 120) throw std::runtime_error("target " + t.clause + ": window outside [1, 120]");
  }
}

std::vector<std::string> documents_of(const std::vector<std::string>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) {
    const std::string d = e.substr(0, e.find(' '));
    if (!d.empty() && std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  }
  return out;
}

std::vector<const TargetDecl*> targets_of(const std::vector<std::string>& documents) {
  std::vector<const TargetDecl*> out;
  for (const auto& t : TargetRegistry::instance().all())
    if (std::find(documents.begin(), documents.end(), t.document()) != documents.end()) out.push_back(&t);
  return out;
}

namespace {
// Every declared target, with whether the scenario's documents set it; written to
// the targets/ group of every result file (the analysis package judges them).
Annex targets_annex(const std::vector<std::string>& scenario_documents) {
  Annex a;
  a.group = "targets";
  a.description =
      "Targets the policy documents set (model brief 5). rule: >=, <= (with threshold) or higher/lower "
      "(direction only). judged_at: the deadline, or " +
      milestones().front().str() +
      " where none is given. window: months "
      "averaged ending at judged_at. applies: 1 if the scenario's documents set it.";
  const auto docs = documents_of(scenario_documents);
  std::vector<std::string> clause, document, indicator, rule, deadline, judged, text;
  std::vector<double> threshold;
  std::vector<int32_t> window, applies;
  for (const auto& t : TargetRegistry::instance().all()) {
    clause.push_back(t.clause);
    document.push_back(t.document());
    indicator.push_back(t.indicator);
    rule.push_back(t.rule_str());
    deadline.push_back(t.deadline);
    judged.push_back(t.judged_at().str());
    text.push_back(t.text);
    threshold.push_back(t.has_threshold() ? t.threshold : std::numeric_limits<double>::quiet_NaN());
    window.push_back(t.window);
    applies.push_back(std::find(docs.begin(), docs.end(), t.document()) != docs.end());
  }
  a.strings = {{"clause", clause}, {"document", document}, {"indicator", indicator},
               {"rule", rule},     {"deadline", deadline}, {"judged_at", judged},
               {"text", text}};
  a.ints = {{"window", window}, {"applies", applies}};
  a.doubles = {{"threshold", threshold}};
  return a;
}
[[maybe_unused]] const bool kAnnex = declare_annex(targets_annex);
}  // namespace

}  // namespace govsim
