// Grid workers (网格员) as a workforce: a stock of full- and part-time workers per
// village/community with quits, hires and layoffs, their tenure, experience and
// training, a monthly time budget across the five duties of 001 §37 (information,
// disputes, hazards, publicity, proxy services 代办), and the monthly probability
// that a worker discovers an open issue in the grid ("网格发现" in 000 §17).
//
//   posts(u)     = max(1, round(households / households_per_worker))            (the establishment, 定员)
//   funded(u)    = min(posts, the posts the budget paid for; a fall followed over funding_months)
//                  (cost per post: backbone/grid_cost.hpp)
//   layoffs_k    = max(0, workers_k - funded_k)          k = full-, part-time; funded_pt = part_time_share * funded
//   quits_k      = q_k * workers_k (after layoffs)
//   q_k          = min(0.5, quit_base * (local wage / pay_k)^quit_pay_elasticity
//                           * exp(quit_workload_effect * (workload - 1)))
//   workload     = cases raised last month / (ladder.grid_cases_per_worker * case workers last month)
//   hires_k      = (1 - exp(-1 / months_to_fill)) * max(0, funded_k - workers_k)   (after quits)
//   tenure, experience, training: means over workers; stayers age, hires start at 0 (induction_level)
//   hours        = hours_per_month * (full-time + part_time_hours_share * part-time)
//                  - information_share (less information_task_share x the share of tasks refused), publicity_share
//                  of them - proxy_hours_per_elder * elders;
//                  of the rest, case_share of the hours on cases first (the ladder's grid rung), then patrol
//   discovery(u) = discovery_max / (1 + (discovery_half_hours / patrol hours per household)^discovery_shape)
//                  * (1 - training_effect * (1 - training)) * (1 - experience_effect * (1 - experience))
// Expected values throughout (fractional workers): no random draws but the cohort
// of the training cycle, drawn once per unit at the start.
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "backbone/grid_cost.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kHouseholdsPerWorker = declare_param(
    {"grid.households_per_worker", ParamType::Real, 500, "households per worker", 50, 5000,
     "Households per grid-worker post (full- or part-time); sets the posts of each village/community (定员).",
     "001 §36-37 (专职网格员, 定岗定员); calibration-2020: Pidu 1,460 workers for 1.08 M residents (~300 households)",
     true});
const Param kTrainingCycle = declare_param(
    {"grid.training_cycle_months", ParamType::Integer, 24, "months", 1, 120,
     "Months between training rounds for grid workers (and community workers).",
     "002 §18 (community workers fully trained every 3 years); 001 §10 (village secretaries yearly)", true});
const Param kTrainingDecay = declare_param({"grid.training_decay_months", ParamType::Real, 24, "months", 1, 240,
                                            "e-folding time of the effect of a training round.", "assumption", false});
const Param kInduction = declare_param(
    {"grid.induction_level", ParamType::Real, 0.5, "0..1", 0, 1,
     "Training level a new hire starts with (a short induction before the unit's next full round; 0: untrained "
     "until then).",
     "assumption", false});
const Param kDiscoveryMax =
    declare_param({"grid.discovery_max", ParamType::Real, 0.64, "probability per month", 0, 1,
                   "Monthly probability that a trained, experienced worker with ample patrol time discovers an open "
                   "issue.",
                   "assumption", false});
const Param kDiscoveryHalfHours = declare_param(
    {"grid.discovery_half_hours", ParamType::Real, 0.09, "hours per household per month", 0.001, 10,
     "Patrol hours per household a month at which the discovery probability is half its maximum (0.08: the 600 "
     "households per full-time worker of the former staffing rule, at the default time budget).",
     "assumption", false});
const Param kDiscoveryShape =
    declare_param({"grid.discovery_shape", ParamType::Real, 2, "dimensionless", 0.5, 8,
                   "Steepness of the fall of discovery with less patrol time.", "assumption", false});
const Param kTrainingEffect = declare_param(
    {"grid.training_effect", ParamType::Real, 0.4, "share", 0, 1,
     "Share of the discovery probability lost by a worker whose training has fully lapsed.", "assumption", false});
const Param kExperienceEffect =
    declare_param({"grid.experience_effect", ParamType::Real, 0.3, "share", 0, 1,
                   "Share of the discovery probability lost by a worker with no experience (a new hire).",
                   "assumption (a new worker does not yet know the households and the trouble spots)", false});
const Param kExperienceMonths = declare_param(
    {"grid.experience_months", ParamType::Real, 12, "months", 0.1, 240,
     "e-folding time of experience: a worker's experience is 1 - exp(-months in post / this).", "assumption", false});
const Param kInitialTenure = declare_param(
    {"grid.initial_tenure_months", ParamType::Real, 48, "months", 0, 240,
     "Mean months in post of the workers at the start (tenure exponentially distributed).",
     "assumption (the full-time grid forces were built from about 2016; 001 §36 专职化网格管理员队伍)", false});

const Param kPay = declare_param(
    {"grid.pay", ParamType::Real, 2500, "yuan per month (2020 prices)", 0, 1e5,
     "Basic pay of a full-time grid worker, in 2020 yuan (grown by township.cost_growth).",
     "001 §60-61 (基本报酬, 正常增长机制); calibration-2020: Pidu >40 M yuan a year for 1,460 workers (~2,300)", true});
const Param kInsurance = declare_param({"grid.insurance_share", ParamType::Real, 0.3, "share of pay", 0, 1,
                                        "Social insurance paid for a grid worker, as a share of pay.",
                                        "001 §60 (支持网格管理员购买基本养老保险和基本医疗保险)", true});
const Param kPartTimeShare = declare_param(
    {"grid.part_time_share", ParamType::Real, 0.2, "share of posts", 0, 1,
     "Share of grid posts held by part-time workers (兼职网格员: village cadres, group heads). 001 §36 asks for a "
     "full-time professional force, so in 2019 part of the posts were still part-time; 0.2 is an assumption for "
     "a rural county (Chengdu's general grids were nearly all full-time by 2022).",
     "001 §36-37 (专职化网格管理员队伍); assumption", true});
const Param kPartTimePay = declare_param(
    {"grid.part_time_pay_share", ParamType::Real, 0.3, "share of full-time pay", 0, 1,
     "Pay and insurance of a part-time worker as a share of a full-time worker's (an allowance on top of another "
     "post).",
     "assumption", false});
const Param kPartTimeHours = declare_param(
    {"grid.part_time_hours_share", ParamType::Real, 0.4, "share of full-time hours", 0, 1,
     "Hours a part-time worker gives to the grid, as a share of a full-time worker's.", "assumption", false});

const Param kHours = declare_param({"grid.hours_per_month", ParamType::Real, 167, "hours per month", 1, 400,
                                    "Working hours of a full-time grid worker a month.",
                                    "assumption (standard working time: 20.83 days of 8 hours a month)", false});
const Param kInfoShare =
    declare_param({"grid.information_share", ParamType::Real, 0.25, "share of hours", 0, 1,
                   "Share of working hours taken by information collection and reporting (社情民意收集, forms and data "
                   "tasks sent down to the grid).",
                   "001 §37 (five duties; 事项准入); assumption", false});
const Param kInfoTaskShare = declare_param(
    {"grid.information_task_share", ParamType::Real, 0.6, "share of information hours", 0, 1,
     "Share of the information hours that serve the forms and data tasks departments push down (the rest is the "
     "grid's own 社情民意 collection). Tasks the admission system refuses (committee.admission_refusal, "
     "committee.tasks_refused) take their share of these hours off the grid workers, who patrol with them instead.",
     "001 §37 (网格化服务管理事项准入机制: items sent down to the grid pass an admission check); assumption", false});
const Param kPublicityShare = declare_param({"grid.publicity_share", ParamType::Real, 0.1, "share of hours", 0, 1,
                                             "Share of working hours taken by policy and legal publicity.",
                                             "001 §37 (政策法律法规宣传); assumption", false});
const Param kProxyHours = declare_param(
    {"grid.proxy_hours_per_elder", ParamType::Real, 0.05, "hours per resident aged 60+ per month", 0, 10,
     "Hours of proxy services (代办: pension certification, benefits, forms) a month for each resident aged 60+.",
     "001 §37 (公共服务代办); assumption", false});
const Param kCaseShare = declare_param(
    {"grid.case_share", ParamType::Real, 0.2, "share of hours", 0, 1,
     "Share of working hours given to working cases (disputes, requests: the grid rung of the ladder); cases come "
     "first, so they get this share unless information, publicity and proxy services leave less. Patrol and "
     "household visits (discovery, hazard checks) get what is left.",
     "001 §37 (矛盾纠纷排查化解, 安全隐患排查整治); assumption", false});
const Param kCaseHoursRef = declare_param(
    {"grid.case_hours_reference", ParamType::Real, 29.4, "hours per month", 0.1, 400,
     "Case hours a month at which one worker works ladder.grid_cases_per_worker cases: the case hours of an "
     "average post of the default mix (167 hours x case_share 0.2 x 0.88 full-time equivalents per post), so that "
     "the grid rung keeps the capacity per worker of the former fixed staffing.",
     "assumption", false});

const Param kQuitBase = declare_param(
    {"grid.quit_base", ParamType::Real, 0.015, "share per month", 0, 1,
     "Monthly quit hazard of a grid worker paid the local wage with a workload of 1 (cases raised equal to the "
     "grid's case capacity).",
     "assumption (with the defaults about 1.5% a month in 2020, as the former fixed turnover)", false});
const Param kQuitPay =
    declare_param({"grid.quit_pay_elasticity", ParamType::Real, 1.0, "elasticity", 0, 10,
                   "How strongly quits rise as pay falls below the local wage.", "assumption", false});
const Param kQuitWorkload =
    declare_param({"grid.quit_workload_effect", ParamType::Real, 0.5, "per unit of workload", 0, 10,
                   "How strongly quits rise with workload: the hazard is multiplied by exp(effect * (workload - 1)).",
                   "assumption", false});
const Param kLocalWage = declare_param(
    {"grid.local_wage_multiple", ParamType::Real, 2, "multiple of rural income per capita", 0.1, 10,
     "The local wage a grid worker could earn instead, as a multiple of rural per-capita disposable income "
     "(township.rural_income_2020, grown by township.rural_income_growth); 2 is the multiple of the 2021 pay rule "
     "for village secretaries.",
     "calibration-2020: 川民函〔2020〕335号; assumption", false});
const Param kFundingMonths = declare_param(
    {"grid.funding_months", ParamType::Real, 3, "months", 0.01, 60,
     "Months over which the posts follow a fall in the money: the posts kept approach fewer funded posts "
     "exponentially (a month's shortfall is bridged, a lasting one lays workers off); more money takes effect at "
     "once.",
     "assumption (grid posts are set in the yearly budget, 001 §37 网格化服务管理工作经费纳入同级政府预算)", false});
const Param kMonthsToFill =
    declare_param({"grid.months_to_fill", ParamType::Real, 2, "months", 0.01, 60,
                   "Mean months to fill an open funded post (a share 1 - exp(-1/months) of open posts is filled "
                   "each month).",
                   "assumption", false});

// Indicators.
using IA = IndicatorDecl::Aggregate;
const Indicator kHhPerWorker = headline(declare_indicator(
    {"households_per_grid_worker", "households per worker", "households per grid worker", "每名网格员服务户数",
     "Households divided by grid workers in post (county: total households / total workers).", "grid"}));
const Indicator kWorkers = headline(
    declare_indicator({"grid_workers", "workers", "grid workers", "网格员人数",
                       "Grid workers in post, full- and part-time (head count).", "grid", 1.0, true, IA::Sum}));
const Indicator kTurnover =
    declare_indicator({"grid_turnover", "share per month", "grid-worker turnover", "网格员流失率",
                       "Grid workers who quit this month / workers in post after layoffs (quits rise with workload "
                       "and with pay below the local wage).",
                       "grid"});
const Indicator kVacancy = declare_indicator(
    {"grid_vacancy_share", "share", "vacant grid posts", "网格员空岗率",
     "Posts of the establishment (households / households_per_worker) without a worker: not yet refilled after "
     "quits, or not funded.",
     "grid"});
const Indicator kTenure =
    declare_indicator({"grid_mean_tenure_months", "months", "grid workers' mean tenure", "网格员平均任职月数",
                       "Mean months in post of the grid workers in post.", "grid"});
const Indicator kWorkload = declare_indicator(
    {"grid_workload", "ratio", "grid-worker workload", "网格员工作负荷",
     "Cases raised last month / the grid rung's case capacity (ladder.grid_cases_per_worker x case workers).", "grid"});
const Indicator kPatrol =
    declare_indicator({"grid_patrol_hours_per_household", "hours per household per month",
                       "grid patrol hours per household", "网格巡查走访户均工时",
                       "Grid workers' hours on patrol and household visits / households (what is left after "
                       "information tasks, publicity and proxy services, 001 §37).",
                       "grid"});
const Indicator kDiscoveryRate = declare_indicator(
    {"grid_discovery_rate", "probability per month", "grid-worker discovery probability", "网格员发现概率",
     "Monthly probability that the grid workers discover an unreported case, weighted by households.", "grid"});
const Indicator kHires = declare_indicator({"grid_hires", "workers", "grid workers hired", "网格员新聘人数",
                                            "Grid workers hired this month.", "grid", 1.0, true, IA::Sum});
const Indicator kQuits = declare_indicator({"grid_quits", "workers", "grid workers who quit", "网格员离职人数",
                                            "Grid workers who quit this month.", "grid", 1.0, true, IA::Sum});
const Indicator kLayoffs =
    declare_indicator({"grid_layoffs", "workers", "grid workers laid off", "网格员裁减人数",
                       "Grid workers laid off this month because the budget no longer pays for their posts (or the "
                       "establishment shrank).",
                       "grid", 1.0, true, IA::Sum});
const Indicator kGridPay =
    input(declare_indicator({"grid_worker_pay", "yuan per month", "grid-worker pay", "网格员报酬",
                             "Basic monthly pay of a grid worker.", "grid", 1.0, false}));
const Indicator kTraining = declare_indicator(
    {"grid_training_level", "index 0-1", "grid-worker training level", "网格员培训水平",
     "Mean training level of the workers in post (1 after a round, decaying; new hires start at the induction "
     "level), weighted by workers.",
     "grid"});

// State (sums over workers, so that mergers add them up exactly).
Owned<float> unit_column(const char* name, const char* units, const char* what, Merge m) {
  return declare_column<float>({name, Level::Unit, units, what, "grid", m});
}
const Owned<float> colWorkers =
    unit_column("grid_workers", "workers", "Grid workers in post this month, full- and part-time.", Merge::Sum);
const Owned<float> colPartTime =
    unit_column("grid_workers_part_time", "workers", "Part-time grid workers in post this month.", Merge::Sum);
const Owned<float> colTenureSum = unit_column("grid_tenure_sum", "worker-months",
                                              "Sum over the workers in post of their months in post.", Merge::Sum);
const Owned<float> colExperienceSum = unit_column(
    "grid_experience_sum", "workers x 0..1",
    "Sum over the workers in post of their experience, 1 - exp(-months in post / experience_months).", Merge::Sum);
const Owned<float> colTraining = unit_column(
    "grid_training", "0..1", "Mean training level of the unit's grid workers (decays between rounds).", Merge::First);
const Owned<float> colDiscovery =
    unit_column("grid_discovery", "probability per month",
                "Probability that a grid worker discovers an unreported case this month.", Merge::First);
const Owned<float> colCaseWorkers = unit_column(
    "grid_case_workers", "workers",
    "Grid workers' case hours in units of grid.case_hours_reference: the grid rung's capacity in the ladder is "
    "ladder.grid_cases_per_worker times this.",
    Merge::Sum);
const Owned<float> colFundedMean = unit_column(
    "grid_posts_funded_mean", "posts",
    "Grid posts the budget pays for, a fall followed over grid.funding_months (a rise at once).", Merge::Sum);
const Owned<float> colCohort = unit_column(
    "grid_training_cohort", "0..1",
    "The unit's place in the staggered training cycle of grid workers (independent of policy).", Merge::First);
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "grid");
const Reads<float> colFunded = reads<float>(Level::Unit, "grid_workers_funded", "grid");
const Reads<float> colCoverage = reads<float>(Level::Unit, "grid_pay_coverage", "grid");
const Reads<float> colTasks = reads<float>(Level::Unit, "tasks_pushed", "grid");
const Reads<float> colRefused = reads<float>(Level::Unit, "tasks_refused", "grid");

const Reads<uint32_t> colRaised = reads<uint32_t>(Level::Unit, "raised_last_month", "grid");
const Reads<double> colElders = reads<double>(Level::Unit, "elders", "grid");

constexpr double kMaxQuit = 0.5, kMaxWorkload = 5.0;

// The month's hours of a unit's workers across the five duties (001 §37).
struct Hours {
  double total = 0, info = 0, publicity = 0, proxy = 0, patrol = 0, cases = 0;
};

// Workers of one kind (full- or part-time) through one month's flows.
struct Flow {
  double start = 0, layoffs = 0, quits = 0, hires = 0, end = 0;
  double stay() const { return start - layoffs - quits; }
};
Flow flow(double workers, double funded, double hazard, double fill) {
  Flow f;
  f.start = workers;
  f.layoffs = std::max(0.0, workers - funded);
  f.quits = hazard * (workers - f.layoffs);
  f.hires = fill * std::max(0.0, funded - f.stay());
  f.end = f.stay() + f.hires;
  return f;
}

class GridWorkers : public Mechanism {
 public:
  std::string name() const override { return "grid"; }
  std::string summary() const override {
    return "grid workers as a workforce: posts within the budget, quits, hires and layoffs, tenure, training, the "
           "time budget across the five duties, and the monthly probability of discovering open issues";
  }
  void init(World& w, const InitContext& ctx) override {
    workers_ = &colWorkers.write(w);
    part_ = &colPartTime.write(w);
    tenure_ = &colTenureSum.write(w);
    experience_ = &colExperienceSum.write(w);
    training_ = &colTraining.write(w);
    discovery_ = &colDiscovery.write(w);
    case_workers_ = &colCaseWorkers.write(w);
    cohort_ = &colCohort.write(w);
    funded_mean_ = &colFundedMean.write(w);
    households_ = &colHouseholds.read(w);
    funded_ = &colFunded.read(w);
    coverage_ = &colCoverage.read(w);
    tasks_ = &colTasks.read(w);
    refused_ = &colRefused.read(w);
    raised_ = &colRaised.read(w);
    elders_ = &colElders.read(w);
    cost_growth_ = param_named("township.cost_growth");
    income_ = param_named("township.rural_income_2020");
    income_growth_ = param_named("township.rural_income_growth");
    cases_per_worker_ = param_named("ladder.grid_cases_per_worker");
    // the start: every post filled, tenure exponential with mean initial_tenure (mean experience m / (m + tau))
    const double cycle = ctx.p(kTrainingCycle), m = ctx.p(kInitialTenure), tau = ctx.p(kExperienceMonths);
    for (uint32_t i = 0; i < w.units().size(); ++i) {
      RngStream g = ctx.rng(stream_id("grid.init"), w.units().id[i]);
      (*cohort_)[i] = static_cast<float>(g.uniform());
      const double since = std::floor((*cohort_)[i] * cycle);
      (*training_)[i] = static_cast<float>(std::exp(-since / ctx.p(kTrainingDecay)));
      const double posts = std::max(1.0, std::round((*households_)[i] / ctx.p(kHouseholdsPerWorker)));
      (*workers_)[i] = static_cast<float>(posts);
      (*funded_mean_)[i] = static_cast<float>(posts);
      (*part_)[i] = static_cast<float>(posts * ctx.p(kPartTimeShare));
      (*tenure_)[i] = static_cast<float>(posts * m);
      (*experience_)[i] = static_cast<float>(posts * m / (m + tau));
    }
  }
  void steps(StepList& out) override {
    out.add({"grid.staffing", Scope::Unit,
             "fund posts within the budget (layoffs above it); workers quit (more with workload and pay below the "
             "local wage) and open posts are refilled; tenure, experience and training; the time budget across "
             "the five duties; set the discovery probability and the grid rung's case capacity",
             [this](const StepContext& c, uint32_t u) { staff(c, u); }});
  }

 private:
  // Years since January 2020 (the cost and income indices).
  static double years(const StepContext& c) { return std::max(0, c.month.index - Month::of(2020, 1).index) / 12.0; }
  double hazard(const StepContext& c, double pay, double workload) const {
    const double wage = c.p(kLocalWage) * c.p(income_) * std::pow(1 + c.p(income_growth_), years(c)) / 12;
    if (pay <= 0) return kMaxQuit;
    const double q = c.p(kQuitBase) * std::pow(wage / pay, c.p(kQuitPay)) *
                     std::exp(c.p(kQuitWorkload) * (std::min(workload, kMaxWorkload) - 1));
    return std::min(kMaxQuit, q);
  }
  // `refused`: the share of the pushed-down tasks the admission system refused this month.
  Hours time_budget(const StepContext& c, double full, double part, double elders, double refused) const {
    Hours h;
    h.total = c.p(kHours) * (full + c.p(kPartTimeHours) * part);
    h.info = c.p(kInfoShare) * h.total * (1 - c.p(kInfoTaskShare) * refused);
    h.publicity = std::min(h.total - h.info, c.p(kPublicityShare) * h.total);
    h.proxy = std::min(h.total - h.info - h.publicity, c.p(kProxyHours) * elders);
    const double rest = std::max(0.0, h.total - h.info - h.publicity - h.proxy);
    h.cases = std::min(rest, c.p(kCaseShare) * h.total);  // cases in hand first, then patrol
    h.patrol = rest - h.cases;
    return h;
  }
  // Last month's cases against last month's case capacity of the grid rung.
  double workload(const StepContext& c, uint32_t u) const {
    const double capacity = c.p(cases_per_worker_) * (*case_workers_)[u], raised = (*raised_)[u];
    if (capacity > 0) return raised / capacity;
    return raised > 0 ? kMaxWorkload : 0.0;
  }
  void staff(const StepContext& c, uint32_t u);
  void record(const StepContext& c, uint32_t u, const Flow& ft, const Flow& pt, double posts, const Hours& h) const;

  std::vector<float>*workers_ = nullptr, *part_ = nullptr, *tenure_ = nullptr, *experience_ = nullptr,
  *training_ = nullptr, *discovery_ = nullptr, *case_workers_ = nullptr, *cohort_ = nullptr, *funded_mean_ = nullptr;
  const std::vector<uint32_t>*households_ = nullptr, *raised_ = nullptr;
  const std::vector<float>*funded_ = nullptr, *coverage_ = nullptr, *tasks_ = nullptr, *refused_ = nullptr;
  const std::vector<double>* elders_ = nullptr;
  Param cost_growth_, income_, income_growth_, cases_per_worker_;
};

void GridWorkers::staff(const StepContext& c, uint32_t u) {
  const double hh = (*households_)[u];
  const double posts = std::max(1.0, std::round(hh / c.p(kHouseholdsPerWorker)));
  const double money = (*funded_)[u] >= 0 ? std::min<double>(posts, (*funded_)[u]) : posts;
  float& mean = (*funded_mean_)[u];
  // more money takes effect at once; less is followed over funding_months (a month's shortfall is bridged)
  mean = static_cast<float>(money >= mean ? money : mean + (money - mean) * (1 - std::exp(-1 / c.p(kFundingMonths))));
  // workers the unit could not pay this month are laid off (village_finance: grid_pay_coverage)
  const double unpaid_cap = (*coverage_)[u] < 1 ? (*coverage_)[u] * (*workers_)[u] : posts;
  const double funded = std::min({posts, static_cast<double>(mean), unpaid_cap});

  const double share = c.p(kPartTimeShare), load = workload(c, u);
  // pay per hour against the local wage: a part-timer's pay and hours are shares of a full-timer's
  const double pay = c.p(kPay) * std::pow(1 + c.p(cost_growth_), years(c));
  const double pay_pt = pay * c.p(kPartTimePay) / std::max(1e-9, c.p(kPartTimeHours));
  const double fill = 1 - std::exp(-1 / c.p(kMonthsToFill));
  const double w0 = (*workers_)[u], p0 = (*part_)[u];
  const Flow ft = flow(std::max(0.0, w0 - p0), funded * (1 - share), hazard(c, pay, load), fill);
  const Flow pt = flow(p0, funded * share, hazard(c, pay_pt, load), fill);
  // stayers keep their means and age a month; hires start new (experience 0, the induction's training)
  const double stay = ft.stay() + pt.stay(), hires = ft.hires + pt.hires, w1 = stay + hires;
  const double mean_tenure = w0 > 0 ? (*tenure_)[u] / w0 : 0, mean_exp = w0 > 0 ? (*experience_)[u] / w0 : 0;
  const double exp1 = stay * (1 - (1 - mean_exp) * std::exp(-1 / c.p(kExperienceMonths)));
  // a training round when the unit's cohort comes up (staggered, not every unit in one month)
  const int cycle = std::max(1, static_cast<int>(c.p(kTrainingCycle)));
  double level = stay * (*training_)[u] * std::exp(-1 / c.p(kTrainingDecay)) + hires * c.p(kInduction);
  level = w1 > 0 ? level / w1 : 0;
  if ((c.step + static_cast<int>((*cohort_)[u] * cycle) % cycle) % cycle == 0) level = 1;
  (*workers_)[u] = static_cast<float>(w1);
  (*part_)[u] = static_cast<float>(pt.end);
  (*tenure_)[u] = static_cast<float>(stay * (mean_tenure + 1));
  (*experience_)[u] = static_cast<float>(exp1);
  (*training_)[u] = static_cast<float>(level);
  // the time budget and what it buys: patrol hours find issues, case hours work the grid rung
  const double pushed = (*tasks_)[u];
  const double refused = pushed > 0 ? std::clamp(static_cast<double>((*refused_)[u]) / pushed, 0.0, 1.0) : 0.0;
  const Hours h = time_budget(c, ft.end, pt.end, (*elders_)[u], refused);
  const double patrol = hh > 0 ? h.patrol / hh : 0, experience = w1 > 0 ? exp1 / w1 : 0;
  const double p = patrol > 0
                       ? c.p(kDiscoveryMax) / (1 + std::pow(c.p(kDiscoveryHalfHours) / patrol, c.p(kDiscoveryShape))) *
                             (1 - c.p(kTrainingEffect) * (1 - level)) * (1 - c.p(kExperienceEffect) * (1 - experience))
                       : 0.0;
  (*discovery_)[u] = static_cast<float>(p);
  c.record(kWorkload, u, (*raised_)[u], c.p(cases_per_worker_) * (*case_workers_)[u]);
  (*case_workers_)[u] = static_cast<float>(h.cases / c.p(kCaseHoursRef));
  record(c, u, ft, pt, posts, h);
}

void GridWorkers::record(const StepContext& c, uint32_t u, const Flow& ft, const Flow& pt, double posts,
                         const Hours& h) const {
  const double w1 = ft.end + pt.end;
  c.record(kHhPerWorker, u, (*households_)[u], w1);
  c.record(kWorkers, u, w1, 1);
  c.record(kTraining, u, (*training_)[u] * w1, w1);
  c.record(kTurnover, u, ft.quits + pt.quits, ft.start + pt.start - ft.layoffs - pt.layoffs);
  c.record(kVacancy, u, std::max(0.0, posts - w1), posts);
  c.record(kTenure, u, (*tenure_)[u], w1);
  c.record(kPatrol, u, h.patrol, (*households_)[u]);
  c.record(kDiscoveryRate, u, (*discovery_)[u] * (*households_)[u], (*households_)[u]);
  c.record(kHires, u, ft.hires + pt.hires, 1);
  c.record(kQuits, u, ft.quits + pt.quits, 1);
  c.record(kLayoffs, u, ft.layoffs + pt.layoffs, 1);
  c.record(kGridPay, u, c.p(kPay), 1);
}

REGISTER_MECHANISM(GridWorkers);

}  // namespace
}  // namespace govsim::model
