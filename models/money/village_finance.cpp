// Village and community finance: what the township sent is spent, category by
// category, out of the unit's account (model brief §3 step 2): cadre pay, grid
// workers' pay and social insurance (001 §60-61; the posts the money pays for cap
// the grid staffing), operating funds, funded tasks (费随事转), purchased
// services (purchase_share to social organisations, 004 §7). Project money is
// spent by the environment mechanism; what is left stays on the account (the
// village's reserve, and its local match).
// Leakage is taken before the money is spent: while a corruption episode is under
// way (integrity.cpp, last month's state), integrity.leak_share of the operating,
// task and service money is diverted, and those categories are spent short by it.
// Service money buys capacity: what the unit spends on services itself (not paid to
// social organisations) gives (own service money) / (service_cost_per_case * cost index)
// cases a month of service capacity for residents aged 60+ (elder_service_capacity,
// read by the ladder at the committee rung).
#include <algorithm>
#include <cmath>

#include "backbone/grid_cost.hpp"
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "money/cost_index.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kCostPerCase = declare_param(
    {"village_finance.service_cost_per_case", ParamType::Real, 1500, "yuan per case (2020 prices)", 1, 1e6,
     "Service money the committee spends to meet one service request of an elder or vulnerable resident (care "
     "hours, home visits, small aids) beyond its cadres' own capacity.",
     "004 §7, §29; assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kCadre = declare_indicator({"spending_cadre_pay_per_resident", "yuan per resident per year",
                                            "cadre pay per resident", "村(社区)干部报酬人均支出",
                                            "Committee pay this month per resident, x12.", "village_finance", 12.0});
const Indicator kGrid = declare_indicator(
    {"spending_grid_per_resident", "yuan per resident per year", "grid workers' pay per resident", "网格员经费人均支出",
     "Grid workers' pay and social insurance this month per resident, x12.", "village_finance", 12.0});
const Indicator kOperating = declare_indicator(
    {"spending_operating_per_resident", "yuan per resident per year", "operating funds per resident",
     "村(社区)办公经费人均支出", "Operating funds spent this month per resident, x12.", "village_finance", 12.0});
const Indicator kTasks = declare_indicator(
    {"spending_tasks_per_resident", "yuan per resident per year", "funded tasks per resident", "费随事转经费人均支出",
     "Money that came with pushed-down tasks, spent this month, per resident, x12.", "village_finance", 12.0});
const Indicator kServices = declare_indicator(
    {"spending_services_per_resident", "yuan per resident per year", "community services per resident",
     "社区服务人均支出", "Community services bought this month per resident, x12.", "village_finance", 12.0});
const Indicator kPurchased = declare_indicator(
    {"purchased_from_social_orgs_share", "share", "services bought from social organisations", "购买社会组织服务占比",
     "Service money actually paid to social organisations (what they could take on of what was offered) / service "
     "money spent (target >= 0.3, 004 §7).",
     "village_finance"});
const Indicator kPayToFloor = input(declare_indicator(
    {"cadre_pay_to_floor", "ratio", "secretary basic pay against its floor", "村(社区)书记报酬与底线之比",
     "Funded basic pay of secretaries / the floor in force (1 = at the floor).", "village_finance"}));
const Indicator kBalance = declare_indicator(
    {"village_balance_per_resident", "yuan per resident", "village/community account balance per resident",
     "村(社区)账户人均余额", "Balance of the unit's account at the end of the month per resident.", "village_finance"});

// State.
const Owned<float> colFunded =
    declare_column<float>({"grid_workers_funded", Level::Unit, "workers",
                           "Grid workers the unit's budget pays for this month (-1: no limit); read by grid.",
                           "village_finance", Merge::First},
                          -1.0f);
const Reads<Money> colBudgets[] = {reads<Money>(Level::Unit, "budget_cadre", "village_finance"),
                                   reads<Money>(Level::Unit, "budget_operating", "village_finance"),
                                   reads<Money>(Level::Unit, "budget_grid", "village_finance"),
                                   reads<Money>(Level::Unit, "budget_tasks", "village_finance"),
                                   reads<Money>(Level::Unit, "budget_services", "village_finance")};
const Owned<float> colPayCoverage = declare_column<float>(
    {"grid_pay_coverage", Level::Unit, "share",
     "Share of the pay of the grid workers in post that the unit could pay this month (its grid money, bridged "
     "from its balance); read by grid, which lays off the workers it could not pay.",
     "village_finance", Merge::First},
    1.0f);
const Reads<float> colGridWorkers = reads<float>(Level::Unit, "grid_workers", "village_finance");
const Reads<float> colGridPartTime = reads<float>(Level::Unit, "grid_workers_part_time", "village_finance");
const Owned<float> colOffered = declare_column<float>(
    {"purchase_offered", Level::Unit, "yuan per month",
     "Service money the unit offered to social organisations this month (purchase_share of its service money).",
     "village_finance", Merge::Sum});
const Reads<float> colOrgCapacity = reads<float>(Level::Unit, "org_contract_capacity", "village_finance");
const Reads<float> colSecretaryPay = reads<float>(Level::Unit, "secretary_pay", "village_finance");
const Reads<float> colSecretaryFloor = reads<float>(Level::Unit, "secretary_pay_floor", "village_finance");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "village_finance");
const Reads<uint8_t> colActive = reads<uint8_t>(Level::Unit, "corruption_active", "village_finance");
const Owned<float> colLeaked = declare_column<float>(
    {"leaked", Level::Unit, "yuan", "Money diverted this month before it was spent.", "village_finance", Merge::Sum});
const Owned<float> colElderCapacity = declare_column<float>(
    {"elder_service_capacity", Level::Unit, "cases per month",
     "Service requests of residents aged 60+ the unit's own service money can meet this month; read by the ladder.",
     "village_finance", Merge::Sum});
ledger::Flow flow(const char* name, const char* what) { return ledger::declare_flow(name, what); }
enum Spend { kCadrePay, kGridPay, kOperatingPay, kTasksPay, kServicesPay, kLeak, kSpends };
const ledger::Flow kFlows[kSpends] = {
    flow("cadre_pay", "unit: committee members' pay"), flow("grid_pay", "unit: grid workers' pay and insurance"),
    flow("operating", "unit: operating funds"),        flow("tasks", "unit: funded tasks (费随事转)"),
    flow("services", "unit: community services"),      flow("leakage", "unit: diverted by petty corruption")};

class VillageFinance : public Mechanism {
 public:
  std::string name() const override { return "village_finance"; }
  std::string summary() const override {
    return "villages and communities spend their funds: cadre pay, grid workers, operating funds, tasks, services";
  }
  void init(World& w, const InitContext&) override {
    for (const auto& b : colBudgets) budgets_.push_back(&b.read(w));
    funded_workers_ = &colFunded.write(w);
    pay_coverage_ = &colPayCoverage.write(w);
    grid_workers_ = &colGridWorkers.read(w);
    grid_part_time_ = &colGridPartTime.read(w);
    offered_ = &colOffered.write(w);
    org_capacity_ = &colOrgCapacity.read(w);
    secretary_pay_ = &colSecretaryPay.read(w);
    secretary_floor_ = &colSecretaryFloor.read(w);
    residents_ = &colResidents.read(w);
    active_ = &colActive.read(w);
    leaked_ = &colLeaked.write(w);
    elder_capacity_ = &colElderCapacity.write(w);
    leak_share_ = param_named("integrity.leak_share");
    grid_cost_ = grid_cost::Params::named();  // cost per grid post (backbone/grid_cost.hpp)
    purchase_ = param_named("participation.purchase_share");
    cost_growth_ = param_named("township.cost_growth");
  }
  void steps(StepList& out) override {
    out.add({"village_finance.spend", Scope::Unit,
             "pay cadres and grid workers, spend operating funds, funded tasks and purchased services",
             [this](const StepContext& c, uint32_t u) { spend(c, u); }});
    out.add({"village_finance.report", Scope::Unit, "record the unit's end-of-month balance",
             [this](const StepContext& c, uint32_t u) {
               c.record(kBalance, u, yuan(ledger::balance(c.world, Level::Unit, u)), (*residents_)[u]);
             }});
  }

 private:
  void spend(const StepContext& c, uint32_t u) {
    World& w = c.world;
    const double res = (*residents_)[u];
    const Money cadre = (*budgets_[0])[u], grid = (*budgets_[2])[u];
    Money operating = (*budgets_[1])[u], tasks = (*budgets_[3])[u], services = (*budgets_[4])[u];
    // leakage first: an ongoing episode diverts a share of the money the committee spends
    const double keep = (*active_)[u] ? 1 - c.p(leak_share_) : 1.0;
    const Money before = operating + tasks + services;
    operating = fen(yuan(operating) * keep), tasks = fen(yuan(tasks) * keep), services = fen(yuan(services) * keep);
    const Money leak = before - operating - tasks - services;
    ledger::pay(w, Level::Unit, u, leak, kFlows[kLeak]);
    (*leaked_)[u] = static_cast<float>(yuan(leak));
    // grid posts the money pays for
    const double index = cost_index(c, cost_growth_);
    const double cost = grid_cost_.per_post(c) * index;
    // (+0.01: money is rounded to the fen, so an exact need can fall a hair short)
    const double posts = cost > 0 ? std::floor(yuan(grid) / cost + 0.01) : 1e9;
    (*funded_workers_)[u] = static_cast<float>(posts);
    // the workers in post are paid (vacant posts are not): from the grid money, bridged from the unit's balance
    // when the posts the money pays fall below the workers still in post (grid.funding_months)
    const double full = std::max(0.0, static_cast<double>((*grid_workers_)[u] - (*grid_part_time_)[u]));
    const Money owed = fen(grid_cost_.workers(c, full, (*grid_part_time_)[u]) * index);
    const Money others = cadre + operating + tasks + services;
    const Money bridge = std::max<Money>(0, ledger::balance(w, Level::Unit, u) - others - grid);
    const Money grid_paid = std::min(owed, grid + bridge);
    (*pay_coverage_)[u] = owed > 0 ? static_cast<float>(static_cast<double>(grid_paid) / owed) : 1.0f;
    const Money spent[] = {cadre, grid_paid, operating, tasks, services};
    for (int k = kCadrePay; k <= kServicesPay; ++k) ledger::pay(w, Level::Unit, u, spent[k], kFlows[k]);
    c.record(kCadre, u, yuan(cadre), res);
    c.record(kGrid, u, yuan(grid_paid), res);
    c.record(kOperating, u, yuan(operating), res);
    c.record(kTasks, u, yuan(tasks), res);
    c.record(kServices, u, yuan(services), res);
    // purchased services: offered to social organisations, paid as far as they can take it on
    const double offered = yuan(services) * c.p(purchase_);
    (*offered_)[u] = static_cast<float>(offered);
    const double paid_to_orgs = std::min<double>(offered, (*org_capacity_)[u]);
    c.record(kPurchased, u, paid_to_orgs, yuan(services));
    (*elder_capacity_)[u] = static_cast<float>((yuan(services) - paid_to_orgs) / (c.p(kCostPerCase) * index));
    c.record(kPayToFloor, u, (*secretary_pay_)[u], (*secretary_floor_)[u]);
  }
  std::vector<const std::vector<Money>*> budgets_;
  std::vector<float>*funded_workers_ = nullptr, *pay_coverage_ = nullptr;
  const std::vector<float>*grid_workers_ = nullptr, *grid_part_time_ = nullptr;

  std::vector<float>* offered_ = nullptr;
  const std::vector<float>* org_capacity_ = nullptr;

  const std::vector<float>*secretary_pay_ = nullptr, *secretary_floor_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
  const std::vector<uint8_t>* active_ = nullptr;
  std::vector<float>*leaked_ = nullptr, *elder_capacity_ = nullptr;
  Param purchase_, cost_growth_, leak_share_;
  grid_cost::Params grid_cost_;
};

REGISTER_MECHANISM(VillageFinance);

}  // namespace
}  // namespace govsim::model
