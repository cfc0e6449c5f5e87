// The calendar of the general elections of village and community committees:
// every term_years from first_election_year, completing in election_month
// (committees.cpp declares the parameters; 004 §21). Shared by the committees'
// succession and by the lever costs of vetting candidates (lever_costs.cpp), so
// that both see the same election months.
#pragma once
#include <algorithm>

#include "govsim/mechanism.hpp"

namespace govsim::model::elections {

// Whether month `month` of `year` completes a general election (pure: unit-tested).
inline bool general(int year, int month, int first_year, int term_years, int election_month) {
  return month == election_month && year >= first_year && (year - first_year) % std::max(1, term_years) == 0;
}

// The parameters, looked up by name once (in a mechanism's init).
struct Calendar {
  Param first, term, month;
  static Calendar named() {
    return {param_named("committee.first_election_year"), param_named("committee.term_years"),
            param_named("committee.election_month")};
  }
  bool now(const StepContext& c) const {
    return general(c.month.year(), c.month.month(), static_cast<int>(c.p(first)), static_cast<int>(c.p(term)),
                   static_cast<int>(c.p(month)));
  }
};

}  // namespace govsim::model::elections
