// Community service facilities (社区综合服务设施; 002 §8: 30 m2 per 100 households,
// facilities in every urban community and in 50% of rural communities by 2020;
// 004 §39: new residential compounds build community facilities of 3% of their
// floor area; 000 §14: public services and social-work services for residents are
// provided in the community's Party-mass service centre). The environment
// mechanism builds facility space (facility_m2) from project money; here,
// each month after it:
//   developers add, in urban and town communities whose residents grew above the
//   most they have had (the demography fills empty dwellings and crowds
//   households; it builds no housing, so new floor area follows new residents),
//     new facility space = developer_share * floor_per_resident * new residents
//   (paid by the developer as a condition of the building permit: no public money, no ledger flow);
//   a unit has a facility when its space reaches min_m2;
//   facility_factor = min(1, (space per 100 households / standard_m2))^capacity_elasticity
// is the share of their case capacity that social organisations can use (read by
// participation: committee_extra_capacity): below the standard their services
// have nowhere to be held.
#include <algorithm>
#include <cmath>

#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kMinM2 = declare_param(
    {"facilities.min_m2", ParamType::Real, 80, "m2", 0, 10000,
     "Floor space at which a unit counts as having a community service facility (for the coverage shares).",
     "002 §8; assumption (a service hall, an office and an activity room; about half of the pre-reform villages "
     "reach it at the initial space, below the 50% rural target)",
     false});
const Param kStandard =
    declare_param({"facilities.standard_m2", ParamType::Real, 30, "m2 per 100 households", 1, 1000,
                   "Facility space per 100 households at which the services held there have full room.",
                   "002 §8 (按照每百户居民30平方米的标准)", false});
const Param kElasticity = declare_param(
    {"facilities.capacity_elasticity", ParamType::Real, 0.5, "elasticity", 0, 3,
     "How fast the case capacity of social organisations falls with facility space below the standard "
     "(facility_factor = min(1, space / standard)^this).",
     "000 §14 (services provided in the Party-mass service centre); assumption (half as fast as the space)", false});
const Param kDeveloperShare = declare_param(
    {"facilities.developer_share", ParamType::Real, 0.03, "share of new residential floor area", 0, 0.2,
     "Share of the floor area of new residential compounds that developers build as community service facilities "
     "(urban and town communities).",
     "004 §39 (按照计容建筑面积3%比例配套建设社区综合服务设施); 001 §29", true});
const Param kFloorPerResident =
    declare_param({"facilities.floor_per_resident", ParamType::Real, 40, "m2 per resident", 5, 200,
                   "Residential floor area built per new resident of an urban or town community.",
                   "assumption (about a 100 m2 flat for a household of 2.5)", false});

const Indicator kUrban = declare_indicator(
    {"facility_coverage_urban", "share of communities", "urban communities with a facility",
     "城市社区综合服务设施覆盖率",
     "Urban and town communities whose facility space reaches facilities.min_m2 (target 100% by 2020, 002 §8).",
     "facilities"});
const Indicator kRural = declare_indicator(
    {"facility_coverage_rural", "share of villages", "rural communities with a facility", "农村社区综合服务设施覆盖率",
     "Villages whose facility space reaches facilities.min_m2 (target 50% by 2020, 002 §8).", "facilities"});
const Indicator kDeveloper = declare_indicator(
    {"developer_facility_m2_per_100_households", "m2 per 100 households", "facility space built by developers",
     "新建小区配建服务设施面积(每百户)",
     "Facility space added this month by developers of new residential floor area, per 100 households.", "facilities",
     100.0});
const Indicator kFactor =
    declare_indicator({"facility_factor", "index 0-1", "room for services in facilities", "服务设施承载系数",
                       "Mean facility_factor weighted by households.", "facilities"});

// State.
const Writes<float> colFacility = writes<float>(Level::Unit, "facility_m2", "facilities");  // environment builds it
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "facilities");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "facilities");
const Owned<float> colSeen =
    declare_column<float>({"facility_residents_seen", Level::Unit, "residents",
                           "The most residents the unit has had: growth above it needs new residential floor area.",
                           "facilities", Merge::Sum});
const Owned<float> colFactor = declare_column<float>(
    {"facility_factor", Level::Unit, "multiplier 0-1",
     "Share of their case capacity social organisations can use for want of facility space (1 when absent); read "
     "by participation.",
     "facilities", Merge::First},
    1.0f);

class Facilities : public Mechanism {
 public:
  std::string name() const override { return "facilities"; }
  std::string summary() const override {
    return "community service facilities: coverage, developers' 3% of new floor area, room for services";
  }
  void init(World& w, const InitContext&) override {
    facility_ = &colFacility.write(w);
    households_ = &colHouseholds.read(w);
    residents_ = &colResidents.read(w);
    seen_ = &colSeen.write(w);
    factor_ = &colFactor.write(w);
    for (uint32_t i = 0; i < w.units().size(); ++i) (*seen_)[i] = static_cast<float>((*residents_)[i]);
  }
  void steps(StepList& out) override {
    out.add({"facilities.update", Scope::Unit,
             "developers add facility space with new residential floor area; coverage and room for services",
             [this](const StepContext& c, uint32_t u) { update(c, u); }});
  }

 private:
  void update(const StepContext& c, uint32_t u) {
    const bool village = c.world.units().kind[u] == "rural_village";
    const double hh = (*households_)[u], residents = (*residents_)[u];
    double added = 0;
    if (residents > (*seen_)[u]) {
      if (!village) added = c.p(kDeveloperShare) * c.p(kFloorPerResident) * (residents - (*seen_)[u]);
      (*seen_)[u] = static_cast<float>(residents);
    }
    (*facility_)[u] += static_cast<float>(added);
    const double space = (*facility_)[u];
    const double per100 = hh > 0 ? 100.0 * space / hh : c.p(kStandard);
    const double factor = std::pow(std::min(1.0, per100 / c.p(kStandard)), c.p(kElasticity));
    (*factor_)[u] = static_cast<float>(factor);
    c.record(village ? kRural : kUrban, u, space >= c.p(kMinM2), 1);
    c.record(kDeveloper, u, added, hh);
    c.record(kFactor, u, factor * hh, hh);
  }

  std::vector<float>*facility_ = nullptr, *seen_ = nullptr, *factor_ = nullptr;
  const std::vector<uint32_t>*households_ = nullptr, *residents_ = nullptr;
};

REGISTER_MECHANISM(Facilities);

}  // namespace
}  // namespace govsim::model
