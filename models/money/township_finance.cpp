// Township finance: the township pays its own staff, then funds each of its
// villages and communities (model brief §3 step 2; 000 §7, §29; 001 §12, §60-61;
// 002 §14; 004 §7). Needs per unit and month:
//   operating   operating_village / operating_community / 12                 (old standard 5,000 / 6,000 a year)
//   cadre pay   size * pay floor * (1 + performance_share) * cadre_pay_level, members at member_pay_ratio
//               floor: 1,650 / 1,430 / 1,330 by terrain (urban community secretary 2,900) before 2021;
//               from 2021 at least max(3,000, 2 x prior-year rural income / 12)
//   grid        workers the lever asks for * grid pay * (1 + insurance share)
//   tasks       tasks pushed * task_funded_share * funding_per_task                            (费随事转, 002 §14)
//   services    service_spending_per_resident * residents / 12; purchase_share of it to social organisations
//   projects    以奖代补: matching_ratio * the unit's local match, up to project_cap_per_household / 12
// Staff: max(minimum by class, staff_per_10k per 10,000 residents) at county pay * (1 + staff_pay_premium)
// (001 §61: >= 20% above county staff; 004 §10: law enforcement >= 5/4/3 by class).
// Costs are in 2020 yuan, grown by cost_growth a year.
// Money goes first to staff, then to cadre pay, then to everything else together (保工资); a tier the
// balance cannot cover is cut pro rata across its categories and units.
// A shortfall cuts the staff premium first (allowances), then posts: the share of needed posts paid
// at county pay sets the township's mediation capacity (mediation_factor); township_pay_premium is the
// premium actually paid. Tasks the committees' admission list refuses (准入) come back to the township:
// refused_task_absorbed of them, at hours_per_task, take their share of the staff's hours from mediation.
// Above reserve_months of these needs, the township spends its balance on its own services.
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "backbone/grid_cost.hpp"
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kAbsorbed = declare_param(
    {"township.refused_task_absorbed", ParamType::Real, 1.0, "share of refused tasks", 0, 1,
     "Share of the tasks the committees' admission list refuses that township staff must then do themselves (the "
     "cost of refusing: their hours leave mediation).",
     "002 §14, 004 §35 (准入: the work stays with the department or township); assumption", false});
const Param kStaffHours = declare_param({"township.staff_hours", ParamType::Real, 160, "hours per month", 10, 400,
                                         "Working hours of a township staff member in a month.", "assumption", false});
const Param kStaffPer10k = declare_param(
    {"township.staff_per_10k", ParamType::Real, 10, "staff per 10,000 residents", 0, 500,
     "Township staff needed per 10,000 residents (administration, mediation, service centre).", "assumption", false});
const Param kMinStaff[] = {
    declare_param({"township.min_staff_class1", ParamType::Integer, 40, "staff", 0, 1000,
                   "Minimum staff of a class-1 township (including >= 5 law-enforcement staff).",
                   "004 §10 (law enforcement >= 5/4/3 by class); assumption", false}),
    declare_param({"township.min_staff_class2", ParamType::Integer, 30, "staff", 0, 1000,
                   "Minimum staff of a class-2 township (including >= 4 law-enforcement staff).", "004 §10; assumption",
                   false}),
    declare_param({"township.min_staff_class3", ParamType::Integer, 20, "staff", 0, 1000,
                   "Minimum staff of a class-3 township (including >= 3 law-enforcement staff).", "004 §10; assumption",
                   false}),
};
const Param kCountyPay = declare_param(
    {"township.county_staff_pay", ParamType::Real, 5500, "yuan per month", 0, 1e5,
     "Pay of county-level staff of the same rank (the reference for the township premium).", "assumption", false});
const Param kPremium = declare_param({"township.staff_pay_premium", ParamType::Real, 0.2, "share above county pay", 0,
                                      2, "Township staff pay above county staff of the same rank.",
                                      "001 §61 (乡镇机关工作人员收入高于县直机关同职级人员20%以上)", true});
const Param kOpVillage = declare_param(
    {"township.operating_village", ParamType::Real, 5000, "yuan per year", 0, 1e7, "Operating funds of a village.",
     "calibration-2020: 5,000 yuan a village a year (川府函〔2009〕49号, old standard)", true});
const Param kOpCommunity = declare_param({"township.operating_community", ParamType::Real, 6000, "yuan per year", 0,
                                          1e7, "Operating funds of a community.",
                                          "calibration-2020: 6,000 yuan a community a year (old standard)", true});
const Param kPayLevel = declare_param({"township.cadre_pay_level", ParamType::Real, 1, "multiple of the floor", 0, 10,
                                       "Cadre basic pay relative to the floor in force.",
                                       "000 §29 (基本报酬+绩效+集体经济创收奖励); assumption", true});
const Param kPerformance = declare_param({"township.performance_share", ParamType::Real, 0.2, "share of basic pay", 0,
                                          2, "Performance pay as a share of basic pay.", "000 §29", false});
const Param kMemberRatio =
    declare_param({"township.member_pay_ratio", ParamType::Real, 0.6, "share of the secretary's pay", 0, 1,
                   "Pay of other committee members relative to the secretary.", "assumption", false});
const Param kFloorRule2021 = declare_param(
    {"township.pay_floor_2021", ParamType::Boolean, 1, "flag", 0, 1,
     "Apply the floor of the 2021 elections (>= 2 x prior-year rural per-capita income and >= 3,000 a month) "
     "from 2021.",
     "calibration-2020: 川民函〔2020〕335号", true});
const Param kRuralIncome = declare_param({"township.rural_income_2020", ParamType::Real, 15929, "yuan per year", 0, 1e6,
                                          "Rural per-capita disposable income in 2020.",
                                          "assumption (Sichuan 2020 statistical communiqué: 15,929)", false});
const Param kRuralIncomeGrowth =
    declare_param({"township.rural_income_growth", ParamType::Real, 0.06, "per year", -0.5, 0.5,
                   "Growth of rural per-capita disposable income a year.", "assumption", false});
const Param kTaskFunding = declare_param({"township.funding_per_task", ParamType::Real, 1000, "yuan per task", 0, 1e6,
                                          "Money that comes with a funded task pushed down to a committee.",
                                          "002 §14 (费随事转); assumption", false});
const Param kServiceSpending =
    declare_param({"township.service_spending_per_resident", ParamType::Real, 40, "yuan per resident per year", 0, 1e5,
                   "Spending on community services (elderly care, children, disabled) per resident.",
                   "004 §7, §29; assumption", true});
const Param kMatching = declare_param(
    {"township.matching_ratio", ParamType::Real, 1, "yuan of award per yuan matched", 0, 20,
     "以奖代补: award per yuan the village contributes to an environment or facility project.", "000 §9", true});
const Param kProjectCap =
    declare_param({"township.project_cap_per_household", ParamType::Real, 120, "yuan per household per year", 0, 1e5,
                   "Earmarked ceiling of project awards per household.", "000 §9; 001 §17; assumption", true});
const Param kMatchPropensity = declare_param(
    {"township.match_propensity", ParamType::Real, 0.1, "share of balance per month", 0, 1,
     "Share of its account balance a village offers each month as the local match for projects.", "assumption", false});

const Param kCostGrowth = declare_param(
    {"township.cost_growth", ParamType::Real, 0.05, "per year", -0.5, 0.5,
     "Growth of wages and prices a year: staff, grid and operating costs, service spending and task funding are in "
     "2020 yuan and grow at this rate (cadre pay floors follow their own rules).",
     "assumption (equal to the default budget growth)", false});
const Param kReserveMonths = declare_param(
    {"township.reserve_months", ParamType::Real, 2, "months of needs", 0, 120,
     "Balance a township keeps, in months of its staff and units' needs; above it the township spends on its own "
     "services and works.",
     "assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kOther = declare_indicator(
    {"spending_township_other_per_resident", "yuan per resident per year", "township's own services and works",
     "乡镇其他支出人均", "Township spending beyond staff and units (its balance above the reserve), per resident, x12.",
     "township", 12.0, false});
const Indicator kStaffSpending = declare_indicator(
    {"spending_township_staff_per_resident", "yuan per resident per year", "township staff spending per resident",
     "乡镇人员经费人均支出", "Township staff pay this month per resident, x12.", "township", 12.0, false});
const Indicator kStaffFunded =
    declare_indicator({"township_staff_funded_share", "share", "township staff funded", "乡镇人员经费保障率",
                       "Share of needed township staff the township could pay this month.", "township", 1.0, false});
const Indicator kPremiumInd = input(declare_indicator(
    {"township_pay_premium", "share above county pay", "township staff pay premium over county",
     "乡镇工作人员收入高于县直比例",
     "Premium actually paid to township staff above county pay, per staff post needed (the premium is cut first "
     "when the township is short; an input while townships can always pay: target >= 0.2, 001 §61).",
     "township", 1.0, false}));
const Indicator kFloor =
    input(declare_indicator({"cadre_pay_floor", "yuan per month", "village secretary pay floor", "村书记报酬底线",
                             "Pay floor in force for a village secretary (plain terrain).", "township", 1.0, false}));

const Indicator kTownshipBalance = declare_indicator(
    {"township_balance_per_resident", "yuan per resident", "township account balance per resident", "乡镇账户人均余额",
     "Balance of the township accounts at the end of the month per resident.", "township", 1.0, false});

// Cadre pay is funded first (after the township's own staff), the rest together.
enum Cat { kCadre = 0, kOperating, kGrid, kTasks, kServices, kProjects, kCats };

// State: this month's funds for each village/community by category (the money
// itself is in the ledger; these say what it is for).
Owned<Money> budget_column(const char* name, const char* what) {
  return declare_column<Money>({name, Level::Unit, "fen",
                                std::string("This month's township funding of the unit for ") + what + ".", "township",
                                Merge::Sum});
}
const Owned<Money> colBudget[kCats] = {
    budget_column("budget_cadre", "cadre pay"),          budget_column("budget_operating", "operating funds"),
    budget_column("budget_grid", "grid workers"),        budget_column("budget_tasks", "tasks pushed down"),
    budget_column("budget_services", "public services"), budget_column("budget_projects", "environment projects")};
const Owned<Money> colMatch =
    declare_column<Money>({"project_match", Level::Unit, "fen", "The unit's own match to this month's project award.",
                           "township", Merge::Sum});
const Owned<float> colSecretaryPay =
    declare_column<float>({"secretary_pay", Level::Unit, "yuan per month",
                           "The village/community secretary's monthly pay.", "township", Merge::First});
const Owned<float> colSecretaryFloor =
    declare_column<float>({"secretary_pay_floor", Level::Unit, "yuan per month",
                           "The pay floor of the secretary's post.", "township", Merge::First});
const Owned<float> colMediation =
    declare_column<float>({"mediation_factor", Level::Township, "share",
                           "Share of the township's mediation and service staff that is funded; read by the ladder.",
                           "township", Merge::First},
                          1.0f);
const Reads<uint8_t> colSize = reads<uint8_t>(Level::Unit, "committee_size", "township");
const Reads<uint8_t> colTerrain = reads<uint8_t>(Level::Unit, "terrain", "township");
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "township");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "township");
const Reads<uint8_t> colClass = reads<uint8_t>(Level::Township, "class", "township");
const Reads<float> colTasks = reads<float>(Level::Unit, "tasks_pushed", "township");

class TownshipFinance : public Mechanism {
 public:
  std::string name() const override { return "township"; }
  std::string summary() const override {
    return "township staff and the township's funding of villages and communities by category";
  }
  void init(World& w, const InitContext&) override {
    for (int k = 0; k < kCats; ++k) budget_[k] = &colBudget[k].write(w);
    match_ = &colMatch.write(w);
    secretary_pay_ = &colSecretaryPay.write(w);
    secretary_floor_ = &colSecretaryFloor.write(w);
    mediation_ = &colMediation.write(w);
    size_ = &colSize.read(w);
    terrain_ = &colTerrain.read(w);
    households_ = &colHouseholds.read(w);
    residents_ = &colResidents.read(w);
    hpw_ = param_named("grid.households_per_worker");
    grid_cost_ = grid_cost::Params::named();  // cost per grid post (backbone/grid_cost.hpp)
    tasks_ = &colTasks.read(w);
    funded_share_ = param_named("committee.task_funded_share");
    refusal_ = param_named("committee.admission_refusal");
    hours_per_task_ = param_named("committee.hours_per_task");
  }
  void steps(StepList& out) override {
    out.add({"township.allocate", Scope::Township,
             "each township pays its staff and funds its villages and communities category by category",
             [this](const StepContext& c, uint32_t t) { allocate(c, t); }});
    out.add({"township.report", Scope::Township, "record the township's end-of-month balance",
             [this](const StepContext& c, uint32_t t) {
               const auto [lo, hi] = c.world.range(Level::Township, t, Level::Unit);
               double pop = 0;
               for (uint32_t u = lo; u < hi; ++u) pop += (*residents_)[u];
               if (lo < hi) c.record(kTownshipBalance, lo, yuan(ledger::balance(c.world, Level::Township, t)), pop);
             }});
  }

  // The monthly pay floor of a village secretary on `terrain` (urban: community secretary).
  static double floor_pay(const StepContext& c, uint8_t terrain, bool urban) {
    if (c.p(kFloorRule2021) != 0 && c.month.year() >= 2021) {
      const double prior = c.p(kRuralIncome) * std::pow(1 + c.p(kRuralIncomeGrowth), c.month.year() - 1 - 2020);
      return std::max(3000.0, 2 * prior / 12);
    }
    if (urban) return 2900;
    static const double by_terrain[] = {1650, 1430, 1330, 1330};
    return by_terrain[std::min<uint8_t>(terrain, 3)];
  }

 private:
  void allocate(const StepContext& c, uint32_t t) {
    World& w = c.world;
    const Table& units = w.units();
    const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
    const uint32_t n = hi - lo;
    double pop = 0;
    for (uint32_t u = lo; u < hi; ++u) pop += (*residents_)[u];
    // staff first
    const int cls = std::clamp<int>(colClass.read(w)[t], 1, 3);
    const double staff_needed = std::max(c.p(kMinStaff[cls - 1]), std::ceil(c.p(kStaffPer10k) * pop / 10000.0));
    const double index = std::pow(1 + c.p(kCostGrowth), std::max(0, c.month.index - Month::of(2020, 1).index) / 12.0);
    const double base_pay = c.p(kCountyPay) * index, staff_pay = base_pay * (1 + c.p(kPremium));
    Money available = std::max<Money>(0, ledger::balance(w, Level::Township, t));
    const Money staff_need = fen(staff_needed * staff_pay), base_need = fen(staff_needed * base_pay);
    const Money staff_paid = std::min(staff_need, available);
    ledger::pay(w, Level::Township, t, staff_paid);
    available -= staff_paid;
    // the premium (township allowances) is cut first; posts go unfilled only below the county pay
    const double in_post = base_need > 0 ? std::min(1.0, static_cast<double>(staff_paid) / base_need) : 1.0;
    const double premium_paid = base_pay > 0 ? yuan(std::max<Money>(0, staff_paid - base_need)) / base_pay : 0.0;
    // tasks the committees refused come back to the township: their hours leave mediation
    double refused = 0;
    for (uint32_t u = lo; u < hi; ++u) refused += (*tasks_)[u] * (1 - c.p(funded_share_)) * c.p(refusal_);
    const double absorbed =
        refused * c.p(kAbsorbed) * c.p(hours_per_task_) / std::max(1.0, staff_needed * c.p(kStaffHours));
    (*mediation_)[t] = static_cast<float>(in_post * (1 - std::min(0.9, absorbed)));

    // needs per unit and category
    std::vector<Money> need(static_cast<size_t>(n) * kCats, 0);
    for (uint32_t u = lo; u < hi; ++u) {
      Money* nd = &need[static_cast<size_t>(u - lo) * kCats];
      const bool village = units.kind[u] == "rural_village", urban = units.kind[u] == "urban_community";
      const double floor = floor_pay(c, (*terrain_)[u], urban);
      const double secretary = floor * c.p(kPayLevel) * (1 + c.p(kPerformance));
      (*secretary_floor_)[u] = static_cast<float>(floor);
      (*secretary_pay_)[u] = static_cast<float>(floor * c.p(kPayLevel));
      nd[kCadre] = fen(secretary * (1 + c.p(kMemberRatio) * std::max(0, (*size_)[u] - 1)));
      const double workers = std::max(1.0, std::round((*households_)[u] / c.p(hpw_)));
      nd[kGrid] = fen(workers * grid_cost_.per_post(c) * index);
      nd[kOperating] = fen((village ? c.p(kOpVillage) : c.p(kOpCommunity)) / 12 * index);
      nd[kTasks] =
          fen((*tasks_)[u] * c.p(funded_share_) * c.p(kTaskFunding) * index);  // 费随事转: money follows the task
      nd[kServices] = fen(c.p(kServiceSpending) * (*residents_)[u] / 12 * index);
      // 以奖代补: the village offers part of its balance as a match; the award follows, up to the cap
      const Money offer = fen(yuan(std::max<Money>(0, ledger::balance(w, Level::Unit, u))) * c.p(kMatchPropensity));
      const Money cap = fen(c.p(kProjectCap) * (*households_)[u] / 12 * index);
      nd[kProjects] = std::min(cap, fen(yuan(offer) * c.p(kMatching)));
      (*match_)[u] = c.p(kMatching) > 0 ? std::min(offer, fen(yuan(nd[kProjects]) / c.p(kMatching))) : 0;
    }
    // fund category by category; cut pro rata where the balance runs out
    Money all_needs = staff_need;
    for (Money m : need) all_needs += m;
    // two tiers after the staff: cadre pay, then everything else together (保工资)
    double tier_scale = 1.0;
    for (int k = 0; k < kCats; ++k) {
      if (k <= kOperating) {
        Money total = 0;
        for (int kk = k; kk < (k == kCadre ? kOperating : kCats); ++kk)
          for (uint32_t i = 0; i < n; ++i) total += need[static_cast<size_t>(i) * kCats + kk];
        tier_scale = total > available ? static_cast<double>(available) / total : 1.0;
      }
      const double scale = tier_scale;
      if (k == kCadre)
        for (uint32_t u = lo; u < hi; ++u) (*secretary_pay_)[u] *= static_cast<float>(scale);
      const double post_cost = grid_cost_.per_post(c) * index;
      for (uint32_t u = lo; u < hi; ++u) {
        Money amount = scale < 1 ? static_cast<Money>(std::floor(need[static_cast<size_t>(u - lo) * kCats + k] * scale))
                                 : need[static_cast<size_t>(u - lo) * kCats + k];
        // grid money comes in whole posts; what cannot pay a post stays with the township
        if (k == kGrid && scale < 1 && post_cost > 0) amount = fen(std::floor(yuan(amount) / post_cost) * post_cost);
        (*budget_[k])[u] = amount;
        ledger::transfer(w, Level::Township, t, Level::Unit, u, amount);
        available -= amount;
      }
    }
    // above its reserve, the township spends on its own services and works
    const Money keep = fen(yuan(all_needs) * c.p(kReserveMonths));
    const Money other = std::max<Money>(0, ledger::balance(w, Level::Township, t) - keep);
    ledger::pay(w, Level::Township, t, other);
    if (lo < hi) {  // township-level figures recorded once, at the township's first unit
      c.record(kOther, lo, yuan(other), pop);
      c.record(kStaffSpending, lo, yuan(staff_paid), pop);
      c.record(kStaffFunded, lo, yuan(staff_paid), yuan(staff_need));
      c.record(kPremiumInd, lo, premium_paid, staff_needed);  // premium paid in county-pay units per staff needed
      c.record(kFloor, lo, floor_pay(c, 0, false), 1);
    }
  }

  std::vector<Money>* budget_[kCats] = {};
  std::vector<Money>* match_ = nullptr;
  std::vector<float>*secretary_pay_ = nullptr, *secretary_floor_ = nullptr;
  std::vector<float>* mediation_ = nullptr;
  const std::vector<uint8_t>*size_ = nullptr, *terrain_ = nullptr;
  const std::vector<uint32_t>*households_ = nullptr, *residents_ = nullptr;
  Param hpw_, funded_share_, refusal_, hours_per_task_;
  grid_cost::Params grid_cost_;

  const std::vector<float>* tasks_ = nullptr;
};

REGISTER_MECHANISM(TownshipFinance);

}  // namespace
}  // namespace govsim::model
