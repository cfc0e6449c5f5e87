// The months every result is reported at: end-2025 (the horizon of documents
// 003 and 004, "by 2025") and end-2035 (003's long-term horizon: "基本实现...
// 现代化" by 2035). Declared once here; written to every result file (root
// attribute `milestones`), used by `govsim run`'s tables, the scenario library,
// the document targets (a target without a deadline is judged at the first
// milestone) and the analysis package.
#include "govsim/report.hpp"

namespace govsim::model {
namespace {
[[maybe_unused]] const bool kMilestones = declare_milestones({Month::of(2025, 12), Month::of(2035, 12)});
}  // namespace
}  // namespace govsim::model
