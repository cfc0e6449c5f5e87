// The resolution ladder (model brief §3 step 7): grid -> committee -> township
// -> county ("网格发现、社区呼叫、分级响应、协同处置", 000 §17; "小事不出村、
// 大事不出乡镇、矛盾不上交", 001 §45; resolution rate >= 97%, 004 §18).
//
// Each rung has a monthly capacity (cases it can work) and a time limit; the
// committee's capacity and resolution scale with its capability and workload
// (committee mechanism), social organisations and volunteers add capacity for
// service requests (participation), 三方联动 helps settle property disputes
// (compounds); at the grid rung social workers (social_work) and village doctors (health)
// take vulnerable residents' and elders' service requests first, with their own resolution
// probability. Higher rungs work their queues first each month (county, township,
// then the village's committee and grid), oldest case first. A worked case is
// resolved with probability resolve_<rung> (times dispute_difficulty for
// disputes); a case not resolved within the rung's time limit moves up one rung.
// Past the county's limit a dispute leaves the ladder for the courts (litigated)
// and a service request is given up. A dispute settled by agreement may see the
// agreement not carried out (agreement_breach): it recurs at the committee.
// A service request (or environmental complaint) open for abandon_months is given up. An open dispute, known
// or not, turns violent (民转刑) with probability
//   escalation_rate * exp(escalation_distrust * (0.5 - trust)) a month.
// Petitions (信访) are the petitions mechanism's.
// Institutions (1 and 0 when absent): a village's legal adviser multiplies the committee's resolution of disputes
// (legal_resolve_factor); where the unit has a public legal service room, court_diversion of its disputes past the
// county's limit are settled by legal mediation instead of court (institutions/legal.cpp); the township rung works
// enforcement_capacity cases of safety hazards and property disputes before its mediation capacity (township
// law-enforcement staff and auxiliary police, institutions/policing.cpp).
//
// The dispute resolution rate (004 §18) judges each known dispute once: success
// when it is resolved before any failure, failure at the first of a petition, a
// broken agreement, litigation, escalation, or being dropped (the resident died or
// moved away). It is recorded in the month the dispute's fate is decided.
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kGridCapacity =
    declare_param({"ladder.grid_cases_per_worker", ParamType::Real, 25, "cases per worker per month", 0, 500,
                   "Cases one grid worker can work in a month besides routine visits (per grid.case_hours_reference "
                   "hours on cases: the grid's time budget sets the case hours).",
                   "assumption", false});
const Param kCommitteeCapacity =
    declare_param({"ladder.committee_capacity", ParamType::Real, 20, "cases per 1,000 households per month", 0, 1000,
                   "Cases the village/community committee can work in a month.",
                   "assumption (committee rung; institutions issue "
                   "will derive it from capability and workload)",
                   false});
const Param kTownshipCapacity = declare_param(
    {"ladder.township_mediation_capacity", ParamType::Real, 8, "cases per 10,000 residents per month", 0, 1000,
     "Cases the township/street mediation and service centres can work in a month.",
     "001 §45 (大事不出乡镇), 004 §18; calibration-2020: people's mediation 368,100 cases a year in Sichuan", true});
const Param kCountyCapacity =
    declare_param({"ladder.county_capacity", ParamType::Real, 6, "cases per 10,000 residents per month", 0, 1000,
                   "Cases county departments and courts can take in a month.", "assumption", false});
const Param kResolveGrid =
    declare_param({"ladder.resolve_grid", ParamType::Real, 0.7, "probability per worked month", 0, 1,
                   "Probability that the grid worker resolves a case worked this month.", "assumption", false});
const Param kResolveCommittee =
    declare_param({"ladder.resolve_committee", ParamType::Real, 0.6, "probability per worked month", 0, 1,
                   "Probability that the committee resolves a case worked this month.", "assumption", false});
const Param kResolveTownship = declare_param(
    {"ladder.resolve_township", ParamType::Real, 0.7, "probability per worked month", 0, 1,
     "Probability that the township resolves a case worked this month.",
     "calibration-2020: people's mediation success 98.98% of mediated cases (reported near ceiling); assumption",
     false});
const Param kResolveCounty = declare_param(
    {"ladder.resolve_county", ParamType::Real, 0.7, "probability per worked month", 0, 1,
     "Probability that county departments or courts resolve a case worked this month.", "assumption", false});
const Param kDisputeDifficulty =
    declare_param({"ladder.dispute_difficulty", ParamType::Real, 0.7, "multiplier", 0, 1,
                   "Resolution probability of a dispute relative to other cases.", "assumption", false});
const Param kLimitGrid = declare_param({"ladder.limit_grid", ParamType::Integer, 2, "months", 1, 24,
                                        "Months a case may stay with the grid worker before it goes to the committee.",
                                        "000 §17 (社区呼叫); assumption", false});
const Param kLimitCommittee = declare_param(
    {"ladder.limit_committee", ParamType::Integer, 3, "months", 1, 24,
     "Months a case may stay with the committee before it goes to the township.", "001 §45; assumption", false});
const Param kLimitTownship = declare_param({"ladder.limit_township", ParamType::Integer, 3, "months", 1, 36,
                                            "Months a case may stay with the township before it goes to the county.",
                                            "001 §45; assumption", false});
const Param kLimitCounty = declare_param(
    {"ladder.limit_county", ParamType::Integer, 6, "months", 1, 60,
     "Months a case may stay with county departments before a dispute goes to court (litigated) and a service "
     "request is given up.",
     "assumption (the county rung's time limit; litigation is the exit, 001 §45)", false});
const Param kBreach = declare_param(
    {"ladder.agreement_breach", ParamType::Real, 0.04, "probability per agreement", 0, 1,
     "Probability that a dispute settled by agreement sees the agreement not carried out: the dispute recurs at the "
     "committee and counts as a failure.",
     "assumption (people's mediation success is reported near 99%: calibration-2020: mediation-2020)", false});
const Param kEscalationRate = declare_param(
    {"ladder.escalation_rate", ParamType::Real, 6.0e-5, "probability per open dispute per month", 0, 0.1,
     "Monthly probability that an open dispute (known or not) of a resident with trust 0.5 turns violent (民转刑).",
     "calibrated to calibration-2020: disputes-2018-2020 (522 disputes turned murders or extreme incidents in "
     "Sichuan 2018-2020, ~0.21 per 100,000 residents a year)",
     false});
const Param kEscalationDistrust = declare_param(
    {"ladder.escalation_distrust", ParamType::Real, 3.0, "per unit of trust", 0, 20,
     "How much distrust raises escalation: the rate is multiplied by exp(this * (0.5 - trust)).", "assumption", false});
const Param kAbandonMonths =
    declare_param({"ladder.abandon_months", ParamType::Integer, 9, "months", 1, 120,
                   "Months after which an unmet service request is given up.", "assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kDisputeResolution = headline(declare_indicator(
    {"dispute_resolution_rate", "share", "dispute resolution rate", "矛盾纠纷化解率",
     "Known disputes whose fate was decided this month that were resolved before any failure / all decided "
     "(failures: petitioned, agreement not carried out, litigated, escalated, dropped). Target >= 0.97 (004 §18).",
     "ladder"}));
const Indicator kScreening = headline(declare_indicator(
    {"dispute_screening_rate", "share", "dispute screening rate", "矛盾纠纷排查率",
     "Disputes that became known this month (self-report or grid discovery) / those plus disputes that closed "
     "this month before anyone with a duty knew of them (lapsed, turned violent, dropped) (004 §18: 排查).",
     "ladder"}));
const Indicator kLitigated = declare_indicator(
    {"disputes_litigated_per_10k", "per 10,000 residents per year", "disputes taken to court", "诉讼分流纠纷(每万人)",
     "Disputes past the county rung's time limit, annualised (x12).", "ladder", 120000.0});
const Indicator kBreaches = declare_indicator(
    {"agreements_breached_share", "share", "agreements not carried out", "调解协议未履行率",
     "Dispute agreements not carried out this month / disputes settled by agreement this month.", "ladder"});
const Indicator kDropped =
    declare_indicator({"disputes_dropped_per_10k", "per 10,000 residents per year", "open disputes dropped",
                       "当事人迁出或死亡的未结纠纷(每万人)",
                       "Open known disputes whose resident died or moved away, annualised (x12).", "ladder", 120000.0});
const Indicator kEscalations = headline(declare_indicator(
    {"dispute_escalations_per_100k", "per 100,000 residents per year", "disputes turned violent",
     "民转刑案件(每十万人)", "Open disputes that turned violent this month (民转刑), annualised (x12).", "ladder",
     1200000.0}));
const Indicator kSettledVillage = headline(declare_indicator(
    {"settled_in_village_share", "share", "disputes settled in the village/community", "小事不出村占比",
     "Disputes resolved by the grid worker or committee / known disputes closed this month (001 §45).", "ladder"}));
const Indicator kSettledTownship = declare_indicator(
    {"settled_in_township_share", "share", "disputes settled within the township", "大事不出乡镇占比",
     "Disputes resolved at the township or below / known disputes closed this month (001 §45).", "ladder"});
const Indicator kWait =
    headline(declare_indicator({"mean_wait_months", "months", "mean wait of closed cases", "事项平均办理时长",
                                "Months from arising to closing, over all cases closed this month.", "ladder"}));
const Indicator kCaseResolution =
    declare_indicator({"case_resolution_rate", "share", "case resolution rate", "事项办结率",
                       "Cases resolved this month / cases closed this month (any outcome, all types).", "ladder"});
const Indicator kOpen =
    declare_indicator({"open_cases", "cases", "open cases", "在办事项数",
                       "Cases open at the end of the month (any rung or unreported).", "ladder", 1.0, true, IA::Sum});
const Indicator kAtTownship =
    declare_indicator({"cases_at_township", "cases", "cases waiting at the township", "乡镇在办事项数",
                       "Cases at the township rung at the end of the month.", "ladder", 1.0, true, IA::Sum});

// State. Factors set by other mechanisms (1 or 0 when they are absent): committee
// capability and workload (committee), purchased social-organisation and volunteer
// capacity for service requests (participation), 三方联动 in compounds (compounds),
// the funded share of the township's mediation and service staff (township).
const Writes<CaseBook> colCases = writes<CaseBook>(Level::Unit, "cases", "ladder");
const Reads<float> colWorkers = reads<float>(Level::Unit, "grid_case_workers", "ladder");  // case hours (grid)
const Reads<float> colCapFactor = reads<float>(Level::Unit, "committee_capacity_factor", "ladder");
const Reads<float> colResolveFactor = reads<float>(Level::Unit, "committee_resolve_factor", "ladder");
const Reads<float> colCommitteeExtra = reads<float>(Level::Unit, "committee_extra_capacity", "ladder");
const Reads<float> colGridExtra = reads<float>(Level::Unit, "grid_extra_capacity", "ladder");
const Reads<float> colPropertyFactor = reads<float>(Level::Unit, "property_resolve_factor", "ladder");
const Reads<float> colMediationFactor = reads<float>(Level::Township, "mediation_factor", "ladder");
const Reads<float> colMediationEffort = reads<float>(Level::Township, "mediation_effort", "ladder");  // assessment
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "ladder");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "ladder");
const Reads<float> colTrust = reads<float>(Level::Resident, "trust", "ladder");
const Reads<float> colCountyFactor = reads<float>(Level::County, "county_capacity_factor", "ladder");
const Reads<float> colElderCapacity = reads<float>(Level::Unit, "elder_service_capacity", "ladder");
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "ladder");
// village doctors' capacity for elders' service requests (health), social workers' for vulnerable residents'
// (social_work): 0 when absent. At the grid rung (the first handling) they take those requests first and resolve
// them with their own probability (health.resolve_clinic, social_work.resolve).
const Reads<float> colClinicCapacity = reads<float>(Level::Unit, "clinic_elder_capacity", "ladder");
const Reads<float> colVulnerableCapacity = reads<float>(Level::Unit, "vulnerable_service_capacity", "ladder");
const Reads<uint8_t> colFlags = reads<uint8_t>(Level::Resident, "flags", "ladder");
// legal advisers (committee dispute resolution), legal service rooms (disputes diverted from court), township
// enforcement capacity for hazards and property disputes (institutions/legal.cpp, policing.cpp)
const Reads<float> colLegalFactor = reads<float>(Level::Unit, "legal_resolve_factor", "ladder");
const Reads<float> colDiversion = reads<float>(Level::Unit, "court_diversion", "ladder");
const Reads<float> colEnforcement = reads<float>(Level::Township, "enforcement_capacity", "ladder");

// Multipliers of one case's work (Ladder::work).
struct Factors {
  double property = 1.0, dispute = 1.0, diversion = 0.0;
};

class Ladder : public Mechanism {
 public:
  std::string name() const override { return "ladder"; }
  std::string summary() const override {
    return "the resolution ladder grid -> committee -> township -> county, with capacities, time limits, "
           "litigation, broken agreements and escalation";
  }
  void init(World& w, const InitContext&) override {
    cases_ = &colCases.write(w);
    workers_ = &colWorkers.read(w);
    cap_factor_ = &colCapFactor.read(w);
    resolve_factor_ = &colResolveFactor.read(w);
    committee_extra_ = &colCommitteeExtra.read(w);
    grid_extra_ = &colGridExtra.read(w);
    property_factor_ = &colPropertyFactor.read(w);
    mediation_factor_ = &colMediationFactor.read(w);
    mediation_effort_ = &colMediationEffort.read(w);
    households_ = &colHouseholds.read(w);
    residents_ = &colResidents.read(w);
    trust_ = &colTrust.read(w);
    county_factor_ = &colCountyFactor.read(w);
    elder_capacity_ = &colElderCapacity.read(w);
    age_ = &colAge.read(w);
    clinic_capacity_ = &colClinicCapacity.read(w);
    vulnerable_capacity_ = &colVulnerableCapacity.read(w);
    flags_ = &colFlags.read(w);
    resolve_clinic_ = param_named("health.resolve_clinic");
    resolve_social_ = param_named("social_work.resolve");
    legal_factor_ = &colLegalFactor.read(w);
    diversion_ = &colDiversion.read(w);
    enforcement_ = &colEnforcement.read(w);
  }
  void steps(StepList& out) override {
    out.add({"ladder.county", Scope::County,
             "county departments and courts work their queue (oldest first, up to capacity)",
             [this](const StepContext& c, uint32_t k) {
               const auto [lo, hi] = c.world.range(Level::County, k, Level::Unit);
               work_pooled(c, lo, hi, CaseState::County, c.p(kCountyCapacity) * (*county_factor_)[k],
                           c.p(kResolveCounty), c.p(kLimitCounty), k);
             }});
    out.add({"ladder.township", Scope::Township,
             "each township's mediation and service centres work its queue; unresolved cases past the limit go to "
             "the county",
             [this](const StepContext& c, uint32_t t) {
               const auto [lo, hi] = c.world.range(Level::Township, t, Level::Unit);
               work_pooled(c, lo, hi, CaseState::Township,
                           c.p(kTownshipCapacity) * (*mediation_factor_)[t] * (*mediation_effort_)[t],
                           c.p(kResolveTownship), c.p(kLimitTownship), t, (*enforcement_)[t]);
             }});
    out.add({"ladder.village", Scope::Unit,
             "the committee, then the grid workers, work their cases; unresolved cases past the limit move up",
             [this](const StepContext& c, uint32_t u) {
               const double committee_cap = c.p(kCommitteeCapacity) * (*households_)[u] / 1000.0 * (*cap_factor_)[u];
               const double grid_cap = c.p(kGridCapacity) * (*workers_)[u];
               const double committee_resolve = std::min(1.0, c.p(kResolveCommittee) * (*resolve_factor_)[u]);
               work_unit(c, u, CaseState::Committee, {committee_cap, (*committee_extra_)[u], (*elder_capacity_)[u]},
                         committee_resolve, c.p(kLimitCommittee));
               work_unit(c, u, CaseState::Grid,
                         {grid_cap, (*grid_extra_)[u], 0.0, (*clinic_capacity_)[u], (*vulnerable_capacity_)[u]},
                         c.p(kResolveGrid), c.p(kLimitGrid));
             }});
    out.add({"ladder.exits", Scope::Unit,
             "long-unmet service requests are given up; open disputes may turn violent (民转刑), more so with "
             "distrust",
             [this](const StepContext& c, uint32_t u) { exits(c, u); }});
    out.add({"ladder.close", Scope::Unit,
             "tally the cases closed this month, record ladder indicators and drop closed cases",
             [this](const StepContext& c, uint32_t u) { close(c, u); }});
  }

 private:
  // Integer capacity from a fractional one: floor(cap + u), u uniform (stochastic rounding).
  static uint32_t capacity(double cap, RngStream& g) { return static_cast<uint32_t>(std::floor(cap + g.uniform())); }

  // One rung's work on one case; returns nothing, changes the case. `property`
  // multiplies the resolution of property-management disputes (三方联动), `dispute` that of all disputes (a legal
  // adviser at the committee); past the county's limit a dispute is settled by legal mediation instead of court
  // with probability `diversion` (a legal service room).
  void work(const StepContext& c, Case& k, bool worked, double resolve, int limit, CaseState level, Factors f = {}) {
    if (worked) {
      RngStream g = c.rng(k.id, static_cast<uint32_t>(level));
      double p = resolve * (is_dispute(k.type) ? c.p(kDisputeDifficulty) : 1.0);
      if (k.type == IssueType::Property) p = std::min(1.0, p * f.property);
      if (is_dispute(k.type)) p = std::min(1.0, p * f.dispute);
      if (g.uniform() < p) {
        settle(c, k, level, g.uniform());
        return;
      }
    }
    if (limit > 0 && ++k.months_at_level >= limit) {
      if (level == CaseState::County && is_dispute(k.type) && f.diversion > 0) {
        RngStream g = c.rng(k.id, 300);
        if (g.uniform() < f.diversion) {  // 诉非衔接: legal mediation settles it instead of the court
          k.months_at_level = 0;
          settle(c, k, level, g.uniform());
          return;
        }
      }
      past_limit(k, level);
    }
  }
  // A case resolved at `level`; a dispute's agreement may not be carried out (once):
  // it recurs at the committee, a failure.
  void settle(const StepContext& c, Case& k, CaseState level, double u) {
    if (is_dispute(k.type) && !(k.marks & case_mark::Breached) && u < c.p(kBreach)) {
      k.marks |= case_mark::Breached | case_mark::BreachedNow | case_mark::Failed;
      k.state = CaseState::Committee;
      k.months_at_level = 0;
      return;
    }
    k.state = CaseState::Resolved;
    k.resolved_at = static_cast<uint8_t>(level);
  }
  // Past a rung's time limit: up one rung; past the county's, disputes go to
  // court and other requests are given up (hazards stay with the county).
  static void past_limit(Case& k, CaseState level) {
    k.months_at_level = 0;
    if (level != CaseState::County) {
      k.state = static_cast<CaseState>(static_cast<uint8_t>(level) + 1);
    } else if (is_dispute(k.type)) {
      k.state = CaseState::Litigated;
      k.marks |= case_mark::Failed;
    } else if (is_request(k.type)) {
      k.state = CaseState::Abandoned;
    }
  }

  // A village rung's capacities: general (any case), extra capacity that only takes
  // service requests (social organisations, volunteers), and the capacity the unit's
  // own service money buys for service requests of residents aged 60+; and (grid rung) the capacity of the
  // social workers for service requests of vulnerable residents and of the village doctors for those of
  // residents aged 60+, taken first and resolved with their own probability.
  struct RungCapacity {
    double general, service, elder, clinic = 0, vulnerable = 0;
  };
  void work_unit(const StepContext& c, uint32_t u, CaseState level, RungCapacity cap, double resolve, double limit) {
    const uint32_t uid = c.world.units().id[u];
    RngStream g = c.rng(uid, 100 + static_cast<uint32_t>(level));
    uint32_t left = capacity(cap.general, g), service_left = capacity(cap.service, g);
    // (its own draw, so that the draws above do not depend on whether the unit buys elder services)
    RngStream ge = c.rng(uid, 200 + static_cast<uint32_t>(level));
    uint32_t elder_left = capacity(cap.elder, ge);
    RngStream gv = c.rng(uid, 300 + static_cast<uint32_t>(level));
    uint32_t vulnerable_left = capacity(cap.vulnerable, gv), clinic_left = capacity(cap.clinic, gv);
    const Factors f{(*property_factor_)[u], level == CaseState::Committee ? (*legal_factor_)[u] : 1.0, 0.0};
    for (Case& k : (*cases_)[u]) {
      // a dispute whose agreement broke this month recurs from next month
      // (and a case the hotline dispatched is first handled once its reply time has passed)
      if (k.state != level || (k.marks & (case_mark::BreachedNow | case_mark::Waiting))) continue;
      bool worked = left > 0;
      double p = resolve;
      if (vulnerable_left > 0 && k.type == IssueType::Service && ((*flags_)[k.resident] & flag::Vulnerable))
        worked = true, --vulnerable_left, p = c.p(resolve_social_);
      else if (clinic_left > 0 && k.type == IssueType::Service && (*age_)[k.resident] >= 60)
        worked = true, --clinic_left, p = c.p(resolve_clinic_);
      else if (worked)
        --left;
      else if (k.type == IssueType::Service && service_left > 0)
        worked = true, --service_left;
      else if (k.type == IssueType::Service && elder_left > 0 && (*age_)[k.resident] >= 60)
        worked = true, --elder_left;

      work(c, k, worked, p, static_cast<int>(limit), level, f);
    }
  }

  // A rung shared by several units (township, county): pool their cases, oldest first. `enforcement` cases a
  // month go to safety hazards and property disputes first (township law enforcement), before the general capacity.
  void work_pooled(const StepContext& c, uint32_t lo, uint32_t hi, CaseState level, double per_10k, double resolve,
                   double limit, uint64_t entity, double enforcement = 0) {
    std::vector<std::pair<uint32_t, Case*>> queue;  // (unit, case)
    double residents = 0;
    for (uint32_t u = lo; u < hi; ++u) {
      residents += (*residents_)[u];
      for (Case& k : (*cases_)[u])
        if (k.state == level && !(k.marks & case_mark::Waiting)) queue.emplace_back(u, &k);
    }
    std::stable_sort(queue.begin(), queue.end(), [](const auto& a, const auto& b) {
      return a.second->raised_step < b.second->raised_step;  // ties keep unit, then arrival order
    });
    RngStream g = c.rng(entity, 200);
    uint32_t left = capacity(per_10k * residents / 10000.0, g);
    RngStream ge = c.rng(entity, 201);  // (its own draw: the one above does not depend on enforcement)
    uint32_t enforce_left = capacity(enforcement, ge);
    for (auto& [u, k] : queue) {
      bool worked = false;
      if (enforce_left > 0 && (k->type == IssueType::Hazard || k->type == IssueType::Property))
        worked = true, --enforce_left;
      else if (left > 0)
        worked = true, --left;
      work(c, *k, worked, resolve, static_cast<int>(limit), level, {1.0, 1.0, (*diversion_)[u]});
    }
  }

  void exits(const StepContext& c, uint32_t u) {
    const int abandon = static_cast<int>(c.p(kAbandonMonths));
    const double rate = c.p(kEscalationRate), distrust = c.p(kEscalationDistrust);
    for (Case& k : (*cases_)[u]) {
      if (!is_open(k.state)) continue;
      if (is_request(k.type) && c.step - k.raised_step >= abandon) {
        k.state = CaseState::Abandoned;
      } else if (is_dispute(k.type)) {
        RngStream g = c.rng(k.id);
        if (g.uniform() < rate * std::exp(distrust * (0.5 - (*trust_)[k.resident]))) {
          k.state = CaseState::Escalated;
          k.marks |= case_mark::Failed;
        }
      }
    }
  }

  // The dispute tallies of one month (004 §18, 001 §45).
  struct DisputeTally {
    double decided = 0, succeeded = 0, closed = 0, village = 0, township = 0, litigated = 0, agreements = 0,
           breached = 0, dropped = 0, escalated = 0, found = 0, missed = 0;
  };
  static void tally_dispute(const StepContext& c, Case& k, DisputeTally& d) {
    const bool known = k.known_step != 0xFFFF;
    d.escalated += k.state == CaseState::Escalated;
    d.found += known && k.known_step == c.step;
    if (!known) {  // lapsed, or turned violent or dropped before anyone knew: missed by screening
      d.missed += !is_open(k.state);
      return;
    }
    const bool ok = k.state == CaseState::Resolved, breached_now = k.marks & case_mark::BreachedNow;
    k.marks &= static_cast<uint8_t>(~case_mark::BreachedNow);
    d.agreements += ok || breached_now;
    d.breached += breached_now;
    if (!is_open(k.state)) {
      d.closed += 1;
      d.village += ok && k.resolved_at <= static_cast<uint8_t>(CaseState::Committee);
      d.township += ok && k.resolved_at <= static_cast<uint8_t>(CaseState::Township);
      d.litigated += k.state == CaseState::Litigated;
      d.dropped += k.state == CaseState::Dropped;
    }
    if (k.marks & case_mark::Counted) return;
    const bool failed = (k.marks & case_mark::Failed) || k.state == CaseState::Dropped;
    if (failed || ok) {
      d.decided += 1;
      d.succeeded += !failed;
      k.marks |= case_mark::Counted;
    }
  }

  void close(const StepContext& c, uint32_t u) {
    CaseBook& book = (*cases_)[u];
    DisputeTally d;
    double wait = 0, closed = 0, resolved = 0, open = 0, at_township = 0;
    for (Case& k : book) {
      if (is_dispute(k.type)) tally_dispute(c, k, d);
      if (is_open(k.state)) {
        open += 1;
        at_township += k.state == CaseState::Township;
        continue;
      }
      // never known and no failure of service: lapsed, or dropped or turned violent
      // unknown (incidents and requests given up unknown stay in: failures to find)
      const bool unknown = k.known_step == 0xFFFF;
      if (k.state == CaseState::Lapsed ||
          (unknown && (k.state == CaseState::Dropped || k.state == CaseState::Escalated)))
        continue;
      closed += 1;
      wait += c.step - k.raised_step;
      resolved += k.state == CaseState::Resolved;
    }
    book.erase(std::remove_if(book.begin(), book.end(), [](const Case& k) { return !is_open(k.state); }), book.end());
    const double residents = (*residents_)[u];
    c.record(kDisputeResolution, u, d.succeeded, d.decided);
    c.record(kScreening, u, d.found, d.found + d.missed);
    c.record(kSettledVillage, u, d.village, d.closed);
    c.record(kSettledTownship, u, d.township, d.closed);
    c.record(kLitigated, u, d.litigated, residents);
    c.record(kBreaches, u, d.breached, d.agreements);
    c.record(kDropped, u, d.dropped, residents);
    c.record(kEscalations, u, d.escalated, residents);
    c.record(kWait, u, wait, closed);
    c.record(kCaseResolution, u, resolved, closed);
    c.record(kOpen, u, open, 1);
    c.record(kAtTownship, u, at_township, 1);
  }

  std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<float>* workers_ = nullptr;
  const std::vector<uint32_t>*households_ = nullptr, *residents_ = nullptr;
  const std::vector<float>* trust_ = nullptr;
  const std::vector<float>*county_factor_ = nullptr, *elder_capacity_ = nullptr;
  const std::vector<uint8_t>*age_ = nullptr, *flags_ = nullptr;
  const std::vector<float>*clinic_capacity_ = nullptr, *vulnerable_capacity_ = nullptr;
  Param resolve_clinic_, resolve_social_;
  const std::vector<float>*legal_factor_ = nullptr, *diversion_ = nullptr, *enforcement_ = nullptr;
  const std::vector<float>*cap_factor_ = nullptr, *resolve_factor_ = nullptr, *committee_extra_ = nullptr,
        *grid_extra_ = nullptr, *property_factor_ = nullptr, *mediation_factor_ = nullptr, *mediation_effort_ = nullptr;
};

REGISTER_MECHANISM(Ladder);

}  // namespace
}  // namespace govsim::model
