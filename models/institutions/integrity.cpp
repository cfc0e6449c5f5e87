// Petty corruption (微腐败) in villages and communities: each secretary has a
// propensity; a corrupt episode starts with probability
//   propensity * (1 - deterrence * supervision)
// times (pay ratio / committee.pay_ratio_reference)^(-pay_elasticity) -- a secretary
// paid well against local incomes has more to lose (001 §61, 000 §29) -- and none while
// the post is vacant; while it lasts, it diverts leak_share of the operating, task and service money
// of the unit before it is spent (taken by village_finance.spend from the next
// month; those categories are spent short by it). Each month an episode is detected with probability
//   detect_base + detect_supervision * supervision + detect_openness * openness
// (村务监督委员会 and discipline member, 001 §55, 004 §22; openness 001 §42).
// Detection ends the episode, removes the secretary (the committee fills the
// post) and costs the unit's residents trust_loss of their trust. A secretary
// taking office draws a propensity: lognormal around propensity_mean, cut by
// the county-level joint vetting of candidates (联审, 004 §21, 001 §9).
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kPropensity = declare_param(
    {"integrity.propensity_mean", ParamType::Real, 0.01, "probability per month", 0, 1,
     "Mean monthly probability that a secretary without deterrence starts a corrupt episode.", "assumption", false});
const Param kSpread =
    declare_param({"integrity.propensity_spread", ParamType::Real, 1.0, "log-sd", 0, 3,
                   "Spread (standard deviation of the log) of propensity across secretaries.", "assumption", false});
const Param kVetting = declare_param(
    {"integrity.vetting_strength", ParamType::Real, 0.3, "strength 0-1", 0, 1,
     "County-level joint vetting of candidates (联审): cuts a new secretary's propensity by up to vetting_effect.",
     "004 §21, 001 §9 (村两委换届候选人县级联审机制)", true});
const Param kVettingEffect =
    declare_param({"integrity.vetting_effect", ParamType::Real, 0.7, "share", 0, 1,
                   "Share of propensity removed by vetting at full strength.", "assumption", false});
const Param kDeterrence =
    declare_param({"integrity.deterrence", ParamType::Real, 0.5, "share", 0, 1,
                   "Share of episodes that full supervision prevents from starting.", "assumption", false});
const Param kDetectBase = declare_param(
    {"integrity.detect_base", ParamType::Real, 0.01, "probability per month", 0, 1,
     "Monthly probability of detection without supervision or openness (audits, complaints).", "assumption", false});
const Param kDetectSupervision =
    declare_param({"integrity.detect_supervision", ParamType::Real, 0.08, "probability per month", 0, 1,
                   "Added monthly detection probability at full supervision.", "001 §55; assumption", false});
const Param kDetectOpenness =
    declare_param({"integrity.detect_openness", ParamType::Real, 0.05, "probability per month", 0, 1,
                   "Added monthly detection probability at full openness of affairs.", "001 §42; assumption", false});
const Param kLeakShare = declare_param({"integrity.leak_share", ParamType::Real, 0.15, "share of funds", 0, 1,
                                        "Share of the funds passing through the committee diverted during an episode.",
                                        "assumption", false});
const Param kPayElasticity =
    declare_param({"integrity.pay_elasticity", ParamType::Real, 0.5, "elasticity", 0, 5,
                   "Episode starts scale as (pay ratio / committee.pay_ratio_reference)^(-this): pay relative to "
                   "local incomes deters petty corruption.",
                   "001 §61, 000 §29 (报酬); assumption", false});
const Param kTrustLoss = declare_param({"integrity.trust_loss", ParamType::Real, 0.15, "share of trust", 0, 1,
                                        "Share of trust residents lose when corruption in their committee is exposed.",
                                        "assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kCases = declare_indicator(
    {"corruption_cases", "cases", "detected petty-corruption cases", "查处微腐败案件数",
     "Corrupt episodes detected this month (the secretary is removed).", "integrity", 1.0, true, IA::Sum});
const Indicator kLeakage =
    headline(declare_indicator({"leakage", "yuan", "funds lost to petty corruption", "微腐败流失资金",
                                "Yuan diverted this month by ongoing episodes.", "integrity", 1.0, true, IA::Sum}));
const Indicator kActive = declare_indicator(
    {"corruption_active_share", "share", "committees with an ongoing episode", "存在微腐败的班子占比",
     "Units with an ongoing (detected or not) episode: model-internal, not observable in reality.", "integrity"});

// State.
const Owned<float> colPropensity = declare_column<float>(
    {"corruption_propensity", Level::Unit, "probability per month",
     "The secretary's propensity to start a petty-corruption episode (drawn, vetted, when a secretary takes office).",
     "integrity", Merge::First});
const Owned<uint8_t> colActive = declare_column<uint8_t>(
    {"corruption_active", Level::Unit, "0/1", "A corruption episode is under way.", "integrity", Merge::First});
const Reads<float> colSupervision = reads<float>(Level::Unit, "supervision", "integrity");
const Reads<float> colOpenness = reads<float>(Level::Unit, "openness", "integrity");
const Reads<uint8_t> colSecretaryNew = reads<uint8_t>(Level::Unit, "secretary_new", "integrity");
const Writes<uint8_t> colVacant = writes<uint8_t>(Level::Unit, "secretary_vacant", "integrity");  // exposure
const Writes<float> colTrust = writes<float>(Level::Resident, "trust", "integrity");  // exposure costs trust
const Owned<uint8_t> colExposed = declare_column<uint8_t>(
    {"corruption_exposed", Level::Unit, "0/1",
     "Corruption in the committee was exposed this month (read by perceptions).", "integrity", Merge::Max});
const Reads<float> colCapability = reads<float>(Level::Unit, "capability", "integrity");
const Reads<float> colLeaked = reads<float>(Level::Unit, "leaked", "integrity");
const Reads<float> colPayRatio = reads<float>(Level::Unit, "secretary_pay_ratio", "integrity");

class Integrity : public Mechanism {
 public:
  std::string name() const override { return "integrity"; }
  std::string summary() const override {
    return "petty corruption: propensity, deterrence and detection by supervision and openness, leakage, trust loss";
  }
  void init(World& w, const InitContext& ctx) override {
    Table& u = w.units();
    propensity_ = &colPropensity.write(w);
    active_ = &colActive.write(w);
    supervision_ = &colSupervision.read(w);
    openness_ = &colOpenness.read(w);
    secretary_new_ = &colSecretaryNew.read(w);
    vacant_ = &colVacant.write(w);
    trust_ = &colTrust.write(w);
    exposed_ = &colExposed.write(w);
    leaked_ = &colLeaked.read(w);
    pay_ratio_ = &colPayRatio.read(w);
    pay_ref_ = param_named("committee.pay_ratio_reference");
    for (uint32_t i = 0; i < u.size(); ++i) {
      RngStream g = ctx.rng(stream_id("integrity.init"), u.id[i]);
      (*propensity_)[i] = draw(ctx.p(kPropensity), ctx.p(kSpread), 0.0, g);
    }
    // Villages merged: the secretary kept is the most capable (as in the committee
    // mechanism), and with them their propensity and any ongoing episode.
    w.on_merge([this](World& world, Level level, const std::vector<uint32_t>& m) {
      if (level != Level::Unit) return;
      const auto& cap = colCapability.read(world);
      for (size_t b = 0; b < m.size();) {
        size_t e = b + 1, best = b;
        while (e < m.size() && m[e] == m[b]) {
          if (cap[e] > cap[best]) best = e;
          ++e;
        }
        (*propensity_)[b] = (*propensity_)[best];
        (*active_)[b] = (*active_)[best];
        b = e;
      }
    });
  }
  void steps(StepList& out) override {
    out.add({"integrity.monthly", Scope::Unit,
             "new secretaries draw a vetted propensity; episodes start, leak funds and are detected; exposure "
             "removes the secretary and costs trust",
             [this](const StepContext& c, uint32_t u) { monthly(c, u); }});
  }

 private:
  static float draw(double mean, double spread, double vetting_cut, RngStream& g) {
    const double p = mean * std::exp(spread * g.normal() - spread * spread / 2) * (1 - vetting_cut);
    return static_cast<float>(std::min(1.0, p));
  }

  void monthly(const StepContext& c, uint32_t u) {
    RngStream g = c.rng(c.world.units().id[u]);
    const double start = g.uniform(), detect = g.uniform();
    if ((*secretary_new_)[u]) {
      (*propensity_)[u] = draw(c.p(kPropensity), c.p(kSpread), c.p(kVetting) * c.p(kVettingEffect), g);
      (*active_)[u] = 0;
    }
    const double sup = (*supervision_)[u], open = (*openness_)[u];
    auto& active = (*active_)[u];
    const double pay = std::pow((*pay_ratio_)[u] / c.p(pay_ref_), -c.p(kPayElasticity));
    if (!active && !(*vacant_)[u] && start < (*propensity_)[u] * (1 - c.p(kDeterrence) * sup) * pay) active = 1;
    // the money diverted this month was taken before it was spent (village_finance.cpp), while the episode ran
    const double leaked = (*leaked_)[u];
    double detected = 0;
    (*exposed_)[u] = 0;
    if (active) {
      if (detect < c.p(kDetectBase) + c.p(kDetectSupervision) * sup + c.p(kDetectOpenness) * open) {
        detected = 1;
        (*exposed_)[u] = 1;
        active = 0;
        (*vacant_)[u] = 1;  // the committee fills the post next month
        const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
        const float keep = static_cast<float>(1 - c.p(kTrustLoss));
        for (uint32_t i = lo; i < hi; ++i) (*trust_)[i] *= keep;
      }
    }
    c.record(kCases, u, detected, 1);
    c.record(kLeakage, u, leaked, 1);
    c.record(kActive, u, active || detected, 1);
  }

  std::vector<float>* propensity_ = nullptr;
  const std::vector<float>* leaked_ = nullptr;

  std::vector<float>* trust_ = nullptr;
  const std::vector<float>*supervision_ = nullptr, *openness_ = nullptr;
  std::vector<uint8_t>*active_ = nullptr, *vacant_ = nullptr, *exposed_ = nullptr;
  const std::vector<uint8_t>* secretary_new_ = nullptr;
  const std::vector<float>* pay_ratio_ = nullptr;
  Param pay_ref_;
};

REGISTER_MECHANISM(Integrity);

}  // namespace
}  // namespace govsim::model
