// The 12345 government-service hotline as an intake channel (model brief §3 step 6;
// 000 §23: the province's one online governance platform is built on the 12345
// hotline). Each month, after the online platform and before walk-in reporting and
// grid-worker discovery (intake):
//   a resident with an unreported case calls with probability
//     call_rate * scale * distrust(T) * (hazard_factor for a safety hazard, dispute_factor for a dispute,
//     else offline_factor: the share of the offline channels, the hotline among them, that the digital
//     platform's digital.offline_retention keeps)
//   a resident whose known case is still open at a rung a month or more after it became known calls to press it
//   (催办) with probability
//     followup_rate * scale * distrust(T) * (grid_found_factor if a grid worker found the case)
//   distrust(T) = max(0, 1 + distrust * (trust_reference - T))   (residents who do not trust the committee go
//   over its head), scale = propensity_scale (0 when the hotline is not enabled).
// The hotline dispatches the case to the rung that owns it (route_<type>: 1 grid,
// 2 committee, 3 township, 4 county: by default service requests to the community's
// grid workers (代办), disputes, property disputes and environmental complaints to the
// committee, hazards to township enforcement); a case already at or above that rung
// stays where it is. Its
// first handling there waits the reply time: a request comes in on a working day d
// uniform in the month's W = 21.75 working days and is replied to after a delay r,
// exponential with mean reply_days working days (at most two months); when d + r
// passes the month's end the rung first works it floor((d + r) / W) months later.
// A dispatched case counts as reported, is marked as the hotline's, and closes
// like any other (perceptions and petitions judge it as usual).
// Enquiries and suggestions make no case: they add enquiry_share / (1 - enquiry_share)
// requests per case-bearing request. The county pays operators cost_per_request for
// every request of the month before (in 2020 yuan, times the cost index), before its
// departments get what is left.
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"
#include "money/cost_index.hpp"

namespace govsim::model {
namespace {

constexpr double kWorkingDays = 261.0 / 12;  // working days in a month (five-day weeks)

const Param kEnabled =
    declare_param({"hotline.enabled", ParamType::Boolean, 1, "flag", 0, 1,
                   "Whether residents can take cases to the 12345 hotline (0: no hotline intake, no operators to pay).",
                   "000 §23 (基于12345政务服务热线,建设全省统一网络理政平台)", true});
const Param kScale = declare_param(
    {"hotline.propensity_scale", ParamType::Real, 1.0, "multiplier", 0, 5,
     "Multiplier on every call rate: how well the hotline is known and how easy it is to reach (publicity, one "
     "number for all departments).",
     "000 §23; assumption (1 = the 2020 level)", true});
const Param kCallRate = declare_param(
    {"hotline.call_rate", ParamType::Real, 0.5, "probability per month", 0, 1,
     "Monthly probability that a resident with a case nobody with a duty knows of calls 12345 (at the reference "
     "trust).",
     "calibrated with followup_rate and enquiry_share to calibration-2020: Chengdu 12345 and online requests ~0.22 "
     "a resident a year (derived)",
     false});
const Param kFollowup = declare_param(
    {"hotline.followup_rate", ParamType::Real, 0.35, "probability per month", 0, 1,
     "Monthly probability that a resident whose known case has stayed open a month or more calls 12345 to press it "
     "(催办), at the reference trust.",
     "assumption (recurring problems are a fifth of dissatisfied calls: calibration-2020: chengdu-hotline-2017)",
     false});
const Param kHazardFactor = declare_param(
    {"hotline.hazard_factor", ParamType::Real, 0.1, "multiplier", 0, 1,
     "Calls over an unreported safety hazard, relative to other cases: residents seldom notice hazards or think "
     "them their business.",
     "assumption (the ratio of intake.self_report_hazard to intake.self_report_service)", false});
const Param kDisputeFactor = declare_param(
    {"hotline.dispute_factor", ParamType::Real, 0.4, "multiplier", 0, 1,
     "Calls over an unreported dispute, relative to a service request: parties to a dispute more often go to the "
     "mediator or wait than call a government number.",
     "assumption (about the ratio of intake.self_report_dispute x (0.5 + trust) to intake.self_report_service)",
     false});
const Param kGridFound = declare_param(
    {"hotline.grid_found_factor", ParamType::Real, 0.3, "multiplier", 0, 1,
     "Follow-up calls over a case a grid worker found, relative to one the resident reported: the grid worker is "
     "already in touch and reports back on visits.",
     "001 §37 (grid workers' information collection and proxy services); assumption", false});
const Param kDistrust = declare_param(
    {"hotline.distrust", ParamType::Real, 1.5, "per unit of trust", 0, 10,
     "Calls are multiplied by max(0, 1 + this * (trust_reference - trust)): residents who do not trust the "
     "committee take their case over its head.",
     "model brief §3 step 6; assumption", false});
const Param kTrustRef =
    declare_param({"hotline.trust_reference", ParamType::Real, 0.6, "trust 0-1", 0, 1,
                   "Trust at which residents call at the base rates (about the 2020 mean).", "assumption", false});
const Param kEnquiry = declare_param(
    {"hotline.enquiry_share", ParamType::Real, 0.3, "share of requests", 0, 0.95,
     "Share of hotline requests that are enquiries or suggestions and make no case (they cost operator time).",
     "calibration-2020: chengdu-hotline-2018 (enquiries 28%, suggestions 2% of 174,015 requests)", false});
const Param kReplyDays = declare_param(
    {"hotline.reply_days", ParamType::Real, 4.3, "working days", 0, 40,
     "Mean working days from a request to its reply by the department it was dispatched to (its first handling).",
     "calibration-2020: chengdu-hotline-2020 (4.24 working days to reply); calibration-2020: chengdu-hotline-2017 "
     "(4.31 working days)",
     false});
const Param kCost = declare_param(
    {"hotline.cost_per_request", ParamType::Real, 15, "yuan per request", 0, 1000,
     "What one request costs the county: operators, dispatch, the call-back and supervision, in 2020 yuan.",
     "assumption (an operator costing about 8,000 yuan a month with overheads answers some 60 requests a working "
     "day, ~6 yuan a request; dispatch, the call-back (回访) and supervision more than double it)",
     false});
// Where the hotline dispatches each type (the rung that owns it): 1 grid, 2 committee, 3 township, 4 county.
ParamDecl route(const char* name, double def, const char* desc, const char* source) {
  return {name, ParamType::Integer, def, "rung (1 grid, 2 committee, 3 township, 4 county)", 1, 4, desc, source, false};
}
const Param kRoute[kIssueTypes] = {
    declare_param(
        route("hotline.route_service", 1,
              "Rung the hotline dispatches a service request to: the street passes it to the community, "
              "whose grid workers handle it as a proxy service (代办).",
              "000 §17 (网格发现、社区呼叫、分级响应), 001 §37; assumption (the grid rung holds most of the "
              "ladder's case capacity: sent to the township's service centre, 3, the requests overwhelm it)")),
    declare_param(route("hotline.route_dispute", 2,
                        "Rung the hotline dispatches a dispute to (the committee's people's mediation committee).",
                        "001 §45 (小事不出村); assumption")),
    declare_param(route("hotline.route_hazard", 3,
                        "Rung the hotline dispatches a safety hazard to (township/street enforcement).",
                        "000 §17; assumption")),
    declare_param(route("hotline.route_property", 2,
                        "Rung the hotline dispatches a property-management dispute to (the community committee).",
                        "001 §26; assumption")),
    declare_param(route("hotline.route_environment", 2,
                        "Rung the hotline dispatches an environmental complaint to (the committee's environment and "
                        "property committee; the township's environment office above it).",
                        "001 §17, §26; assumption")),
};

using IA = IndicatorDecl::Aggregate;
const Indicator kRequests = declare_indicator(
    {"hotline_requests_per_resident", "per resident per year", "12345 hotline requests per resident",
     "12345热线人均诉求量",
     "Hotline requests this month (new cases called in, calls pressing known cases, enquiries and suggestions) per "
     "resident, annualised (x12).",
     "hotline", 12.0});
const Indicator kReplyDaysInd = declare_indicator(
    {"hotline_reply_days", "working days", "12345 reply time", "12345热线答复时长",
     "Mean working days from request to reply (first handling) of the cases the hotline dispatched this month.",
     "hotline"});
const Indicator kResolution = declare_indicator(
    {"hotline_resolution_rate", "share", "resolution of hotline cases", "12345热线诉求解决率",
     "Cases the hotline dispatched that closed this month resolved / those closed this month (resident still here).",
     "hotline"});
const Indicator kSatisfied = declare_indicator(
    {"hotline_satisfaction", "share", "satisfied hotline callers", "12345热线满意率",
     "Residents whose hotline case closed this month with satisfaction >= perceptions.satisfied_threshold after "
     "judging it / those residents.",
     "hotline"});
const Indicator kReported = declare_indicator(
    {"cases_reported_share", "share", "share of cases reported", "事项上报率",
     "Cases closed this month (resident still here) that someone with a duty learnt of before they closed / cases "
     "closed this month.",
     "hotline"});
const Indicator kCostInd = declare_indicator(
    {"hotline_cost_per_resident", "yuan per resident per year", "12345 hotline operators", "12345热线运行费用(人均)",
     "What the county paid this month for the hotline's requests of the month before, per resident, x12.", "hotline",
     12.0});
const Indicator kCalls =
    declare_indicator({"hotline_requests", "requests", "12345 hotline requests", "12345热线诉求量",
                       "Hotline requests this month (with enquiries and suggestions).", "hotline", 1.0, true, IA::Sum});

// State.
const Writes<CaseBook> colCases = writes<CaseBook>(Level::Unit, "cases", "hotline");
const Reads<float> colTrust = reads<float>(Level::Resident, "trust", "hotline");
const Reads<float> colSat = reads<float>(Level::Resident, "satisfaction", "hotline");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "hotline");
const Reads<float> colOffline = reads<float>(Level::Unit, "offline_factor", "hotline");  // set by the digital platform
const Owned<float> colMonth =
    declare_column<float>({"hotline_requests", Level::Unit, "requests",
                           "Hotline requests of the unit's residents this month (with enquiries); the county pays "
                           "them next month.",
                           "hotline", Merge::Sum});

const ledger::Flow kFlow = ledger::declare_flow("hotline_operators", "county: 12345 hotline operators and dispatch");

class Hotline : public Mechanism {
 public:
  std::string name() const override { return "hotline"; }
  std::string summary() const override {
    return "the 12345 hotline: residents call in unreported cases and press unmet ones; it dispatches them to the "
           "rung that owns them after its reply time; the county pays operators per request";
  }
  void init(World& w, const InitContext&) override {
    cases_ = &colCases.write(w);
    trust_ = &colTrust.read(w);
    sat_ = &colSat.read(w);
    residents_ = &colResidents.read(w);
    offline_ = &colOffline.read(w);
    month_ = &colMonth.write(w);
  }
  void steps(StepList& out) override {
    out.add({"hotline.pay", Scope::County,
             "the county pays the hotline's operators for last month's requests (before its departments)",
             [this](const StepContext& c, uint32_t k) { pay(c, k); }});
    out.add({"hotline.call", Scope::Unit,
             "residents call 12345 with unreported cases or to press unmet ones; the hotline dispatches them to the "
             "rung that owns them after the reply time",
             [this](const StepContext& c, uint32_t u) { call(c, u); }});
    out.add({"hotline.outcomes", Scope::Unit,
             "tally the closed cases the hotline dispatched (resolution, callers satisfied) and the share of closed "
             "cases that were reported, before the ladder drops closed cases",
             [this](const StepContext& c, uint32_t u) { outcomes(c, u); }});
  }

 private:
  void pay(const StepContext& c, uint32_t k) {
    World& w = c.world;
    const auto [lo, hi] = w.range(Level::County, k, Level::Unit);
    double requests = 0, pop = 0;
    for (uint32_t u = lo; u < hi; ++u) requests += (*month_)[u], pop += (*residents_)[u];
    static const Param cost_growth = param_named("township.cost_growth");
    const double amount = requests * c.p(kCost) * cost_index(c, cost_growth);
    const Money m = std::min(fen(amount), std::max<Money>(0, ledger::balance(w, Level::County, k)));
    ledger::pay(w, Level::County, k, m, kFlow);
    c.record(kCostInd, lo, yuan(m), pop);
  }

  // The months a dispatched case waits before its first handling; adds the reply's working days to `days`.
  static int reply_wait(const StepContext& c, RngStream& g, double& days) {
    const double r = std::min(2 * kWorkingDays, -c.p(kReplyDays) * std::log(1 - g.uniform()));
    days += r;
    return static_cast<int>(std::min(2.0, std::floor((g.uniform() * kWorkingDays + r) / kWorkingDays)));
  }
  // The hotline dispatches k to the rung that owns it (if k sits lower) after the reply time.
  static void dispatch(const StepContext& c, Case& k, CaseState rung, int wait) {
    k.marks |= case_mark::Hotline;
    if (k.state == CaseState::Unreported) k.known_step = static_cast<uint16_t>(c.step);
    if (k.state != CaseState::Unreported && k.state >= rung) return;
    k.state = rung;
    k.months_at_level = static_cast<uint8_t>(wait);
    if (wait > 0)
      k.marks |= case_mark::Waiting;
    else
      k.marks &= static_cast<uint8_t>(~case_mark::Waiting);
  }

  void call(const StepContext& c, uint32_t u) {
    const bool on = c.p(kEnabled) != 0;
    const double scale = on ? c.p(kScale) : 0.0, ref = c.p(kTrustRef), distrust = c.p(kDistrust);
    const double p_new = c.p(kCallRate) * scale, p_press = c.p(kFollowup) * scale, grid = c.p(kGridFound),
                 hazard = c.p(kHazardFactor), dispute = c.p(kDisputeFactor);
    // service requests and complaints: the share of the offline channels kept (the hotline is one of them)
    const double offline = (*offline_)[u];
    const double top = std::max(0.0, 1 + distrust * ref);  // distrust factor at trust 0
    CaseState route[kIssueTypes];
    for (int t = 0; t < kIssueTypes; ++t) route[t] = static_cast<CaseState>(static_cast<int>(c.p(kRoute[t])));
    double requests = 0, days = 0, dispatched = 0;
    for (Case& k : (*cases_)[u]) {
      if (k.marks & case_mark::Waiting) {  // the reply time runs out: the rung works it from this month
        if (k.months_at_level == 0 || --k.months_at_level == 0) k.marks &= static_cast<uint8_t>(~case_mark::Waiting);
        continue;
      }
      const bool unreported = k.state == CaseState::Unreported;
      if (!unreported && !(is_ladder(k.state) && c.step > k.known_step)) continue;
      double p = unreported ? p_new * (k.type == IssueType::Hazard ? hazard
                                       : is_dispute(k.type)        ? dispute
                                                                   : offline)
                            : p_press * ((k.marks & case_mark::GridFound) ? grid : 1.0);
      if (p <= 0) continue;
      RngStream g = c.rng(k.id);
      const double a = g.uniform();
      if (a >= p * top) continue;  // most cases stop here: no trust lookup
      p *= std::max(0.0, 1 + distrust * (ref - (*trust_)[k.resident]));
      if (a >= p) continue;
      requests += 1;
      const CaseState rung = route[static_cast<int>(k.type)];
      if (unreported || k.state < rung) {
        dispatch(c, k, rung, reply_wait(c, g, days));
        dispatched += 1;
      } else {
        k.marks |= case_mark::Hotline;
      }
    }
    const double share = c.p(kEnquiry);
    requests /= 1 - share;  // with the enquiries and suggestions that make no case
    (*month_)[u] = static_cast<float>(requests);
    c.record(kRequests, u, requests, (*residents_)[u]);
    c.record(kCalls, u, requests, 1);
    c.record(kReplyDaysInd, u, days, dispatched);
  }

  void outcomes(const StepContext& c, uint32_t u) {
    static const Param threshold = param_named("perceptions.satisfied_threshold");
    const double thr = c.p(threshold);
    double closed = 0, reported = 0, hot = 0, hot_resolved = 0, hot_satisfied = 0;
    for (const Case& k : (*cases_)[u]) {
      if (is_open(k.state) || !has_resident(k)) continue;
      closed += 1;
      reported += k.known_step != 0xFFFF;
      if (!(k.marks & case_mark::Hotline)) continue;
      hot += 1;
      hot_resolved += k.state == CaseState::Resolved;
      hot_satisfied += (*sat_)[k.resident] >= thr;
    }
    c.record(kReported, u, reported, closed);
    c.record(kResolution, u, hot_resolved, hot);
    c.record(kSatisfied, u, hot_satisfied, hot);
  }

  std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<float>*trust_ = nullptr, *sat_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
  const std::vector<float>* offline_ = nullptr;
  std::vector<float>* month_ = nullptr;
};

REGISTER_MECHANISM(Hotline);

}  // namespace
}  // namespace govsim::model
