// Perceptions (model brief §3 step 8): satisfaction by expectation-
// disconfirmation, and trust that moves with the resident's own cases.
//
// When a resident's case closes, its outcome quality is
//   q = max(0, 1 - wait_penalty * months waited) * (1 - rung_penalty * rungs above the grid)   if resolved
//   q = 0                                                                                       otherwise
// and, with E the resident's expectation, S satisfaction and T trust:
//   S <- S + satisfaction_rate * (clamp(q + disconfirmation_weight * (q - E), 0, 1) - S)
//   E <- E + expectation_rate * (q - E)
//   T <- T + trust_rate * (q - T)
// A resident is "satisfied" when S >= satisfied_threshold.
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kInitSatisfaction = declare_param(
    {"perceptions.initial_satisfaction", ParamType::Real, 0.75, "index 0-1", 0, 1, "Mean satisfaction at the start.",
     "calibration-2020: official satisfaction rates 90-99% are near the ceiling; level is an assumption", false});
const Param kInitExpectation =
    declare_param({"perceptions.initial_expectation", ParamType::Real, 0.7, "index 0-1", 0, 1,
                   "Mean expected quality of service at the start.", "assumption", false});
const Param kInitTrust = declare_param({"perceptions.initial_trust", ParamType::Real, 0.6, "index 0-1", 0, 1,
                                        "Mean trust in the committee at the start.", "assumption", false});
const Param kInitSpread = declare_param(
    {"perceptions.initial_spread", ParamType::Real, 0.12, "index 0-1", 0, 0.5,
     "Standard deviation of the initial satisfaction, expectation and trust across residents.", "assumption", false});
const Param kSatisfactionRate =
    declare_param({"perceptions.satisfaction_rate", ParamType::Real, 0.4, "share", 0, 1,
                   "Weight of a closed case's experience in the resident's satisfaction.", "assumption", false});
const Param kDisconfirmation = declare_param(
    {"perceptions.disconfirmation_weight", ParamType::Real, 0.5, "multiplier", 0, 5,
     "Weight of the gap between outcome and expectation (expectation-disconfirmation).", "assumption", false});
const Param kExpectationRate =
    declare_param({"perceptions.expectation_rate", ParamType::Real, 0.2, "share", 0, 1,
                   "How fast expectations adapt to experienced outcomes.", "assumption", false});
const Param kTrustRate =
    declare_param({"perceptions.trust_rate", ParamType::Real, 0.15, "share", 0, 1,
                   "How fast trust moves toward the quality of the resident's own cases.", "assumption", false});
const Param kWaitPenalty = declare_param({"perceptions.wait_penalty", ParamType::Real, 0.08, "per month", 0, 1,
                                          "Loss of outcome quality per month of waiting.", "assumption", false});
const Param kRungPenalty =
    declare_param({"perceptions.rung_penalty", ParamType::Real, 0.08, "per rung", 0, 0.3,
                   "Loss of outcome quality per rung above the grid at which the case was settled (小事不出村).",
                   "001 §45; assumption", false});
const Param kSatisfiedThreshold =
    declare_param({"perceptions.satisfied_threshold", ParamType::Real, 0.6, "index 0-1", 0, 1,
                   "Satisfaction at or above which a resident counts as satisfied.", "assumption", false});

const Indicator kSatisfaction = headline(declare_indicator(
    {"satisfaction_mean", "index 0-1", "mean resident satisfaction", "群众满意度(均值)",
     "Mean satisfaction over residents at the end of the month (002 §16: satisfaction is the main standard).",
     "perceptions"}));
const Indicator kSatisfactionOld = headline(declare_indicator(
    {"satisfaction_60_plus", "index 0-1", "mean satisfaction of residents aged 60+", "老年人满意度(均值)",
     "Mean satisfaction over residents aged 60+ (003 ch.6(3): services must keep serving the elderly).",
     "perceptions"}));
const Indicator kSatisfied =
    declare_indicator({"satisfied_share", "share", "share of residents satisfied", "满意居民占比",
                       "Residents with satisfaction >= satisfied_threshold / residents.", "perceptions"});
const Indicator kTrust = declare_indicator({"trust_mean", "index 0-1", "mean trust in the committee",
                                            "对两委的信任(均值)", "Mean trust over residents.", "perceptions"});
const Indicator kResidents =
    headline(declare_indicator({"residents", "persons", "residents", "常住人口", "Residents at the end of the month.",
                                "perceptions", 1.0, true, IndicatorDecl::Aggregate::Sum}));

// State.
const Owned<float> colSat = declare_column<float>({"satisfaction",
                                                   Level::Resident,
                                                   "0..1",
                                                   "The resident's satisfaction with how issues are handled.",
                                                   "perceptions",
                                                   Merge::First,
                                                   {"participation"}});
const Owned<float> colExp =
    declare_column<float>({"expectation", Level::Resident, "0..1",
                           "What the resident expects of the handling of an issue.", "perceptions", Merge::First});
const Owned<float> colTrust =
    declare_column<float>({"trust",
                           Level::Resident,
                           "0..1",
                           "The resident's trust in the village/community committee and the grid.",
                           "perceptions",
                           Merge::First,
                           {"integrity"}},
                          0.6f);
const Owned<double> colElderSat =
    declare_column<double>({"elder_satisfaction_sum", Level::Unit, "sum of 0..1",
                            "Running sum of the satisfaction of residents aged 60+ (recounted when residents change).",
                            "perceptions", Merge::Sum});
const Owned<double> colElders =
    declare_column<double>({"elders_for_satisfaction", Level::Unit, "residents",
                            "Residents aged 60+ in elder_satisfaction_sum.", "perceptions", Merge::Sum});
const Reads<CaseBook> colCases = reads<CaseBook>(Level::Unit, "cases", "perceptions");
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "perceptions");

class Perceptions : public Mechanism {
 public:
  std::string name() const override { return "perceptions"; }
  std::string summary() const override {
    return "satisfaction by expectation-disconfirmation; trust moves with the resident's own cases";
  }
  void init(World& w, const InitContext& ctx) override {
    Table& r = w.residents();
    sat_ = &colSat.write(w);
    exp_ = &colExp.write(w);
    trust_ = &colTrust.write(w);
    cases_ = &colCases.read(w);
    age_ = &colAge.read(w);
    elder_sat_ = &colElderSat.write(w);
    elders_ = &colElders.write(w);
    const double s0 = ctx.p(kInitSatisfaction), e0 = ctx.p(kInitExpectation), t0 = ctx.p(kInitTrust),
                 sd = ctx.p(kInitSpread);
    const uint32_t n = r.size();
    for (uint32_t i = 0; i < n; ++i) {
      RngStream g = ctx.rng(stream_id("perceptions.init"), i);
      (*sat_)[i] = static_cast<float>(std::clamp(s0 + sd * g.normal(), 0.0, 1.0));
      (*exp_)[i] = static_cast<float>(std::clamp(e0 + sd * g.normal(), 0.0, 1.0));
      (*trust_)[i] = static_cast<float>(std::clamp(t0 + sd * g.normal(), 0.0, 1.0));
    }
  }
  void steps(StepList& out) override {
    out.add({"perceptions.update", Scope::Unit,
             "residents whose cases closed update satisfaction, expectation and trust; record satisfaction",
             [this](const StepContext& c, uint32_t u) { update(c, u); }});
  }

 private:
  void update(const StepContext& c, uint32_t u) {
    const double a = c.p(kSatisfactionRate), beta = c.p(kDisconfirmation), lam = c.p(kExpectationRate),
                 eta = c.p(kTrustRate), wp = c.p(kWaitPenalty), rp = c.p(kRungPenalty);
    auto &S = *sat_, &E = *exp_, &T = *trust_;
    // Elders' satisfaction is kept as a running sum per unit (updated as residents'
    // satisfaction changes below) and recounted when the residents change: in
    // January, after demography, and in the first month.
    double& elder_sum = (*elder_sat_)[u];
    double& elders = (*elders_)[u];
    if (c.step == 0 || c.month.month() == 1) {
      const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
      elder_sum = 0, elders = 0;
      for (uint32_t i = lo; i < hi; ++i)
        if ((*age_)[i] >= 60) elder_sum += S[i], elders += 1;
    }
    for (const Case& k : (*cases_)[u]) {
      if (is_open(k.state)) continue;
      double q = 0;
      if (k.state == CaseState::Resolved) {
        const int rungs = k.resolved_at - static_cast<int>(CaseState::Grid);
        q = std::max(0.0, 1.0 - wp * (c.step - k.raised_step)) * (1.0 - rp * rungs);
      }
      const uint32_t i = k.resident;
      const double target = std::clamp(q + beta * (q - E[i]), 0.0, 1.0);
      const float before = S[i];
      S[i] = static_cast<float>(S[i] + a * (target - S[i]));
      if ((*age_)[i] >= 60) elder_sum += S[i] - before;
      E[i] = static_cast<float>(E[i] + lam * (q - E[i]));
      T[i] = static_cast<float>(T[i] + eta * (q - T[i]));
    }
    const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
    const float thr = static_cast<float>(c.p(kSatisfiedThreshold));
    double s = 0, t = 0;
    uint32_t n_sat = 0;
    for (uint32_t i = lo; i < hi; ++i) {
      s += S[i];
      t += T[i];
      n_sat += S[i] >= thr;
    }
    const double n = hi - lo;
    c.record(kSatisfaction, u, s, n);
    c.record(kSatisfied, u, n_sat, n);
    c.record(kTrust, u, t, n);
    c.record(kSatisfactionOld, u, elder_sum, elders);
    c.record(kResidents, u, n, 1);
  }
  std::vector<float>*sat_ = nullptr, *exp_ = nullptr, *trust_ = nullptr;
  const std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<uint8_t>* age_ = nullptr;
  std::vector<double>*elder_sat_ = nullptr, *elders_ = nullptr;
};

REGISTER_MECHANISM(Perceptions);

}  // namespace
}  // namespace govsim::model
