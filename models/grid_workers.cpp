// Grid workers (网格员): staffing from the households-per-worker lever, training
// cycles, and the monthly probability that a worker discovers an open issue in
// the grid during routine visits (the "five duties" of 001 §37: information,
// disputes, hazards, publicity, proxy services; "网格发现" in 000 §17).
//
//   workers(u)   = max(1, round(households(u) / households_per_worker))
//   training(u)  = exp(-months since last training / training_decay_months)
//   discovery(u) = discovery_max / (1 + (households_per_worker / discovery_half_load)^discovery_shape)
//                  * (1 - training_effect * (1 - training(u)))
#include <cmath>

#include "models/cases.hpp"
#include "sim/mechanism.hpp"

namespace govsim::model {
namespace {

const Param kHouseholdsPerWorker = declare_param({
    "grid.households_per_worker", ParamType::Real, 500, "households per worker", 50, 5000,
    "Households one full-time grid worker covers; sets the number of grid workers per village/community.",
    "001 §36-37 (专职网格员, 定岗定员); calibration-2020: Pidu 1,460 workers for 1.08 M residents (~300 households)",
    true});
const Param kTrainingCycle = declare_param({
    "grid.training_cycle_months", ParamType::Integer, 24, "months", 1, 120,
    "Months between training rounds for grid workers (and community workers).",
    "002 §18 (community workers fully trained every 3 years); 001 §10 (village secretaries yearly)", true});
const Param kTrainingDecay = declare_param({
    "grid.training_decay_months", ParamType::Real, 24, "months", 1, 240,
    "e-folding time of the effect of a training round.", "assumption", false});
const Param kDiscoveryMax = declare_param({
    "grid.discovery_max", ParamType::Real, 0.6, "probability per month", 0, 1,
    "Monthly probability that a fully trained worker with a light load discovers an open issue.", "assumption",
    false});
const Param kDiscoveryHalfLoad = declare_param({
    "grid.discovery_half_load", ParamType::Real, 600, "households per worker", 10, 10000,
    "Load at which the discovery probability falls to half its maximum.", "assumption", false});
const Param kDiscoveryShape = declare_param({
    "grid.discovery_shape", ParamType::Real, 2, "dimensionless", 0.5, 8,
    "Steepness of the fall of discovery with load.", "assumption", false});
const Param kTrainingEffect = declare_param({
    "grid.training_effect", ParamType::Real, 0.4, "share", 0, 1,
    "Share of the discovery probability lost by a worker whose training has fully lapsed.", "assumption", false});

const Indicator kHhPerWorker = declare_indicator({
    "households_per_grid_worker", "households per worker", "households per grid worker", "每名网格员服务户数",
    "Households divided by grid workers (county: total households / total workers).", "grid"});
const Indicator kWorkers = declare_indicator({
    "grid_workers", "workers", "grid workers", "网格员人数", "Full-time grid workers in post.", "grid", 1.0, true,
    IndicatorDecl::Aggregate::Sum});
const Indicator kTraining = declare_indicator({
    "grid_training_level", "index 0-1", "grid-worker training level", "网格员培训水平",
    "exp(-months since training / decay), weighted by workers.", "grid"});

class GridWorkers : public Mechanism {
 public:
  std::string name() const override { return "grid"; }
  std::string summary() const override {
    return "grid-worker staffing, training and the monthly probability of discovering open issues";
  }
  void init(World& w, const InitContext&) override {
    Table& u = w.units();
    workers_ = &u.add<float>("grid_workers", 0.f, Merge::Sum);
    training_ = &u.add<float>("grid_training");
    since_ = &u.add<uint16_t>("grid_months_since_training", 0);
    discovery_ = &u.add<float>("grid_discovery");
    households_ = &u.get<uint32_t>("households");
  }
  void steps(StepList& out) override {
    out.add({"grid.staffing", "levers", Scope::Unit, 0,
             "staff each village/community from the households-per-worker lever; train on the cycle; set the "
             "discovery probability",
             [this](const StepContext& c, uint32_t u) {
               const double hpw = c.p(kHouseholdsPerWorker);
               const double hh = (*households_)[u];
               const double workers = std::max(1.0, std::round(hh / hpw));
               auto& since = (*since_)[u];
               if (c.step == 0 || since >= c.p(kTrainingCycle)) since = 0;  // a training round this month
               const double level = std::exp(-since / c.p(kTrainingDecay));
               ++since;
               const double load = hh / workers;
               const double p = c.p(kDiscoveryMax) / (1 + std::pow(load / c.p(kDiscoveryHalfLoad), c.p(kDiscoveryShape))) *
                                (1 - c.p(kTrainingEffect) * (1 - level));
               (*workers_)[u] = static_cast<float>(workers);
               (*training_)[u] = static_cast<float>(level);
               (*discovery_)[u] = static_cast<float>(p);
               c.record(kHhPerWorker, u, hh, workers);
               c.record(kWorkers, u, workers, 1);
               c.record(kTraining, u, level * workers, workers);
             }});
  }

 private:
  std::vector<float>*workers_ = nullptr, *training_ = nullptr, *discovery_ = nullptr;
  std::vector<uint16_t>* since_ = nullptr;
  std::vector<uint32_t>* households_ = nullptr;
};

REGISTER_MECHANISM(GridWorkers, 10);

}  // namespace
}  // namespace govsim::model
