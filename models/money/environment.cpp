// Environment and facility works built from project money (以奖代补, 000 §9;
// 001 §17: villages with waste treated >= 95%, sewage treated >= 80%, sanitary
// toilets >= 90% by end-2022; 002 §8: 30 m2 of service facility per 100
// households). Each month a unit spends its project award and its local match,
// split by the earmark shares, on: a village waste system (waste_cost), a village
// sewage system (sewage_cost), sanitary toilets (toilet_cost a household),
// facility floor space (facility_cost a m2) and a village's livestock manure
// reuse (manure_cost: collection, composting or biogas for its farms; 001 §17:
// manure reuse >= 80% by end-2022). Spending accumulates until a system is paid
// for. Urban communities have waste and sewage systems and toilets from the start
// and no livestock. Treated waste and sewage make hazards rarer:
//   hazard_factor = 1 - hazard_effect * (waste + sewage) / 2
// and with manure reuse set the unit's environment coverage, read by issues
// (environmental complaints):
//   env_coverage = (waste + sewage + sanitary toilets + manure reused) / 4   (shares; 1 in urban communities)
#include <algorithm>
#include <cmath>

#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kInitWaste = declare_param({"environment.initial_waste_share", ParamType::Real, 0.85, "share of villages",
                                        0, 1, "Villages with waste collection and treatment at the start.",
                                        "calibration-2020: provincial target >= 90% for 2020", false});
const Param kInitSewage =
    declare_param({"environment.initial_sewage_share", ParamType::Real, 0.49, "share of villages", 0, 1,
                   "Villages with sewage treatment at the start of the spin-up (2018): the province's 千村示范 "
                   "rounds of 2019 and 2020 (province.sewage_programme_*) bring it to the published end-2020 share.",
                   "calibration-2020 (derived): sewage-2020 (58.37% of villages with sewage effectively treated, "
                   "2020) less the 2019-2020 rounds of sewage-funding",
                   false});
const Param kInitToilets =
    declare_param({"environment.initial_toilet_share", ParamType::Real, 0.85, "share of rural households", 0, 1,
                   "Rural households with a sanitary toilet at the start.",
                   "calibration-2020: toilets-2020 (85% at end-2020)", false});
const Param kInitManure = declare_param(
    {"environment.initial_manure_share", ParamType::Real, 0.7, "share of villages", 0, 1,
     "Villages whose livestock manure is collected and reused (composted, biogas, returned to fields) at the start; "
     "the indicator stands for the manure reuse rate (畜禽粪污综合利用率).",
     "001 §17 (target >= 80% by end-2022); assumption (no 2020 figure in the published figures: set below the "
     "target, about as far as the sanitary toilets are from theirs)",
     false});
const Param kInitFacility = declare_param(
    {"environment.initial_facility_m2", ParamType::Real, 22, "m2 per 100 households", 0, 1000,
     "Community service facility floor space per 100 households at the start (communities x1.3, villages x0.8).",
     "002 §8 (standard 30 m2 per 100 households); assumption", false});
const Param kWasteCost =
    declare_param({"environment.waste_cost", ParamType::Real, 150000, "yuan per village", 0, 1e9,
                   "Cost of a village waste collection and treatment system.", "assumption", false});
const Param kSewageCost = declare_param({"environment.sewage_cost", ParamType::Real, 500000, "yuan per village", 0, 1e9,
                                         "Cost of a village sewage treatment system.", "assumption", false});
const Param kToiletCost = declare_param({"environment.toilet_cost", ParamType::Real, 3000, "yuan per household", 0, 1e6,
                                         "Cost of converting a household to a sanitary toilet.", "assumption", false});
const Param kManureCost = declare_param(
    {"environment.manure_cost", ParamType::Real, 60000, "yuan per village", 0, 1e9,
     "Cost of manure collection and reuse for a village's smallholders (collection points, a composting site or "
     "a small biogas digester; large farms build their own).",
     "assumption (below a waste system)", false});
const Param kFacilityCost = declare_param({"environment.facility_cost", ParamType::Real, 4000, "yuan per m2", 0, 1e6,
                                           "Cost of a m2 of service facility.", "assumption", false});
const Param kShares[] = {
    declare_param({"environment.share_waste", ParamType::Real, 0.2, "share of project money", 0, 1,
                   "Earmark for waste systems (normalised with the other earmarks).", "001 §17", true}),
    declare_param({"environment.share_sewage", ParamType::Real, 0.35, "share of project money", 0, 1,
                   "Earmark for sewage treatment.", "001 §17", true}),
    declare_param({"environment.share_toilets", ParamType::Real, 0.25, "share of project money", 0, 1,
                   "Earmark for sanitary toilets.", "001 §17", true}),
    declare_param({"environment.share_facilities", ParamType::Real, 0.2, "share of project money", 0, 1,
                   "Earmark for service facility space.", "002 §8", true}),
    declare_param({"environment.share_manure", ParamType::Real, 0.1, "share of project money", 0, 1,
                   "Earmark for livestock manure reuse (normalised with the other earmarks).", "001 §17", true}),
};
constexpr int kEarmarks = 5;  // waste, sewage, toilets, facilities, manure
const Param kHazardEffect =
    declare_param({"environment.hazard_effect", ParamType::Real, 0.3, "share", 0, 1,
                   "Share of hazards avoided where both waste and sewage are treated.", "assumption", false});

const Indicator kWaste = declare_indicator(
    {"villages_waste_treated_share", "share of villages", "villages with waste treated", "生活垃圾处理村占比",
     "Villages with waste collection and treatment (target >= 0.95 by end-2022, 001 §17).", "environment"});
const Indicator kSewage = declare_indicator(
    {"villages_sewage_treated_share", "share of villages", "villages with sewage treated", "生活污水处理村占比",
     "Villages with sewage treatment (target >= 0.8 by end-2022, 001 §17).", "environment"});
const Indicator kToilets = declare_indicator(
    {"sanitary_toilet_share", "share of rural households", "rural households with sanitary toilets", "卫生厕所普及率",
     "Rural households with a sanitary toilet (target >= 0.9 by end-2022, 001 §17).", "environment"});
const Indicator kManure = declare_indicator(
    {"manure_reuse_share", "share of villages", "villages with manure reused", "畜禽粪污综合利用率",
     "Villages whose livestock manure is collected and reused, standing for the manure reuse rate (target >= 0.8 "
     "by end-2022, 001 §17).",
     "environment"});
const Indicator kFacility = declare_indicator(
    {"facility_m2_per_100_households", "m2 per 100 households", "service facility space", "每百户服务设施面积",
     "Community service facility floor space per 100 households (standard 30, 002 §8).", "environment", 100.0});
const Indicator kProjects = declare_indicator(
    {"spending_projects_per_resident", "yuan per resident per year", "environment and facility projects per resident",
     "项目建设人均支出", "Project money (award and local match) spent this month per resident, x12.", "environment",
     12.0});

// State. Systems (waste, sewage) count original villages: merged villages add up
// (and are averaged over env_villages).
const Owned<float> colWaste =
    declare_column<float>({"env_waste", Level::Unit, "villages", "Original villages with a waste collection system.",
                           "environment", Merge::Sum});
const Owned<float> colSewage = declare_column<float>({"env_sewage",
                                                      Level::Unit,
                                                      "villages",
                                                      "Original villages with sewage treatment.",
                                                      "environment",
                                                      Merge::Sum,
                                                      {"province"}});
const Owned<float> colManure =
    declare_column<float>({"env_manure", Level::Unit, "villages",
                           "Original villages with livestock manure collected and reused.", "environment", Merge::Sum});
const Owned<float> colSystems =
    declare_column<float>({"env_villages", Level::Unit, "villages",
                           "Original villages in the unit (1 each before mergers).", "environment", Merge::Sum});
const Owned<float> colToilets =
    declare_column<float>({"env_toilet_households", Level::Unit, "households", "Households with a sanitary toilet.",
                           "environment", Merge::Sum});
const Owned<float> colFacility =
    declare_column<float>({"facility_m2",
                           Level::Unit,
                           "m2",
                           "Public service facility space (developers add to it: facilities).",
                           "environment",
                           Merge::Sum,
                           {"facilities"}});
const Owned<std::vector<double>> colProgress = declare_column<std::vector<double>>(
    {"env_progress",
     Level::Unit,
     "yuan",
     "Money put aside towards the next waste system, sewage system, toilets, facility space and manure reuse.",
     "environment",
     Merge::First,
     {},
     "vector<double>"});
const Owned<float> colHazardFactor = declare_column<float>(
    {"hazard_factor", Level::Unit, "multiplier",
     "Multiplier on hazard rates from environmental works (at most 1); read by issues.", "environment", Merge::First},
    1.0f);
const Owned<float> colCoverage = declare_column<float>(
    {"env_coverage", Level::Unit, "share 0-1",
     "Environment coverage: mean of the shares of waste treated, sewage treated, sanitary toilets and manure "
     "reused (1 in urban communities); read by issues (environmental complaints).",
     "environment", Merge::First},
    1.0f);
const Reads<Money> colAward = reads<Money>(Level::Unit, "budget_projects", "environment");
const Reads<Money> colMatch = reads<Money>(Level::Unit, "project_match", "environment");
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "environment");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "environment");

const ledger::Flow kFlowProjects =
    ledger::declare_flow("environment_projects", "unit: environment and facility projects");

class Environment : public Mechanism {
 public:
  std::string name() const override { return "environment"; }
  std::string summary() const override {
    return "waste, sewage, sanitary toilets, facility space and manure reuse built from project awards and local "
           "matches";
  }
  void init(World& w, const InitContext& ctx) override {
    Table& u = w.units();
    waste_ = &colWaste.write(w);
    sewage_ = &colSewage.write(w);
    systems_ = &colSystems.write(w);
    manure_ = &colManure.write(w);
    toilets_ = &colToilets.write(w);
    facility_ = &colFacility.write(w);
    progress_ = &colProgress.write(w);
    award_ = &colAward.read(w);
    match_ = &colMatch.read(w);
    hazard_ = &colHazardFactor.write(w);
    coverage_ = &colCoverage.write(w);
    households_ = &colHouseholds.read(w);
    residents_ = &colResidents.read(w);
    for (uint32_t i = 0; i < u.size(); ++i) {
      RngStream g = ctx.rng(stream_id("environment.init"), u.id[i]);
      const bool village = u.kind[i] == "rural_village", urban = u.kind[i] == "urban_community";
      (*systems_)[i] = 1;
      (*waste_)[i] = urban || g.uniform() < ctx.p(kInitWaste);
      (*sewage_)[i] = urban || g.uniform() < ctx.p(kInitSewage);
      // drawn on its own stream: the other draws stay as they were
      (*manure_)[i] = urban || ctx.rng(stream_id("environment.init_manure"), u.id[i]).uniform() < ctx.p(kInitManure);
      const double t = urban ? 1.0 : std::clamp(ctx.p(kInitToilets) + 0.1 * g.normal(), 0.0, 1.0);
      (*toilets_)[i] = static_cast<float>(std::round(t * (*households_)[i]));
      (*facility_)[i] = static_cast<float>(ctx.p(kInitFacility) * (village ? 0.8 : 1.3) * (*households_)[i] / 100.0 *
                                           std::clamp(1 + 0.25 * g.normal(), 0.3, 2.0));
      (*progress_)[i].assign(kEarmarks, 0.0);
      (*coverage_)[i] = coverage(w, i);
    }
  }
  void steps(StepList& out) override {
    out.add({"environment.build", Scope::Unit,
             "spend the project award and local match on waste, sewage, toilets, facility space and manure reuse",
             [this](const StepContext& c, uint32_t u) { build(c, u); }});
  }

 private:
  void build(const StepContext& c, uint32_t u) {
    World& w = c.world;
    const Money available = std::max<Money>(0, ledger::balance(w, Level::Unit, u));
    const Money money = std::min(available, (*award_)[u] + (*match_)[u]);
    ledger::pay(w, Level::Unit, u, money, kFlowProjects);
    double shares[kEarmarks], total = 0;
    for (int k = 0; k < kEarmarks; ++k) total += shares[k] = c.p(kShares[k]);
    auto& prog = (*progress_)[u];
    if (prog.size() != kEarmarks) prog.resize(kEarmarks, 0.0);
    const double hh = (*households_)[u], villages = (*systems_)[u];
    for (int k = 0; k < kEarmarks && total > 0; ++k) prog[k] += yuan(money) * shares[k] / total;
    // systems are built whole, one village at a time
    auto build_systems = [&](std::vector<float>& col, double& pot, double cost) {
      while (col[u] < villages && pot >= cost) col[u] += 1, pot -= cost;
      if (col[u] >= villages) pot = 0;  // nothing left to build here: the earmark lapses
    };
    build_systems(*waste_, prog[0], c.p(kWasteCost));
    build_systems(*sewage_, prog[1], c.p(kSewageCost));
    build_systems(*manure_, prog[4], c.p(kManureCost));
    const double converted = std::min(hh - (*toilets_)[u], std::floor(prog[2] / c.p(kToiletCost)));
    (*toilets_)[u] += static_cast<float>(std::max(0.0, converted));
    prog[2] -= std::max(0.0, converted) * c.p(kToiletCost);
    if ((*toilets_)[u] >= hh) prog[2] = 0;
    (*facility_)[u] += static_cast<float>(prog[3] / c.p(kFacilityCost));
    prog[3] = 0;
    const double waste = (*waste_)[u] / villages, sewage = (*sewage_)[u] / villages;
    (*hazard_)[u] = static_cast<float>(1 - c.p(kHazardEffect) * (waste + sewage) / 2);
    (*coverage_)[u] = coverage(w, u);
    if (c.world.units().kind[u] == "rural_village") {
      c.record(kWaste, u, (*waste_)[u], villages);
      c.record(kSewage, u, (*sewage_)[u], villages);
      c.record(kToilets, u, std::min<double>((*toilets_)[u], hh), hh);  // households can empty out
      c.record(kManure, u, (*manure_)[u], villages);
    }
    c.record(kFacility, u, (*facility_)[u], hh);
    c.record(kProjects, u, yuan(money), (*residents_)[u]);
  }
  // Waste, sewage, sanitary toilets and manure reuse, as shares (urban communities are served from the start).
  float coverage(const World& w, uint32_t u) const {
    if (w.units().kind[u] == "urban_community") return 1.0f;
    const double villages = (*systems_)[u], hh = (*households_)[u];
    const double waste = villages > 0 ? (*waste_)[u] / villages : 1.0;
    const double sewage = villages > 0 ? (*sewage_)[u] / villages : 1.0;
    const double toilets = hh > 0 ? std::min(1.0, (*toilets_)[u] / hh) : 1.0;
    const double manure = villages > 0 ? (*manure_)[u] / villages : 1.0;
    return static_cast<float>((waste + sewage + toilets + manure) / 4.0);
  }
  std::vector<float>*waste_ = nullptr, *sewage_ = nullptr, *systems_ = nullptr, *toilets_ = nullptr,
  *facility_ = nullptr, *hazard_ = nullptr, *coverage_ = nullptr, *manure_ = nullptr;
  std::vector<std::vector<double>>* progress_ = nullptr;
  const std::vector<Money>*award_ = nullptr, *match_ = nullptr;
  const std::vector<uint32_t>*households_ = nullptr, *residents_ = nullptr;
};

REGISTER_MECHANISM(Environment);

}  // namespace
}  // namespace govsim::model
