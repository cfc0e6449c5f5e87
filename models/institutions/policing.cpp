// Auxiliary police in villages and communities and township law-enforcement staff.
//   auxiliary police (辅警, 警务助理): posts = aux_per_village in a village or town community, aux_per_urban in an
//     urban community (a fraction f of a post: the units whose fixed draw is below f get it) (004 §18 item (4): 城市社区"一区一警两辅", 农村"一村一辅警"; 000 §20: 一村(社区)一辅警). Hired and
//     paid by the county public security bureau, each month before the county's departments: each auxiliary in
//     post leaves with probability aux_attrition / 12, each vacant post is filled with probability
//     1 - exp(-1 / aux_months_to_fill) while the county's balance covers the pay of one more; those in post are
//     paid aux_pay a month (2020 yuan, times the cost index); those the balance cannot pay leave.
//     Effect: police_hazard_discovery = 1 - exp(-aux_discovery * auxiliaries * 1000 / households), the monthly
//     probability that a patrol finds an unreported safety hazard in the unit (intake reads it), and
//     enforcement_cases_per_aux cases a month each at the township rung (群防群治 with township enforcement).
//   township law-enforcement staff (综合行政执法): posts = policing.enforcement_class1 / _class2 / _class3 by township
//     class (004 §10 item (1): at least 5 / 4 / 3), besides the township's other staff (township.min_staff_class*), hired
//     and paid by the township out of its account once the county's transfer has come, before it pays its other
//     staff and funds its units (保工资: staff are paid first): each in post leaves with probability
//     township.staff_attrition / 12; a vacant post is filled with probability 1 - exp(-1 / township.staff_months_to_fill)
//     unless the township was short of money last month (a hiring freeze) or its balance does not cover one more; those in post are paid township.county_staff_pay x (1 +
//     township.staff_pay_premium); those the balance cannot pay leave.
//     Effect: enforcement_capacity = staff * cases_per_officer + auxiliaries of the township *
//     enforcement_cases_per_aux cases a month that the township rung works on safety hazards and property-management
//     disputes before its mediation capacity (ladder).
#include <algorithm>
#include <cmath>

#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"
#include "money/cost_index.hpp"

namespace govsim::model {
namespace {

// The documents' standards (what the indicators judge against, not levers): 004 §18 item (4), 004 §10 item (1).
constexpr double kAuxStandardVillage = 1, kAuxStandardUrban = 2;
constexpr double kEnforcementStandard[3] = {5, 4, 3};

const Param kAuxVillage = declare_param(
    {"policing.aux_per_village", ParamType::Real, 0.5, "posts per village or town community", 0, 10,
     "Auxiliary police posts the county public security bureau funds per village and town community (一村一辅警: 1).",
     "004 §18 item (4), 000 §20; assumption (the 2020 level: about half the villages had one)", true});
const Param kAuxUrban = declare_param({"policing.aux_per_urban", ParamType::Real, 1, "posts per urban community", 0, 20,
                                       "Auxiliary police posts funded per urban community (一区一警两辅: 2).",
                                       "004 §18 item (4); assumption (the 2020 level: one)", true});
const Param kAuxPay = declare_param(
    {"policing.aux_pay", ParamType::Real, 3500, "yuan per month", 0, 1e5,
     "Monthly pay of an auxiliary police officer with social insurance, in 2020 yuan; paid by the county public "
     "security bureau.",
     "assumption (about the local minimum wage plus insurance and allowances)", false});
const Param kAuxAttrition =
    declare_param({"policing.aux_attrition", ParamType::Real, 0.15, "per year", 0, 1,
                   "Share of auxiliary police who leave a year (contract posts, low pay).", "assumption", false});
const Param kAuxFill =
    declare_param({"policing.aux_months_to_fill", ParamType::Real, 3, "months", 0.1, 120,
                   "Mean months to fill a vacant auxiliary post the county can pay for.", "assumption", false});
const Param kAuxDiscovery = declare_param(
    {"policing.aux_discovery", ParamType::Real, 0.1, "per auxiliary per 1,000 households per month", 0, 10,
     "Hazard-finding rate of an auxiliary's patrols: a unit's unreported hazard is found with probability 1 - "
     "exp(-this x auxiliaries x 1,000 / households) a month, besides grid workers' discovery.",
     "004 §18 item (4), 000 §20 (hazard screening with the grid, 群防群治); assumption", false});
const Param kAuxCases = declare_param(
    {"policing.enforcement_cases_per_aux", ParamType::Real, 0.25, "cases per auxiliary per month", 0, 100,
     "Hazard and property cases a month each auxiliary helps township enforcement settle (joint inspections).",
     "assumption", false});
const Param kStaff[3] = {
    declare_param({"policing.enforcement_class1", ParamType::Real, 3, "staff", 0, 100,
                   "Law-enforcement posts of a class-1 township (004 §10 item (1): at least 5).",
                   "004 §10 item (1); assumption (the 2020 level, before the enforcement teams were built up)", true}),
    declare_param({"policing.enforcement_class2", ParamType::Real, 2, "staff", 0, 100,
                   "Law-enforcement posts of a class-2 township (004 §10 item (1): at least 4).",
                   "004 §10 item (1); assumption (the 2020 level)", true}),
    declare_param({"policing.enforcement_class3", ParamType::Real, 2, "staff", 0, 100,
                   "Law-enforcement posts of a class-3 township (004 §10 item (1): at least 3).",
                   "004 §10 item (1); assumption (the 2020 level)", true}),
};
const Param kCasesPerOfficer = declare_param(
    {"policing.enforcement_cases_per_officer", ParamType::Real, 2, "cases per officer per month", 0, 100,
     "Safety hazards and property-management disputes one township enforcement officer works on the ladder in a "
     "month, besides routine inspections (双随机、一公开).",
     "004 §10; assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kAux =
    declare_indicator({"aux_police", "staff", "auxiliary police in post", "辅警在岗人数",
                       "Auxiliary police in post in villages and communities.", "policing", 1.0, true, IA::Sum});
const Indicator kAuxMet = declare_indicator(
    {"aux_police_standard_met_share", "share", "units with auxiliary police at the standard", "辅警配备达标率",
     "Villages and communities with auxiliary police in post at least 1 (village, town community) or 2 (urban "
     "community) (004 §18 item (4)) / all.",
     "policing"});
const Indicator kAuxCost = declare_indicator(
    {"aux_police_cost_per_resident", "yuan per resident per year", "auxiliary police pay", "辅警经费(人均)",
     "What the county paid its auxiliary police this month per resident, x12.", "policing", 12.0});
const Indicator kEnfStaff =
    declare_indicator({"enforcement_staff_per_township", "staff", "township law-enforcement staff",
                       "乡镇综合行政执法人员", "Law-enforcement staff in post per township.", "policing", 1.0, false});
const Indicator kEnfMet = declare_indicator(
    {"enforcement_standard_met_share", "share", "townships meeting the enforcement staff standard",
     "乡镇执法人员配备达标率",
     "Townships with law-enforcement staff in post at least 5 / 4 / 3 by class (004 §10 item (1)) / all townships.",
     "policing", 1.0, false});
const Indicator kEnfCost = declare_indicator(
    {"enforcement_cost_per_resident", "yuan per resident per year", "township law-enforcement staff pay",
     "乡镇执法人员经费(人均)", "What the townships paid their law-enforcement staff this month per resident, x12.",
     "policing", 12.0, false});

const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "policing");
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "policing");
const Reads<uint8_t> colClass = reads<uint8_t>(Level::Township, "class", "policing");
const Reads<uint8_t> colShort = reads<uint8_t>(Level::Township, "township_short_last", "policing");
const Owned<float> colAux = declare_column<float>(
    {"aux_police", Level::Unit, "staff", "Auxiliary police in post in the unit.", "policing", Merge::Sum}, -1.0f);
const Owned<float> colDiscovery = declare_column<float>(
    {"police_hazard_discovery", Level::Unit, "probability per month",
     "Probability a month that auxiliary police patrols find an unreported hazard in the unit; read by intake.",
     "policing", Merge::Max},
    0.0f);
const Owned<float> colEnfStaff = declare_column<float>(
    {"enforcement_staff", Level::Township, "staff",
     "Township law-enforcement staff in post (-1 before the first month: the posts filled).", "policing", Merge::Sum},
    -1.0f);
const Owned<float> colEnfCapacity = declare_column<float>(
    {"enforcement_capacity", Level::Township, "cases per month",
     "Cases a month the township rung works on hazards and property disputes before its mediation capacity (its "
     "enforcement staff and the auxiliary police of its units); read by the ladder.",
     "policing", Merge::Sum},
    0.0f);

const ledger::Flow kFlowAux = ledger::declare_flow("aux_police", "county public security bureau: auxiliary police pay");
const ledger::Flow kFlowEnf = ledger::declare_flow("township_enforcement", "township: its law-enforcement staff's pay");

// Staff in post after a month's leaving and hiring (whole people, draws by entity): `can_hire(n)` says whether
// n in post can be paid.
template <class CanHire>
double turnover(RngStream& g, double in_post, double posts, double leave, double fill, CanHire can_hire) {
  int n = static_cast<int>(std::lround(std::max(0.0, in_post)));
  const int before = n;
  for (int i = 0; i < before; ++i) n -= g.uniform() < leave;
  const int wanted = static_cast<int>(std::lround(posts));
  for (int i = n; i < wanted; ++i)
    if (g.uniform() < fill && can_hire(n + 1)) ++n;
  return n;
}

class Policing : public Mechanism {
 public:
  std::string name() const override { return "policing"; }
  std::string summary() const override {
    return "auxiliary police in villages and communities (county) and township law-enforcement staff by class "
           "(township): patrols find hazards, enforcement works hazards and property disputes at the township rung";
  }
  void init(World& w, const InitContext&) override {
    residents_ = &colResidents.read(w);
    households_ = &colHouseholds.read(w);
    aux_ = &colAux.write(w);
    discovery_ = &colDiscovery.write(w);
    enf_ = &colEnfStaff.write(w);
    capacity_ = &colEnfCapacity.write(w);
    cost_growth_ = param_named("township.cost_growth");
    attrition_ = param_named("township.staff_attrition");
    months_to_fill_ = param_named("township.staff_months_to_fill");
    county_pay_ = param_named("township.county_staff_pay");
    premium_ = param_named("township.staff_pay_premium");
  }
  void steps(StepList& out) override {
    out.add({"policing.county", Scope::County,
             "the county public security bureau hires and pays auxiliary police for villages and communities "
             "(before its departments)",
             [this](const StepContext& c, uint32_t k) { county(c, k); }});
    out.add({"policing.township", Scope::Township,
             "each township hires and pays its law-enforcement staff (before its other staff and units; no hiring "
             "after a month short of money); its enforcement capacity for hazards and property disputes",
             [this](const StepContext& c, uint32_t t) { township(c, t); }});
  }

 private:
  void county(const StepContext& c, uint32_t k) {
    World& w = c.world;
    const auto [lo, hi] = w.range(Level::County, k, Level::Unit);
    if (lo >= hi) return;
    const Money pay = fen(c.p(kAuxPay) * cost_index(c, cost_growth_));
    const double leave = c.p(kAuxAttrition) / 12, fill = 1 - std::exp(-1 / c.p(kAuxFill));
    const Money balance = std::max<Money>(0, ledger::balance(w, Level::County, k));
    double total = 0, pop = 0;
    for (uint32_t u = lo; u < hi; ++u) {
      const bool urban = w.units().kind[u] == "urban_community";
      const double per = urban ? c.p(kAuxUrban) : c.p(kAuxVillage);
      // a fraction of a post per unit: the units whose fixed draw falls below it get the extra post
      const double posts = std::floor(per) + (RngStream(c.seed, c.replicate, 0xA0C5u, 0, w.units().id[u]).uniform() <
                                              per - std::floor(per));
      float& a = (*aux_)[u];
      if (a < 0) a = static_cast<float>(std::round(posts));
      RngStream g = c.rng(w.units().id[u]);
      a = static_cast<float>(
          turnover(g, a, posts, leave, fill, [&](int n) { return static_cast<Money>(total + n) * pay <= balance; }));
      if (pay > 0) a = static_cast<float>(std::min<double>(a, std::floor(balance / pay) - total));  // unpaid: they go
      total += a;
      c.record(kAux, u, a, 1);
      c.record(kAuxMet, u, a >= (urban ? kAuxStandardUrban : kAuxStandardVillage), 1);
      pop += (*residents_)[u];
      const double hh = std::max<uint32_t>(1, (*households_)[u]);
      (*discovery_)[u] = static_cast<float>(1 - std::exp(-c.p(kAuxDiscovery) * a * 1000 / hh));
    }
    const Money paid = std::min(balance, static_cast<Money>(total) * pay);
    ledger::pay(w, Level::County, k, paid, kFlowAux);
    c.record(kAuxCost, lo, yuan(paid), pop);
  }

  void township(const StepContext& c, uint32_t t) {
    World& w = c.world;
    const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
    if (lo >= hi) return;
    const int cls = std::clamp<int>(colClass.read(w)[t], 1, 3);
    const double posts = c.p(kStaff[cls - 1]);
    const Money pay = fen(c.p(county_pay_) * (1 + c.p(premium_)) * cost_index(c, cost_growth_));
    const Money balance = std::max<Money>(0, ledger::balance(w, Level::Township, t));
    const bool frozen = colShort.read(w)[t] != 0;
    float& s = (*enf_)[t];
    if (s < 0) s = static_cast<float>(std::round(posts));
    RngStream g = c.rng(w.at(Level::Township).id[t]);
    s = static_cast<float>(turnover(g, s, posts, c.p(attrition_) / 12, 1 - std::exp(-1 / c.p(months_to_fill_)),
                                    [&](int n) { return !frozen && static_cast<Money>(n) * pay <= balance; }));
    if (pay > 0) s = static_cast<float>(std::min<double>(s, std::floor(balance / pay)));  // unpaid: they go
    const Money paid = std::min(balance, static_cast<Money>(s) * pay);
    ledger::pay(w, Level::Township, t, paid, kFlowEnf);
    double aux = 0, pop = 0;
    for (uint32_t u = lo; u < hi; ++u) aux += std::max(0.0f, (*aux_)[u]), pop += (*residents_)[u];
    (*capacity_)[t] = static_cast<float>(s * c.p(kCasesPerOfficer) + aux * c.p(kAuxCases));
    c.record(kEnfStaff, lo, s, 1);
    c.record(kEnfMet, lo, s >= kEnforcementStandard[cls - 1], 1);
    c.record(kEnfCost, lo, yuan(paid), pop);
  }

  const std::vector<uint32_t>*residents_ = nullptr, *households_ = nullptr;
  std::vector<float>*aux_ = nullptr, *discovery_ = nullptr, *enf_ = nullptr, *capacity_ = nullptr;
  Param cost_growth_, attrition_, months_to_fill_, county_pay_, premium_;
};

REGISTER_MECHANISM(Policing);

}  // namespace
}  // namespace govsim::model
