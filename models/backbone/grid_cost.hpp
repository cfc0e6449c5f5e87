// The monthly cost of one grid-worker post (models/backbone/grid_workers.cpp declares
// the parameters): a share part_time_share of the posts is held by part-time
// workers (兼职网格员) paid part_time_pay_share of a full-time worker's pay and
// insurance (001 §36-37, §60-61). Shared by the township's grid need
// (township_finance.cpp) and the posts a village's grid money pays for
// (village_finance.cpp), so that both count posts the same way.
//
//   cost per post = pay * (1 + insurance_share) * (1 - part_time_share + part_time_share * part_time_pay_share)
//
// (in 2020 yuan; the callers multiply by the cost index).
#pragma once
#include "govsim/mechanism.hpp"

namespace govsim::model::grid_cost {

// Cost of one post for a given mix (pure: unit-tested).
inline double per_post(double pay, double insurance, double part_time_share, double part_time_pay_share) {
  return pay * (1 + insurance) * (1 - part_time_share + part_time_share * part_time_pay_share);
}

// The parameters, looked up by name once (in a mechanism's init).
struct Params {
  Param pay, insurance, part_time_share, part_time_pay_share;
  static Params named() {
    return {param_named("grid.pay"), param_named("grid.insurance_share"), param_named("grid.part_time_share"),
            param_named("grid.part_time_pay_share")};
  }
  // Cost of one post this month, in 2020 yuan.
  double per_post(const StepContext& c) const {
    return grid_cost::per_post(c.p(pay), c.p(insurance), c.p(part_time_share), c.p(part_time_pay_share));
  }
  // Cost of the workers in post this month (full-time and part-time, the part-timers at their pay share), 2020 yuan.
  double workers(const StepContext& c, double full_time, double part_time) const {
    return c.p(pay) * (1 + c.p(insurance)) * (full_time + part_time * c.p(part_time_pay_share));
  }
};

}  // namespace govsim::model::grid_cost
