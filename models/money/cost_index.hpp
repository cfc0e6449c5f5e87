// Wages and prices relative to 2020: costs declared in 2020 yuan are multiplied by
//   index = (1 + township.cost_growth)^(months since January 2020 / 12)
// (no deflation before 2020: spin-up months use 2020 prices). One definition for
// every mechanism that pays in 2020 yuan (township and village finance,
// participation, lever costs).
#pragma once
#include <algorithm>
#include <cmath>

#include "govsim/mechanism.hpp"

namespace govsim::model {

inline double cost_index(const StepContext& c, Param cost_growth) {
  return std::pow(1 + c.p(cost_growth), std::max(0, c.month.index - Month::of(2020, 1).index) / 12.0);
}

}  // namespace govsim::model
