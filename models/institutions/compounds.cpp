// Urban compounds (小区) under urban and town communities: owners' committee
// (业主委员会), property-management firm (物业服务企业) and party linkage
// (小区党组织 + 业主委员会 + 物业服务企业 三方联动, 000 §12, 001 §25-26, 002 §15).
// Old compounds with no management (三无小区) may set up self-governance
// committees (自治管理委员会, 001 §42).
//
// Each month each compound may gain an owners' committee (firm-managed compounds,
// owners_committee_push), party linkage (linkage_push) and, for unmanaged ones,
// self-governance (self_governance_push). Property-management disputes arise per
// household at
//   dispute_rate * (unmanaged_factor if no firm and no self-governance)
//                * (1 - owners_committee_effect if an owners' committee or self-governance)
// and go up the ladder as disputes; the committee and grid settle them more often
// where compounds are linked:
//   property_resolve_factor(unit) = 1 + linkage_effect * (share of compound households linked)
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kHouseholdsPerCompound =
    declare_param({"compounds.households_per_compound", ParamType::Real, 400, "households", 20, 5000,
                   "Mean households in a compound (urban and town communities).", "assumption", false});
const Param kFirmUrban = declare_param(
    {"compounds.firm_share_urban", ParamType::Real, 0.75, "share of compounds", 0, 1,
     "Share of urban-community compounds managed by a property firm at the start (the rest: 三无 old compounds).",
     "assumption", false});
const Param kFirmTown =
    declare_param({"compounds.firm_share_town", ParamType::Real, 0.4, "share of compounds", 0, 1,
                   "Share of town-community compounds managed by a property firm at the start.", "assumption", false});
const Param kOcShare =
    declare_param({"compounds.initial_owners_committee_share", ParamType::Real, 0.25, "share of managed compounds", 0,
                   1, "Share of firm-managed compounds with an owners' committee at the start.", "assumption", false});
const Param kLinkShare =
    declare_param({"compounds.initial_linkage_share", ParamType::Real, 0.15, "share of compounds", 0, 1,
                   "Share of compounds with a party organisation linked to owners' committee and firm at the start.",
                   "assumption", false});
const Param kOcPush =
    declare_param({"compounds.owners_committee_push", ParamType::Real, 0.003, "probability per month", 0, 1,
                   "Monthly probability that a firm-managed compound without an owners' committee forms one.",
                   "002 §15, 001 §25 (推动业主委员会组建); assumption", true});
const Param kLinkPush = declare_param({"compounds.linkage_push", ParamType::Real, 0.003, "probability per month", 0, 1,
                                       "Monthly probability that a compound without party linkage gains it (三方联动).",
                                       "000 §12, 001 §25", true});
const Param kSelfPush =
    declare_param({"compounds.self_governance_push", ParamType::Real, 0.002, "probability per month", 0, 1,
                   "Monthly probability that an unmanaged old compound sets up a self-governance committee.",
                   "001 §42 (全面推行三无小区成立自治管理委员会); 002 §15", true});
const Param kDisputeRate =
    declare_param({"compounds.dispute_rate", ParamType::Real, 0.0015, "per household per month", 0, 0.1,
                   "Property-management disputes per household per month in a managed compound.", "assumption", false});
const Param kUnmanaged =
    declare_param({"compounds.unmanaged_factor", ParamType::Real, 1.8, "multiplier", 1, 10,
                   "Dispute rate in a compound with neither firm nor self-governance, relative to a managed one.",
                   "assumption", false});
const Param kOcEffect = declare_param({"compounds.owners_committee_effect", ParamType::Real, 0.3, "share", 0, 1,
                                       "Share of property disputes an owners' committee (or self-governance) prevents.",
                                       "assumption", false});
const Param kLinkEffect =
    declare_param({"compounds.linkage_effect", ParamType::Real, 0.5, "multiplier", 0, 3,
                   "Gain in the village rungs' resolution of property disputes where all compounds are linked.",
                   "001 §25-26, 002 §15 (多方联席会议协调机制); assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kOcCoverage = declare_indicator(
    {"owners_committee_coverage", "share of compounds", "owners'-committee coverage", "业委会(自管会)覆盖率",
     "Compounds with an owners' committee or a self-governance committee / compounds.", "compounds"});
const Indicator kUnmanagedShare = declare_indicator(
    {"unmanaged_compound_share", "share of compounds", "compounds with no management (三无)", "三无小区占比",
     "Compounds with neither a property firm nor self-governance / compounds.", "compounds"});
const Indicator kLinkage = declare_indicator(
    {"compound_linkage_share", "share of compounds", "compounds with 三方联动", "三方联动小区占比",
     "Compounds whose party organisation is linked with owners' committee and firm / compounds.", "compounds"});
const Indicator kPropertyDisputes = declare_indicator(
    {"property_disputes_per_1000", "per 1,000 compound households per year", "property-management disputes",
     "物业纠纷发生率", "Property-management disputes arising this month per 1,000 compound households, x12.",
     "compounds", 12000.0});

struct Compound {
  uint32_t hh_begin, hh_end;  // households (global indices, contiguous)
  uint8_t firm, owners_committee, linked, self_governed;
};

// State.
const Owned<std::vector<Compound>> colCompounds =
    declare_column<std::vector<Compound>>({"compounds",
                                           Level::Unit,
                                           "compounds",
                                           "The residential compounds of an urban community (merged: joined).",
                                           "compounds",
                                           Merge::Concat,
                                           {},
                                           "vector<Compound>"});
const Owned<float> colPropertyFactor = declare_column<float>(
    {"property_resolve_factor", Level::Unit, "multiplier",
     "Resolution factor for property-management disputes from 三方联动 in compounds (1 when absent).", "compounds",
     Merge::First},
    1.0f);
const Writes<CaseBook> colCases = writes<CaseBook>(Level::Unit, "cases", "compounds");
const Writes<uint32_t> colCounter = writes<uint32_t>(Level::Unit, "case_counter", "compounds");

class Compounds : public Mechanism {
 public:
  std::string name() const override { return "compounds"; }
  std::string summary() const override {
    return "urban compounds: owners' committees, property firms, 三方联动, 三无 self-governance, property disputes";
  }
  void init(World& w, const InitContext& ctx) override {
    Table& u = w.units();
    compounds_ = &colCompounds.write(w);
    cases_ = &colCases.write(w);
    counter_ = &colCounter.write(w);
    property_factor_ = &colPropertyFactor.write(w);
    for (uint32_t i = 0; i < u.size(); ++i) {
      const bool urban = u.kind[i] == "urban_community", town = u.kind[i] == "town_community";
      if (!urban && !town) continue;
      const auto [lo, hi] = w.range(Level::Unit, i, Level::Household);
      const uint32_t n =
          std::max<uint32_t>(1, static_cast<uint32_t>(std::lround((hi - lo) / ctx.p(kHouseholdsPerCompound))));
      RngStream g = ctx.rng(stream_id("compounds.init"), u.id[i]);
      for (uint32_t k = 0; k < n; ++k) {
        Compound c{lo + (hi - lo) * k / n, lo + (hi - lo) * (k + 1) / n, 0, 0, 0, 0};
        c.firm = g.uniform() < ctx.p(urban ? kFirmUrban : kFirmTown);
        c.owners_committee = c.firm && g.uniform() < ctx.p(kOcShare);
        c.linked = g.uniform() < ctx.p(kLinkShare);
        (*compounds_)[i].push_back(c);
      }
    }
  }
  void steps(StepList& out) override {
    out.add({"compounds.governance", Scope::Unit,
             "compounds form owners' committees, party linkage and self-governance; set the village rungs' "
             "resolution of property disputes",
             [this](const StepContext& c, uint32_t u) { governance(c, u); }});
    out.add({"compounds.disputes", Scope::Unit,
             "property-management disputes arise in compounds, more where nobody manages",
             [this](const StepContext& c, uint32_t u) { disputes(c, u); }});
  }

 private:
  void governance(const StepContext& c, uint32_t u) {
    auto& list = (*compounds_)[u];
    if (list.empty()) return;
    RngStream g = c.rng(c.world.units().id[u]);
    double n = 0, oc = 0, unmanaged = 0, linked = 0, linked_hh = 0, hh = 0;
    for (Compound& k : list) {
      const double a = g.uniform(), b = g.uniform();
      if (k.firm && !k.owners_committee && a < c.p(kOcPush)) k.owners_committee = 1;
      if (!k.firm && !k.self_governed && a < c.p(kSelfPush)) k.self_governed = 1;
      if (!k.linked && b < c.p(kLinkPush)) k.linked = 1;
      const double size = k.hh_end - k.hh_begin;
      n += 1;
      oc += k.owners_committee || k.self_governed;
      unmanaged += !k.firm && !k.self_governed;
      linked += k.linked;
      linked_hh += k.linked * size;
      hh += size;
    }
    (*property_factor_)[u] = static_cast<float>(1 + c.p(kLinkEffect) * linked_hh / hh);
    c.record(kOcCoverage, u, oc, n);
    c.record(kUnmanagedShare, u, unmanaged, n);
    c.record(kLinkage, u, linked, n);
  }

  void disputes(const StepContext& c, uint32_t u) {
    auto& list = (*compounds_)[u];
    if (list.empty()) return;
    const Table& hh = c.world.households();
    const uint32_t uid = c.world.units().id[u];
    RngStream g = c.rng(uid);
    const double base = c.p(kDisputeRate);
    // Thinning at the highest possible rate keeps the draws independent of governance.
    const double pmax = std::min(1.0, base * c.p(kUnmanaged));
    double raised = 0, households = 0;
    for (const Compound& k : list) {
      double m = 1.0;
      if (!k.firm && !k.self_governed) m = c.p(kUnmanaged);
      if (k.owners_committee || k.self_governed) m *= 1 - c.p(kOcEffect);
      households += k.hh_end - k.hh_begin;
      if (pmax <= 0) continue;
      for (uint64_t h = k.hh_begin + g.geometric(pmax); h < k.hh_end; h += 1 + g.geometric(pmax)) {
        if (g.uniform() * c.p(kUnmanaged) >= m) continue;
        if (hh.children_of(static_cast<uint32_t>(h)) == 0) continue;  // an empty dwelling
        const uint32_t resident = hh.child_begin[h];
        (*cases_)[u].push_back(Case{case_id(uid, (*counter_)[u]++), resident, static_cast<uint16_t>(c.step), 0xFFFF,
                                    IssueType::Property, CaseState::Unreported, 0, 0});
        raised += 1;
      }
    }
    c.record(kPropertyDisputes, u, raised, households);
  }

  std::vector<std::vector<Compound>>* compounds_ = nullptr;
  std::vector<CaseBook>* cases_ = nullptr;
  std::vector<uint32_t>* counter_ = nullptr;
  std::vector<float>* property_factor_ = nullptr;
};

REGISTER_MECHANISM(Compounds);

}  // namespace
}  // namespace govsim::model
