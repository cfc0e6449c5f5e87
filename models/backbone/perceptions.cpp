// Perceptions (model brief §3 step 8): satisfaction by expectation-
// disconfirmation at each contact, and between contacts a pull towards what
// residents see around them.
//
// Contacts. When a resident's case closes, its outcome quality is judged against
// the service standard of its type (std_t months: hotline replies in about 4.3
// working days, mediation within 30 days):
//   q = max(0, 1 - wait_penalty * max(0, months waited - std_t)) * (1 - rung_penalty * rungs above the grid)
//       if resolved; q = 0 if it failed (given up, litigated, turned violent, an undetected hazard's incident)
// and, with E the resident's expectation, S satisfaction, T trust and S*, T* the
// levels of what the resident sees (below), the surprise moves them:
//   S <- S + satisfaction_rate * (clamp(S* + disconfirmation_weight * (q - E), 0, 1) - S)
//   T <- T + trust_rate * (clamp(T* + disconfirmation_weight * (q - E), 0, 1) - T)
//   E <- E + expectation_rate * (q - E)
// (expectation-disconfirmation: an outcome as good as expected leaves satisfaction
// at its level; more contacts do not by themselves raise or lower it).
// What residents see. Each village/community keeps memories (exponentially
// weighted, rate memory_rate a month) of its residents' case outcomes (N, the mean
// q of its closed cases), of incidents (I, per 1,000 residents a month) and of
// exposed corruption (C, exposures a month). Every month each resident's S, T and
// E move a share relax_rate (E: expectation_relax) of the way towards
//   S* = sat_base + sat_cases N + sat_environment env + sat_access access + sat_trust T
//        - sat_incidents I
//   T* = trust_base + trust_cases N + trust_openness openness + trust_consultation consultation
//        - trust_corruption C - trust_incidents I
//   E* = N
// (each clamped to [0, 1]), with env the unit's environment coverage (waste,
// sewage, sanitary toilets; 1 in urban communities), access its service points' reach times the offline
// channel kept, openness and consultation the committee's practice.
// Stationary start: during the spin-up months every rate above is multiplied by
// burn_in_speed (each at most 1), so the first recorded month starts from the
// stationary state of the start month's levers rather than from the initial
// values. (The stationary state hardly depends on the ratios of the rates: the
// surprise q - E averages zero once E has adapted, so S and T settle at S*, T*.)
// Satisfaction and trust are those of adults (18+), as in the official surveys.
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

ParamDecl real(const char* name, double def, const char* unit, double lo, double hi, const char* desc,
               const char* source) {
  return {name, ParamType::Real, def, unit, lo, hi, desc, source, false};
}

const Param kInitSatisfaction =
    declare_param(real("perceptions.initial_satisfaction", 0.75, "index 0-1", 0, 1,
                       "Mean satisfaction before the burn-in (spin-up) brings it to the stationary state.",
                       "assumption (official rates are near the ceiling: calibration-2020: satisfaction-ceiling)"));
const Param kInitExpectation =
    declare_param(real("perceptions.initial_expectation", 0.7, "index 0-1", 0, 1,
                       "Mean expected quality of service before the burn-in.", "assumption"));
const Param kInitTrust = declare_param(real("perceptions.initial_trust", 0.6, "index 0-1", 0, 1,
                                            "Mean trust in the committee before the burn-in.", "assumption"));
const Param kInitSpread = declare_param(
    real("perceptions.initial_spread", 0.12, "index 0-1", 0, 0.5,
         "Standard deviation of the initial satisfaction, expectation and trust across residents.", "assumption"));
const Param kBurnIn = declare_param(
    real("perceptions.burn_in_speed", 6, "multiplier", 1, 50,
         "Multiplier on every perception rate during the spin-up months (a burn-in to the stationary state).",
         "assumption (method: the start is the model's own stationary state, issue 14)"));
const Param kSatisfactionRate =
    declare_param(real("perceptions.satisfaction_rate", 0.4, "share", 0, 1,
                       "Weight of a closed case's experience in the resident's satisfaction.", "assumption"));
const Param kDisconfirmation = declare_param(
    real("perceptions.disconfirmation_weight", 0.5, "multiplier", 0, 5,
         "Weight of the gap between outcome and expectation (expectation-disconfirmation).", "assumption"));
const Param kExpectationRate =
    declare_param(real("perceptions.expectation_rate", 0.2, "share", 0, 1,
                       "How fast expectations adapt to experienced outcomes.", "assumption"));
const Param kTrustRate =
    declare_param(real("perceptions.trust_rate", 0.15, "share", 0, 1,
                       "How fast trust moves toward the quality of the resident's own cases.", "assumption"));
const Param kStdService = declare_param(
    real("perceptions.standard_service_months", 0.2, "months", 0, 24,
         "Service standard for a service request: months within which handling counts as on time.",
         "calibration-2020: chengdu-hotline-2020 (4.24 working days to reply, ~0.2 months; the time to reply, taken "
         "as the standard for handling: with whole-month waits a request settled within its month is on time)"));
const Param kStdDispute =
    declare_param(real("perceptions.standard_dispute_months", 1, "months", 0, 24,
                       "Service standard for a dispute: months within which mediation counts as on time.",
                       "assumption (people's mediation is normally concluded within 30 days)"));
const Param kStdHazard = declare_param(
    real("perceptions.standard_hazard_months", 1, "months", 0, 24,
         "Service standard for a reported safety hazard or environmental complaint: months to rectify.", "assumption"));
const Param kWaitPenalty =
    declare_param(real("perceptions.wait_penalty", 0.1, "per month", 0, 1,
                       "Loss of outcome quality per month of waiting beyond the service standard.", "assumption"));
const Param kRungPenalty =
    declare_param(real("perceptions.rung_penalty", 0.08, "per rung", 0, 0.3,
                       "Loss of outcome quality per rung above the grid at which the case was settled (小事不出村).",
                       "001 §45; assumption"));
const Param kRelax = declare_param(
    real("perceptions.relax_rate", 0.06, "share per month", 0, 1,
         "Share of the way satisfaction and trust move each month towards the level set by what residents see.",
         "assumption"));
const Param kExpRelax = declare_param(
    real("perceptions.expectation_relax", 0.04, "share per month", 0, 1,
         "Share of the way expectations move each month towards neighbours' recent outcomes.", "assumption"));
const Param kMemory = declare_param(
    real("perceptions.memory_rate", 0.1, "share per month", 0.001, 1,
         "Weight of this month in a unit's memory of case outcomes, incidents and exposed corruption.", "assumption"));
const Param kSatBase = declare_param(real("perceptions.sat_base", 0.15, "index 0-1", -1, 1,
                                          "Satisfaction level with no case outcomes, environment, access or trust.",
                                          "assumption (sets the stationary level near 0.7)"));
const Param kSatCases =
    declare_param(real("perceptions.sat_cases", 0.35, "per unit of outcome quality", 0, 2,
                       "Pull of neighbours' recent case outcomes (word of mouth) on satisfaction.", "assumption"));
const Param kSatEnv =
    declare_param(real("perceptions.sat_environment", 0.12, "per unit of coverage", 0, 2,
                       "Pull of the village's environment coverage (waste, sewage, toilets) on satisfaction.",
                       "001 §17 (人居环境); assumption"));
const Param kSatAccess =
    declare_param(real("perceptions.sat_access", 0.1, "per unit of access", 0, 2,
                       "Pull of service access (service points' reach times the offline channel kept) on satisfaction.",
                       "000 §4, 003 ch.6(3); assumption"));
const Param kSatTrust =
    declare_param(real("perceptions.sat_trust", 0.15, "per unit of trust", 0, 2,
                       "Pull of the resident's trust in the committee on satisfaction.", "assumption"));
const Param kSatIncidents = declare_param(
    real("perceptions.sat_incidents", 0.5, "per incident per 1,000 residents a month", 0, 20,
         "Loss of satisfaction level per incident per 1,000 residents a month (recent memory).", "assumption"));
const Param kTrustBase = declare_param(real("perceptions.trust_base", 0.2, "index 0-1", -1, 1,
                                            "Trust level with no outcomes, openness or consultation.",
                                            "assumption (sets the stationary level near 0.6)"));
const Param kTrustCases = declare_param(real("perceptions.trust_cases", 0.3, "per unit of outcome quality", 0, 2,
                                             "Pull of neighbours' recent case outcomes on trust.", "assumption"));
const Param kTrustOpen =
    declare_param(real("perceptions.trust_openness", 0.15, "per unit of openness", 0, 2,
                       "Pull of the openness of village affairs (村务公开) on trust.", "001 §42, 004 §22; assumption"));
const Param kTrustConsult =
    declare_param(real("perceptions.trust_consultation", 0.1, "per unit of practice", 0, 2,
                       "Pull of consultation practice (四议两公开, 协商议事) on trust.", "000 §19; assumption"));
const Param kTrustCorruption = declare_param(
    real("perceptions.trust_corruption", 3.0, "per exposure a month", 0, 50,
         "Loss of trust level per exposure of corruption a month in the unit (recent memory).", "000 §24; assumption"));
const Param kTrustIncidents =
    declare_param(real("perceptions.trust_incidents", 0.3, "per incident per 1,000 residents a month", 0, 20,
                       "Loss of trust level per incident per 1,000 residents a month (recent memory).", "assumption"));
const Param kSatisfiedThreshold =
    declare_param(real("perceptions.satisfied_threshold", 0.6, "index 0-1", 0, 1,
                       "Satisfaction at or above which a resident counts as satisfied.", "assumption"));

constexpr uint8_t kAdult = 18;

const Indicator kSatisfaction = headline(declare_indicator(
    {"satisfaction_mean", "index 0-1", "mean adult satisfaction", "群众满意度(均值)",
     "Mean satisfaction over adults (18+) at the end of the month (002 §16: satisfaction is the main standard).",
     "perceptions"}));
const Indicator kSatisfactionOld = headline(declare_indicator(
    {"satisfaction_60_plus", "index 0-1", "mean satisfaction of residents aged 60+", "老年人满意度(均值)",
     "Mean satisfaction over residents aged 60+ (003 ch.6(3): services must keep serving the elderly).",
     "perceptions"}));
const Indicator kSatisfied =
    declare_indicator({"satisfied_share", "share", "share of adults satisfied", "满意居民占比",
                       "Adults with satisfaction >= satisfied_threshold / adults.", "perceptions"});
const Indicator kTrust = declare_indicator({"trust_mean", "index 0-1", "mean adult trust in the committee",
                                            "对两委的信任(均值)", "Mean trust over adults (18+).", "perceptions"});
const Indicator kOutcome = declare_indicator(
    {"outcome_quality", "index 0-1", "quality of closed cases", "事项办理质量",
     "Mean outcome quality q of the cases closed this month (against the service standards).", "perceptions"});
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
const Owned<float> colMemCases =
    declare_column<float>({"memory_outcomes", Level::Unit, "0..1",
                           "The unit's memory of its residents' case outcomes (mean q).", "perceptions", Merge::First},
                          0.8f);
const Owned<float> colMemIncidents =
    declare_column<float>({"memory_incidents", Level::Unit, "incidents per 1,000 residents a month",
                           "The unit's memory of incidents from undetected hazards.", "perceptions", Merge::First});
const Owned<float> colMemCorruption =
    declare_column<float>({"memory_corruption", Level::Unit, "exposures a month",
                           "The unit's memory of exposed corruption in its committee.", "perceptions", Merge::First});
const Owned<float> colUnitTrust =
    declare_column<float>({"adult_trust", Level::Unit, "0..1",
                           "Mean trust of the unit's adults at the end of the month.", "perceptions", Merge::First},
                          0.6f);
const Reads<CaseBook> colCases = reads<CaseBook>(Level::Unit, "cases", "perceptions");
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "perceptions");
const Reads<float> colOpenness = reads<float>(Level::Unit, "openness", "perceptions");
const Reads<float> colConsultation = reads<float>(Level::Unit, "consultation", "perceptions");
const Reads<uint8_t> colExposed = reads<uint8_t>(Level::Unit, "corruption_exposed", "perceptions");
const Reads<float> colAccess = reads<float>(Level::Unit, "service_access_factor", "perceptions");
const Reads<float> colOffline = reads<float>(Level::Unit, "offline_factor", "perceptions");
const Reads<float> colEnvVillages = reads<float>(Level::Unit, "env_villages", "perceptions");
const Reads<float> colEnvWaste = reads<float>(Level::Unit, "env_waste", "perceptions");
const Reads<float> colEnvSewage = reads<float>(Level::Unit, "env_sewage", "perceptions");
const Reads<float> colEnvToilets = reads<float>(Level::Unit, "env_toilet_households", "perceptions");
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "perceptions");

// The unit's surroundings this month: the levels S* and T* before the resident's own trust.
struct Climate {
  double sat, trust, outcomes;
};

class Perceptions : public Mechanism {
 public:
  std::string name() const override { return "perceptions"; }
  std::string summary() const override {
    return "satisfaction by expectation-disconfirmation at contacts; between contacts a pull towards what residents "
           "see (neighbours' cases, environment, incidents, corruption, openness, access)";
  }
  void init(World& w, const InitContext& ctx) override {
    bind(w);
    const double s0 = ctx.p(kInitSatisfaction), e0 = ctx.p(kInitExpectation), t0 = ctx.p(kInitTrust),
                 sd = ctx.p(kInitSpread);
    const uint32_t n = w.residents().size();
    for (uint32_t i = 0; i < n; ++i) {
      RngStream g = ctx.rng(stream_id("perceptions.init"), i);
      (*sat_)[i] = static_cast<float>(std::clamp(s0 + sd * g.normal(), 0.0, 1.0));
      (*exp_)[i] = static_cast<float>(std::clamp(e0 + sd * g.normal(), 0.0, 1.0));
      (*trust_)[i] = static_cast<float>(std::clamp(t0 + sd * g.normal(), 0.0, 1.0));
    }
  }
  void steps(StepList& out) override {
    out.add({"perceptions.update", Scope::Unit,
             "residents whose cases closed judge them against the service standards; every resident's "
             "satisfaction, trust and expectation move towards what they see; record adults' satisfaction",
             [this](const StepContext& c, uint32_t u) { update(c, u); }});
  }

 private:
  void bind(World& w) {
    sat_ = &colSat.write(w);
    exp_ = &colExp.write(w);
    trust_ = &colTrust.write(w);
    mem_cases_ = &colMemCases.write(w);
    mem_incidents_ = &colMemIncidents.write(w);
    mem_corruption_ = &colMemCorruption.write(w);
    unit_trust_ = &colUnitTrust.write(w);
    cases_ = &colCases.read(w);
    age_ = &colAge.read(w);
    openness_ = &colOpenness.read(w);
    consultation_ = &colConsultation.read(w);
    exposed_ = &colExposed.read(w);
    access_ = &colAccess.read(w);
    offline_ = &colOffline.read(w);
    env_villages_ = &colEnvVillages.read(w);
    env_waste_ = &colEnvWaste.read(w);
    env_sewage_ = &colEnvSewage.read(w);
    env_toilets_ = &colEnvToilets.read(w);
    households_ = &colHouseholds.read(w);
  }
  // A rate during the burn-in: multiplied by burn_in_speed in spin-up months, at most 1.
  static double fast(const StepContext& c, double rate) { return c.spinup ? std::min(1.0, rate * c.p(kBurnIn)) : rate; }

  // Outcome quality of a closed case against its type's service standard.
  static double quality(const StepContext& c, const Case& k) {
    if (k.state != CaseState::Resolved) return 0;
    const double standard = k.type == IssueType::Service                                      ? c.p(kStdService)
                            : k.type == IssueType::Hazard || k.type == IssueType::Environment ? c.p(kStdHazard)
                                                                                              : c.p(kStdDispute);
    const double late = std::max(0.0, (c.step - k.raised_step) - standard);
    const int rungs = k.resolved_at - static_cast<int>(CaseState::Grid);
    return std::max(0.0, 1.0 - c.p(kWaitPenalty) * late) * (1.0 - c.p(kRungPenalty) * rungs);
  }
  static bool judged(const Case& k) {  // a closed case its resident experienced
    return !is_open(k.state) && has_resident(k) && k.state != CaseState::Lapsed;
  }

  // This month's closed cases: (sum of q, cases judged, incidents).
  struct Outcomes {
    double q = 0, n = 0, incidents = 0;
  };
  Outcomes outcomes(const StepContext& c, uint32_t u) const {
    Outcomes o;
    for (const Case& k : (*cases_)[u]) {
      o.incidents += k.state == CaseState::Incident;
      if (!judged(k)) continue;
      // contacts() reads and writes this resident's S, E and T next: ask for the lines now, so
      // that the misses (residents in no order) overlap instead of stalling one by one
      __builtin_prefetch(&(*sat_)[k.resident], 1);
      __builtin_prefetch(&(*exp_)[k.resident], 1);
      __builtin_prefetch(&(*trust_)[k.resident], 1);
      o.q += quality(c, k);
      o.n += 1;
    }
    return o;
  }

  // Contacts: residents whose cases closed this month, against the unit's levels.
  void contacts(const StepContext& c, uint32_t u, const Climate& cl) {
    const double a = fast(c, c.p(kSatisfactionRate)), beta = c.p(kDisconfirmation),
                 lam = fast(c, c.p(kExpectationRate)), eta = fast(c, c.p(kTrustRate)), w_trust = c.p(kSatTrust);
    auto &S = *sat_, &E = *exp_, &T = *trust_;
    for (const Case& k : (*cases_)[u]) {
      if (!judged(k)) continue;
      const double q = quality(c, k);
      const uint32_t i = k.resident;
      const double surprise = beta * (q - E[i]);
      const double s_target = std::clamp(cl.sat + w_trust * T[i] + surprise, 0.0, 1.0);
      const double t_target = std::clamp(cl.trust + surprise, 0.0, 1.0);
      S[i] = static_cast<float>(S[i] + a * (s_target - S[i]));
      T[i] = static_cast<float>(T[i] + eta * (t_target - T[i]));
      E[i] = static_cast<float>(E[i] + lam * (q - E[i]));
    }
  }

  // Environment coverage: urban communities are served (waste, sewage, sanitation) from the start.
  double environment(const World& w, uint32_t u) const {
    if (w.units().kind[u] == "urban_community") return 1.0;
    const double villages = (*env_villages_)[u], hh = (*households_)[u];
    const double waste = villages > 0 ? (*env_waste_)[u] / villages : 1.0;
    const double sewage = villages > 0 ? (*env_sewage_)[u] / villages : 1.0;
    const double toilets = hh > 0 ? std::min(1.0, (*env_toilets_)[u] / hh) : 1.0;
    return (waste + sewage + toilets) / 3.0;
  }

  // Update the unit's memories with this month's outcomes, incidents and exposures.
  Climate climate(const StepContext& c, uint32_t u, const Outcomes& o) {
    const double m = fast(c, c.p(kMemory));
    const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
    float& mc = (*mem_cases_)[u];
    if (o.n > 0) mc = static_cast<float>(mc + m * (o.q / o.n - mc));
    float& mi = (*mem_incidents_)[u];
    mi = static_cast<float>(mi + m * ((hi > lo ? 1000.0 * o.incidents / (hi - lo) : 0.0) - mi));
    float& mx = (*mem_corruption_)[u];
    mx = static_cast<float>(mx + m * ((*exposed_)[u] - mx));
    const double access = (*access_)[u] * (*offline_)[u];
    Climate cl;
    cl.outcomes = mc;
    cl.sat = c.p(kSatBase) + c.p(kSatCases) * mc + c.p(kSatEnv) * environment(c.world, u) + c.p(kSatAccess) * access -
             c.p(kSatIncidents) * mi;
    cl.trust = std::clamp(c.p(kTrustBase) + c.p(kTrustCases) * mc + c.p(kTrustOpen) * (*openness_)[u] +
                              c.p(kTrustConsult) * (*consultation_)[u] - c.p(kTrustCorruption) * mx -
                              c.p(kTrustIncidents) * mi,
                          0.0, 1.0);
    return cl;
  }

  // The month's sums over a unit's residents: float sums in resident order, integer counts.
  struct Sums {
    float s = 0, t = 0, elder_s = 0;
    uint32_t adults = 0, elders = 0, n_sat = 0;
  };
  // The levels residents move towards this month (float, as the resident columns).
  struct Pull {
    float r, re, w_trust, t_star, s_base, e_star, thr;
  };

  // One resident: move towards the levels, then add to the sums (the order of the sums is the
  // residents' order, so the result is the same on any thread count).
  static void relax_one(const Pull& p, float* Sp, float* Tp, float* Ep, uint8_t age, uint32_t i, Sums& m) {
    const float ti = Tp[i] + p.r * (p.t_star - Tp[i]);
    const float si = Sp[i] + p.r * (std::min(1.0f, std::max(0.0f, p.s_base + p.w_trust * ti)) - Sp[i]);
    Tp[i] = ti;
    Sp[i] = si;
    Ep[i] += p.re * (p.e_star - Ep[i]);
    const uint32_t adult = age >= kAdult, elder = age >= 60;
    m.adults += adult;
    m.elders += elder;
    m.n_sat += adult & (si >= p.thr);
    m.s += adult ? si : 0.0f;
    m.t += adult ? ti : 0.0f;
    m.elder_s += elder ? si : 0.0f;
  }

  // Residents [lo, hi): four at a time in SSE2 lanes (the same IEEE single-precision operations
  // as relax_one, lane by lane: no FMA on x86-64's baseline), then the lanes added to the float
  // sums one by one in resident order, so the sums are bit-identical to relax_one's. No branches
  // on age (ages are in no order within a unit). The last few residents (all of them without SSE2)
  // go through relax_one.
  static void relax_range(const Pull& p, float* Sp, float* Tp, float* Ep, const uint8_t* age, uint32_t lo, uint32_t hi,
                          Sums& m) {
    uint32_t i = lo;
#if defined(__SSE2__)
    const __m128 r = _mm_set1_ps(p.r), re = _mm_set1_ps(p.re), w = _mm_set1_ps(p.w_trust),
                 t_star = _mm_set1_ps(p.t_star), s_base = _mm_set1_ps(p.s_base), e_star = _mm_set1_ps(p.e_star),
                 thr = _mm_set1_ps(p.thr), zero = _mm_setzero_ps(), one = _mm_set1_ps(1.0f);
    const __m128i adult_min = _mm_set1_epi32(kAdult - 1), elder_min = _mm_set1_epi32(59), zero_i = _mm_setzero_si128();
    __m128i adults = zero_i, elders = zero_i, n_sat = zero_i;  // minus the counts (a true mask is -1)
    alignas(16) float sa[4], ta[4], ea[4];
    for (; i + 4 <= hi; i += 4) {
      const __m128 T = _mm_loadu_ps(Tp + i), S = _mm_loadu_ps(Sp + i), E = _mm_loadu_ps(Ep + i);
      const __m128 ti = _mm_add_ps(T, _mm_mul_ps(r, _mm_sub_ps(t_star, T)));
      // std::max(0.0f, x) is (0 < x ? x : 0) = maxps(x, 0); std::min(1.0f, y) is (y < 1 ? y : 1) = minps(y, 1)
      const __m128 level = _mm_min_ps(_mm_max_ps(_mm_add_ps(s_base, _mm_mul_ps(w, ti)), zero), one);
      const __m128 si = _mm_add_ps(S, _mm_mul_ps(r, _mm_sub_ps(level, S)));
      _mm_storeu_ps(Tp + i, ti);
      _mm_storeu_ps(Sp + i, si);
      _mm_storeu_ps(Ep + i, _mm_add_ps(E, _mm_mul_ps(re, _mm_sub_ps(e_star, E))));
      uint32_t a4;
      __builtin_memcpy(&a4, age + i, 4);
      const __m128i a = _mm_unpacklo_epi16(_mm_unpacklo_epi8(_mm_cvtsi32_si128(static_cast<int>(a4)), zero_i), zero_i);
      const __m128i adult = _mm_cmpgt_epi32(a, adult_min), elder = _mm_cmpgt_epi32(a, elder_min);
      adults = _mm_add_epi32(adults, adult);
      elders = _mm_add_epi32(elders, elder);
      n_sat = _mm_add_epi32(n_sat, _mm_and_si128(adult, _mm_castps_si128(_mm_cmpge_ps(si, thr))));
      // (adult ? si : +0.0f), as relax_one adds
      _mm_store_ps(sa, _mm_and_ps(si, _mm_castsi128_ps(adult)));
      _mm_store_ps(ta, _mm_and_ps(ti, _mm_castsi128_ps(adult)));
      _mm_store_ps(ea, _mm_and_ps(si, _mm_castsi128_ps(elder)));
      for (int k = 0; k < 4; ++k) m.s += sa[k], m.t += ta[k], m.elder_s += ea[k];
    }
    alignas(16) uint32_t cnt[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(cnt), _mm_sub_epi32(zero_i, adults));
    m.adults += cnt[0] + cnt[1] + cnt[2] + cnt[3];
    _mm_store_si128(reinterpret_cast<__m128i*>(cnt), _mm_sub_epi32(zero_i, elders));
    m.elders += cnt[0] + cnt[1] + cnt[2] + cnt[3];
    _mm_store_si128(reinterpret_cast<__m128i*>(cnt), _mm_sub_epi32(zero_i, n_sat));
    m.n_sat += cnt[0] + cnt[1] + cnt[2] + cnt[3];
#endif
    for (; i < hi; ++i) relax_one(p, Sp, Tp, Ep, age[i], i, m);
  }

  // Every resident moves towards the unit's levels; then the month's means over
  // adults (and residents 60+) are recorded. One pass, in float.
  void relax_and_record(const StepContext& c, uint32_t u, const Climate& cl, const Outcomes& o) {
    const Pull p{static_cast<float>(fast(c, c.p(kRelax))),
                 static_cast<float>(fast(c, c.p(kExpRelax))),
                 static_cast<float>(c.p(kSatTrust)),
                 static_cast<float>(cl.trust),
                 static_cast<float>(cl.sat),
                 static_cast<float>(cl.outcomes),
                 static_cast<float>(c.p(kSatisfiedThreshold))};
    const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
    Sums m;
    relax_range(p, sat_->data(), trust_->data(), exp_->data(), age_->data(), lo, hi, m);
    c.record(kSatisfaction, u, m.s, m.adults);
    c.record(kSatisfied, u, m.n_sat, m.adults);
    c.record(kTrust, u, m.t, m.adults);
    (*unit_trust_)[u] = m.adults > 0 ? m.t / static_cast<float>(m.adults) : p.t_star;
    c.record(kSatisfactionOld, u, m.elder_s, m.elders);
    c.record(kOutcome, u, o.q, o.n);
    c.record(kResidents, u, hi - lo, 1);
  }

  void update(const StepContext& c, uint32_t u) {
    const Outcomes o = outcomes(c, u);
    const Climate cl = climate(c, u, o);
    contacts(c, u, cl);
    relax_and_record(c, u, cl, o);
  }

  std::vector<float>*sat_ = nullptr, *exp_ = nullptr, *trust_ = nullptr;
  std::vector<float>*mem_cases_ = nullptr, *mem_incidents_ = nullptr, *mem_corruption_ = nullptr,
  *unit_trust_ = nullptr;

  const std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<uint8_t>*age_ = nullptr, *exposed_ = nullptr;
  const std::vector<float>*openness_ = nullptr, *consultation_ = nullptr, *access_ = nullptr, *offline_ = nullptr;
  const std::vector<float>*env_villages_ = nullptr, *env_waste_ = nullptr, *env_sewage_ = nullptr,
        *env_toilets_ = nullptr;
  const std::vector<uint32_t>* households_ = nullptr;
};

REGISTER_MECHANISM(Perceptions);

}  // namespace
}  // namespace govsim::model
