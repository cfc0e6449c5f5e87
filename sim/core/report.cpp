#include "govsim/report.hpp"

#include <stdexcept>

namespace govsim {

namespace {
std::vector<AnnexBuilder>& annex_list() {
  static std::vector<AnnexBuilder> v;
  return v;
}
std::vector<Month>& milestone_list() {
  static std::vector<Month> v;
  return v;
}
}  // namespace

bool declare_annex(AnnexBuilder b) {
  annex_list().push_back(std::move(b));
  return true;
}
const std::vector<AnnexBuilder>& annexes() { return annex_list(); }

bool declare_milestones(std::vector<Month> months) {
  if (!milestone_list().empty()) throw std::logic_error("milestones declared twice");
  for (size_t i = 1; i < months.size(); ++i)
    if (!(months[i - 1] < months[i])) throw std::logic_error("milestones must be in increasing order");
  milestone_list() = std::move(months);
  return true;
}
const std::vector<Month>& milestones() {
  if (milestone_list().empty()) throw std::logic_error("no milestones declared (models/policy/milestones.cpp)");
  return milestone_list();
}

}  // namespace govsim
