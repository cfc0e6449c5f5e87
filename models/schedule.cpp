// The schedule: the order in which mechanisms initialise a fresh World, and the
// steps of one simulated month, by name, in the order they run, under their
// phase (docs/model.md "Process overview and scheduling"; model brief section 3).
// This list is the order: the engine runs exactly these steps, in this order,
// and refuses to start when a registered step is missing here or a step listed
// here does not exist. `govsim schedule` prints it. To add a step: declare it in
// its mechanism's steps() and list it here.
#include "govsim/mechanism.hpp"

namespace {
struct Schedule {
  Schedule() {
    govsim::ModelRegistry::instance().set_schedule({
        // initialisation, after the region is built: each mechanism's init() in this order
        {"perceptions", "grid",          "committee",       "integrity",  "issues",     "compounds",
         "shocks",      "participation", "intake",          "digital",    "hotline",    "health",
         "social_work", "ladder",        "petitions",       "survey",     "assessment", "mergers",
         "budget",      "township",      "village_finance", "costs",      "collective", "environment",
         "facilities",  "legal",         "policing",        "demography", "province"},
        {
            {"levers",
             "restructure the tree where this month's levers say so; reset the month's multipliers",
             {"mergers.apply", "issues.reset_factors"}},
            {"funding",
             "money flows province -> county -> township -> village/community; the province's programmes; the levers' "
             "costs; the hotline's operators; clinics, health centres and social workers; legal advisers and rooms, "
             "auxiliary police; the county's departments; township enforcement staff; "
             "collective income; environment projects; grid posts staffed within the budget",
             {"province.transfers", "budget.county", "province.programmes", "costs.county", "hotline.pay", "health.pay",
              "social_work.pay", "legal.county", "policing.county", "budget.departments", "collective.income",
              "policing.township", "township.allocate", "village_finance.spend", "environment.build",
              "facilities.update", "costs.unit", "grid.staffing"}},
            {"demography",
             "in January: ageing, births, deaths, migration (the resident table is rebuilt); every month: structure",
             {"demography.year", "demography.structure"}},
            {"institutions",
             "merger transitions, committees (elections, 一肩挑, training, vacancies), integrity, compounds, "
             "participation, digital-literacy training, health staff and social workers hired and lost",
             {"mergers.transition", "committee.monthly", "integrity.monthly", "compounds.governance",
              "participation.monthly", "digital.training", "health.centres", "health.clinics", "social_work.staffing"}},
            {"issues",
             "residents raise service requests, disputes, safety hazards and environmental complaints; shocks strike "
             "and "
             "surge; property disputes arise in compounds",
             {"issues.arise", "shocks.strike", "compounds.disputes", "shocks.surge"}},
            {"intake",
             "cases become known: online, self-report or grid-worker discovery, the 12345 hotline (which dispatches "
             "them to their rung); undetected hazards may become incidents",
             {"digital.online", "hotline.call", "intake.discover"}},
            {"resolution",
             "the ladder: county, township, then committee and grid work their queues within capacity and time "
             "limits; abandoned requests, disputes turned violent; petitions from any rung",
             {"ladder.county", "ladder.township", "ladder.village", "ladder.exits", "petitions.lodge"}},
            {"perceptions",
             "contacts judged against service standards; satisfaction and trust move towards what residents see",
             {"perceptions.update"}},
            {"indicators",
             "tally the cases closed this month, drop them; petitions counted against townships; the December "
             "survey and the county's assessment of townships; the end-of-month balances",
             {"digital.elder_outcomes", "hotline.outcomes", "social_work.outcomes", "ladder.close", "petitions.tally",
              "survey.annual", "assessment.annual", "budget.report", "township.report", "village_finance.report"}},
        },
    });
  }
} schedule;
}  // namespace
