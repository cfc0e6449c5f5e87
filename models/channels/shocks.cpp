// Emergencies (model brief §3 step 5): earthquakes, floods and epidemics, either
// scheduled by the scenario or drawn at random, and the preparedness that sets
// their harm and the surge of cases (003 ch.3(4) and 004 §17: a unified
// emergency team, stockpiles of relief supplies, a comprehensive drill every
// year; 000 §20).
//
// Scheduled shocks: the lever shocks.<type> is the severity (0-1) of a shock of
// that type; a shock strikes every county of the region in each month where the
// schedule steps up to a positive value (e.g. earthquake = { "2027-05" = 1 }).
// Random shocks: each county draws a shock of each type with probability
// <type>_rate / 12 a month, with severity uniform in [0.3, 0.8].
// A shock hits each township of the county with probability <type>_reach
// (a fixed draw per township and shock). In a hit township:
//   preparedness P = 0.3 drill readiness + 0.3 stockpile + 0.4 team * (0.5 + 0.5 drill readiness)
//   where each is what the township has done, not the lever:
//    drills: a township holds one in a month with probability drills_per_year / 12;
//            readiness = exp(-months since the last drill / drill_decay_months);
//    stockpile: a township the programme covers (a fixed draw per township against
//            stockpile_coverage) sets one up with probability 1 / build_months a month;
//            a shock that hits the township uses it up, and it is restocked the same way;
//    team:   formed likewise against team_coverage; it disbands when coverage no
//            longer reaches the township (the money stops);
//   every township starts with what the 2019 levels sustain.
//   harm:  each resident is harmed (injured, displaced, severely ill) with
//          probability severity * <type>_harm * (1 - preparedness_effect * P)
//   surge: for <type>_months months, each resident raises extra service requests
//          (relief, care) and safety hazards (damaged buildings, slopes) at
//          severity * <type>_surge * (1 - preparedness_effect * P) * (remaining
//          share of the surge period), on top of the everyday rates; an epidemic
//          raises service requests only.
// Draws are thinned at the unprepared rate, so residents and cases line up across
// preparedness levels (common random numbers).
#include <algorithm>
#include <array>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

constexpr int kTypes = 3;  // earthquake, flood, epidemic

Param lever(const char* type, const char* zh) {
  return declare_param({std::string("shocks.") + type, ParamType::Real, 0.0, "severity 0-1", 0, 1,
                        std::string("Severity of a scheduled ") + type + " (" + zh +
                            "): strikes in each month where the schedule steps up to a positive value.",
                        "model brief §6 (a major earthquake in 2027); 003 ch.3(4), 004 §17", true});
}
const Param kSchedule[kTypes] = {lever("earthquake", "地震"), lever("flood", "洪涝"), lever("epidemic", "疫情")};

Param per_type(const char* type, const char* what, double def, const char* unit, double lo, double hi,
               const std::string& desc, const char* source) {
  return declare_param(
      {std::string("shocks.") + type + "_" + what, ParamType::Real, def, unit, lo, hi, desc, source, false});
}
const Param kRate[kTypes] = {
    per_type("earthquake", "rate", 0.01, "per county per year", 0, 12,
             "Yearly probability of a random damaging earthquake in a county.",
             "assumption (Sichuan: damaging earthquakes 2008, 2013, 2017, 2022 across 183 counties)"),
    per_type("flood", "rate", 0.05, "per county per year", 0, 12,
             "Yearly probability of a random damaging flood in a county.", "assumption"),
    per_type("epidemic", "rate", 0.0, "per county per year", 0, 12,
             "Yearly probability of a random local epidemic outbreak in a county.", "assumption (0: scheduled only)")};
const Param kReach[kTypes] = {per_type("earthquake", "reach", 0.4, "share of townships", 0, 1,
                                       "Share of a county's townships an earthquake hits.", "assumption"),
                              per_type("flood", "reach", 0.25, "share of townships", 0, 1,
                                       "Share of a county's townships a flood hits.", "assumption"),
                              per_type("epidemic", "reach", 1.0, "share of townships", 0, 1,
                                       "Share of a county's townships an epidemic hits.", "assumption")};
const Param kHarm[kTypes] = {
    per_type(
        "earthquake", "harm", 0.02, "per resident at severity 1", 0, 1,
        "Share of residents of a hit township harmed (injured, displaced) by an unmitigated earthquake of severity 1.",
        "assumption"),
    per_type("flood", "harm", 0.01, "per resident at severity 1", 0, 1,
             "Share of residents of a hit township harmed (displaced, injured) by an unmitigated flood of severity 1.",
             "assumption"),
    per_type("epidemic", "harm", 0.005, "per resident at severity 1", 0, 1,
             "Share of residents severely ill in an unmitigated epidemic of severity 1.", "assumption")};
const Param kSurge[kTypes] = {
    per_type("earthquake", "surge", 0.04, "cases per resident per month at severity 1", 0, 1,
             "Extra cases per resident in the first month after an earthquake of severity 1 (service requests and "
             "hazards, 2:1).",
             "assumption"),
    per_type(
        "flood", "surge", 0.03, "cases per resident per month at severity 1", 0, 1,
        "Extra cases per resident in the first month after a flood of severity 1 (service requests and hazards, 2:1).",
        "assumption"),
    per_type("epidemic", "surge", 0.03, "cases per resident per month at severity 1", 0, 1,
             "Extra service requests per resident in the first month of an epidemic of severity 1 (care, supplies, "
             "certificates).",
             "assumption")};
const Param kMonths[kTypes] = {
    per_type("earthquake", "months", 6, "months", 1, 36, "Months the surge of cases after an earthquake lasts.",
             "assumption"),
    per_type("flood", "months", 3, "months", 1, 36, "Months the surge of cases after a flood lasts.", "assumption"),
    per_type("epidemic", "months", 4, "months", 1, 36, "Months the surge of cases of an epidemic lasts.",
             "assumption")};

const Param kDrills =
    declare_param({"shocks.drills_per_year", ParamType::Real, 0.5, "drills per year", 0, 12,
                   "Comprehensive emergency drills a township holds a year (counts up to 1 in preparedness).",
                   "003 ch.3(4), 004 §17 (每年组织开展综合应急演练: 1); 2019 level an assumption", true});
const Param kStockpile =
    declare_param({"shocks.stockpile_coverage", ParamType::Real, 0.3, "share of townships", 0, 1,
                   "Share of townships with a standard stockpile of relief supplies (物资储备点).",
                   "004 §17(3) (every township a stockpile point); 2019 level an assumption", true});
const Param kTeam = declare_param({"shocks.team_coverage", ParamType::Real, 0.3, "share of townships", 0, 1,
                                   "Share of townships with a unified emergency team and village sub-teams (应急队伍).",
                                   "003 ch.3(4), 004 §17(2); 2019 level an assumption", true});
const Param kDrillDecay =
    declare_param({"shocks.drill_decay_months", ParamType::Real, 12, "months", 1, 240,
                   "e-folding time of the readiness a drill leaves (people, plans, contacts).", "assumption", false});
const Param kBuildMonths = declare_param(
    {"shocks.build_months", ParamType::Real, 6, "months", 1, 120,
     "Mean months a covered township takes to set up a stockpile point or an emergency team (or restock).",
     "assumption", false});
const Param kPrepEffect = declare_param(
    {"shocks.preparedness_effect", ParamType::Real, 0.6, "share of harm avoided at full preparedness", 0, 1,
     "Share of harm and of the surge of cases avoided by a fully prepared township.", "assumption", false});

const Indicator kHarmed = declare_indicator(
    {"shock_harmed_per_10k", "per 10,000 residents", "residents harmed by emergencies", "灾害受影响人口(每万人)",
     "Residents harmed (injured, displaced, severely ill) by a shock this month per 10,000 residents.", "shocks",
     10000.0});
const Indicator kShockCases =
    declare_indicator({"shock_cases", "cases", "cases raised by emergencies", "突发事件引发事项数",
                       "Extra service requests and hazards raised this month by a shock's surge.", "shocks", 1.0, true,
                       IndicatorDecl::Aggregate::Sum});
const Indicator kPreparedness = declare_indicator(
    {"emergency_preparedness", "index 0-1", "emergency preparedness", "应急准备水平",
     "Preparedness of the resident's township from the drills it held, the stockpile it has and the team it formed, "
     "weighted by residents.",
     "shocks"});
const Indicator kShocks = input(declare_indicator({"shocks_struck", "shocks", "emergencies striking", "突发事件次数",
                                                   "Shocks (any type) striking a county this month.", "shocks", 1.0,
                                                   false, IndicatorDecl::Aggregate::Sum}));

// State: the township's current emergency (merged townships keep the worst).
const Writes<CaseBook> colCases = writes<CaseBook>(Level::Unit, "cases", "shocks");
const Writes<uint32_t> colCounter = writes<uint32_t>(Level::Unit, "case_counter", "shocks");
const Owned<float> colSeverity =
    declare_column<float>({"shock_severity", Level::Township, "multiplier",
                           "Severity of the township's current emergency (0: none).", "shocks", Merge::Max});
const Owned<uint8_t> colType =
    declare_column<uint8_t>({"shock_type", Level::Township, "code", "Type of the township's current or last emergency.",
                             "shocks", Merge::First});
const Owned<uint8_t> colLeft =
    declare_column<uint8_t>({"shock_months_left", Level::Township, "months",
                             "Months the current emergency still lasts.", "shocks", Merge::Max});
const Owned<uint8_t> colLength = declare_column<uint8_t>(
    {"shock_months", Level::Township, "months", "Length of the current emergency.", "shocks", Merge::Max});
const Owned<uint16_t> colSinceDrill =
    declare_column<uint16_t>({"months_since_drill", Level::Township, "months",
                              "Months since the township's last comprehensive emergency drill.", "shocks", Merge::Min});
const Owned<uint8_t> colStock = declare_column<uint8_t>(
    {"stockpile", Level::Township, "0/1", "The township has a stocked relief-supply point.", "shocks", Merge::Max});
const Owned<uint8_t> colTeam = declare_column<uint8_t>(
    {"emergency_team", Level::Township, "0/1", "The township has a unified emergency team.", "shocks", Merge::Max});
const Owned<float> colPrep =
    declare_column<float>({"preparedness", Level::Township, "0..1",
                           "Emergency preparedness: drills, stockpiles and response teams.", "shocks", Merge::Max});

class Shocks : public Mechanism {
 public:
  std::string name() const override { return "shocks"; }
  std::string summary() const override {
    return "earthquakes, floods and epidemics (scheduled or random) harm residents and raise a surge of cases; "
           "preparedness mitigates";
  }
  void init(World& w, const InitContext& ctx) override {
    cases_ = &colCases.write(w);
    counter_ = &colCounter.write(w);
    severity_ = &colSeverity.write(w);
    type_ = &colType.write(w);
    left_ = &colLeft.write(w);
    length_ = &colLength.write(w);
    prep_ = &colPrep.write(w);
    since_drill_ = &colSinceDrill.write(w);
    stock_ = &colStock.write(w);
    team_ = &colTeam.write(w);
    last_.assign(w.county().size(), {});  // schedules start from "no shock"
    // what the 2019 levels sustain: drills at their rate, stockpiles and teams where covered
    const Table& t = w.at(Level::Township);
    const double rate = std::max(1e-3, ctx.p(kDrills) / 12.0);
    for (uint32_t i = 0; i < t.size(); ++i) {
      RngStream g = ctx.rng(stream_id("shocks.init"), t.id[i]);
      const uint64_t since = g.geometric(rate);  // never drilled when there are no drills
      (*since_drill_)[i] = ctx.p(kDrills) > 0 ? static_cast<uint16_t>(std::min<uint64_t>(600, since)) : 60000;
      (*stock_)[i] = fixed_draw(ctx.seed, ctx.replicate, t.id[i], 1) < ctx.p(kStockpile);
      (*team_)[i] = fixed_draw(ctx.seed, ctx.replicate, t.id[i], 2) < ctx.p(kTeam);
    }
  }
  void steps(StepList& out) override {
    out.add({"shocks.strike", Scope::County,
             "scheduled and random shocks strike a county's townships; preparedness is set; surges age",
             [this](const StepContext& c, uint32_t k) { strike(c, k); }});
    out.add({"shocks.surge", Scope::Unit,
             "in hit townships, residents are harmed and raise the surge of relief requests and hazards",
             [this](const StepContext& c, uint32_t u) { surge(c, u); }});
  }

 private:
  // A fixed draw per township (not per month): which townships have a stockpile,
  // a team, or lie in a shock's path.
  static double fixed_draw(uint64_t seed, uint32_t replicate, uint64_t entity, uint32_t what) {
    return RngStream(seed, replicate, stream_id("shocks.fixed") ^ what, 0xFFFF, entity).uniform();
  }
  static double fixed_draw(const StepContext& c, uint64_t entity, uint32_t what) {
    return fixed_draw(c.seed, c.replicate, entity, what);
  }

  // What the township did this month: a drill, setting up or restocking supplies, forming a team.
  void prepare(const StepContext& c, uint32_t tw, uint64_t tid) {
    RngStream g = c.rng(tid, 20);
    const double drill = g.uniform(), build_stock = g.uniform(), build_team = g.uniform();
    auto& since = (*since_drill_)[tw];
    if (drill < std::min(1.0, c.p(kDrills) / 12.0))
      since = 0;
    else if (since < 60000)
      ++since;
    const double build = 1.0 / c.p(kBuildMonths);
    const bool stock_covered = fixed_draw(c, tid, 1) < c.p(kStockpile);
    const bool team_covered = fixed_draw(c, tid, 2) < c.p(kTeam);
    if (!(*stock_)[tw] && stock_covered && build_stock < build) (*stock_)[tw] = 1;
    if (!team_covered)
      (*team_)[tw] = 0;
    else if (!(*team_)[tw] && build_team < build)
      (*team_)[tw] = 1;
    const double ready = std::exp(-since / c.p(kDrillDecay));
    (*prep_)[tw] = static_cast<float>(0.3 * ready + 0.3 * (*stock_)[tw] + 0.4 * (*team_)[tw] * (0.5 + 0.5 * ready));
  }

  void strike(const StepContext& c, uint32_t county) {
    const World& w = c.world;
    // which shocks strike this month (scheduled rise or random draw)
    std::array<double, kTypes> sev{};
    RngStream g = c.rng(w.at(Level::County).id[county]);
    int struck = 0;
    for (int t = 0; t < kTypes; ++t) {
      const double a = g.uniform(), b = g.uniform();
      if (c.spinup) continue;  // no shocks while the model settles
      const double now = c.p(kSchedule[t]);
      if (now > 0 && now > last_[county][t]) sev[t] = now;
      last_[county][t] = now;
      if (a < c.p(kRate[t]) / 12.0) sev[t] = std::max(sev[t], 0.3 + 0.5 * b);
      struck += sev[t] > 0;
    }
    const auto [t_lo, t_hi] = w.range(Level::County, county, Level::Township);
    std::vector<uint32_t> stock_used;
    for (uint32_t tw = t_lo; tw < t_hi; ++tw) {
      const uint64_t tid = w.at(Level::Township).id[tw];
      prepare(c, tw, tid);
      if ((*left_)[tw] > 0) --(*left_)[tw];
      for (int t = 0; t < kTypes; ++t) {
        if (sev[t] <= 0) continue;
        // the path of this shock: a draw per township and month of the strike
        RngStream p = c.rng(tid, 10 + static_cast<uint32_t>(t));
        if (p.uniform() >= c.p(kReach[t])) continue;
        // a township already in a surge keeps it unless the new shock is stronger than what is left of it
        if ((*left_)[tw] > 0 && sev[t] <= (*severity_)[tw] * (*left_)[tw] / std::max<double>(1, (*length_)[tw]))
          continue;
        (*severity_)[tw] = static_cast<float>(sev[t]);
        (*type_)[tw] = static_cast<uint8_t>(t);
        (*length_)[tw] = (*left_)[tw] = static_cast<uint8_t>(std::lround(c.p(kMonths[t])));
        stock_used.push_back(tw);  // the supplies go out (preparedness for this strike was set above)
      }
    }
    for (uint32_t tw : stock_used) (*stock_)[tw] = 0;
    // county-level count, recorded on the county's first unit
    const auto [u_lo, u_hi] = w.range(Level::County, county, Level::Unit);
    if (u_lo < u_hi) c.record(kShocks, u_lo, struck, 1);
  }

  void surge(const StepContext& c, uint32_t u) {
    const World& w = c.world;
    const uint32_t tw = w.units().parent[u];
    const auto [lo, hi] = w.range(Level::Unit, u, Level::Resident);
    const double prep = (*prep_)[tw];
    c.record(kPreparedness, u, prep * (hi - lo), hi - lo);
    const int left = (*left_)[tw], length = (*length_)[tw];
    double harmed = 0, raised = 0;
    if (left > 0 && length > 0) {
      const int t = (*type_)[tw];
      const double sev = (*severity_)[tw], keep = 1.0 - c.p(kPrepEffect) * prep;
      const uint32_t uid = w.units().id[u];
      // harm in the month of the strike (the surge has its full length left)
      if (left == length) {
        const double pmax = std::min(1.0, sev * c.p(kHarm[t]));
        if (pmax > 0) {
          RngStream g = c.rng(uid, 1);
          for (uint64_t i = lo + g.geometric(pmax); i < hi; i += 1 + g.geometric(pmax)) harmed += g.uniform() < keep;
        }
      }
      const double pmax = std::min(1.0, sev * c.p(kSurge[t]) * left / length);
      if (pmax > 0) {
        RngStream g = c.rng(uid, 2);
        CaseBook& book = (*cases_)[u];
        uint32_t& seq = (*counter_)[u];
        for (uint64_t i = lo + g.geometric(pmax); i < hi; i += 1 + g.geometric(pmax)) {
          const double a = g.uniform(), b = g.uniform();
          if (a >= keep) continue;
          const IssueType type = (t == 2 || b < 2.0 / 3.0) ? IssueType::Service : IssueType::Hazard;
          book.push_back(Case{case_id(uid, seq++), static_cast<uint32_t>(i), static_cast<uint16_t>(c.step), 0xFFFF,
                              type, CaseState::Unreported, 0, 0});
          raised += 1;
        }
      }
    }
    c.record(kHarmed, u, harmed, hi - lo);
    c.record(kShockCases, u, raised, 1);
  }

  std::vector<CaseBook>* cases_ = nullptr;
  std::vector<uint32_t>* counter_ = nullptr;
  std::vector<float>*severity_ = nullptr, *prep_ = nullptr;
  std::vector<uint8_t>*type_ = nullptr, *left_ = nullptr, *length_ = nullptr;
  std::vector<std::array<double, kTypes>> last_;
  std::vector<uint16_t>* since_drill_ = nullptr;
  std::vector<uint8_t>*stock_ = nullptr, *team_ = nullptr;
};

REGISTER_MECHANISM(Shocks);

}  // namespace
}  // namespace govsim::model
