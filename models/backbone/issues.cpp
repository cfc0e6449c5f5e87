// Issues arise (model brief §3 step 5): every month each resident may raise a
// service request, a dispute or a safety hazard, at a base rate scaled by the
// resident's state:
//   service: (child_factor if under 15, else 1) + elder_extra [60+] + vulnerable_extra [vulnerable]
//   dispute: ((0 if under 15, else 1) + new_citizen_extra [new citizen]) * dispute_factor(unit)
//            (dispute_factor: merger transition, consultation; at most 4)
//   hazard : hazard_factor(unit) (per resident; at most 1: environmental works lower it)
//   environmental complaint: environment_floor + (1 - environment_floor) (1 - env_coverage(unit))
//            (waste, sewage and toilets not yet built make nuisances; building them lowers complaints)
// Draws are made by thinning: a geometric skip at the maximum rate, then
// acceptance with probability multiplier / maximum multiplier. Arrival draws do
// not depend on any policy lever, so every scenario sees the same arrivals
// (common random numbers).
#include <algorithm>

#include "backbone/cases.hpp"
#include "backbone/skips.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kServiceRate = declare_param(
    {"issues.service_rate", ParamType::Real, 0.012, "per resident per month", 0, 0.5,
     "Base monthly rate of service requests (proxy services, benefits, certificates, elder care).",
     "calibration-2020: Chengdu 12345 and online requests ~0.22 a resident a year (derived), plus requests met by "
     "grid workers' proxy services (001 §37)",
     false});
const Param kDisputeRate = declare_param(
    {"issues.dispute_rate", ParamType::Real, 0.0012, "per resident per month", 0, 0.1,
     "Base monthly rate of disputes (neighbour, family, land, property management).",
     "calibration-2020: ~4.4 mediated disputes per 1,000 residents a year (derived); screening finds more", false});
const Param kHazardRate =
    declare_param({"issues.hazard_rate", ParamType::Real, 0.0008, "per resident per month", 0, 0.1,
                   "Base monthly rate of safety hazards (fire, buildings, roads, water).", "assumption", false});
const Param kEnvironmentRate = declare_param(
    {"issues.environment_rate", ParamType::Real, 0.002, "per resident per month", 0, 0.1,
     "Monthly rate of environmental complaints (waste, sewage, sanitation nuisances) per resident of a unit with no "
     "waste or sewage treatment and no sanitary toilets.",
     "assumption (001 §17 人居环境; no published count: with the 2020 coverage of calibration-2020: sewage-2020 and "
     "toilets-2020 it gives about 6 complaints per 1,000 residents a year in the default county, some 3% of its "
     "hotline requests)",
     false});
const Param kEnvironmentFloor = declare_param(
    {"issues.environment_floor", ParamType::Real, 0.2, "share of the rate", 0, 1,
     "Environmental complaints where waste, sewage and toilets are all covered, relative to a unit with none "
     "(noise, littering, blocked drains remain).",
     "assumption", false});
const Param kChildFactor =
    declare_param({"issues.child_factor", ParamType::Real, 0.3, "multiplier", 0, 1,
                   "Service requests raised for a child under 15, relative to an adult.", "assumption", false});
const Param kElderExtra = declare_param({"issues.elder_extra", ParamType::Real, 1.0, "multiplier", 0, 10,
                                         "Extra service requests for residents aged 60+ (added to 1).",
                                         "model brief §3 step 5 (more for elders); assumption", false});
const Param kVulnerableExtra = declare_param({"issues.vulnerable_extra", ParamType::Real, 1.0, "multiplier", 0, 10,
                                              "Extra service requests for vulnerable residents: left-behind children, "
                                              "empty-nest or disabled elders, low income.",
                                              "000 §15-16, 001 §32 (care for the vulnerable); assumption", false});
const Param kNewCitizenExtra =
    declare_param({"issues.new_citizen_extra", ParamType::Real, 0.5, "multiplier", 0, 10,
                   "Extra disputes for new citizens (housing, wages, property management).", "assumption", false});

const Indicator kRaised = declare_indicator(
    {"cases_raised", "cases", "cases raised", "新发事项数",
     "Service requests, disputes and hazards that arose this month (everyday arrivals; emergencies add shock_cases).",
     "issues", 1.0, true, IndicatorDecl::Aggregate::Sum});
const Indicator kEnvironmentComplaints = declare_indicator(
    {"environmental_complaints_per_10k", "per 10,000 residents per year", "environmental complaints",
     "环境投诉(每万人)", "Environmental complaints that arose this month per 10,000 residents, annualised (x12).",
     "issues", 120000.0});
const Indicator kRaisedPer1000 = declare_indicator(
    {"cases_per_1000", "per 1,000 residents per year", "cases raised per 1,000 residents", "每千人年新发事项",
     "Cases raised this month per 1,000 residents, annualised (x12).", "issues", 12000.0});

// State. Residents are renumbered once a year (demography): cases follow their
// resident, and close as dropped when the resident died, left or moved away.
const Owned<CaseBook> colCases = declare_column<CaseBook>(
    {"cases",
     Level::Unit,
     "cases",
     "Open and just-closed cases of the unit's residents, in the order they arose (backbone/cases.hpp).",
     "issues",
     Merge::Concat,
     {"intake", "ladder", "petitions", "compounds", "shocks", "digital", "hotline"},
     "vector<Case>"});
const Owned<uint32_t> colCounter = declare_column<uint32_t>({"case_counter",
                                                             Level::Unit,
                                                             "cases",
                                                             "Sequence number of the unit's next case (case ids).",
                                                             "issues",
                                                             Merge::First,
                                                             {"compounds", "shocks"}});
const Owned<float> colDisputeFactor = declare_column<float>(
    {"dispute_factor",
     Level::Unit,
     "multiplier",
     "Multiplier on dispute rates from other mechanisms (merger transition, consultation); reset to 1 each month, "
     "contributors multiply into it.",
     "issues",
     Merge::First,
     {"participation", "mergers"}},
    1.0f);
const Reads<float> colHazardFactor = reads<float>(Level::Unit, "hazard_factor", "issues");
const Reads<float> colCoverage = reads<float>(Level::Unit, "env_coverage", "issues");
const Owned<uint32_t> colRaisedLast = declare_column<uint32_t>(
    {"raised_last_month", Level::Unit, "cases", "Cases raised last month (service demand in the funding formula).",
     "issues", Merge::Sum});
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "issues");
const Reads<uint8_t> colFlags = reads<uint8_t>(Level::Resident, "flags", "issues");

class Issues : public Mechanism {
 public:
  std::string name() const override { return "issues"; }
  std::string summary() const override {
    return "residents raise service requests, disputes, safety hazards and environmental complaints";
  }
  void init(World& w, const InitContext&) override {
    cases_ = &colCases.write(w);
    dispute_factor_ = &colDisputeFactor.write(w);
    hazard_factor_ = &colHazardFactor.read(w);
    coverage_ = &colCoverage.read(w);
    raised_last_ = &colRaisedLast.write(w);
    counter_ = &colCounter.write(w);
    // Residents are renumbered once a year (demography): cases follow their
    // resident, and close as dropped when the resident died, left or moved away
    // (counted by the ladder that month: a dropped dispute is a failure).
    w.on_reorder_residents([this](World&, const std::vector<uint32_t>& m) {
      for (auto& book : *cases_)
        for (Case& k : book) {
          if (!has_resident(k)) continue;
          const uint32_t r = m[k.resident];
          if (r != World::kGone) {
            k.resident = r;
          } else {
            k.resident = kNoResident;
            if (is_open(k.state)) k.state = CaseState::Dropped;
          }
        }
    });
    age_ = &colAge.read(w);
    flags_ = &colFlags.read(w);
  }
  void steps(StepList& out) override {
    out.add({"issues.reset_factors", Scope::Unit,
             "reset the dispute-rate multiplier that other mechanisms multiply into this month",
             [this](const StepContext&, uint32_t u) { (*dispute_factor_)[u] = 1.0f; }});
    out.add({"issues.arise", Scope::Unit,
             "each resident may raise a service request, a dispute, a hazard or an environmental complaint at a rate "
             "set by age, vulnerability, hukou and the unit's environment coverage",
             [this](const StepContext& c, uint32_t u) { arise(c, u); }});
  }

 private:
  void arise(const StepContext& c, uint32_t u) {
    const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
    const double child = c.p(kChildFactor), elder = c.p(kElderExtra), vuln = c.p(kVulnerableExtra),
                 newc = c.p(kNewCitizenExtra);
    const double base[kDrawn] = {c.p(kServiceRate), c.p(kDisputeRate), c.p(kHazardRate), c.p(kEnvironmentRate)};
    // The dispute factor scales acceptance, not the skip, so arrival draws stay the
    // same whatever the factor (common random numbers across policies).
    const double factor = std::min<double>((*dispute_factor_)[u], kMaxDisputeFactor);
    const double floor = c.p(kEnvironmentFloor);
    const double nuisance = floor + (1 - floor) * (1 - std::clamp<double>((*coverage_)[u], 0, 1));
    const double mmax[kDrawn] = {std::max(child, 1.0) + elder + vuln, (1.0 + newc) * kMaxDisputeFactor, 1.0, 1.0};
    CaseBook& book = (*cases_)[u];
    uint32_t& seq = (*counter_)[u];
    const uint32_t uid = c.world.units().id[u];
    uint32_t raised = 0, complaints = 0;
    for (int t = 0; t < kDrawn; ++t) {  // service, dispute, hazard, environment (property disputes: compounds)
      const double pmax = std::min(1.0, base[t] * mmax[t]);
      if (pmax <= 0) continue;
      RngStream g = c.rng(uid, static_cast<uint32_t>(t) + 1);
      const GeometricSkip skip(pmax);  // log1p once, not per draw
      for (uint64_t i = lo + skip(g); i < hi; i += 1 + skip(g)) {
        const uint8_t a = (*age_)[i], f = (*flags_)[i];
        double m;
        if (t == 0)
          m = (a < 15 ? child : 1.0) + (a >= 60 ? elder : 0.0) + ((f & flag::Vulnerable) ? vuln : 0.0);
        else if (t == 1)
          m = a < 15 ? 0.0 : (1.0 + ((f & flag::NewCitizen) ? newc : 0.0)) * factor;
        else if (t == 2)
          m = std::min(1.0f, (*hazard_factor_)[u]);
        else
          m = a < 15 ? 0.0 : nuisance;  // complaints are adults'
        if (g.uniform() * mmax[t] >= m) continue;
        book.push_back(Case{case_id(uid, seq++), static_cast<uint32_t>(i), static_cast<uint16_t>(c.step), 0xFFFF,
                            kDrawnType[t], CaseState::Unreported, 0, 0});
        ++raised;
        complaints += t == 3;
      }
    }
    (*raised_last_)[u] = raised;
    c.record(kRaised, u, raised, 1);
    c.record(kRaisedPer1000, u, raised, hi - lo);
    c.record(kEnvironmentComplaints, u, complaints, hi - lo);
  }
  // The types drawn per resident here, in the order of their streams.
  static constexpr int kDrawn = 4;
  static constexpr IssueType kDrawnType[kDrawn] = {IssueType::Service, IssueType::Dispute, IssueType::Hazard,
                                                   IssueType::Environment};
  static constexpr double kMaxDisputeFactor = 4.0;
  std::vector<CaseBook>* cases_ = nullptr;
  std::vector<float>* dispute_factor_ = nullptr;
  const std::vector<float>*hazard_factor_ = nullptr, *coverage_ = nullptr;
  std::vector<uint32_t>* raised_last_ = nullptr;
  std::vector<uint32_t>* counter_ = nullptr;
  const std::vector<uint8_t>*age_ = nullptr, *flags_ = nullptr;
};

REGISTER_MECHANISM(Issues);

}  // namespace
}  // namespace govsim::model
