// What the levers without a budget line of their own cost (issue 16: every lever
// costs money, in the ledger). The county's items are paid by the costs mechanism
// before the county's departments are paid; the township's own programmes are a
// need in the township's third funding tier (township_finance.cpp), cut pro rata
// with the units' funds when it is short; the units' items are paid out of their
// accounts after their funds are spent. docs/model.md "Lever costs".
#pragma once
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"

namespace govsim::model::lever_costs {

// The township's programmes this month, in yuan: its unified emergency team (where
// it has one), its comprehensive drills (expected: drills_per_year / 12 a month) and
// the offline counters of its villages and communities (offline_retention of them).
struct TownshipProgrammes {
  double teams = 0, drills = 0, counters = 0;
  double total() const { return teams + drills + counters; }
};
TownshipProgrammes township_programmes(const StepContext& c, uint32_t t, double index);
// Pays `paid` (at most the programmes' total) out of township t's account and records
// what each programme got (cut pro rata by paid / total) against `pop` residents.
void pay_township_programmes(const StepContext& c, uint32_t t, const TownshipProgrammes& p, Money paid, double pop);

}  // namespace govsim::model::lever_costs
