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
// Staff: max(minimum by class, staff_per_10k per 10,000 residents) + mediators (mediation capacity /
// cases_per_mediator per 10,000, x (1 + assessment_staffing x assessment pressure)), at county pay; the
// premium (staff_pay_premium) in the third tier
// (001 §61: >= 20% above county staff; 004 §10: law enforcement >= 5/4/3 by class).
// Costs are in 2020 yuan, grown by cost_growth a year.
// Money goes first to staff at county pay, then to cadre pay, then to everything else together (保工资: the
// staff premium, the units' other funds and the township's programmes); a tier the
// balance cannot cover is cut pro rata across its categories and units.
// A shortfall cuts the third tier first (the premium with it), then cadre pay, then posts: the share of needed posts paid
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
#include "money/cost_index.hpp"
#include "money/economy.hpp"
#include "money/lever_costs.hpp"
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
const Param kStaffPer10k =
    declare_param({"township.staff_per_10k", ParamType::Real, 8, "staff per 10,000 residents", 0, 500,
                   "Township staff needed per 10,000 residents besides the mediators (administration, service centre, "
                   "enforcement).",
                   "assumption", false});
const Param kAssessmentStaffing = declare_param(
    {"township.assessment_staffing", ParamType::Real, 0.5, "share of mediators at full pressure", 0, 5,
     "Extra mediators a township assigns at full assessment pressure (assessment_pressure = 1), as a share of those "
     "its mediation capacity needs: a township failing the county's assessment puts more staff on disputes and "
     "petitions, and pays them.",
     "004 §36 (assessment of townships); assumption", false});
const Param kCasesPerMediator = declare_param(
    {"township.cases_per_mediator", ParamType::Real, 4, "cases per mediator per month", 0.1, 100,
     "Cases a township mediator works in a month: the mediation capacity (ladder.township_mediation_capacity, per "
     "10,000 residents) needs capacity / cases_per_mediator mediators per 10,000 residents, paid with the staff "
     "(2 per 10,000 at the default capacity).",
     "assumption", false});
const Param kMinStaff[] = {
    declare_param({"township.min_staff_class1", ParamType::Integer, 37, "staff", 0, 1000,
                   "Minimum staff of a class-1 township (administration and service centre; its >= 5 law-enforcement "
                   "staff are paid apart, policing.cpp: 40 before its 3 enforcement posts of 2020 were).",
                   "004 §10 (law enforcement >= 5/4/3 by class); assumption", false}),
    declare_param({"township.min_staff_class2", ParamType::Integer, 28, "staff", 0, 1000,
                   "Minimum staff of a class-2 township (administration and service centre; its >= 4 law-enforcement "
                   "staff are paid apart, policing.cpp: 30 before its 2 enforcement posts of 2020 were).",
                   "004 §10; assumption", false}),
    declare_param({"township.min_staff_class3", ParamType::Integer, 18, "staff", 0, 1000,
                   "Minimum staff of a class-3 township (administration and service centre; its >= 3 law-enforcement "
                   "staff are paid apart, policing.cpp: 20 before its 2 enforcement posts of 2020 were).",
                   "004 §10; assumption", false}),
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
const Param kOwnRevenue = declare_param(
    {"township.own_revenue_per_resident", ParamType::Real, 100, "yuan per resident per year (2020)", 0, 1e5,
     "The township's own revenue for governance and services (its share of local taxes and fees), per resident at "
     "the economic level of a town (1; streets and rural townships at budget.economic_level_street / _township), "
     "grown at budget.growth. What it lacks is what the county's grassroots formula must make up: poorer townships "
     "depend on the transfer most.",
     "000 §7, 001 §12 (the transfer formula weighs 经济状况: townships differ in their own means); assumption "
     "(about a quarter of a town's grassroots means)",
     false});
const Param kAttrition = declare_param(
    {"township.staff_attrition", ParamType::Real, 0.06, "per year", 0, 1,
     "Share of township staff who leave a year (retirement, transfer, exams elsewhere). A township short of money "
     "freezes hiring (posts of the establishment stay vacant), so its staff fall at this rate until it can pay "
     "all its needs again.",
     "004 §10 (编制 by township class); assumption (a civil-service career of about 16 years in one township)", false});
const Param kStaffMonthsToFill = declare_param(
    {"township.staff_months_to_fill", ParamType::Real, 6, "months", 0.1, 120,
     "Mean months to fill a vacant township post once the township can pay for it (recruitment by examination): "
     "a share 1 - exp(-1/months) of the vacant posts is filled a month.",
     "assumption (recruitment rounds about twice a year)", false});
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
                       "Township posts needed (the establishment: class minimum or staff_per_10k, plus mediators) that "
                       "are filled and paid this month: below 1 while posts wait to be filled, while a township short "
                       "of money freezes hiring, and when it cannot pay those in post.",
                       "township", 1.0, false});
const Indicator kPremiumInd = declare_indicator(
    {"township_pay_premium", "share above county pay", "township staff pay premium over county",
     "乡镇工作人员收入高于县直比例",
     "Premium actually paid to township staff above county pay, per staff member in post: the premium is an allowance "
     "of the third funding tier, cut pro rata with the units' funds where a township is short (target >= 0.2, 001 "
     "§61).",
     "township", 1.0, false});
const Indicator kFloor =
    input(declare_indicator({"cadre_pay_floor", "yuan per month", "village secretary pay floor", "村书记报酬底线",
                             "Pay floor in force for a village secretary (plain terrain).", "township", 1.0, false}));

const Indicator kShort = declare_indicator(
    {"township_short_share", "share", "townships short of money this month", "乡镇经费缺口占比",
     "Share of townships whose balance could not cover this month's needs (staff, units' funds, own programmes).",
     "township", 1.0, false});
const Indicator kEverShort = declare_indicator(
    {"township_ever_short_share", "share", "townships short of money at some point so far", "曾出现经费缺口的乡镇占比",
     "Share of townships that have been short of money in at least one month since the start of the run.", "township",
     1.0, false});
const Indicator kGap = declare_indicator(
    {"township_funding_gap_per_resident", "yuan per resident per year", "townships' unmet needs per resident",
     "乡镇经费缺口人均", "Needs the townships could not pay this month, per resident, x12.", "township", 12.0, false});
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
const Owned<float> colStaffInPost = declare_column<float>(
    {"township_staff_in_post", Level::Township, "staff",
     "Township staff in post (-1 before the first month: the establishment filled).", "township", Merge::Sum},
    -1.0f);
const Owned<float> colStaffShare = declare_column<float>(
    {"township_staff_share", Level::Township, "share",
     "Share of the posts the township needs that are filled and paid this month (the committees read it: a township "
     "short of staff pushes more tasks down).",
     "township", Merge::First},
    1.0f);
const Owned<uint8_t> colShortLast = declare_column<uint8_t>(

    {"township_short_last", Level::Township, "0/1",
     "The township could not pay all its needs last month (it freezes hiring).", "township", Merge::Max});
const Owned<uint8_t> colEverShort =
    declare_column<uint8_t>({"township_ever_short", Level::Township, "0/1",
                             "The township has been short of money in some month of the run.", "township", Merge::Max});
const ledger::Flow kFlowOwn =
    ledger::declare_flow("township_own_revenue", "township: its own revenue (local taxes and fees)");
const ledger::Flow kFlowStaff = ledger::declare_flow("township_staff", "township: its staff's pay");
const ledger::Flow kFlowUnits =
    ledger::declare_flow("township_to_units", "township to village/community: the units' funds by category");
const ledger::Flow kFlowOther =
    ledger::declare_flow("township_other", "township: its own services and works above its reserve");
const Reads<uint8_t> colSize = reads<uint8_t>(Level::Unit, "committee_size", "township");
const Reads<float> colPressure = reads<float>(Level::Township, "assessment_pressure", "township");

const Reads<uint8_t> colTerrain = reads<uint8_t>(Level::Unit, "terrain", "township");
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "township");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "township");
const Reads<uint8_t> colClass = reads<uint8_t>(Level::Township, "class", "township");
const Reads<float> colTasks = reads<float>(Level::Unit, "tasks_pushed", "township");
const Reads<float> colRefused = reads<float>(Level::Unit, "tasks_refused", "township");

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
    refused_ = &colRefused.read(w);
    funded_share_ = param_named("committee.task_funded_share");
    hours_per_task_ = param_named("committee.hours_per_task");
    mediation_capacity_ = param_named("ladder.township_mediation_capacity");
    budget_growth_ = param_named("budget.growth");
    economy_ = economy::Levels::named();
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
  // The township's own revenue this month, by its economic level (streets richer, rural townships poorer).
  void receive_own_revenue(const StepContext& c, uint32_t t, double pop) {
    const double econ = economy_.of(c, c.world.at(Level::Township).kind[t]);
    const double own = c.p(kOwnRevenue) * econ * pop / 12 * cost_index(c, budget_growth_);  // (budget growth)
    ledger::receive(c.world, Level::Township, t, fen(own), kFlowOwn);
  }
  // What the staff need this month, and what was paid of it.
  struct Staff {
    double needed = 0, in_post = 0, base_pay = 0;
    Money base_need = 0, premium_need = 0, base_paid = 0;
  };
  // Staff in post this month: attrition, and hiring towards the posts needed unless the township was short of money
  // last month (a hiring freeze); nobody is dismissed (surplus staff leave by attrition).
  double staff_in_post(const StepContext& c, uint32_t t, double needed) const {
    float& in_post = colStaffInPost.write(c.world)[t];
    if (in_post < 0) in_post = static_cast<float>(needed);
    double now = in_post * (1 - c.p(kAttrition) / 12);
    if (!colShortLast.read(c.world)[t])
      now += (1 - std::exp(-1 / c.p(kStaffMonthsToFill))) * std::max(0.0, needed - now);
    in_post = static_cast<float>(now);
    return now;
  }
  // Staff first, at county pay (保工资): those in post are paid first; the premium (township allowances, 001 §61)
  // is a need of the third tier (allocate), cut with the units' funds. Sets the township's mediation factor (the
  // posts needed that are filled and paid, less the hours refused tasks take).
  Staff pay_staff(const StepContext& c, uint32_t t, double pop, double index, Money& available) {
    World& w = c.world;
    Staff s;
    const int cls = std::clamp<int>(colClass.read(w)[t], 1, 3);
    // mediators for the capacity, more under the county's assessment pressure (paid like every post)
    const double mediators =
        c.p(mediation_capacity_) / c.p(kCasesPerMediator) * (1 + c.p(kAssessmentStaffing) * colPressure.read(w)[t]);
    // the class minimum (004 §10) is for administration, service centre and enforcement; mediators come on top
    s.needed =
        std::ceil(std::max(c.p(kMinStaff[cls - 1]), c.p(kStaffPer10k) * pop / 10000.0) + mediators * pop / 10000.0);
    s.in_post = staff_in_post(c, t, s.needed);
    s.base_pay = c.p(kCountyPay) * index;
    s.base_need = fen(s.in_post * s.base_pay);
    s.premium_need = fen(s.in_post * s.base_pay * c.p(kPremium));
    s.base_paid = std::min(s.base_need, available);
    ledger::pay(w, Level::Township, t, s.base_paid, kFlowStaff);
    available -= s.base_paid;
    const double paid = s.base_need > 0 ? static_cast<double>(s.base_paid) / s.base_need : 1.0;
    const double in_post = s.needed > 0 ? std::min(1.0, paid * s.in_post / s.needed) : 1.0;
    // tasks the committees refused come back to the township: their hours leave mediation
    const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
    double refused = 0;
    for (uint32_t u = lo; u < hi; ++u) refused += (*refused_)[u];
    const double absorbed =
        refused * c.p(kAbsorbed) * c.p(hours_per_task_) / std::max(1.0, s.needed * c.p(kStaffHours));
    (*mediation_)[t] = static_cast<float>(in_post * (1 - std::min(0.9, absorbed)));
    colStaffShare.write(w)[t] = static_cast<float>(in_post);
    return s;
  }
  // The premium, paid at the third tier's scale; records the staff figures.
  void pay_premium(const StepContext& c, uint32_t t, const Staff& s, double scale, Money& available, double pop) {
    const Money premium = std::min(available, fen(yuan(s.premium_need) * scale));
    ledger::pay(c.world, Level::Township, t, premium, kFlowStaff);
    available -= premium;
    const auto lo = c.world.range(Level::Township, t, Level::Unit).first;
    c.record(kStaffSpending, lo, yuan(s.base_paid + premium), pop);
    c.record(kStaffFunded, lo, yuan(s.base_paid) / std::max(1e-9, s.base_pay), s.needed);     // posts paid / needed
    c.record(kPremiumInd, lo, s.base_pay > 0 ? yuan(premium) / s.base_pay : 0.0, s.in_post);  // per staff in post
  }

  // What each unit needs this month, by category.
  void unit_needs(const StepContext& c, uint32_t u, double index, Money* nd) {
    const World& w = c.world;
    const Table& units = w.units();
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

  void allocate(const StepContext& c, uint32_t t) {
    World& w = c.world;
    const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
    const uint32_t n = hi - lo;
    double pop = 0;
    for (uint32_t u = lo; u < hi; ++u) pop += (*residents_)[u];
    const double index = cost_index(c, kCostGrowth);
    receive_own_revenue(c, t, pop);
    Money available = std::max<Money>(0, ledger::balance(w, Level::Township, t));
    const Money start = available;
    const Staff staff = pay_staff(c, t, pop, index, available);
    std::vector<Money> need(static_cast<size_t>(n) * kCats, 0);
    for (uint32_t u = lo; u < hi; ++u) unit_needs(c, u, index, &need[static_cast<size_t>(u - lo) * kCats]);
    const lever_costs::TownshipProgrammes programmes = lever_costs::township_programmes(c, t, index);
    Money all_needs = staff.base_need + staff.premium_need + fen(programmes.total());
    for (Money m : need) all_needs += m;
    // two tiers after the staff's pay: cadre pay, then everything else together (保工资), the staff premium and the
    // township's own programmes included; a tier the balance cannot cover is cut pro rata
    double tier_scale = 1.0;
    for (int k = 0; k < kCats; ++k) {
      if (k <= kOperating) {
        Money total = k == kOperating ? fen(programmes.total()) + staff.premium_need : 0;
        for (int kk = k; kk < (k == kCadre ? kOperating : kCats); ++kk)
          for (uint32_t i = 0; i < n; ++i) total += need[static_cast<size_t>(i) * kCats + kk];
        tier_scale = total > available ? static_cast<double>(available) / total : 1.0;
      }
      fund_category(c, t, k, tier_scale, index, need, available);
    }
    if (lo < hi) pay_premium(c, t, staff, tier_scale, available, pop);
    const Money programmes_paid = std::min(available, fen(programmes.total() * tier_scale));
    lever_costs::pay_township_programmes(c, t, programmes, programmes_paid, pop);
    available -= programmes_paid;
    // above its reserve, the township spends on its own services and works
    const Money keep = fen(yuan(all_needs) * c.p(kReserveMonths));
    const Money other = std::max<Money>(0, ledger::balance(w, Level::Township, t) - keep);
    ledger::pay(w, Level::Township, t, other, kFlowOther);
    const bool short_now = all_needs > start;
    if (short_now && !c.spinup) colEverShort.write(w)[t] = 1;  // (spin-up fills the reserve first)
    colShortLast.write(w)[t] = short_now ? 1 : 0;

    if (lo < hi) {  // township-level figures recorded once, at the township's first unit
      c.record(kOther, lo, yuan(other), pop);
      c.record(kFloor, lo, floor_pay(c, 0, false), 1);
      c.record(kShort, lo, short_now ? 1 : 0, 1);
      c.record(kEverShort, lo, colEverShort.read(w)[t], 1);
      c.record(kGap, lo, yuan(std::max<Money>(0, all_needs - start)), pop);
    }
  }

  // Grid money comes in whole posts. When the township is short, the posts it can pay (the floor of its scaled
  // grid money over the cost of a post) are shared out by the largest-remainder rule over its units' scaled
  // needs (ties to the first unit), so a small cut costs a few posts where the remainders are smallest instead
  // of every one-post unit its only post.
  static std::vector<double> whole_posts(const std::vector<Money>& need, uint32_t lo, uint32_t hi, double scale,
                                         double post_cost) {
    const uint32_t n = hi - lo;
    std::vector<double> exact(n), posts(n);
    double total = 0, given = 0;
    for (uint32_t i = 0; i < n; ++i) {
      exact[i] = yuan(need[static_cast<size_t>(i) * kCats + kGrid]) / post_cost * scale;
      posts[i] = std::floor(exact[i] + 1e-9);
      total += exact[i], given += posts[i];
    }
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return exact[a] - posts[a] > exact[b] - posts[b]; });
    for (uint32_t i = 0; i < n && given + 1 <= std::floor(total + 1e-9); ++i) posts[order[i]] += 1, given += 1;
    return posts;
  }

  // Funds category k of every unit of township t at `scale` of its need.
  void fund_category(const StepContext& c, uint32_t t, int k, double scale, double index,
                     const std::vector<Money>& need, Money& available) {
    World& w = c.world;
    const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
    if (k == kCadre)
      for (uint32_t u = lo; u < hi; ++u) (*secretary_pay_)[u] *= static_cast<float>(scale);
    const double post_cost = grid_cost_.per_post(c) * index;
    const std::vector<double> posts =
        k == kGrid && scale < 1 && post_cost > 0 ? whole_posts(need, lo, hi, scale, post_cost) : std::vector<double>();
    for (uint32_t u = lo; u < hi; ++u) {
      const Money full = need[static_cast<size_t>(u - lo) * kCats + k];
      Money amount = scale < 1 ? static_cast<Money>(std::floor(full * scale)) : full;
      if (!posts.empty()) amount = fen(posts[u - lo] * post_cost);
      (*budget_[k])[u] = amount;
      ledger::transfer(w, Level::Township, t, Level::Unit, u, amount, kFlowUnits);
      available -= amount;
    }
  }

  std::vector<Money>* budget_[kCats] = {};
  std::vector<Money>* match_ = nullptr;
  std::vector<float>*secretary_pay_ = nullptr, *secretary_floor_ = nullptr;
  std::vector<float>* mediation_ = nullptr;
  const std::vector<uint8_t>*size_ = nullptr, *terrain_ = nullptr;
  const std::vector<uint32_t>*households_ = nullptr, *residents_ = nullptr;
  Param hpw_, funded_share_, hours_per_task_, mediation_capacity_, budget_growth_;
  economy::Levels economy_;

  grid_cost::Params grid_cost_;

  const std::vector<float>*tasks_ = nullptr, *refused_ = nullptr;
};

REGISTER_MECHANISM(TownshipFinance);

}  // namespace
}  // namespace govsim::model
