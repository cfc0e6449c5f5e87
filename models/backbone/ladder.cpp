// The resolution ladder (model brief §3 step 7): grid -> committee -> township
// -> county ("网格发现、社区呼叫、分级响应、协同处置", 000 §17; "小事不出村、
// 大事不出乡镇、矛盾不上交", 001 §45; resolution rate >= 97%, 004 §18).
//
// Each rung has a monthly capacity (cases it can work) and a time limit; the
// committee's capacity and resolution scale with its capability and workload
// (committee mechanism), social organisations and volunteers add capacity for
// service requests (participation), 三方联动 helps settle property disputes
// (compounds). Higher
// rungs work their queues first each month (county, township, then the village's
// committee and grid), oldest case first. A worked case is resolved with
// probability resolve_<rung> (times dispute_difficulty for disputes); a case not
// resolved within the rung's time limit moves up one rung. The county is the top.
// A dispute open for petition_after_months at the township or county whose
// resident's trust is below petition_trust leaves the ladder as a petition (信访)
// with probability petition_prob a month. A service request open for
// abandon_months is given up.
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kGridCapacity =
    declare_param({"ladder.grid_cases_per_worker", ParamType::Real, 25, "cases per worker per month", 0, 500,
                   "Cases one grid worker can work in a month besides routine visits.", "assumption", false});
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
const Param kPetitionAfter =
    declare_param({"ladder.petition_after_months", ParamType::Integer, 4, "months", 1, 60,
                   "Months a dispute must have been open before its party may petition.", "assumption", false});
const Param kPetitionTrust =
    declare_param({"ladder.petition_trust", ParamType::Real, 0.5, "trust 0-1", 0, 1,
                   "Residents with trust below this may petition over an unresolved dispute.", "assumption", false});
const Param kPetitionProb =
    declare_param({"ladder.petition_prob", ParamType::Real, 0.25, "probability per month", 0, 1,
                   "Monthly probability that an eligible dispute becomes a petition.", "assumption", false});
const Param kAbandonMonths =
    declare_param({"ladder.abandon_months", ParamType::Integer, 9, "months", 1, 120,
                   "Months after which an unmet service request is given up.", "assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kDisputeResolution = headline(declare_indicator(
    {"dispute_resolution_rate", "share", "dispute resolution rate", "矛盾纠纷化解率",
     "Disputes resolved this month / disputes closed this month (resolved, petitioned or given up). Target >= 0.97 "
     "(004 §18).",
     "ladder"}));
const Indicator kSettledVillage = headline(declare_indicator(
    {"settled_in_village_share", "share", "disputes settled in the village/community", "小事不出村占比",
     "Disputes resolved by the grid worker or committee / disputes closed this month (001 §45).", "ladder"}));
const Indicator kSettledTownship =
    declare_indicator({"settled_in_township_share", "share", "disputes settled within the township", "大事不出乡镇占比",
                       "Disputes resolved at the township or below / disputes closed this month (001 §45).", "ladder"});
const Indicator kPetitions = headline(declare_indicator(
    {"petitions_per_10k", "per 10,000 residents per year", "petitions per 10,000 residents", "每万人信访量",
     "Disputes that became petitions this month per 10,000 residents, annualised (x12).", "ladder", 120000.0}));
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
const Reads<float> colWorkers = reads<float>(Level::Unit, "grid_workers", "ladder");
const Reads<float> colCapFactor = reads<float>(Level::Unit, "committee_capacity_factor", "ladder");
const Reads<float> colResolveFactor = reads<float>(Level::Unit, "committee_resolve_factor", "ladder");
const Reads<float> colCommitteeExtra = reads<float>(Level::Unit, "committee_extra_capacity", "ladder");
const Reads<float> colGridExtra = reads<float>(Level::Unit, "grid_extra_capacity", "ladder");
const Reads<float> colPropertyFactor = reads<float>(Level::Unit, "property_resolve_factor", "ladder");
const Reads<float> colMediationFactor = reads<float>(Level::Township, "mediation_factor", "ladder");
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "ladder");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "ladder");
const Reads<float> colTrust = reads<float>(Level::Resident, "trust", "ladder");

class Ladder : public Mechanism {
 public:
  std::string name() const override { return "ladder"; }
  std::string summary() const override {
    return "the resolution ladder grid -> committee -> township -> county, with capacities, time limits and petitions";
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
    households_ = &colHouseholds.read(w);
    residents_ = &colResidents.read(w);
    trust_ = &colTrust.read(w);
  }
  void steps(StepList& out) override {
    out.add({"ladder.county", Scope::County,
             "county departments and courts work their queue (oldest first, up to capacity)",
             [this](const StepContext& c, uint32_t k) {
               const auto [lo, hi] = c.world.range(Level::County, k, Level::Unit);
               work_pooled(c, lo, hi, CaseState::County, c.p(kCountyCapacity), c.p(kResolveCounty), 0, k);
             }});
    out.add({"ladder.township", Scope::Township,
             "each township's mediation and service centres work its queue; unresolved cases past the limit go to "
             "the county",
             [this](const StepContext& c, uint32_t t) {
               const auto [lo, hi] = c.world.range(Level::Township, t, Level::Unit);
               work_pooled(c, lo, hi, CaseState::Township, c.p(kTownshipCapacity) * (*mediation_factor_)[t],
                           c.p(kResolveTownship), c.p(kLimitTownship), t);
             }});
    out.add({"ladder.village", Scope::Unit,
             "the committee, then the grid workers, work their cases; unresolved cases past the limit move up",
             [this](const StepContext& c, uint32_t u) {
               const double committee_cap = c.p(kCommitteeCapacity) * (*households_)[u] / 1000.0 * (*cap_factor_)[u];
               const double grid_cap = c.p(kGridCapacity) * (*workers_)[u];
               const double committee_resolve = std::min(1.0, c.p(kResolveCommittee) * (*resolve_factor_)[u]);
               work_unit(c, u, CaseState::Committee, committee_cap, (*committee_extra_)[u], committee_resolve,
                         c.p(kLimitCommittee));
               work_unit(c, u, CaseState::Grid, grid_cap, (*grid_extra_)[u], c.p(kResolveGrid), c.p(kLimitGrid));
             }});
    out.add({"ladder.petitions", Scope::Unit,
             "long-unresolved disputes of low-trust residents become petitions; long-unmet service requests are "
             "given up",
             [this](const StepContext& c, uint32_t u) { petitions(c, u); }});
    out.add({"ladder.close", Scope::Unit,
             "tally the cases closed this month, record ladder indicators and drop closed cases",
             [this](const StepContext& c, uint32_t u) { close(c, u); }});
  }

 private:
  // Integer capacity from a fractional one: floor(cap + u), u uniform (stochastic rounding).
  static uint32_t capacity(double cap, RngStream& g) { return static_cast<uint32_t>(std::floor(cap + g.uniform())); }

  // One rung's work on one case; returns nothing, changes the case. `property`
  // multiplies the resolution of property-management disputes (三方联动).
  void work(const StepContext& c, Case& k, bool worked, double resolve, int limit, CaseState level,
            double property = 1.0) {
    if (worked) {
      RngStream g = c.rng(k.id, static_cast<uint32_t>(level));
      double p = resolve * (is_dispute(k.type) ? c.p(kDisputeDifficulty) : 1.0);
      if (k.type == IssueType::Property) p = std::min(1.0, p * property);
      if (g.uniform() < p) {
        k.state = CaseState::Resolved;
        k.resolved_at = static_cast<uint8_t>(level);
        return;
      }
    }
    if (limit > 0 && ++k.months_at_level >= limit) {
      k.state = static_cast<CaseState>(static_cast<uint8_t>(level) + 1);
      k.months_at_level = 0;
    }
  }

  // A village rung: general capacity for any case, plus extra capacity that only
  // takes service requests (social organisations, volunteers).
  void work_unit(const StepContext& c, uint32_t u, CaseState level, double cap, double service_cap, double resolve,
                 double limit) {
    const uint32_t uid = c.world.units().id[u];
    RngStream g = c.rng(uid, 100 + static_cast<uint32_t>(level));
    uint32_t left = capacity(cap, g), service_left = capacity(service_cap, g);
    const double property = (*property_factor_)[u];
    for (Case& k : (*cases_)[u]) {
      if (k.state != level) continue;
      bool worked = left > 0;
      if (worked)
        --left;
      else if (k.type == IssueType::Service && service_left > 0)
        worked = true, --service_left;
      work(c, k, worked, resolve, static_cast<int>(limit), level, property);
    }
  }

  // A rung shared by several units (township, county): pool their cases, oldest first.
  void work_pooled(const StepContext& c, uint32_t lo, uint32_t hi, CaseState level, double per_10k, double resolve,
                   double limit, uint64_t entity) {
    std::vector<std::pair<uint32_t, Case*>> queue;  // (unit, case)
    double residents = 0;
    for (uint32_t u = lo; u < hi; ++u) {
      residents += (*residents_)[u];
      for (Case& k : (*cases_)[u])
        if (k.state == level) queue.emplace_back(u, &k);
    }
    std::stable_sort(queue.begin(), queue.end(), [](const auto& a, const auto& b) {
      return a.second->raised_step < b.second->raised_step;  // ties keep unit, then arrival order
    });
    RngStream g = c.rng(entity, 200);
    uint32_t left = capacity(per_10k * residents / 10000.0, g);
    for (auto& [u, k] : queue) {
      const bool worked = left > 0;
      if (worked) --left;
      work(c, *k, worked, resolve, static_cast<int>(limit), level);
    }
  }

  void petitions(const StepContext& c, uint32_t u) {
    const int after = static_cast<int>(c.p(kPetitionAfter)), abandon = static_cast<int>(c.p(kAbandonMonths));
    const double trust_max = c.p(kPetitionTrust), prob = c.p(kPetitionProb);
    for (Case& k : (*cases_)[u]) {
      if (!is_open(k.state)) continue;
      if (k.type == IssueType::Service && c.step - k.raised_step >= abandon) {
        k.state = CaseState::Abandoned;
      } else if (is_dispute(k.type) && k.state >= CaseState::Township && c.step - k.known_step >= after &&
                 (*trust_)[k.resident] < trust_max) {
        RngStream g = c.rng(k.id);
        if (g.uniform() < prob) k.state = CaseState::Petitioned;
      }
    }
  }

  void close(const StepContext& c, uint32_t u) {
    CaseBook& book = (*cases_)[u];
    double d_closed = 0, d_resolved = 0, d_village = 0, d_township = 0, petitions = 0, wait = 0, closed = 0,
           resolved = 0, open = 0, at_township = 0;
    for (const Case& k : book) {
      if (is_open(k.state)) {
        open += 1;
        at_township += k.state == CaseState::Township;
        continue;
      }
      closed += 1;
      wait += c.step - k.raised_step;
      const bool ok = k.state == CaseState::Resolved;
      resolved += ok;
      if (is_dispute(k.type)) {
        d_closed += 1;
        d_resolved += ok;
        d_village += ok && k.resolved_at <= static_cast<uint8_t>(CaseState::Committee);
        d_township += ok && k.resolved_at <= static_cast<uint8_t>(CaseState::Township);
        petitions += k.state == CaseState::Petitioned;
      }
    }
    book.erase(std::remove_if(book.begin(), book.end(), [](const Case& k) { return !is_open(k.state); }), book.end());
    c.record(kDisputeResolution, u, d_resolved, d_closed);
    c.record(kSettledVillage, u, d_village, d_closed);
    c.record(kSettledTownship, u, d_township, d_closed);
    c.record(kPetitions, u, petitions, (*residents_)[u]);
    c.record(kWait, u, wait, closed);
    c.record(kCaseResolution, u, resolved, closed);
    c.record(kOpen, u, open, 1);
    c.record(kAtTownship, u, at_township, 1);
  }

  std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<float>* workers_ = nullptr;
  const std::vector<uint32_t>*households_ = nullptr, *residents_ = nullptr;
  const std::vector<float>* trust_ = nullptr;
  const std::vector<float>*cap_factor_ = nullptr, *resolve_factor_ = nullptr, *committee_extra_ = nullptr,
        *grid_extra_ = nullptr, *property_factor_ = nullptr, *mediation_factor_ = nullptr;
};

REGISTER_MECHANISM(Ladder);

}  // namespace
}  // namespace govsim::model
