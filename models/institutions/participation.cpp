// Social organisations, volunteers and consultation (model brief §3 step 8).
//
// Social organisations grow with the money put out to contract, not with the lever
// (政府购买服务, 004 §7, §29). The unit offers purchase_share of its service money;
// organisations form towards
//   target = (orgs_base_per_10k * residents / 10,000 + offered / contract_per_org) * kind
//            (kind = rural_org_factor in villages, 1 in communities)
// at org_adjustment a month, and the money actually paid to them is
//   paid = min(offered, contract_share * organisations * contract_per_org)
// (village_finance pays it: purchased_from_social_orgs_share = paid / service money).
// Each organisation takes cases_per_org service requests a month at the committee rung,
// times the unit's facility_factor (facilities: room in the service centre).
// Volunteering (000 §16) spreads with trust and neighbours: each month an adult
// non-volunteer joins with probability
//   volunteer_join * volunteer_push * trust * (1 + volunteer_peer * volunteer share of the grid)
// and a volunteer quits with volunteer_quit; volunteers take cases_per_volunteer
// service requests a month at the grid rung. Consultations (000 §19, 四议两公开)
// are held each quarter with probability equal to the committee's consultation
// practice; an adult attends with probability attend_base * (0.5 + trust) (x2 for
// Party members). Attendance lowers the unit's dispute rate by
// consult_dispute_effect * attendance share and lifts attendees' satisfaction by
// consult_satisfaction * (1 - satisfaction).
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "backbone/skips.hpp"
#include "govsim/mechanism.hpp"
#include "money/cost_index.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

constexpr uint8_t kVolunteer = 1 << 6;  // resident flags, bits 6 and 7 (cases.hpp uses 0-5)
constexpr uint8_t kAttended = 1 << 7;

const Param kPurchase =
    declare_param({"participation.purchase_share", ParamType::Real, 0.1, "share of new service spending", 0, 1,
                   "Share of new service spending used to buy services from social organisations.",
                   "004 §7 (not less than 30% to social organisations), 004 §29", true});
const Param kOrgsBase =
    declare_param({"participation.orgs_base_per_10k", ParamType::Real, 3, "organisations per 10,000 residents", 0, 200,
                   "Community social organisations that exist without contracts (interest groups, mutual aid), in "
                   "communities.",
                   "assumption", false});
const Param kContract =
    declare_param({"participation.contract_per_org", ParamType::Real, 3000, "yuan per month (2020 prices)", 1, 1e7,
                   "Contract money one social organisation can take on in a month (staff and overheads).",
                   "assumption (small community organisations run on 20-50 thousand yuan a year)", false});
const Param kContractShare =
    declare_param({"participation.contract_share", ParamType::Real, 0.5, "share of organisations", 0, 1,
                   "Share of the organisations present able to deliver a government contract (registered, staffed).",
                   "assumption", false});
const Param kRuralOrgs = declare_param(
    {"participation.rural_org_factor", ParamType::Real, 0.4, "multiplier", 0, 1,
     "Social organisations forming in villages relative to communities (for the same residents and money).",
     "assumption", false});
const Param kOrgGrowth =
    declare_param({"participation.org_adjustment", ParamType::Real, 0.03, "share per month", 0, 1,
                   "Monthly rate at which the number of organisations moves toward its target (formation, exit).",
                   "assumption", false});
const Param kCasesPerOrg = declare_param(
    {"participation.cases_per_org", ParamType::Real, 8, "service requests per organisation per month", 0, 500,
     "Service requests one social organisation takes at the committee rung in a month.", "assumption", false});
const Param kInitVolunteers =
    declare_param({"participation.initial_volunteer_share", ParamType::Real, 0.05, "share of adults", 0, 1,
                   "Share of adults who volunteer at the start.", "assumption", false});
const Param kJoin = declare_param(
    {"participation.volunteer_join", ParamType::Real, 0.002, "probability per month", 0, 0.2,
     "Base monthly probability that an adult with full trust and no volunteering neighbours starts volunteering.",
     "000 §16; assumption", false});
const Param kPush =
    declare_param({"participation.volunteer_push", ParamType::Real, 1, "multiplier", 0, 10,
                   "Multiplier on joining from institutionalised volunteering (platforms, time banks, recognition).",
                   "000 §16 (推进社区志愿服务制度化常态化)", true});
const Param kPeer = declare_param({"participation.volunteer_peer", ParamType::Real, 3, "multiplier", 0, 20,
                                   "How much a grid full of volunteers multiplies joining (neighbours' example).",
                                   "assumption", false});
const Param kQuit = declare_param({"participation.volunteer_quit", ParamType::Real, 0.02, "probability per month", 0, 1,
                                   "Monthly probability that a volunteer stops.", "assumption", false});
const Param kCasesPerVolunteer = declare_param(
    {"participation.cases_per_volunteer", ParamType::Real, 0.05, "service requests per volunteer per month", 0, 20,
     "Service requests a volunteer helps settle at the grid rung in a month.", "assumption", false});
const Param kAttend = declare_param(
    {"participation.attend_base", ParamType::Real, 0.12, "probability per meeting", 0, 1,
     "Probability that an adult with trust 0.5 attends a consultation (x2 for Party members).", "assumption", false});
const Param kConsultDisputes = declare_param(
    {"participation.consult_dispute_effect", ParamType::Real, 0.5, "share", 0, 1,
     "Reduction of the dispute rate per unit of attendance share (disputes over collective decisions avoided).",
     "000 §19; assumption", false});
const Param kConsultSatisfaction =
    declare_param({"participation.consult_satisfaction", ParamType::Real, 0.05, "share of the gap to 1", 0, 1,
                   "Satisfaction gained by attending a consultation.", "000 §19; assumption", false});

const Indicator kOrgs = declare_indicator({"social_orgs_per_10k", "organisations per 10,000 residents",
                                           "social organisations per 10,000 residents", "每万人社区社会组织数",
                                           "Community social organisations per 10,000 residents.", "participation"});
const Indicator kVolunteers = declare_indicator({"volunteer_rate", "share of residents", "volunteer rate", "志愿者占比",
                                                 "Residents who volunteer / residents.", "participation"});
const Indicator kAttendance = declare_indicator(
    {"consultation_participation", "share of adults", "consultation participation", "协商议事参与率",
     "Adults who attended this quarter's consultation / adults (0 if none was held); county: weighted by residents.",
     "participation"});

// State.
const Owned<float> colOrgs =
    declare_column<float>({"social_orgs", Level::Unit, "organisations",
                           "Social organisations serving the unit (purchased services).", "participation", Merge::Sum});
const Owned<float> colCapacity = declare_column<float>(
    {"org_contract_capacity", Level::Unit, "yuan per month",
     "Contract money the unit's social organisations can take on this month.", "participation", Merge::Sum});
const Reads<float> colOffered = reads<float>(Level::Unit, "purchase_offered", "participation");
const Owned<float> colAttendance =
    declare_column<float>({"consultation_attendance", Level::Unit, "share of adults",
                           "Adults who attended a consultation this year.", "participation", Merge::First});
const Owned<float> colCommitteeExtra = declare_column<float>(
    {"committee_extra_capacity", Level::Unit, "cases per month",
     "Service requests social organisations and volunteers handle at the committee rung (0 when absent).",
     "participation", Merge::First});
const Owned<float> colGridExtra = declare_column<float>(
    {"grid_extra_capacity", Level::Unit, "cases per month",
     "Service requests volunteers handle at the grid rung (0 when absent).", "participation", Merge::First});
const Writes<float> colDisputeFactor = writes<float>(Level::Unit, "dispute_factor", "participation");
const Reads<float> colConsultation = reads<float>(Level::Unit, "consultation", "participation");
const Reads<float> colFacility = reads<float>(Level::Unit, "facility_factor", "participation");  // facilities
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "participation");
const Writes<uint8_t> colFlags = writes<uint8_t>(Level::Resident, "flags", "participation");  // volunteer, attended
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "participation");
const Reads<float> colTrust = reads<float>(Level::Resident, "trust", "participation");
const Writes<float> colSat = writes<float>(Level::Resident, "satisfaction", "participation");  // lift from attending

class Participation : public Mechanism {
 public:
  std::string name() const override { return "participation"; }
  std::string summary() const override {
    return "social organisations bought as services, volunteering that spreads, consultation attendance";
  }
  void init(World& w, const InitContext& ctx) override {
    Table& u = w.units();
    orgs_ = &colOrgs.write(w);
    capacity_ = &colCapacity.write(w);
    offered_ = &colOffered.read(w);
    const Param spending = param_named("township.service_spending_per_resident");
    cost_growth_ = param_named("township.cost_growth");
    attendance_ = &colAttendance.write(w);
    consultation_ = &colConsultation.read(w);
    facility_ = &colFacility.read(w);
    committee_extra_ = &colCommitteeExtra.write(w);
    grid_extra_ = &colGridExtra.write(w);
    dispute_factor_ = &colDisputeFactor.write(w);
    residents_ = &colResidents.read(w);
    flags_ = &colFlags.write(w);
    age_ = &colAge.read(w);
    trust_ = &colTrust.read(w);
    sat_ = &colSat.write(w);
    for (uint32_t i = 0; i < u.size(); ++i) {
      // at the start: the organisations that the 2019 contracts sustain
      const double offered = ctx.p(spending) * (*residents_)[i] / 12 * ctx.p(kPurchase);
      (*orgs_)[i] =
          static_cast<float>(target_orgs(ctx.p(kOrgsBase), ctx.p(kContract), offered,
                                         u.kind[i] == "rural_village" ? ctx.p(kRuralOrgs) : 1.0, (*residents_)[i]));
      (*capacity_)[i] = static_cast<float>(ctx.p(kContractShare) * (*orgs_)[i] * ctx.p(kContract));
      const auto [lo, hi] = w.range(Level::Unit, i, Level::Resident);
      for (uint32_t r = lo; r < hi; ++r) {
        RngStream g = ctx.rng(stream_id("participation.init"), r);
        if ((*age_)[r] >= 18 && g.uniform() < ctx.p(kInitVolunteers)) (*flags_)[r] |= kVolunteer;
      }
    }
  }
  void steps(StepList& out) override {
    out.add({"participation.monthly", Scope::Unit,
             "social organisations grow toward the purchased density; volunteers join and quit; quarterly "
             "consultations; set volunteer and organisation capacity and the consultation effect on disputes",
             [this](const StepContext& c, uint32_t u) { monthly(c, u); }});
  }

 private:
  static double target_orgs(double base, double contract, double offered, double kind_factor, double residents) {
    return (base * residents / 10000.0 + offered / contract) * kind_factor;
  }

  void monthly(const StepContext& c, uint32_t u) {
    const Table& units = c.world.units();
    const uint32_t uid = units.id[u];
    // social organisations: formed by the money offered this month (in 2020 yuan), in post next month
    const double index = cost_index(c, cost_growth_);
    const double target = target_orgs(c.p(kOrgsBase), c.p(kContract) * index, (*offered_)[u],
                                      units.kind[u] == "rural_village" ? c.p(kRuralOrgs) : 1.0, (*residents_)[u]);
    (*orgs_)[u] += static_cast<float>(c.p(kOrgGrowth) * (target - (*orgs_)[u]));
    (*capacity_)[u] = static_cast<float>(c.p(kContractShare) * (*orgs_)[u] * c.p(kContract) * index);
    (*committee_extra_)[u] = static_cast<float>((*orgs_)[u] * c.p(kCasesPerOrg) * (*facility_)[u]);

    // volunteers, grid by grid: joining depends on the grid's volunteer share
    auto& flags = *flags_;
    const auto& age = *age_;
    const auto& trust = *trust_;
    const double join = c.p(kJoin) * c.p(kPush), peer = c.p(kPeer), quit = c.p(kQuit);
    const double pmax = std::min(1.0, join * (1 + peer));
    const GeometricSkip skip_join(pmax), skip_quit(quit);  // log1p once, not per draw
    RngStream g = c.rng(uid, 1);
    RngStream q = c.rng(uid, 2);
    double volunteers = 0;
    const auto [g_lo, g_hi] = c.world.range(Level::Unit, u, Level::Grid);
    for (uint32_t grid = g_lo; grid < g_hi; ++grid) {
      const auto [lo, hi] = c.world.range(Level::Grid, grid, Level::Resident);
      uint32_t count = 0;  // integer count: a tight loop the compiler vectorises
      for (uint32_t r = lo; r < hi; ++r) count += (flags[r] >> 6) & 1u;
      double v = count;
      const double share = hi > lo ? v / (hi - lo) : 0;
      if (pmax > 0)
        for (uint64_t r = lo + skip_join(g); r < hi; r += 1 + skip_join(g)) {
          const double p = join * trust[r] * (1 + peer * share);
          if (age[r] >= 18 && !(flags[r] & kVolunteer) && g.uniform() * pmax < p) flags[r] |= kVolunteer, v += 1;
        }
      if (quit > 0)
        for (uint64_t r = lo + skip_quit(q); r < hi; r += 1 + skip_quit(q))
          if (flags[r] & kVolunteer) flags[r] &= static_cast<uint8_t>(~kVolunteer), v -= 1;
      volunteers += v;
    }
    (*grid_extra_)[u] = static_cast<float>(volunteers * c.p(kCasesPerVolunteer));

    // consultations, once a quarter
    const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
    if (c.month.month() % 3 == 0) {
      RngStream m = c.rng(uid, 3);
      const bool held = m.uniform() < (*consultation_)[u];
      uint32_t adult_count = 0;
      double attended = 0;
      const double attend = c.p(kAttend), lift = c.p(kConsultSatisfaction);
      auto& sat = *sat_;
      for (uint32_t r = lo; r < hi; ++r) {
        flags[r] &= static_cast<uint8_t>(~kAttended);
        adult_count += age[r] >= 18;
      }
      const double adults = adult_count;
      // thinning: skip at the highest attendance probability, accept by the resident's own
      const double pmax_attend = std::min(1.0, attend * 1.5 * 2.0);
      const GeometricSkip skip_attend(pmax_attend);
      if (held && pmax_attend > 0)  // the thinning reads the trust of about a third of the residents: prefetch
        for (uint32_t r = lo; r < hi; r += 16) __builtin_prefetch(&trust[r]);
      if (held && pmax_attend > 0)
        for (uint64_t r = lo + skip_attend(m); r < hi; r += 1 + skip_attend(m)) {
          const double p = attend * (0.5 + trust[r]) * ((flags[r] & flag::Party) ? 2.0 : 1.0);
          if (age[r] < 18 || m.uniform() * pmax_attend >= p) continue;
          flags[r] |= kAttended;
          attended += 1;
          sat[r] += static_cast<float>(lift * (1 - sat[r]));
        }
      (*attendance_)[u] = static_cast<float>(adults > 0 ? attended / adults : 0);
    }
    (*dispute_factor_)[u] *= static_cast<float>(1 - c.p(kConsultDisputes) * (*attendance_)[u]);

    c.record(kOrgs, u, (*orgs_)[u], (*residents_)[u] / 10000.0);
    c.record(kVolunteers, u, volunteers, hi - lo);
    c.record(kAttendance, u, (*attendance_)[u] * (hi - lo), hi - lo);
  }

  Param cost_growth_;
  const std::vector<float>* offered_ = nullptr;
  std::vector<float>* capacity_ = nullptr;
  std::vector<float>*orgs_ = nullptr, *attendance_ = nullptr, *committee_extra_ = nullptr, *grid_extra_ = nullptr,

  *dispute_factor_ = nullptr, *sat_ = nullptr;
  const std::vector<float>*consultation_ = nullptr, *trust_ = nullptr, *facility_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
  std::vector<uint8_t>* flags_ = nullptr;
  const std::vector<uint8_t>* age_ = nullptr;
};

REGISTER_MECHANISM(Participation);

}  // namespace
}  // namespace govsim::model
