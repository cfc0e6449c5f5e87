// The ledger: every yuan sits on an account. The county, each township and each
// village/community has one account; money enters from outside (revenue,
// transfers from above, collective income) and leaves to outside (pay, purchases,
// leakage) or moves between accounts. Amounts are integer fen (0.01 yuan), so
// sums are exact and independent of the order (and thread) they are taken in.
//
// Each month the engine snapshots every balance first and checks at the end that,
// for every account,  balance(end) - balance(start) == inflows - outflows,
// and for every level the same in total; a failure is an error naming the account.
// Moves are plain functions on the World; as everywhere, a step for one unit may
// touch only that unit's account, a step for a township its own and its units'.
#pragma once
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "govsim/calendar.hpp"
#include "govsim/world.hpp"

namespace govsim {

using Money = int64_t;  // fen
inline Money fen(double yuan) { return static_cast<Money>(std::llround(yuan * 100.0)); }
inline double yuan(Money m) { return static_cast<double>(m) / 100.0; }

class LedgerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace ledger {

// A flow: what a move of money is for (revenue, a transfer, grid workers' pay ...),
// declared once by name at static initialisation, like parameters. Every account
// keeps run totals of what it received and paid by flow (columns ledger_flow_in_<name>,
// ledger_flow_out_<name>; they add up when entities merge), so a run can be audited by
// purpose: for every level, the change of its balances equals what it received by
// every flow minus what it paid by every flow (flows_by_level; tested for every
// shipped scenario). Moves without a flow are counted under "untagged".
struct Flow {
  uint16_t id = 0;
};
struct FlowInfo {
  std::string name, description;
};
Flow declare_flow(const std::string& name, const std::string& description);
const std::vector<FlowInfo>& flows();
// Run totals at level l over all its accounts of flow f: received (in) or paid (out).
Money flow_total(const World& w, Level l, Flow f, bool in);

// Adds the account columns (balance, start-of-month balance, month's inflow and
// outflow) to the county, township and unit tables; they add up when entities merge.
void open(World& w);
bool is_open(const World& w);
void begin_month(World& w);
// Throws LedgerError naming the first account that does not balance.
void check(const World& w, Month m);

Money balance(const World& w, Level l, uint32_t i);
Money inflow(const World& w, Level l, uint32_t i);   // this month so far
Money outflow(const World& w, Level l, uint32_t i);  // this month so far

void receive(World& w, Level l, uint32_t i, Money amount, Flow f = Flow{});  // from outside
void pay(World& w, Level l, uint32_t i, Money amount, Flow f = Flow{});      // to outside
void transfer(World& w, Level from, uint32_t i, Level to, uint32_t j, Money amount, Flow f = Flow{});

// The region's own account, above the counties: a province's government for a run of
// the province, and the run's share of it for a city or a county (what the province
// moves for the counties in the run). One account with the same bookkeeping: run
// totals by flow, checked every month. Moves on it are made from Region-scope steps
// only (one thread).
Money region_balance(const World& w);
Money region_inflow(const World& w);   // this month so far
Money region_outflow(const World& w);  // this month so far
Money region_flow_total(const World& w, Flow f, bool in);
void region_receive(World& w, Money amount, Flow f = Flow{});  // from outside (e.g. central transfers)
void region_pay(World& w, Money amount, Flow f = Flow{});      // to outside
void region_transfer(World& w, Level to, uint32_t j, Money amount, Flow f = Flow{});  // down to an account

}  // namespace ledger
}  // namespace govsim
