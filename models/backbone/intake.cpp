// Intake (model brief §3 step 6): an open issue becomes known to someone with a
// duty to act, either because the resident reports it (walk-in, hotline) or
// because a grid worker discovers it on a visit ("网格发现", 000 §17; the
// grid worker's duties of information collection, dispute screening and hazard
// inspection, 001 §37). Each month, for each unreported case:
//   P(known) = 1 - (1 - P(self-report)) * (1 - discovery(unit))
//   (hazards: discovery(unit) also by auxiliary police patrols, 1 - (1 - grid) * (1 - police_hazard_discovery),
//   institutions/policing.cpp)
//   self-report: service  self_report_service * service_access(unit) * offline_factor(unit)
//                         (service points within reach; the share of the offline channel kept, digital)
//                dispute  self_report_dispute * (0.5 + trust)   (low trust: disputes fester unreported)
//                hazard   self_report_hazard
//                environmental complaint  self_report_environment
//   all but disputes x (1 + report_trust (trust - report_trust_reference)): service quality -> reporting
// (the 12345 hotline is a channel of its own, hotline.cpp, after this one: a case found here by a grid
// worker is marked so, and its resident calls the hotline less)

// An unreported hazard becomes an incident with probability incident_rate a month;
// an unreported dispute lapses (settled privately or endured, never known to anyone
// with a duty) with probability dispute_lapse a month (screening, 排查, is tallied by
// the ladder at the end of the month).
#include <algorithm>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kSelfService =
    declare_param({"intake.self_report_service", ParamType::Real, 0.5, "probability per month", 0, 1,
                   "Monthly probability that a resident reports a service request without a grid worker's help.",
                   "assumption", false});
const Param kSelfDispute = declare_param(
    {"intake.self_report_dispute", ParamType::Real, 0.2, "probability per month", 0, 1,
     "Monthly probability that a party to a dispute brings it forward (scaled by 0.5 + trust).", "assumption", false});
const Param kReportTrust = declare_param(
    {"intake.report_trust", ParamType::Real, 0.5, "share per trust point", 0, 1.6,
     "Service quality -> reporting: residents' own reporting of service requests and hazards is multiplied by 1 + "
     "report_trust (trust - report_trust_reference); trust follows how past contacts were judged (perceptions), so "
     "residents served well report more through official channels, those served badly less.",
     "model brief §3 step 8; assumption", false});
const Param kReportTrustRef = declare_param(
    {"intake.report_trust_reference", ParamType::Real, 0.6, "trust 0-1", 0, 1,
     "Trust at which service requests and hazards are reported at their base rates (about the 2020 mean).",
     "assumption", false});
const Param kSelfHazard =
    declare_param({"intake.self_report_hazard", ParamType::Real, 0.05, "probability per month", 0, 1,
                   "Monthly probability that a resident reports a safety hazard.", "assumption", false});
const Param kSelfEnvironment = declare_param(
    {"intake.self_report_environment", ParamType::Real, 0.2, "probability per month", 0, 1,
     "Monthly probability that a resident complains about an environmental nuisance (waste, sewage, sanitation) to "
     "the committee or township in person, besides the 12345 hotline.",
     "assumption (lower than for a service request: nobody's own errand depends on it)", false});
const Param kIncidentRate =
    declare_param({"intake.incident_rate", ParamType::Real, 0.08, "probability per month", 0, 1,
                   "Monthly probability that an undetected hazard turns into an incident.", "assumption", false});

const Param kDisputeLapse = declare_param(
    {"intake.dispute_lapse", ParamType::Real, 0.08, "probability per month", 0, 1,
     "Monthly probability that a dispute nobody with a duty knows of lapses (settled privately or endured).",
     "assumption (with self_report_dispute and grid discovery it sets the screening rate)", false});

const Indicator kHazardDetection = headline(declare_indicator(
    {"hazard_detection_rate", "share", "hazard detection rate", "安全隐患发现率",
     "Hazards that became known this month / (those plus hazards that turned into incidents this month).", "intake"}));
const Indicator kIncidents = headline(declare_indicator(
    {"incidents", "incidents", "incidents from undetected hazards", "隐患酿成事故数",
     "Undetected hazards that turned into incidents this month.", "intake", 1.0, true, IndicatorDecl::Aggregate::Sum}));
const Indicator kGridFound = declare_indicator(
    {"grid_discovery_share", "share", "share of cases found by grid workers", "网格发现占比",
     "Cases that became known this month through a grid worker rather than the resident's own report.", "intake"});

// State.
const Writes<CaseBook> colCases = writes<CaseBook>(Level::Unit, "cases", "intake");
const Reads<float> colDiscovery = reads<float>(Level::Unit, "grid_discovery", "intake");
const Reads<float> colAccess = reads<float>(Level::Unit, "service_access_factor", "intake");  // set by mergers
const Reads<float> colOffline = reads<float>(Level::Unit, "offline_factor", "intake");  // set by the digital platform
const Reads<float> colTrust = reads<float>(Level::Resident, "trust", "intake");
const Reads<float> colPolice =
    reads<float>(Level::Unit, "police_hazard_discovery", "intake");  // auxiliary police patrols (policing)

class Intake : public Mechanism {
 public:
  std::string name() const override { return "intake"; }
  std::string summary() const override { return "issues become known by self-report or grid-worker discovery"; }
  void init(World& w, const InitContext&) override {
    cases_ = &colCases.write(w);
    discovery_ = &colDiscovery.read(w);
    access_ = &colAccess.read(w);
    offline_ = &colOffline.read(w);
    trust_ = &colTrust.read(w);
    police_ = &colPolice.read(w);
  }
  void steps(StepList& out) override {
    out.add({"intake.discover", Scope::Unit,
             "unreported cases become known by self-report or grid-worker discovery; undetected hazards may "
             "become incidents",
             [this](const StepContext& c, uint32_t u) { discover(c, u); }});
  }

 private:
  void discover(const StepContext& c, uint32_t u) {
    const double disc = (*discovery_)[u], police = (*police_)[u];
    const double self[kIssueTypes] = {c.p(kSelfService), c.p(kSelfDispute), c.p(kSelfHazard), c.p(kSelfDispute),
                                      c.p(kSelfEnvironment)};
    const double incident = c.p(kIncidentRate);
    const double lapse = c.p(kDisputeLapse);
    const double report_up = c.p(kReportTrust) * std::max(0.0, 1 - c.p(kReportTrustRef));  // at trust 1
    double found_hazard = 0, incidents = 0, known = 0, by_grid = 0;
    // The loop below may read each unreported case's resident's trust (residents in no order): ask
    // for those lines first, so that the cache misses overlap instead of stalling the loop one by one.
    const float* trust = trust_->data();
    for (const Case& k : (*cases_)[u])
      if (k.state == CaseState::Unreported && has_resident(k)) __builtin_prefetch(trust + k.resident);
    for (Case& k : (*cases_)[u]) {
      if (k.state != CaseState::Unreported) continue;
      RngStream g = c.rng(k.id);
      double ps = self[static_cast<int>(k.type)];
      if (is_dispute(k.type))
        ps = std::min(1.0, ps * (0.5 + (*trust_)[k.resident]));
      else if (k.type == IssueType::Service)
        ps *= (*access_)[u] * (*offline_)[u];
      const double a = g.uniform(), b = g.uniform(), d = g.uniform();
      // service requests, hazards and environmental complaints: reported more by residents who were served well (the resident's trust is
      // looked up only when the draw falls below the highest probability trust could give)
      if (!is_dispute(k.type) && a < ps * (1 + report_up))
        ps = std::clamp(ps * (1 + c.p(kReportTrust) * ((*trust_)[k.resident] - c.p(kReportTrustRef))), 0.0, 1.0);
      // hazards: also found by the auxiliary police's patrols (a draw of its own, after the others)
      const bool by_self = a < ps, by_worker = b < disc;
      const bool by_police =
          !by_self && !by_worker && k.type == IssueType::Hazard && police > 0 && g.uniform() < police;
      if (by_self || by_worker || by_police) {
        k.state = CaseState::Grid;
        k.known_step = static_cast<uint16_t>(c.step);
        k.months_at_level = 0;
        known += 1;
        by_grid += !by_self && by_worker;
        if (!by_self && by_worker) k.marks |= case_mark::GridFound;
        if (k.type == IssueType::Hazard) found_hazard += 1;
      } else if (k.type == IssueType::Hazard && d < incident) {
        k.state = CaseState::Incident;
        incidents += 1;
      } else if (is_dispute(k.type) && d < lapse) {
        k.state = CaseState::Lapsed;
      }
    }
    c.record(kHazardDetection, u, found_hazard, found_hazard + incidents);
    c.record(kIncidents, u, incidents, 1);
    c.record(kGridFound, u, by_grid, known);
  }
  std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<float>* discovery_ = nullptr;
  const std::vector<float>* access_ = nullptr;
  const std::vector<float>* offline_ = nullptr;
  const std::vector<float>* trust_ = nullptr;
  const std::vector<float>* police_ = nullptr;
};

REGISTER_MECHANISM(Intake);

}  // namespace
}  // namespace govsim::model
