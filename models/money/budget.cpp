// The county budget and the county -> township transfer formula (model brief §3
// step 2; 000 §7, 001 §12: funds follow the township's tasks, 财力向基层倾斜).
//
// Each month the county receives its own revenue
//   own = spending_per_resident * residents / 12 * (1 + growth)^(years since 2020)
//         * own_revenue_share * fiscal_capacity
// (fiscal_capacity: own revenue per resident relative to the provincial mean, from the
// region's data; 1 for the default county) beside the transfers from above that the
// province passes down by its formula (province.cpp: the rest of spending_per_resident,
// times the county's formula index and transfer_factor; a fiscal squeeze lowers it).
// It keeps reserve_share as the emergency reserve (004 §17), sends
// grassroots_share to the townships and spends the rest through its departments.
// Township t receives the share
//   s_t = sum_k weight_k z_tk / sum_k weight_k,   z_tk = x_tk / sum_t x_tk,
// of the grassroots money, with x = (residents, area, residents x terrain index,
// residents / economic level, service demand): the terrain and economy factors weigh
// residents (standard need per head x a cost coefficient), so a small township does
// not draw a whole township's share of them; a matrix-vector product evaluated with Eigen.
// The townships also have their own revenue (township_finance.cpp), by economic level.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "money/cost_index.hpp"
#include "money/economy.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kSpending = declare_param(
    {"budget.spending_per_resident", ParamType::Real, 8000, "yuan per resident per year", 0, 1e6,
     "County general-budget spending per resident in 2020.",
     "calibration-2020: Sichuan spending 1,119.85 bn yuan for 83.67 M residents (13,384 yuan at all levels); "
     "county share an assumption",
     false});
const Param kOwnShare =
    declare_param({"budget.own_revenue_share", ParamType::Real, 0.38, "share of spending", 0, 1,
                   "Share of county spending financed by its own revenue; the rest is transfers from above.",
                   "calibration-2020: own revenue ~38% of spending in Sichuan (derived)", false});
const Param kGrowth = declare_param({"budget.growth", ParamType::Real, 0.05, "per year", -0.5, 0.5,
                                     "Nominal growth of the county budget a year.", "assumption", true});
const Param kTransferFactor =
    declare_param({"budget.transfer_factor", ParamType::Real, 1, "multiplier", 0, 3,
                   "Transfers from above (the province's to the county, province.cpp) relative to their path (a fiscal "
                   "squeeze: { 2023 = 0.8 }).",

                   "model brief §6 (fiscal squeeze: transfers -20% from 2023)", true});
const Param kGrassroots =
    declare_param({"budget.grassroots_share", ParamType::Real, 0.028, "share of revenue", 0, 1,
                   "Share of county revenue transferred to townships for grassroots governance and services (on top "
                   "of the townships' own revenue, township.own_revenue_per_resident).",
                   "000 §7, 001 §12, 001 §60 (财力向基层倾斜); calibrated to calibration-2020: petitions-2016 in "
                   "issue 16 (at 0.028 a few townships are short of money by 2025 and freeze hiring; at 0.030 nobody "
                   "is); the petition rate itself is now matched by petitions.base_dispute "
                   "(scenarios/calibration/sichuan-2020.toml)",
                   true});

const Param kReserve = declare_param({"budget.reserve_share", ParamType::Real, 0.005, "share of revenue", 0, 0.5,
                                      "Share of revenue put into the county's emergency reserve.",
                                      "004 §17 (应急储备); assumption", true});
const Param kWeights[] = {
    declare_param({"budget.weight_population", ParamType::Real, 0.5, "weight", 0, 10,
                   "Formula weight of a township's residents.", "000 §7, 001 §12 (按人口、面积、...); assumption",
                   true}),
    declare_param({"budget.weight_area", ParamType::Real, 0.15, "weight", 0, 10, "Formula weight of area.",
                   "000 §7, 001 §12; assumption", true}),
    declare_param({"budget.weight_terrain", ParamType::Real, 0.1, "weight", 0, 10,
                   "Formula weight of terrain (plain 1, hill 2, mountain 3, sparse 4, by residents).",
                   "000 §7, 001 §12; assumption", true}),
    declare_param({"budget.weight_economy", ParamType::Real, 0.1, "weight", 0, 10,
                   "Formula weight of the inverse economic level (poorer townships get more).",
                   "000 §7, 001 §12; assumption", true}),
    declare_param({"budget.weight_demand", ParamType::Real, 0.15, "weight", 0, 10,
                   "Formula weight of service demand (cases raised last month).", "000 §7, 001 §12; assumption", true}),
};
const Param kDeptReference = declare_param(
    {"budget.departments_reference_per_resident", ParamType::Real, 7630, "yuan per resident per year (2020 prices)", 1,
     1e6,
     "County departments' spending per resident at which the county rung works at ladder.county_capacity (the 2020 "
     "default: spending_per_resident less the grassroots and reserve shares).",
     "assumption (the default county's 2020 departments' spending)", false});
const Param kDeptElasticity = declare_param(
    {"budget.departments_capacity_elasticity", ParamType::Real, 1.0, "elasticity", 0, 5,
     "Elasticity of the county rung's capacity (departments, courts, petition offices) with respect to the "
     "departments' real spending per resident (1: capacity in proportion to spending).",
     "assumption", false});
const Param kEconStreet =
    declare_param({"budget.economic_level_street", ParamType::Real, 1.5, "index", 0.1, 10,
                   "Economic level of a street (town 1); enters the formula inverted.", "assumption", false});
const Param kEconTownship = declare_param({"budget.economic_level_township", ParamType::Real, 0.7, "index", 0.1, 10,
                                           "Economic level of a rural township (town 1).", "assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kRevenue = input(
    declare_indicator({"county_revenue", "yuan per month", "county revenue", "县级财政收入(含转移支付)",
                       "Own revenue plus transfers from above received this month.", "budget", 1.0, false, IA::Sum}));
const Indicator kDepartments = input(declare_indicator(
    {"spending_county_per_resident", "yuan per resident per year", "county departments' spending per resident",
     "县级部门人均支出", "County departments' spending this month per resident, x12.", "budget", 12.0, false}));
const Indicator kToTownships = input(declare_indicator(
    {"transfers_to_townships_per_resident", "yuan per resident per year", "transfers to townships per resident",
     "县对乡镇人均转移支付", "County transfers to townships this month per resident, x12.", "budget", 12.0, false}));
const Indicator kGovernance = input(declare_indicator(
    {"governance_cost_per_resident", "yuan per resident per year", "cost of grassroots governance to the county",
     "基层治理人均财政投入",
     "The county's grassroots transfers to townships plus the levers it pays itself (lever_costs.cpp) this month, per "
     "resident, x12: what a package costs, shown beside its effect by govsim library.",
     "budget", 12.0, false}));
const Indicator kCountyCapacity = declare_indicator(
    {"county_capacity_factor", "multiplier", "county rung's capacity against 2020", "县级部门处置能力(相对2020)",
     "(departments' real spending per resident / the 2020 reference)^elasticity: the multiplier of the county rung's "
     "capacity.",
     "budget", 1.0, false});
const Indicator kReserveBalance =
    input(declare_indicator({"county_reserve", "yuan", "county balance (emergency reserve)", "县级应急储备余额",
                             "Balance of the county account at the end of the month.", "budget", 1.0, false, IA::Sum}));

// State read.
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "budget");
const Reads<float> colArea = reads<float>(Level::Unit, "area_km2", "budget");
const Reads<uint8_t> colTerrain = reads<uint8_t>(Level::Unit, "terrain", "budget");
const Reads<uint32_t> colDemand = reads<uint32_t>(Level::Unit, "raised_last_month", "budget");
const Reads<float> colFiscalCapacity =
    reads<float>(Level::County, "fiscal_capacity", "budget");  // 1 where the builder has none
const Owned<float> colCapacity = declare_column<float>(
    {"county_capacity_factor", Level::County, "multiplier",
     "The county rung's capacity against 2020, from its departments' real spending per resident; read by the ladder.",
     "budget", Merge::First},
    1.0f);

const ledger::Flow kFlowRevenue =
    ledger::declare_flow("county_revenue", "county: own revenue (the transfers from above: province_transfer)");
const ledger::Flow kFlowDepartments = ledger::declare_flow("county_departments", "county: departments' spending");
const ledger::Flow kFlowGrassroots =
    ledger::declare_flow("grassroots_transfer", "county to township: the formula's grassroots money");

class Budget : public Mechanism {
 public:
  std::string name() const override { return "budget"; }
  std::string summary() const override {
    return "county revenue (own and transfers), emergency reserve, departments, and the township formula";
  }
  void steps(StepList& out) override {
    out.add({"budget.county", Scope::County,
             "the county receives revenue and transfers, keeps its reserve, pays its departments and sends the "
             "grassroots share to townships by the formula",
             [this](const StepContext& c, uint32_t k) { county(c, k); }});
    out.add({"budget.departments", Scope::County,
             "after the levers the county pays (costs.county), the rest of the month's revenue above the reserve "
             "goes to the departments; their real spending per resident sets the county rung's capacity",
             [](const StepContext& c, uint32_t k) { departments(c, k); }});
    out.add({"budget.report", Scope::County, "record the county's end-of-month balance",
             [](const StepContext& c, uint32_t k) {
               const uint32_t first = c.world.range(Level::County, k, Level::Unit).first;
               c.record(kReserveBalance, first, yuan(ledger::balance(c.world, Level::County, k)), 1);
             }});
  }

  // Formula shares of the townships of county k.
  static Eigen::VectorXd shares(const StepContext& c, uint32_t k) {
    const World& w = c.world;
    const Table& t = w.at(Level::Township);
    const auto [t_lo, t_hi] = w.range(Level::County, k, Level::Township);
    const auto& residents = colResidents.read(w);
    const auto& area = colArea.read(w);
    const auto& terrain = colTerrain.read(w);
    const auto& demand = colDemand.read(w);
    const Eigen::Index T = t_hi - t_lo;
    Eigen::MatrixXd x(T, 5);
    for (Eigen::Index i = 0; i < T; ++i) {
      const auto [lo, hi] = w.range(Level::Township, static_cast<uint32_t>(t_lo + i), Level::Unit);
      double pop = 0, a = 0, terr = 0, dem = 0;
      for (uint32_t k = lo; k < hi; ++k) {
        pop += residents[k];
        a += area[k];
        terr += (terrain[k] + 1.0) * residents[k];
        dem += demand[k];
      }
      const std::string& kind = t.kind[t_lo + i];
      const double econ = economy::Levels{kEconStreet, kEconTownship}.of(c, kind);
      x.row(i) << pop, a, terr, pop / econ, dem + 1.0;
    }
    const Eigen::RowVectorXd col_sums = x.colwise().sum();
    const Eigen::MatrixXd z = x.array().rowwise() / col_sums.array();
    Eigen::VectorXd wv(5);
    for (int k = 0; k < 5; ++k) wv[k] = c.p(kWeights[k]);
    if (wv.sum() <= 0) wv.setOnes();
    return z * wv / wv.sum();
  }

 private:
  void county(const StepContext& c, uint32_t k) {
    World& w = c.world;
    const auto& residents = colResidents.read(w);
    const auto [u_lo, u_hi] = w.range(Level::County, k, Level::Unit);
    double pop = 0;
    for (uint32_t u = u_lo; u < u_hi; ++u) pop += residents[u];
    const double base = c.p(kSpending) * pop / 12.0 * cost_index(c, kGrowth);  // (the index of budget growth)
    // own revenue scales with the county's fiscal capacity (sichuan-counties.csv; 1 for the default county)
    const double capacity = colFiscalCapacity.read(w)[k];
    ledger::receive(w, Level::County, k, fen(base * c.p(kOwnShare) * capacity), kFlowRevenue);
    // with the transfers from above the province passed down this month (province.cpp)
    const Money revenue = ledger::inflow(w, Level::County, k);
    const Money grassroots = fen(yuan(revenue) * c.p(kGrassroots));
    const Eigen::VectorXd s = shares(c, k);
    // integer split that adds up exactly: the last township takes the remainder
    Money given = 0;
    const auto [t_lo, t_hi] = w.range(Level::County, k, Level::Township);
    for (uint32_t t = t_lo; t < t_hi; ++t) {
      const Money part = t + 1 == t_hi ? grassroots - given : fen(yuan(grassroots) * s[t - t_lo]);
      ledger::transfer(w, Level::County, k, Level::Township, t, part, kFlowGrassroots);
      given += part;
    }
    c.record(kRevenue, u_lo, yuan(revenue), 1);
    c.record(kToTownships, u_lo, yuan(grassroots), pop);
  }
  // What is left of the month's revenue after the grassroots transfer, the levers the county pays and the reserve
  // share goes to the departments (nothing when the levers took more: the reserve pays the difference).
  static void departments(const StepContext& c, uint32_t k) {
    World& w = c.world;
    const auto [u_lo, u_hi] = w.range(Level::County, k, Level::Unit);
    const auto& residents = colResidents.read(w);
    double pop = 0;
    for (uint32_t u = u_lo; u < u_hi; ++u) pop += residents[u];
    const Money in = ledger::inflow(w, Level::County, k), out = ledger::outflow(w, Level::County, k);
    const Money reserve = fen(yuan(in) * c.p(kReserve));
    const Money spent = std::max<Money>(0, std::min(in - out - reserve, ledger::balance(w, Level::County, k)));
    ledger::pay(w, Level::County, k, spent, kFlowDepartments);
    static const Param cost_growth = param_named("township.cost_growth");
    const double index = cost_index(c, cost_growth);
    const double real = pop > 0 ? yuan(spent) * 12 / pop / index : 0.0;
    const double factor = std::pow(std::max(0.0, real / c.p(kDeptReference)), c.p(kDeptElasticity));
    colCapacity.write(w)[k] = static_cast<float>(std::min(3.0, factor));
    c.record(kDepartments, u_lo, yuan(spent), pop);
    c.record(kCountyCapacity, u_lo, std::min(3.0, factor), 1);
    c.record(kGovernance, u_lo, yuan(out), pop);  // the grassroots transfer and the county's lever costs
  }
};

REGISTER_MECHANISM(Budget);

}  // namespace
}  // namespace govsim::model
