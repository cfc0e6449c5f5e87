// Petitions (信访; model brief §3 step 7; 001 §45 矛盾不上交): residents whose
// known dispute, service request or environmental complaint stays open may petition, from any rung, in
// person or online, again and again, and past their county (越级).
//
// Each month, for each known open case of a resident with trust T, open for m
// months since it became known, with n earlier petitions over it:
//   h = base_<type> * (1 + wait_slope * m) * exp(distrust * (0.5 - T)) * (repeat_factor if n > 0)
// (at most 0.9) is the probability of a petition this month. A first petition goes
// to the county's petition office, or past it (越级) to the city with probability
// skip_county and from there to the province with probability skip_city; a repeat
// petition goes one level above the last with probability climb_repeat, else to
// the same level. It is lodged online with probability online_max * the resident's
// digital literacy. A petition is a failure of the dispute (the resolution rate,
// 004 §18) and does not close the case: the petition office hands it to the
// township (属地), so a case below the township rung moves up to it. Each petition
// is counted against the township (and so the county) where it arose: the
// column petitions_year, read by the county's assessment of townships (assessment.cpp).
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kBaseDispute = declare_param(
    {"petitions.base_dispute", ParamType::Real, 0.099, "probability per month", 0, 1,
     "Monthly probability of a petition over a known open dispute just become known, of a resident with trust 0.5.",
     "calibrated to calibration-2020: petitions-2016 (about 480,000 a year in Sichuan, ~58 per 10,000 residents) by "
     "history matching (scenarios/calibration/sichuan-2020.toml, docs/calibration.md: posterior median 0.099, 90% "
     "0.065-0.133, after issue 17's institutions)",
     false});
const Param kBaseService = declare_param(
    {"petitions.base_service", ParamType::Real, 0.024, "probability per month", 0, 1,
     "Monthly probability of a petition over a known open service request or environmental complaint just become "
     "known, trust 0.5.",
     "assumption (the split of petitions by type is not published; with base_dispute it sets the volume)", false});
const Param kWaitSlope =
    declare_param({"petitions.wait_slope", ParamType::Real, 0.3, "per month", 0, 10,
                   "Rise of the petition hazard per month the case has been open since known.", "assumption", false});
const Param kDistrust =
    declare_param({"petitions.distrust", ParamType::Real, 3.0, "per unit of trust", 0, 20,
                   "How much distrust raises petitioning: the hazard is multiplied by exp(this * (0.5 - trust)).",
                   "assumption", false});
const Param kRepeat = declare_param({"petitions.repeat_factor", ParamType::Real, 2.0, "multiplier", 0, 20,
                                     "Hazard of a further petition over a case already petitioned, relative.",
                                     "assumption (repeat petitions, 重复信访)", false});
const Param kSkipCounty =
    declare_param({"petitions.skip_county", ParamType::Real, 0.58, "probability", 0, 1,
                   "Probability that a first petition goes past the county (越级) to the city.",
                   "calibrated to calibration-2020: petitions-2016 (province : city : county 1 : 5 : 4)", false});
const Param kSkipCity =
    declare_param({"petitions.skip_city", ParamType::Real, 0.07, "probability", 0, 1,
                   "Probability that a petition past the county goes on to the province.",
                   "calibrated with skip_county to calibration-2020: petitions-2016 (the 1 : 5 : 4 split)", false});
const Param kClimb =
    declare_param({"petitions.climb_repeat", ParamType::Real, 0.35, "probability", 0, 1,
                   "Probability that a repeat petition goes one level above the last.",
                   "calibrated with skip_county to calibration-2020: petitions-2016 (the 1 : 5 : 4 split)", false});
const Param kOnlineMax =
    declare_param({"petitions.online_max", ParamType::Real, 1.0, "probability", 0, 1,
                   "Probability of petitioning online for a resident of full digital literacy (scaled by literacy).",
                   "calibrated to calibration-2020: petitions-2016 (60.1% online)", false});

const Indicator kPetitions = headline(declare_indicator(
    {"petitions_per_10k", "per 10,000 residents per year", "petitions per 10,000 residents", "每万人信访量",
     "Petitions lodged this month (first and repeat, any level, online or in person) per 10,000 residents, "
     "annualised (x12).",
     "petitions", 120000.0}));
const Indicator kOnline = declare_indicator({"petitions_online_share", "share", "petitions lodged online",
                                             "网上信访占比", "Petitions lodged online / petitions.", "petitions"});
const Indicator kRepeatShare =
    declare_indicator({"petitions_repeat_share", "share", "repeat petitions", "重复信访占比",
                       "Petitions over a case already petitioned / petitions.", "petitions"});
const Indicator kToCounty =
    declare_indicator({"petitions_county_share", "share", "petitions to the county", "县级信访占比",
                       "Petitions to county offices / petitions.", "petitions"});
const Indicator kToCity =
    declare_indicator({"petitions_city_share", "share", "petitions to the city (越级)", "市级信访占比",
                       "Petitions past the county to the city / petitions.", "petitions"});
const Indicator kToProvince =
    declare_indicator({"petitions_province_share", "share", "petitions to the province (越级)", "省级信访占比",
                       "Petitions to the province / petitions.", "petitions"});

// State.
const Writes<CaseBook> colCases = writes<CaseBook>(Level::Unit, "cases", "petitions");
const Reads<float> colTrust = reads<float>(Level::Resident, "trust", "petitions");
const Reads<uint8_t> colDigital = reads<uint8_t>(Level::Resident, "digital", "petitions");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "petitions");
const Owned<uint32_t> colMonth =
    declare_column<uint32_t>({"petitions_month", Level::Unit, "petitions",
                              "Petitions lodged this month over the unit's cases.", "petitions", Merge::Sum});
const Owned<float> colYear = declare_column<float>(
    {"petitions_year", Level::Township, "petitions",
     "Petitions lodged this calendar year over cases of the township's units (counted against the township and "
     "its county).",
     "petitions", Merge::Sum});

class Petitions : public Mechanism {
 public:
  std::string name() const override { return "petitions"; }
  std::string summary() const override {
    return "petitions (信访) from any rung, rising with waiting and distrust; repeat, online and past the county";
  }
  void init(World& w, const InitContext&) override {
    cases_ = &colCases.write(w);
    trust_ = &colTrust.read(w);
    digital_ = &colDigital.read(w);
    residents_ = &colResidents.read(w);
    month_ = &colMonth.write(w);
    year_ = &colYear.write(w);
  }
  void steps(StepList& out) override {
    out.add({"petitions.lodge", Scope::Unit,
             "residents with known open cases may petition (hazard rising with months open and distrust), in person "
             "or online, to the county or past it; the case goes to the township",
             [this](const StepContext& c, uint32_t u) { lodge(c, u); }});
    out.add({"petitions.tally", Scope::Township,
             "count the month's petitions against the township where they arose (the year's count restarts in "
             "January)",
             [this](const StepContext& c, uint32_t t) { tally(c, t); }});
  }

 private:
  struct Counts {
    double all = 0, online = 0, repeat = 0, level[4] = {0, 0, 0, 0};
  };
  double hazard(const StepContext& c, const Case& k) const {
    const double base = is_dispute(k.type) ? c.p(kBaseDispute) : is_request(k.type) ? c.p(kBaseService) : 0;
    if (base <= 0) return 0;
    const double months = c.step - k.known_step;
    double h = base * (1 + c.p(kWaitSlope) * months) * std::exp(c.p(kDistrust) * (0.5 - (*trust_)[k.resident]));
    if (k.petitions > 0) h *= c.p(kRepeat);
    return std::min(h, 0.9);
  }
  // Where the petition goes: 1 county, 2 city, 3 province.
  uint8_t level(const StepContext& c, const Case& k, RngStream& g) const {
    if (k.petitions == 0) {
      if (g.uniform() >= c.p(kSkipCounty)) return 1;
      return g.uniform() < c.p(kSkipCity) ? 3 : 2;
    }
    const bool climb = g.uniform() < c.p(kClimb);
    return static_cast<uint8_t>(std::min(3, k.petition_level + (climb ? 1 : 0)));
  }
  void lodge(const StepContext& c, uint32_t u) {
    Counts n;
    // hazard() reads the trust of every case on the ladder's resident (residents in no order): ask for
    // those lines first, so that the cache misses overlap instead of stalling the loop one by one
    for (const Case& k : (*cases_)[u])
      if (is_ladder(k.state) && has_resident(k)) __builtin_prefetch(trust_->data() + k.resident);
    for (Case& k : (*cases_)[u]) {
      if (!is_ladder(k.state)) continue;
      RngStream g = c.rng(k.id);
      if (g.uniform() >= hazard(c, k)) continue;
      const uint8_t lv = level(c, k, g);
      n.all += 1;
      n.repeat += k.petitions > 0;
      n.level[lv] += 1;
      n.online += g.uniform() < c.p(kOnlineMax) * (*digital_)[k.resident] / 255.0;
      k.petition_level = lv;
      k.petitions = static_cast<uint8_t>(std::min(255, k.petitions + 1));
      if (is_dispute(k.type)) k.marks |= case_mark::Failed;
      if (k.state < CaseState::Township) {
        k.state = CaseState::Township;
        k.months_at_level = 0;
      }
    }
    (*month_)[u] = static_cast<uint32_t>(n.all);
    c.record(kPetitions, u, n.all, (*residents_)[u]);
    c.record(kOnline, u, n.online, n.all);
    c.record(kRepeatShare, u, n.repeat, n.all);
    c.record(kToCounty, u, n.level[1], n.all);
    c.record(kToCity, u, n.level[2], n.all);
    c.record(kToProvince, u, n.level[3], n.all);
  }
  void tally(const StepContext& c, uint32_t t) {
    float& year = (*year_)[t];
    if (c.month.month() == 1) year = 0;
    const auto [lo, hi] = c.world.range(Level::Township, t, Level::Unit);
    for (uint32_t u = lo; u < hi; ++u) year += static_cast<float>((*month_)[u]);
  }
  std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<float>* trust_ = nullptr;
  const std::vector<uint8_t>* digital_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
  std::vector<uint32_t>* month_ = nullptr;
  std::vector<float>* year_ = nullptr;
};

REGISTER_MECHANISM(Petitions);

}  // namespace
}  // namespace govsim::model
