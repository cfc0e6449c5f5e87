// Grid workers (网格员): staffing from the households-per-worker lever, training
// cycles, and the monthly probability that a worker discovers an open issue in
// the grid during routine visits (the "five duties" of 001 §37: information,
// disputes, hazards, publicity, proxy services; "网格发现" in 000 §17).
//
//   workers(u)   = min(max(1, round(households(u) / households_per_worker)), workers the budget pays for)
//   turnover(u)  = turnover_base * (reference_pay / pay)^turnover_pay_elasticity
//                  * (load / 500)^turnover_load_elasticity                      (per month)
//   in post(u)   = workers * (1 - min(0.5, turnover * vacancy_months))         (vacancies take time to fill)
//   training(u)  = exp(-months since last training / training_decay_months)
//   discovery(u) = discovery_max / (1 + (households_per_worker / discovery_half_load)^discovery_shape)
//                  * (1 - training_effect * (1 - training(u)))
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kHouseholdsPerWorker = declare_param(
    {"grid.households_per_worker", ParamType::Real, 500, "households per worker", 50, 5000,
     "Households one full-time grid worker covers; sets the number of grid workers per village/community.",
     "001 §36-37 (专职网格员, 定岗定员); calibration-2020: Pidu 1,460 workers for 1.08 M residents (~300 households)",
     true});
const Param kTrainingCycle = declare_param(
    {"grid.training_cycle_months", ParamType::Integer, 24, "months", 1, 120,
     "Months between training rounds for grid workers (and community workers).",
     "002 §18 (community workers fully trained every 3 years); 001 §10 (village secretaries yearly)", true});
const Param kTrainingDecay = declare_param({"grid.training_decay_months", ParamType::Real, 24, "months", 1, 240,
                                            "e-folding time of the effect of a training round.", "assumption", false});
const Param kDiscoveryMax =
    declare_param({"grid.discovery_max", ParamType::Real, 0.6, "probability per month", 0, 1,
                   "Monthly probability that a fully trained worker with a light load discovers an open issue.",
                   "assumption", false});
const Param kDiscoveryHalfLoad =
    declare_param({"grid.discovery_half_load", ParamType::Real, 600, "households per worker", 10, 10000,
                   "Load at which the discovery probability falls to half its maximum.", "assumption", false});
const Param kDiscoveryShape = declare_param({"grid.discovery_shape", ParamType::Real, 2, "dimensionless", 0.5, 8,
                                             "Steepness of the fall of discovery with load.", "assumption", false});
const Param kTrainingEffect = declare_param(
    {"grid.training_effect", ParamType::Real, 0.4, "share", 0, 1,
     "Share of the discovery probability lost by a worker whose training has fully lapsed.", "assumption", false});

const Param kPay = declare_param(
    {"grid.pay", ParamType::Real, 2500, "yuan per month (2020 prices)", 0, 1e5,
     "Basic pay of a full-time grid worker, in 2020 yuan (grown by township.cost_growth).",
     "001 §60-61 (基本报酬, 正常增长机制); calibration-2020: Pidu >40 M yuan a year for 1,460 workers (~2,300)", true});
const Param kInsurance = declare_param({"grid.insurance_share", ParamType::Real, 0.3, "share of pay", 0, 1,
                                        "Social insurance paid for a grid worker, as a share of pay.",
                                        "001 §60 (支持网格管理员购买基本养老保险和基本医疗保险)", true});
const Param kTurnoverBase = declare_param(
    {"grid.turnover_base", ParamType::Real, 0.015, "share per month", 0, 1,
     "Monthly turnover of grid workers at the reference pay and a load of 500 households.", "assumption", false});
const Param kRefPay = declare_param({"grid.reference_pay", ParamType::Real, 2500, "yuan per month", 1, 1e5,
                                     "Pay at which turnover is at its base rate.", "assumption", false});
const Param kTurnoverPay = declare_param({"grid.turnover_pay_elasticity", ParamType::Real, 1.5, "elasticity", 0, 10,
                                          "How strongly turnover falls with pay.", "assumption", false});
const Param kTurnoverLoad =
    declare_param({"grid.turnover_load_elasticity", ParamType::Real, 0.5, "elasticity", 0, 10,
                   "How strongly turnover rises with households per worker.", "assumption", false});
const Param kVacancy = declare_param({"grid.vacancy_months", ParamType::Real, 3, "months", 0, 24,
                                      "Months a vacated post stays empty.", "assumption", false});

const Indicator kHhPerWorker = headline(declare_indicator(
    {"households_per_grid_worker", "households per worker", "households per grid worker", "每名网格员服务户数",
     "Households divided by grid workers (county: total households / total workers).", "grid"}));
const Indicator kWorkers =
    headline(declare_indicator({"grid_workers", "workers", "grid workers", "网格员人数",
                                "Full-time grid workers in post.", "grid", 1.0, true, IndicatorDecl::Aggregate::Sum}));
const Indicator kTurnover =
    input(declare_indicator({"grid_turnover", "share per month", "grid-worker turnover", "网格员流失率",
                             "Share of grid workers leaving a month (pay against workload).", "grid"}));
const Indicator kGridPay =
    input(declare_indicator({"grid_worker_pay", "yuan per month", "grid-worker pay", "网格员报酬",
                             "Basic monthly pay of a grid worker.", "grid", 1.0, false}));
const Indicator kTraining =
    input(declare_indicator({"grid_training_level", "index 0-1", "grid-worker training level", "网格员培训水平",
                             "exp(-months since training / decay), weighted by workers.", "grid"}));

// State.
const Owned<float> colWorkers = declare_column<float>(
    {"grid_workers", Level::Unit, "workers", "Grid workers at work this month (after turnover).", "grid", Merge::Sum});
const Owned<float> colTraining =
    declare_column<float>({"grid_training", Level::Unit, "0..1",
                           "Training level of the unit's grid workers (decays between rounds).", "grid", Merge::First});
const Owned<uint16_t> colSince =
    declare_column<uint16_t>({"grid_months_since_training", Level::Unit, "months",
                              "Months since the last training round.", "grid", Merge::First});
const Owned<float> colDiscovery = declare_column<float>(
    {"grid_discovery", Level::Unit, "probability per month",
     "Probability that a grid worker discovers an unreported case this month.", "grid", Merge::First});
const Owned<float> colCohort =
    declare_column<float>({"grid_training_cohort", Level::Unit, "0..1",
                           "The unit's place in the staggered training cycle of grid workers (independent of policy).",
                           "grid", Merge::First});
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "grid");
const Reads<float> colFunded = reads<float>(Level::Unit, "grid_workers_funded", "grid");

class GridWorkers : public Mechanism {
 public:
  std::string name() const override { return "grid"; }
  std::string summary() const override {
    return "grid-worker staffing, training and the monthly probability of discovering open issues";
  }
  void init(World& w, const InitContext& ctx) override {
    workers_ = &colWorkers.write(w);
    training_ = &colTraining.write(w);
    cohort_ = &colCohort.write(w);
    since_ = &colSince.write(w);
    const double cycle = ctx.p(kTrainingCycle);
    for (uint32_t i = 0; i < w.units().size(); ++i) {
      RngStream g = ctx.rng(stream_id("grid.init"), w.units().id[i]);
      (*cohort_)[i] = static_cast<float>(g.uniform());
      (*since_)[i] = static_cast<uint16_t>((*cohort_)[i] * cycle);
    }
    discovery_ = &colDiscovery.write(w);
    households_ = &colHouseholds.read(w);
    funded_ = &colFunded.read(w);  // workers the unit's budget pays for this month (-1: no limit)
  }
  void steps(StepList& out) override {
    out.add({"grid.staffing", Scope::Unit,
             "staff each village/community from the households-per-worker lever within the budget; turnover "
             "leaves posts empty; train on the cycle; set the discovery probability",
             [this](const StepContext& c, uint32_t u) {
               const double hpw = c.p(kHouseholdsPerWorker);
               const double hh = (*households_)[u];
               double workers = std::max(1.0, std::round(hh / hpw));
               if ((*funded_)[u] >= 0) workers = std::min<double>(workers, (*funded_)[u]);
               const double pay = c.p(kPay);
               const double load0 = hh / std::max(workers, 1.0);
               const double turnover =
                   std::min(1.0, c.p(kTurnoverBase) * std::pow(c.p(kRefPay) / std::max(pay, 1.0), c.p(kTurnoverPay)) *
                                     std::pow(load0 / 500.0, c.p(kTurnoverLoad)));
               const double posted = workers;
               workers *= 1 - std::min(0.5, turnover * c.p(kVacancy));
               auto& since = (*since_)[u];
               // a training round when the unit's cohort comes up (staggered, not every unit in one month)
               const int cycle = std::max(1, static_cast<int>(c.p(kTrainingCycle)));
               if ((c.step + static_cast<int>((*cohort_)[u] * cycle) % cycle) % cycle == 0) since = 0;
               const double level = std::exp(-since / c.p(kTrainingDecay));
               ++since;
               const double load = workers > 0 ? hh / workers : 1e9;
               const double p = c.p(kDiscoveryMax) /
                                (1 + std::pow(load / c.p(kDiscoveryHalfLoad), c.p(kDiscoveryShape))) *
                                (1 - c.p(kTrainingEffect) * (1 - level));
               (*workers_)[u] = static_cast<float>(workers);
               (*training_)[u] = static_cast<float>(level);
               (*discovery_)[u] = static_cast<float>(p);
               c.record(kHhPerWorker, u, hh, workers);
               c.record(kWorkers, u, workers, 1);
               c.record(kTraining, u, level * workers, workers);
               c.record(kTurnover, u, turnover * posted, posted);
               c.record(kGridPay, u, pay, 1);
             }});
  }

 private:
  std::vector<float>*workers_ = nullptr, *training_ = nullptr, *discovery_ = nullptr, *cohort_ = nullptr;

  std::vector<uint16_t>* since_ = nullptr;
  const std::vector<uint32_t>* households_ = nullptr;
  const std::vector<float>* funded_ = nullptr;
};

REGISTER_MECHANISM(GridWorkers);

}  // namespace
}  // namespace govsim::model
