// Lever costs (issue 16 item 1): what the levers without a budget line of their own
// cost, paid in the ledger by whom the documents name, at unit costs in 2020 yuan
// grown by township.cost_growth (money/cost_index.hpp). Published unit costs were not
// found for any of them; each is an assumption, with its reasoning in the description.
//
// County (paid each month before its departments, so a costly package leaves the
// departments -- and the county rung's capacity -- less; budget.cpp):
//   platform     build: (coverage - coverage already built) * build_per_resident * residents (once)
//                running: (coverage * platform_running + age_friendly * age_friendly_running) * residents / 12
//   training     committee members * training_per_trainee / their training cycle (villages: secretaries' cycle,
//                communities: community workers' cycle) + grid workers * training_per_trainee / the grid cycle;
//                in January, digital.literacy_training * residents aged 15+ * literacy_per_adult (001 §10, 002 §18)
//   reserves     reserve cadres * reserve_cadre_per_year / 12 (001 §9: training and allowance of 后备干部)
//   vetting      vetting_strength * vetting_per_candidate * candidates: candidates_per_unit per unit in the month
//                of a general election, one for each new secretary (联审, 004 §21, 001 §9)
//   stockpiles   townships with a stocked relief-supply point * stockpile_per_township / 12 (004 §17)
// Township (a need in its third funding tier, lever_costs.hpp):
//   teams        its unified emergency team * team_per_township / 12
//   drills       drills_per_year / 12 * drill_per_township (the expected cost of its drills)
//   counters     offline_retention * units * counter_per_unit / 12 (staffed offline counters, 003 ch.6(3))
// Village or community (out of its account, as far as its balance goes):
//   supervision  supervision * supervision_members * supervision_allowance (村务监督委员会, 001 §55)
//   unfunded     accepted unfunded tasks * unfunded_task_cash: what a task pushed down without money costs the
//                unit in money (materials, travel, hired help); its hours are in the committee's workload.
// Levers whose cost is in hours, not money (openness and consultation effort, cross-serving, the compounds'
// pushes, volunteer mobilisation) are costed in the committees' workload where the mechanism has one.
#include "money/lever_costs.hpp"

#include <algorithm>
#include <cmath>

#include "govsim/state.hpp"
#include "institutions/elections.hpp"
#include "money/cost_index.hpp"

namespace govsim::model {
namespace {

Param cost_param(const char* name, double def, const char* unit, double max, const char* what) {
  return declare_param({name, ParamType::Real, def, unit, 0, max, what, "assumption", false});
}
const Param kBuild = cost_param(
    "costs.platform_build_per_resident", 30, "yuan per resident (2020 prices)", 1e4,
    "One-off cost of putting all service items on the integrated platform, per resident of the county (system "
    "integration, data interfaces, terminals at township and village service points); paid by the county as coverage "
    "rises (003 ch.6(3)). Order of magnitude of county 一网通办 projects of tens of millions of yuan for about a "
    "million "
    "residents.");
const Param kRunning = cost_param("costs.platform_running_per_resident", 5, "yuan per resident per year", 1e4,
                                  "Running cost of the platform at full coverage (hosting, maintenance, the back "
                                  "office that answers online requests), per resident; paid by the county.");
const Param kAgeFriendly = cost_param(
    "costs.age_friendly_running_per_resident", 2, "yuan per resident per year", 1e4,
    "Running cost of full age-friendly design (large-font versions, assisted-use helpers at service points), per "
    "resident; paid by the county (004 §32(1)).");
const Param kLiteracy = cost_param(
    "costs.literacy_per_adult", 300, "yuan per adult gap closed", 1e5,
    "Cost of closing an adult's whole digital-literacy gap by training (courses at service points and schools for the "
    "elderly); digital.literacy_training of it is bought per adult each January, by the county.");
const Param kTraining = cost_param(
    "costs.training_per_trainee", 1500, "yuan per trainee per round", 1e5,
    "Cost of one training round for one committee member or grid worker (3-5 days at the county Party school or a "
    "township class: board, lodging, teachers, travel), paid by the county (001 §10, 002 §18).");
const Param kReserve =
    cost_param("costs.reserve_cadre_per_year", 3000, "yuan per reserve cadre per year", 1e5,
               "Training and allowance of one reserve cadre (后备干部, 001 §9), paid by the county.");
const Param kVetting =
    cost_param("costs.vetting_per_candidate", 400, "yuan per candidate at full strength", 1e5,
               "Cost of the county's joint vetting of one candidate at full strength (联审: records checked by a dozen "
               "departments, interviews); paid by the county (004 §21).");
const Param kCandidates =
    cost_param("costs.candidates_per_unit", 8, "candidates per unit", 100,
               "Candidates vetted per village or community at a general election (about the committee seats and a "
               "few more).");
const Param kStockpile =
    cost_param("costs.stockpile_per_township", 60000, "yuan per township per year", 1e8,
               "Upkeep and rotation of a township's relief-supply point (004 §17: 应急物资储备), paid by the county.");
const Param kTeam = cost_param(
    "costs.team_per_township", 120000, "yuan per township per year", 1e8,
    "Allowances, equipment and insurance of a township's unified emergency team (about 20 members at 500 yuan a "
    "month), paid by the township (004 §17).");
const Param kDrill = cost_param("costs.drill_per_township", 20000, "yuan per drill", 1e7,
                                "Cost of one comprehensive emergency drill in a township, paid by the township.");
const Param kCounter =
    cost_param("costs.counter_per_unit", 12000, "yuan per unit per year", 1e7,
               "Cost of keeping a staffed offline counter in a village or community (part of a worker's time, space, "
               "equipment), paid by the township; closing counters (digital.offline_retention < 1) saves it.");
const Param kAllowance =
    cost_param("costs.supervision_allowance", 300, "yuan per member per month at full strength", 1e5,
               "Allowance of a member of the village affairs supervision committee at full supervision, paid from the "
               "unit's account (001 §55).");
const Param kMembers =
    cost_param("costs.supervision_members", 3, "members", 20, "Members of a village affairs supervision committee.");
const Param kTaskCash =
    cost_param("costs.unfunded_task_cash", 100, "yuan per task", 1e5,
               "Money an accepted task pushed down without funding costs the unit (materials, travel, hired help), "
               "paid from its account while it has money; the hours are in the committee's workload.");

using IA = IndicatorDecl::Aggregate;
Indicator cost_indicator(const char* name, const char* what, const char* zh, const char* how, bool per_unit) {
  return declare_indicator({name, "yuan per resident per year", what, zh, how + std::string(", per resident, x12."),
                            "costs", 12.0, per_unit});
}
enum Item {
  kPlatform,
  kTrainingItem,
  kReserves,
  kVettingItem,
  kStockpiles,
  kTeams,
  kDrills,
  kCounters,
  kSupervision,
  kUnfunded,
  kItems
};
const Indicator kCost[kItems] = {
    input(cost_indicator("cost_platform_per_resident", "cost of the digital platform", "数字平台建设运行人均费用",
                         "Platform build, running and age-friendly costs paid by the county this month", false)),
    input(cost_indicator("cost_training_per_resident", "cost of training", "培训人均费用",
                         "Training of committee members, grid workers and residents' digital skills this month",
                         false)),
    cost_indicator("cost_reserves_per_resident", "cost of reserve cadres", "后备干部培养人均费用",
                   "Training and allowances of reserve cadres this month", false),
    cost_indicator("cost_vetting_per_resident", "cost of candidate vetting", "候选人联审人均费用",
                   "Joint vetting of candidates this month", false),
    cost_indicator("cost_stockpiles_per_resident", "cost of relief stockpiles", "应急物资储备人均费用",
                   "Upkeep of the townships' relief-supply points this month", false),
    cost_indicator("cost_teams_per_resident", "cost of emergency teams", "应急队伍人均费用",
                   "Township emergency teams paid this month", false),
    cost_indicator("cost_drills_per_resident", "cost of emergency drills", "应急演练人均费用",
                   "Township drills paid this month", false),
    cost_indicator("cost_counters_per_resident", "cost of offline counters", "线下窗口人均费用",
                   "Offline counters paid this month", false),
    cost_indicator("cost_supervision_per_resident", "cost of supervision committees", "村务监督人均费用",
                   "Supervision committees' allowances paid this month", true),
    cost_indicator("cost_unfunded_tasks_per_resident", "money spent on unfunded tasks", "无经费下派任务村级支出人均",
                   "Units' own money spent on accepted tasks pushed down without funding this month", true),
};
const Indicator kTotal = declare_indicator({"lever_costs_per_resident", "yuan per resident per year",
                                            "cost of the levers without a budget line", "政策举措人均费用",
                                            "Sum of the cost_*_per_resident indicators this month, per resident, x12.",
                                            "costs", 12.0, false});

ledger::Flow item_flow(const char* name, const char* what) { return ledger::declare_flow(name, what); }
const ledger::Flow kFlow[kItems] = {
    item_flow("platform", "county: the digital platform"),
    item_flow("training", "county: training"),
    item_flow("reserve_cadres", "county: reserve cadres"),
    item_flow("vetting", "county: candidate vetting"),
    item_flow("stockpiles", "county: relief stockpiles"),
    item_flow("emergency_teams", "township: emergency teams"),
    item_flow("drills", "township: drills"),
    item_flow("offline_counters", "township: offline counters"),
    item_flow("supervision_allowances", "unit: supervision committees' allowances"),
    item_flow("unfunded_tasks", "unit: money spent on unfunded tasks"),
};

// State.
const Owned<float> colBuilt = declare_column<float>(
    {"platform_built", Level::County, "share of service items",
     "Platform coverage the county has paid to build (the 2019 coverage, the lever's default, is taken as built).",
     "costs", Merge::Max});
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "costs");
const Reads<uint8_t> colSize = reads<uint8_t>(Level::Unit, "committee_size", "costs");
const Reads<uint8_t> colReserves = reads<uint8_t>(Level::Unit, "reserve_cadres", "costs");
const Reads<uint8_t> colNew = reads<uint8_t>(Level::Unit, "secretary_new", "costs");
const Reads<float> colGrid = reads<float>(Level::Unit, "grid_workers", "costs");
const Reads<float> colSupervision = reads<float>(Level::Unit, "supervision", "costs");
const Reads<float> colTasks = reads<float>(Level::Unit, "tasks_pushed", "costs");
const Reads<uint8_t> colStockpile = reads<uint8_t>(Level::Township, "stockpile", "costs");
const Reads<uint8_t> colTeam = reads<uint8_t>(Level::Township, "emergency_team", "costs");
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "costs");

struct Named {
  Param coverage, age_friendly, literacy, cycle_village, cycle_community, cycle_grid, vetting, drills, offline,
      cost_growth, funded, refusal;
};
Named named() {
  return {param_named("digital.platform_coverage"),
          param_named("digital.age_friendly"),
          param_named("digital.literacy_training"),
          param_named("committee.secretary_training_cycle_months"),
          param_named("committee.community_training_cycle_months"),
          param_named("grid.training_cycle_months"),
          param_named("integrity.vetting_strength"),
          param_named("shocks.drills_per_year"),
          param_named("digital.offline_retention"),
          param_named("township.cost_growth"),
          param_named("committee.task_funded_share"),
          param_named("committee.admission_refusal")};
}
const Named& names() {
  static const Named n = named();
  return n;
}

class LeverCosts : public Mechanism {
 public:
  std::string name() const override { return "costs"; }
  std::string summary() const override {
    return "what the levers without a budget line cost (platform, training, reserves, vetting, stockpiles, teams, "
           "drills, counters, supervision, unfunded tasks), paid in the ledger by county, township or unit";
  }
  // What is built at the start is the 2019 coverage (the lever's declared default): a scenario that starts above it
  // pays the build in its first month.
  void init(World& w, const InitContext&) override {
    auto& built = colBuilt.write(w);
    const double built_2019 = ParamRegistry::instance().get(names().coverage.id).default_value;
    std::fill(built.begin(), built.end(), static_cast<float>(built_2019));
  }

  void steps(StepList& out) override {
    out.add({"costs.county", Scope::County,
             "the county pays the platform, training, reserve cadres, vetting and stockpiles (before its departments)",
             [](const StepContext& c, uint32_t k) { county(c, k); }});
    out.add({"costs.unit", Scope::Unit,
             "villages and communities pay supervision allowances and the money side of unfunded tasks",
             [](const StepContext& c, uint32_t u) { unit(c, u); }});
  }

 private:
  static double platform(const StepContext& c, uint32_t k, double pop, double index) {
    const Named& n = names();
    float& built = colBuilt.write(c.world)[k];
    const double cov = c.p(n.coverage), build = std::max(0.0, cov - built) * c.p(kBuild) * pop;
    built = std::max(built, static_cast<float>(cov));
    return (build + (cov * c.p(kRunning) + c.p(n.age_friendly) * c.p(kAgeFriendly)) * pop / 12) * index;
  }
  static double adults(const World& w, uint32_t k) {
    const auto [lo, hi] = w.range(Level::County, k, Level::Resident);
    const auto& age = colAge.read(w);
    return static_cast<double>(std::count_if(age.begin() + lo, age.begin() + hi, [](uint8_t a) { return a >= 15; }));
  }
  static void county(const StepContext& c, uint32_t k) {
    World& w = c.world;
    const Named& n = names();
    const double index = cost_index(c, n.cost_growth);
    const auto [lo, hi] = w.range(Level::County, k, Level::Unit);
    const auto& res = colResidents.read(w);
    const auto& grid = colGrid.read(w);
    const auto &size = colSize.read(w), &reserves = colReserves.read(w), &fresh = colNew.read(w);
    double pop = 0, trainees = 0, cadres = 0, candidates = 0;
    static const elections::Calendar calendar = elections::Calendar::named();
    const bool election = calendar.now(c);
    for (uint32_t u = lo; u < hi; ++u) {
      pop += res[u];
      const bool village = w.units().kind[u] == "rural_village";
      trainees += size[u] / std::max(1.0, c.p(village ? n.cycle_village : n.cycle_community)) +
                  grid[u] / std::max(1.0, c.p(n.cycle_grid));
      cadres += reserves[u];
      candidates += fresh[u] + (election ? c.p(kCandidates) : 0.0);
    }
    double stockpiles = 0;
    const auto [t_lo, t_hi] = w.range(Level::County, k, Level::Township);
    for (uint32_t t = t_lo; t < t_hi; ++t) stockpiles += colStockpile.read(w)[t];
    double literacy = 0;
    if (c.month.month() == 1 && c.p(n.literacy) > 0) literacy = c.p(n.literacy) * adults(w, k) * c.p(kLiteracy);
    const double amount[] = {platform(c, k, pop, index), (trainees * c.p(kTraining) + literacy) * index,
                             cadres * c.p(kReserve) / 12 * index, c.p(n.vetting) * c.p(kVetting) * candidates * index,
                             stockpiles * c.p(kStockpile) / 12 * index};
    double total = 0;
    for (int i = kPlatform; i <= kStockpiles; ++i) {
      const Money m = std::min(fen(amount[i]), std::max<Money>(0, ledger::balance(w, Level::County, k)));
      ledger::pay(w, Level::County, k, m, kFlow[i]);
      c.record(kCost[i], lo, yuan(m), pop);
      total += yuan(m);
    }
    c.record(kTotal, lo, total, pop);
  }
  static void unit(const StepContext& c, uint32_t u) {
    World& w = c.world;
    const Named& n = names();
    const double index = cost_index(c, n.cost_growth), res = colResidents.read(w)[u];
    const double accepted = colTasks.read(w)[u] * (1 - c.p(n.funded)) * (1 - c.p(n.refusal));
    const double amount[] = {colSupervision.read(w)[u] * c.p(kMembers) * c.p(kAllowance) * index,
                             accepted * c.p(kTaskCash) * index};
    for (int i = 0; i < 2; ++i) {
      const Money m = std::min(fen(amount[i]), std::max<Money>(0, ledger::balance(w, Level::Unit, u)));
      ledger::pay(w, Level::Unit, u, m, kFlow[kSupervision + i]);
      c.record(kCost[kSupervision + i], u, yuan(m), res);
      c.record(kTotal, u, yuan(m), 0);
    }
  }
};

REGISTER_MECHANISM(LeverCosts);

}  // namespace

namespace lever_costs {

TownshipProgrammes township_programmes(const StepContext& c, uint32_t t, double index) {
  const World& w = c.world;
  const Named& n = names();
  const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
  TownshipProgrammes p;
  p.teams = colTeam.read(w)[t] * c.p(kTeam) / 12 * index;
  p.drills = c.p(n.drills) / 12 * c.p(kDrill) * index;
  p.counters = c.p(n.offline) * (hi - lo) * c.p(kCounter) / 12 * index;
  return p;
}

void pay_township_programmes(const StepContext& c, uint32_t t, const TownshipProgrammes& p, Money paid, double pop) {
  const double total = p.total(), scale = total > 0 ? std::min(1.0, yuan(paid) / total) : 0.0;
  const auto lo = c.world.range(Level::Township, t, Level::Unit).first;
  const double part[] = {p.teams * scale, p.drills * scale, p.counters * scale};
  Money left = paid;
  for (int i = 0; i < 3; ++i) {
    const Money m = i == 2 ? left : std::min(left, fen(part[i]));
    ledger::pay(c.world, Level::Township, t, m, kFlow[kTeams + i]);
    left -= m;
    c.record(kCost[kTeams + i], lo, yuan(m), pop);
    c.record(kTotal, lo, yuan(m), 0);
  }
}

}  // namespace lever_costs
}  // namespace govsim::model
