// A township's economic level: a town 1, streets and rural townships at
// budget.economic_level_street / budget.economic_level_township (budget.cpp
// declares them). Shared by the county's transfer formula (its economy factor,
// budget.cpp) and the township's own revenue (township_finance.cpp), so that both
// rank townships the same way.
#pragma once
#include <string>

#include "govsim/mechanism.hpp"

namespace govsim::model::economy {

struct Levels {
  Param street, township;
  static Levels named() {
    return {param_named("budget.economic_level_street"), param_named("budget.economic_level_township")};
  }
  // The level of a township of `kind` ("street", "town", "township") this month.
  double of(const StepContext& c, const std::string& kind) const {
    return kind == "street" ? c.p(street) : kind == "township" ? c.p(township) : 1.0;
  }
};

}  // namespace govsim::model::economy
