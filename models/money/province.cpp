// The province above the counties: its account, its transfers to counties by a formula,
// and its programmes (model brief §2-3; 000 §7; calibration-2020: collective-support).
//
// The region's ledger account (ledger::region_*) is the province's government: in a run
// of the province all of it, in a run of a city or a county that run's share of it (what
// the province moves for the counties in the run). Each month the province receives, for
// every county k in the run, the transfer the formula gives it and passes it down:
//   transfer_k = spending_per_resident * residents_k / 12 * growth index
//                * (1 - own_revenue_share) * transfer_factor * index_k,
//   index_k    = sum_f weight_f * index_fk / sum_f weight_f,   f = population, area, terrain, need,
// where index_fk is the county's area, terrain score (plain 1 .. sparse 4) and fiscal need
// (1 / fiscal capacity) per resident relative to the province's mean per resident
// (population: 1), from sichuan-counties.csv; a county the data does not describe (the
// default county) is an average county, every index 1. Across the whole province
// sum_k residents_k index_fk = residents, so the weights move money between counties
// without changing the total (000 §7: 与区域面积、人口规模、地理条件、经济状况 ... 挂钩).
//
// The collective-economy programme (from 2019, 1,292 villages a year get a one-off
// 1 M yuan: central 0.5, province 0.3, city/county 0.2): each January every original
// village not yet supported is chosen with probability villages_per_year / province
// villages (a county run sees its share); the money reaches the village account and is
// invested in its collective assets; a shell village chosen starts a collective business.
// The 千村示范 sewage programme (calibration-2020: sewage-funding; 2019-2021, 4,600 villages, 705 M yuan central
// and 1.3 bn provincial): each January of it every original village without sewage treatment is chosen with
// probability villages_per_year / (the province's villages without it in 2019); the money builds its system.
#include <algorithm>
#include <cmath>

#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"
#include "money/cost_index.hpp"

namespace govsim::model {
namespace {

const Param kWeights[] = {
    declare_param({"province.weight_population", ParamType::Real, 0.6, "weight", 0, 10,
                   "Weight of residents in the province's formula for transfers to counties.",
                   "000 §7 (transfers tied to population, area, geography, economy; applied here to the province's "
                   "transfers to counties); assumption",
                   true}),
    declare_param({"province.weight_area", ParamType::Real, 0.1, "weight", 0, 10,
                   "Weight of area per resident (against the provincial mean) in the province's formula.",
                   "000 §7; assumption", true}),
    declare_param({"province.weight_terrain", ParamType::Real, 0.1, "weight", 0, 10,
                   "Weight of the terrain score per resident (plain 1, hill 2, mountain 3, sparse 4, against the "
                   "provincial mean) in the province's formula.",
                   "000 §7; assumption", true}),
    declare_param({"province.weight_need", ParamType::Real, 0.2, "weight", 0, 10,
                   "Weight of fiscal need (the inverse of own revenue per resident against the provincial mean: "
                   "equalisation, 均衡性转移支付) in the province's formula.",
                   "000 §7 (经济状况); assumption", true}),
};
const Param kSupportVillages = declare_param(
    {"province.collective_support_villages", ParamType::Real, 1292, "villages per year", 0, 100000,
     "Villages of the province given the one-off collective-economy support each year (0: no programme).",
     "calibration-2020: collective-support (from 2019, 1,292 villages a year each get a one-off 1 M yuan)", true});
const Param kSupportFrom = declare_param({"province.collective_support_from", ParamType::Integer, 2019, "year", 2000,
                                          2100, "First year of the collective-economy support programme.",
                                          "calibration-2020: collective-support (from 2019)", false});
const Param kSupportAmount =
    declare_param({"province.collective_support_amount", ParamType::Real, 1e6, "yuan per village", 0, 1e9,
                   "One-off support to a chosen village, invested in its collective assets.",
                   "calibration-2020: collective-support (each get a one-off 1 M yuan)", true});
const Param kCentralShare =
    declare_param({"province.collective_support_central_share", ParamType::Real, 0.5, "share", 0, 1,
                   "Share of the support paid by the central government (through the province's account).",
                   "calibration-2020: collective-support (central 0.5, provincial 0.3, city/county 0.2)", false});
const Param kCountyShare =
    declare_param({"province.collective_support_county_share", ParamType::Real, 0.2, "share", 0, 1,
                   "Share of the support paid by the city/county (from the county account).",
                   "calibration-2020: collective-support (central 0.5, provincial 0.3, city/county 0.2)", false});
const Param kSewageVillages = declare_param(
    {"province.sewage_programme_villages", ParamType::Real, 1533, "villages per year", 0, 100000,
     "Villages of the province given a sewage system by the 千村示范 programme each year of it (4,600 over 2019-2021).",
     "calibration-2020: sewage-funding (705 M yuan central + 1.3 bn provincial since 2019, for 4,600 villages)", true});
const Param kSewageFrom =
    declare_param({"province.sewage_programme_from", ParamType::Integer, 2019, "year", 2000, 2100,
                   "First year of the sewage programme.", "calibration-2020: sewage-funding (2019-2021)", false});
const Param kSewageUntil =
    declare_param({"province.sewage_programme_until", ParamType::Integer, 2021, "year", 2000, 2100,
                   "Last year of the sewage programme (the published round; a later one is a scenario's lever).",
                   "calibration-2020: sewage-funding (2019-2021)", true});
const Param kSewageAmount = declare_param(
    {"province.sewage_programme_amount", ParamType::Real, 436000, "yuan per village", 0, 1e9,
     "Money per village of the sewage programme, spent on its sewage system (2.005 bn yuan over 4,600 villages).",
     "calibration-2020: sewage-funding (705 M yuan central + 1.3 bn provincial since 2019, for 4,600 villages)",
     false});
const Param kSewageCentral =
    declare_param({"province.sewage_programme_central_share", ParamType::Real, 0.35, "share", 0, 1,
                   "Central share of the sewage programme's money (705 M of 2.005 bn yuan).",
                   "calibration-2020: sewage-funding (705 M yuan central + 1.3 bn provincial)", false});
const Param kProvinceVillages = declare_param(
    {"province.villages", ParamType::Real, 45447, "villages", 1, 1e6,
     "Villages of the province the programme chooses among (the original villages, before the 2020 mergers: a "
     "merged village keeps its original villages' chances).",
     "calibration-2020: 45,447 -> 26,369 villages (58%) in 2020-21 (the villages before)", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kTransfers = input(declare_indicator(
    {"province_transfers_per_resident", "yuan per resident per year", "the province's transfers to counties",
     "省对县转移支付(人均)",
     "The province's formula transfers to the counties this month per resident, x12 (a lever-driven input).",
     "province", 12.0, false}));
const Indicator kFormulaIndex = input(declare_indicator(
    {"province_formula_index", "ratio", "county's formula index", "省对县分配系数",
     "The formula's index of the counties (1: transfers in proportion to residents), residents-weighted.", "province",
     1.0, false}));
const Indicator kProgrammes = input(declare_indicator(
    {"province_programmes_per_resident", "yuan per resident per year", "provincial programme money",
     "省级项目资金(人均)",
     "Central and provincial money of the collective-economy and sewage programmes paid to villages this month per "
     "resident, x12.",
     "province", 12.0, false}));
const Indicator kSupported = input(
    declare_indicator({"collective_supported_share", "share of villages",
                       "villages given the collective-economy support", "获集体经济扶持村占比",
                       "Original villages given the one-off support so far, over original villages.", "province"}));

// State read and written.
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "province");
const Reads<float> colIndex[] = {
    reads<float>(Level::County, "formula_area_index", "province"),
    reads<float>(Level::County, "formula_terrain_index", "province"),
    reads<float>(Level::County, "formula_need_index", "province"),
};
const Reads<float> colOriginal = reads<float>(Level::Unit, "env_villages", "province");
const Writes<double> colAssets = writes<double>(Level::Unit, "collective_assets", "province");
const Writes<float> colShells = writes<float>(Level::Unit, "collective_shells", "province");
const Writes<double> colShellAssets = writes<double>(Level::Unit, "collective_shell_assets", "province");
const Writes<float> colSewage = writes<float>(Level::Unit, "env_sewage", "province");
const Owned<float> colSupported = declare_column<float>(
    {"collective_supported", Level::Unit, "villages",
     "Original villages of the unit given the province's one-off collective-economy support.", "province", Merge::Sum});

const ledger::Flow kFlowRevenue = ledger::declare_flow(
    "province_revenue", "province: central transfers and its own revenue for the counties and its programmes");
const ledger::Flow kFlowCentral =
    ledger::declare_flow("central_programmes", "province: the central government's share of the programmes");
const ledger::Flow kFlowTransfer =
    ledger::declare_flow("province_transfer", "province to county: the formula's transfers");
const ledger::Flow kFlowSupport =
    ledger::declare_flow("collective_support", "province to village: the collective-economy support");
const ledger::Flow kFlowMatch =
    ledger::declare_flow("collective_support_match", "county to village: its share of the collective support");
const ledger::Flow kFlowInvest =
    ledger::declare_flow("collective_investment", "village: the support invested in its collective assets");
const ledger::Flow kFlowSewage =
    ledger::declare_flow("sewage_programme", "province to village: the 千村示范 sewage programme's money");
const ledger::Flow kFlowSewageWorks =
    ledger::declare_flow("sewage_programme_works", "village: the sewage programme's money spent on its system");

class Province : public Mechanism {
 public:
  std::string name() const override { return "province"; }
  std::string summary() const override {
    return "the province: its account, transfers to counties by a formula, the collective-economy programme";
  }
  void steps(StepList& out) override {
    out.add({"province.transfers", Scope::Region,
             "the province receives its transfers for the counties and passes them down by the formula",
             [](const StepContext& c, uint32_t) { transfers(c); }});
    out.add({"province.programmes", Scope::Region,
             "in January the collective-economy programme chooses its villages; the money is invested in their "
             "collective assets",
             [](const StepContext& c, uint32_t) { programmes(c); }});
  }

 private:
  static double county_residents(const World& w, uint32_t k) {
    const auto& residents = colResidents.read(w);
    const auto [lo, hi] = w.range(Level::County, k, Level::Unit);
    double pop = 0;
    for (uint32_t u = lo; u < hi; ++u) pop += residents[u];
    return pop;
  }
  // The formula's index of county k (1 for an average county).
  static double index(const StepContext& c, uint32_t k) {
    double num = 0, den = 0;
    for (int f = 0; f < 4; ++f) {
      const double weight = c.p(kWeights[f]);
      num += weight * (f == 0 ? 1.0 : colIndex[f - 1].read(c.world)[k]);
      den += weight;
    }
    return den > 0 ? num / den : 1.0;
  }
  static void transfers(const StepContext& c) {
    World& w = c.world;
    static const Param spending = param_named("budget.spending_per_resident"),
                       own = param_named("budget.own_revenue_share"), growth = param_named("budget.growth"),
                       factor = param_named("budget.transfer_factor");
    const double per_resident =
        c.p(spending) / 12.0 * cost_index(c, growth) * (1 - c.p(own)) * c.p(factor);  // a month, an average county
    for (uint32_t k = 0; k < w.county().size(); ++k) {
      const double pop = county_residents(w, k), idx = index(c, k);
      const Money amount = fen(per_resident * pop * idx);
      ledger::region_receive(w, amount, kFlowRevenue);
      ledger::region_transfer(w, Level::County, k, amount, kFlowTransfer);
      const uint32_t first = w.range(Level::County, k, Level::Unit).first;
      c.record(kTransfers, first, yuan(amount), pop);
      c.record(kFormulaIndex, first, idx * pop, pop);
    }
  }
  static void programmes(const StepContext& c) {
    World& w = c.world;
    const bool january = c.month.month() == 1, running = c.month.year() >= c.p(kSupportFrom);
    const double p = std::min(1.0, c.p(kSupportVillages) / c.p(kProvinceVillages));
    const Money amount = fen(c.p(kSupportAmount));
    const Money central = fen(yuan(amount) * c.p(kCentralShare)), county = fen(yuan(amount) * c.p(kCountyShare));
    const Money province = std::max<Money>(0, amount - central - county);
    auto& supported = colSupported.write(w);
    const auto& original = colOriginal.read(w);
    const auto& residents = colResidents.read(w);
    const Table& units = w.units();
    for (uint32_t u = 0; u < units.size(); ++u) {
      const bool village = units.kind[u] == "rural_village";
      const double villages = std::max(1.0f, original[u]);
      int chosen = 0;
      if (village && january && running && p > 0) {
        RngStream g = c.rng(units.id[u], static_cast<uint64_t>(c.month.year()));
        const int left = static_cast<int>(std::lround(villages - supported[u]));
        for (int i = 0; i < left; ++i) chosen += g.uniform() < p;
      }
      for (int i = 0; i < chosen; ++i) support(c, u, central, province, county);
      supported[u] += static_cast<float>(chosen);
      const double sewage = village && january ? sewage_programme(c, u) : 0.0;
      c.record(kProgrammes, u, chosen * yuan(central + province) + sewage, residents[u]);
      if (village) c.record(kSupported, u, supported[u], villages);
    }
  }
  // The 千村示范 sewage programme in January of its years: each original village of unit u without sewage
  // treatment is chosen with probability villages_per_year / (the province's villages without it in 2019); the
  // province (with the central share) pays the unit, which builds the system. Returns the money paid (yuan).
  static double sewage_programme(const StepContext& c, uint32_t u) {
    const int year = c.month.year();
    if (year < c.p(kSewageFrom) || year > c.p(kSewageUntil) || c.p(kSewageVillages) <= 0) return 0.0;
    static const Param initial = param_named("environment.initial_sewage_share");
    World& w = c.world;
    const double without_2019 = std::max(1.0, c.p(kProvinceVillages) * (1 - c.p(initial)));
    const double p = std::min(1.0, c.p(kSewageVillages) / without_2019);
    float& built = colSewage.write(w)[u];
    const int left = static_cast<int>(std::lround(std::max(1.0f, colOriginal.read(w)[u]) - built));
    RngStream g = c.rng(w.units().id[u], (uint64_t{1} << 32) | static_cast<uint32_t>(year));
    int chosen = 0;
    for (int i = 0; i < left; ++i) chosen += g.uniform() < p;
    if (chosen == 0) return 0.0;
    const Money amount = fen(c.p(kSewageAmount)) * chosen;
    const Money central = fen(yuan(amount) * c.p(kSewageCentral));
    ledger::region_receive(w, central, kFlowCentral);
    ledger::region_receive(w, amount - central, kFlowRevenue);
    ledger::region_transfer(w, Level::Unit, u, amount, kFlowSewage);
    ledger::pay(w, Level::Unit, u, amount, kFlowSewageWorks);
    built += static_cast<float>(chosen);
    return yuan(amount);
  }

  // One village's support: the province (with the central share) and the county pay in, the village invests it;
  // a shell village among the unit's starts a business with it.
  static void support(const StepContext& c, uint32_t u, Money central, Money province, Money county) {
    World& w = c.world;
    const uint32_t cty = w.townships().parent[w.units().parent[u]];
    ledger::region_receive(w, central, kFlowCentral);
    ledger::region_receive(w, province, kFlowRevenue);
    ledger::region_transfer(w, Level::Unit, u, central + province, kFlowSupport);
    const Money match = std::min(county, std::max<Money>(0, ledger::balance(w, Level::County, cty)));
    ledger::transfer(w, Level::County, cty, Level::Unit, u, match, kFlowMatch);
    const Money invested = central + province + match;
    ledger::pay(w, Level::Unit, u, invested, kFlowInvest);
    colAssets.write(w)[u] += yuan(invested);
    float& shells = colShells.write(w)[u];
    if (shells >= 1) {
      double& idle = colShellAssets.write(w)[u];
      idle *= (shells - 1) / shells;
      shells -= 1;
    }
  }
};

REGISTER_MECHANISM(Province);

}  // namespace
}  // namespace govsim::model
