// Legal advisers of villages and communities and public legal service rooms (004 §26: 加强和规范村(居)法律顾问
// 工作; (3) public legal service stations and rooms in every township and village, 100% built by end-2025; 000 §20:
// 健全村(社区)法律顾问制度). Both are bought by the county justice bureau, each month before the county's departments:
//   advisers  a unit is in the covered set when its fixed draw r(unit) < adviser_coverage (the lever); a covered
//             unit without an adviser signs one with probability 1 - exp(-1 / adviser_months_to_fill) a month, a
//             contract ends with probability adviser_turnover / 12 a month (the lawyer leaves, the contract lapses),
//             or at once when the unit leaves the covered set. The county pays adviser_fee / 12 a month for each
//             adviser under contract; when its balance cannot pay them all, the contracts last in the order
//             (highest r) end and none is signed.
//   rooms     a unit without a public legal service room (公共法律服务室) gets one with probability
//             room_build_rate / 12 a month, paid room_build_cost by the county if its balance allows; every room
//             costs room_upkeep a year (a room is not closed when the upkeep cannot be paid).
// Costs are in 2020 yuan, times the cost index (township.cost_growth).
// Effects (columns the ladder reads; 1 and 0 without this mechanism):
//   legal_resolve_factor = 1 + adviser_resolve where the unit has an adviser: multiplies the committee rung's
//                          resolution of disputes (the adviser gives the people's mediation committee legal opinions)
//   court_diversion      = room_diversion where the unit has a room: the share of its disputes past the county
//                          rung's time limit that legal mediation and aid settle instead of the courts (诉非衔接,
//                          004 §18 item (2))
#include <algorithm>
#include <cmath>

#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"
#include "money/cost_index.hpp"

namespace govsim::model {
namespace {

const Param kCoverage = declare_param(
    {"legal.adviser_coverage", ParamType::Real, 0.9, "share of villages and communities", 0, 1,
     "Share of villages and communities the county justice bureau contracts a legal adviser for "
     "(一村(社区)一法律顾问); "
     "the advisers in post follow by signing and turnover, within the money.",
     "000 §20, 004 §26; assumption (most units had a contracted adviser by 2020: the system existed, 000 §20 asks to "
     "make it sound)",
     true});
const Param kFee = declare_param(
    {"legal.adviser_fee", ParamType::Real, 6000, "yuan per unit per year", 0, 1e6,
     "What the county pays a law firm a year for one village's or community's adviser (visits, opinions, lectures), "
     "in 2020 yuan.",
     "assumption (county contracts of a few thousand to ten thousand yuan a village a year are the usual order)",
     false});
const Param kTurnover = declare_param(
    {"legal.adviser_turnover", ParamType::Real, 0.15, "per year", 0, 1,
     "Share of adviser contracts that end a year (the lawyer leaves the firm or the county, the contract lapses).",
     "assumption (contracts of one to three years, often renewed)", false});
const Param kMonthsToFill =
    declare_param({"legal.adviser_months_to_fill", ParamType::Real, 3, "months", 0.1, 120,
                   "Mean months for the justice bureau to contract a new adviser for a covered unit without one.",
                   "assumption", false});
const Param kAdviserResolve = declare_param(
    {"legal.adviser_resolve", ParamType::Real, 0.15, "share more", 0, 2,
     "Where a unit has an adviser, the committee rung resolves disputes this much more often (x (1 + this)): the "
     "people's mediation committee gets legal opinions and agreements that hold up.",
     "004 §26 item (2) (法律顾问+人民调解员 in the grassroots backbone); assumption", false});
const Param kRoomInitial =
    declare_param({"legal.room_initial_share", ParamType::Real, 0.5, "share of villages and communities", 0, 1,
                   "Share of villages and communities with a public legal service room at the start of the run.",
                   "assumption (004 §26 item (3) asks to speed up building in 2022: about half were built)", false});
const Param kBuildRate = declare_param(
    {"legal.room_build_rate", ParamType::Real, 0.1, "share of the units without a room per year", 0, 12,
     "Share of the villages and communities still without a public legal service room that the county builds one "
     "in a year (paid by the county; a rate of 12 builds nearly all within the year).",
     "004 §26 item (3) (加快...公共法律服务站、室建设); assumption (the 2020 pace)", true});
const Param kBuildCost = declare_param(
    {"legal.room_build_cost", ParamType::Real, 20000, "yuan per room", 0, 1e7,
     "One-off cost of a village's or community's public legal service room (fitting out a room of the service "
     "centre, signs, a terminal for remote consultation), in 2020 yuan.",
     "assumption", false});
const Param kUpkeep =
    declare_param({"legal.room_upkeep", ParamType::Real, 2000, "yuan per room per year", 0, 1e6,
                   "Running cost of a room (materials, the terminal's line, duty allowances).", "assumption", false});
const Param kDiversion = declare_param(
    {"legal.room_diversion", ParamType::Real, 0.3, "share of disputes past the county limit", 0, 1,
     "Where a unit has a public legal service room, this share of its disputes past the county rung's time limit "
     "is settled by legal mediation and aid instead of going to court (诉非衔接).",
     "004 §18 item (2), §26 item (3); assumption", false});

const Indicator kAdvisers = declare_indicator(
    {"legal_adviser_coverage", "share", "villages and communities with a legal adviser", "村(社区)法律顾问覆盖率",
     "Villages and communities with a legal adviser under contract at the end of the month / all (an outcome of "
     "signing, turnover and the money; legal.adviser_coverage asks for it).",
     "legal"});
const Indicator kRooms = declare_indicator(
    {"legal_rooms_coverage", "share", "public legal service rooms built", "村(社区)公共法律服务室建成率",
     "Villages and communities with a public legal service room built / all (rooms built from the county's funds; "
     "target 100% by end-2025, 004 §26 item (3)).",
     "legal"});
const Indicator kCost = declare_indicator(
    {"legal_cost_per_resident", "yuan per resident per year", "public legal services (advisers, rooms)",
     "公共法律服务支出(人均)",
     "What the county paid this month for advisers' fees, rooms built and their upkeep, per resident, x12.", "legal",
     12.0});

const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "legal");
const Owned<uint8_t> colAdviser = declare_column<uint8_t>(
    {"legal_adviser", Level::Unit, "0/1", "The unit has a legal adviser under contract.", "legal", Merge::Max});
const Owned<uint8_t> colRoom = declare_column<uint8_t>(
    {"legal_room", Level::Unit, "0/1", "The unit has a public legal service room.", "legal", Merge::Max});
const Owned<float> colResolve = declare_column<float>(
    {"legal_resolve_factor", Level::Unit, "multiplier",
     "Multiplier of the committee rung's dispute resolution from the unit's legal adviser; read by the ladder.",
     "legal", Merge::Max},
    1.0f);
const Owned<float> colDiversion = declare_column<float>(
    {"court_diversion", Level::Unit, "share",
     "Share of the unit's disputes past the county rung's limit settled by legal mediation instead of court; read "
     "by the ladder.",
     "legal", Merge::Max},
    0.0f);

const ledger::Flow kFlowAdvisers =
    ledger::declare_flow("legal_advisers", "county justice bureau: legal advisers' fees for villages and communities");
const ledger::Flow kFlowRooms =
    ledger::declare_flow("legal_rooms", "county justice bureau: public legal service rooms built and kept");

// A unit's fixed place in the county's order (the same in every month and scenario).
double rank(uint32_t seed, uint32_t replicate, uint32_t id) {
  return RngStream(seed, replicate, 0x1E6A1u, 0, id).uniform();
}

class Legal : public Mechanism {
 public:
  std::string name() const override { return "legal"; }
  std::string summary() const override {
    return "legal advisers of villages and communities and public legal service rooms, bought by the county; "
           "advisers raise committee dispute resolution, rooms divert disputes from court";
  }
  void init(World& w, const InitContext& c) override {
    residents_ = &colResidents.read(w);
    adviser_ = &colAdviser.write(w);
    room_ = &colRoom.write(w);
    resolve_ = &colResolve.write(w);
    diversion_ = &colDiversion.write(w);
    const Table& units = w.units();
    for (uint32_t u = 0; u < units.size(); ++u) {
      (*adviser_)[u] = rank(c.seed, c.replicate, units.id[u]) < c.p(kCoverage);
      (*room_)[u] = c.rng(0x1E6A2u, units.id[u]).uniform() < c.p(kRoomInitial);
    }
    cost_growth_ = param_named("township.cost_growth");
  }
  void steps(StepList& out) override {
    out.add({"legal.county", Scope::County,
             "the county justice bureau contracts and pays legal advisers and builds and keeps public legal service "
             "rooms (before its departments)",
             [this](const StepContext& c, uint32_t k) { county(c, k); }});
  }

 private:
  void county(const StepContext& c, uint32_t k) {
    World& w = c.world;
    const auto [lo, hi] = w.range(Level::County, k, Level::Unit);
    if (lo >= hi) return;
    const double index = cost_index(c, cost_growth_);
    const Money spent = advisers(c, k, lo, hi, index) + rooms(c, k, lo, hi, index);
    double pop = 0;
    for (uint32_t u = lo; u < hi; ++u) {
      pop += (*residents_)[u];
      c.record(kAdvisers, u, (*adviser_)[u], 1);
      c.record(kRooms, u, (*room_)[u], 1);
      (*resolve_)[u] = static_cast<float>((*adviser_)[u] ? 1 + c.p(kAdviserResolve) : 1.0);
      (*diversion_)[u] = static_cast<float>((*room_)[u] ? c.p(kDiversion) : 0.0);
    }
    c.record(kCost, lo, yuan(spent), pop);
  }

  // Contracts end and are signed; the county pays those it can. Returns what it paid.
  Money advisers(const StepContext& c, uint32_t k, uint32_t lo, uint32_t hi, double index) {
    World& w = c.world;
    const double coverage = c.p(kCoverage), leave = c.p(kTurnover) / 12, sign = 1 - std::exp(-1 / c.p(kMonthsToFill));
    const Money fee = fen(c.p(kFee) / 12 * index);
    const Money balance = std::max<Money>(0, ledger::balance(w, Level::County, k));
    const uint64_t affordable = fee > 0 ? static_cast<uint64_t>(balance / fee) : UINT64_MAX;
    std::vector<std::pair<double, uint32_t>> order;  // the county's units by rank
    for (uint32_t u = lo; u < hi; ++u) order.emplace_back(rank(c.seed, c.replicate, w.units().id[u]), u);
    std::sort(order.begin(), order.end());
    uint64_t held = 0;
    for (const auto& [r, u] : order) {
      uint8_t& a = (*adviser_)[u];
      RngStream g = c.rng(w.units().id[u]);
      const double x = g.uniform();
      if (r >= coverage)
        a = 0;
      else if (a)
        a = x >= leave;
      else
        a = x < sign;
      if (a && held >= affordable) a = 0;  // the money runs out: the contracts last in the order end
      held += a;
    }
    const Money paid = static_cast<Money>(held) * fee;
    ledger::pay(w, Level::County, k, paid, kFlowAdvisers);
    return paid;
  }

  // Rooms built within the money, and their upkeep. Returns what the county paid.
  Money rooms(const StepContext& c, uint32_t k, uint32_t lo, uint32_t hi, double index) {
    World& w = c.world;
    const double build = c.p(kBuildRate) / 12;
    const Money cost = fen(c.p(kBuildCost) * index), upkeep = fen(c.p(kUpkeep) / 12 * index);
    Money paid = 0;
    double rooms = 0;
    for (uint32_t u = lo; u < hi; ++u) {
      uint8_t& r = (*room_)[u];
      if (!r && c.rng(w.units().id[u], 1).uniform() < build && ledger::balance(w, Level::County, k) - paid >= cost)
        r = 1, paid += cost;
      rooms += r;
    }
    paid += std::min(fen(rooms * yuan(upkeep)), std::max<Money>(0, ledger::balance(w, Level::County, k) - paid));
    ledger::pay(w, Level::County, k, paid, kFlowRooms);
    return paid;
  }

  const std::vector<uint32_t>* residents_ = nullptr;
  std::vector<uint8_t>*adviser_ = nullptr, *room_ = nullptr;
  std::vector<float>*resolve_ = nullptr, *diversion_ = nullptr;
  Param cost_growth_;
};

REGISTER_MECHANISM(Legal);

}  // namespace
}  // namespace govsim::model
