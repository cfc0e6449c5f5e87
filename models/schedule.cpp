// The monthly schedule: the phases of one simulated month, in order
// (docs/model.md "Process overview and scheduling"; model brief section 3).
// Mechanisms attach their steps to these phases; `govsim schedule` prints the
// resulting order, step by step.
#include "govsim/mechanism.hpp"

namespace {
struct Schedule {
  Schedule() {
    govsim::ModelRegistry::instance().set_schedule({
        {"levers", "apply this month's lever values; derive staffing from them"},
        {"funding", "budgets flow county -> township -> village/community (funding issue)"},
        {"demography", "ageing, births, deaths, migration (population issue)"},
        {"institutions", "committee training, elections, mergers (institutions issue)"},
        {"issues", "residents raise service requests, disputes and safety hazards"},
        {"intake", "cases become known: self-report or grid-worker discovery; undetected hazards may become incidents"},
        {"resolution", "the ladder: grid -> committee -> township -> county, capacity and time limits; petitions"},
        {"perceptions", "satisfaction by expectation-disconfirmation; trust moves with own cases"},
        {"annual", "yearly events (collective income, pay, survey)"},
        {"indicators", "close finished cases and record indicators per village/community"},
    });
  }
} schedule;
}  // namespace
