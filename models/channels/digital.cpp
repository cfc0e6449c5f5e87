// The digital platform (一网通办) and the offline channel (model brief §3 step 6;
// 003 ch.6(3): extend the integrated government-service platform down to
// townships, "让数据多跑路、群众少跑腿", while keeping the habits of the elderly
// in mind, age-friendly services, and the necessary offline channel; 000 §23;
// 004 §32(1) 天府通办 with large-font versions).
//
// Each month, before intake, every unreported service request may be taken up
// online:
//   P(online) = platform_coverage * online_uptake * L
// where L is the digital literacy of the best-placed member of the resident's
// household aged 15 or more (a child's request is made by an adult; an elder
// living with younger members is helped by them; an empty-nest elder has only
// their own). The literacy of residents aged 60+ counts as
//   lit + age_friendly * (1 - lit) / 2            (适老化: large fonts, assisted use).
// A request taken up online is completed on the platform with probability
// online_completion (closed as resolved at once); otherwise it reaches the grid
// worker as known. The other requests go through intake as before, where the
// walk-in/hotline self-report probability is multiplied by offline_retention
// (the share of offline counters kept; 1 = all).
// Each January, the literacy of residents aged 15+ closes literacy_training of
// its gap to 1 (digital-skills training).
// online_share: of the service requests that became known this month (online,
// by self-report or by the grid worker), the share taken up online. Both count
// the same requests, so it stays within [0, 1] in every unit-month.
#include <algorithm>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kCoverage =
    declare_param({"digital.platform_coverage", ParamType::Real, 0.3, "share of service items", 0, 1,
                   "Share of service items residents can complete on the integrated online platform (一网通办).",
                   "003 ch.6(3), 000 §23, 004 §32(1); 2019 level an assumption", true});
const Param kUptake =
    declare_param({"digital.online_uptake", ParamType::Real, 0.6, "probability per month", 0, 1,
                   "Monthly probability that a fully literate household uses the platform for a request it covers.",
                   "assumption", false});
const Param kCompletion = declare_param(
    {"digital.online_completion", ParamType::Real, 0.85, "share of online requests", 0, 1,
     "Share of requests taken up online that are completed on the platform (the rest go to the grid worker).",
     "assumption", false});
const Param kOffline =
    declare_param({"digital.offline_retention", ParamType::Real, 1.0, "share of offline counters", 0, 1,
                   "Share of the offline channel (counters, walk-in, the 12345 hotline) kept; multiplies residents' "
                   "own reporting of service "
                   "requests.",
                   "003 ch.6(3), 004 §32 (保留必要的线下办事服务渠道)", true});
const Param kAgeFriendly = declare_param(
    {"digital.age_friendly", ParamType::Real, 0.0, "share 0-1", 0, 1,
     "Age-friendly design of the platform (适老化): closes this share of half the literacy gap of residents aged 60+.",
     "003 ch.6(3) (推行适老化和无障碍信息服务), 004 §32(1) (大字版、简洁版)", true});
const Param kTraining = declare_param(
    {"digital.literacy_training", ParamType::Real, 0.02, "share of the gap per year", 0, 1,
     "Share of each adult's digital-literacy gap closed every year by training and habit.", "assumption", true});

const Indicator kOnlineShare = headline(declare_indicator(
    {"online_share", "share", "service requests handled online", "网上办理占比",
     "Service requests taken up on the platform this month / service requests that became known this month (online, "
     "self-report or grid-worker discovery).",
     "digital"}));
const Indicator kElderUnmet = headline(declare_indicator(
    {"elder_unmet_share", "share", "unmet service requests of elders", "老年人诉求未满足比例",
     "Service requests of residents aged 60+ given up this month / their service requests closed this month.",
     "digital"}));
const Indicator kElderWait = declare_indicator(
    {"elder_service_wait", "months", "wait of elders' service requests", "老年人办事等待时长",
     "Months from arising to closing of the service requests of residents aged 60+ closed this month.", "digital"});
const Indicator kElderLiteracy = declare_indicator(
    {"digital_literacy_60_plus", "index 0-1", "digital literacy of residents aged 60+", "老年人数字素养",
     "Mean digital literacy of residents aged 60+ (effective, with age-friendly design).", "digital"});

// State.
const Owned<float> colOffline = declare_column<float>(
    {"offline_factor", Level::Unit, "share",
     "Share of the offline channel kept for service requests (1 = all); read by intake.", "digital", Merge::First},
    1.0f);
const Owned<double> colElderLit =
    declare_column<double>({"elder_literacy_sum", Level::Unit, "sum of 0..1",
                            "Sum of the digital literacy of residents aged 60+.", "digital", Merge::Sum});
const Owned<double> colElders = declare_column<double>(
    {"elders", Level::Unit, "residents", "Residents aged 60+ in elder_literacy_sum.", "digital", Merge::Sum});
const Writes<CaseBook> colCases = writes<CaseBook>(Level::Unit, "cases", "digital");  // online intake
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "digital");
const Writes<uint8_t> colDigital = writes<uint8_t>(Level::Resident, "digital", "digital");  // literacy training

class Digital : public Mechanism {
 public:
  std::string name() const override { return "digital"; }
  std::string summary() const override {
    return "the online platform takes up service requests that literate households can file; offline channel kept";
  }
  void init(World& w, const InitContext&) override {
    cases_ = &colCases.write(w);
    offline_ = &colOffline.write(w);
    age_ = &colAge.read(w);
    digital_ = &colDigital.write(w);
    elder_lit_ = &colElderLit.write(w);
    elders_ = &colElders.write(w);
  }
  void steps(StepList& out) override {
    out.add({"digital.training", Scope::Unit,
             "in January, adults' digital literacy closes literacy_training of its gap",
             [this](const StepContext& c, uint32_t u) {
               if (c.month.month() == 1) training(c, u);
             }});
    out.add({"digital.online", Scope::Unit,
             "unreported service requests may be taken up on the platform (coverage x uptake x household literacy); "
             "set the offline channel for intake",
             [this](const StepContext& c, uint32_t u) { online(c, u); }});
    out.add({"digital.elder_outcomes", Scope::Unit,
             "count the service requests that became known this month (online_share); tally elders' service "
             "requests closed this month, before the ladder drops closed cases",
             [this](const StepContext& c, uint32_t u) { elder_outcomes(c, u); }});
  }

 private:
  double literacy(uint32_t r, double age_friendly) const {
    const double lit = (*digital_)[r] / 255.0;
    return (*age_)[r] >= 60 ? lit + age_friendly * (1.0 - lit) * 0.5 : lit;
  }
  double household_literacy(const World& w, uint32_t r, double age_friendly) const {
    const auto& begin = w.at(Level::Household).child_begin;  // the household's residents (World::range, one level)
    const uint32_t h = w.residents().parent[r], lo = begin[h], hi = begin[h + 1];
    double best = 0;
    for (uint32_t i = lo; i < hi; ++i)
      if ((*age_)[i] >= 15) best = std::max(best, literacy(i, age_friendly));
    return best;
  }
  void training(const StepContext& c, uint32_t u) {
    const double t = c.p(kTraining);
    if (t <= 0) return;
    const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
    for (uint32_t i = lo; i < hi; ++i) {
      if ((*age_)[i] < 15) continue;
      uint8_t& d = (*digital_)[i];
      d = static_cast<uint8_t>(std::min(255.0, d + t * (255 - d) + 0.5));
    }
  }
  void online(const StepContext& c, uint32_t u) {
    (*offline_)[u] = static_cast<float>(c.p(kOffline));
    const double base = c.p(kCoverage) * c.p(kUptake), done = c.p(kCompletion), af = c.p(kAgeFriendly);
    double taken = 0;
    // The loop below looks up the household of many of these residents (in no order): ask for the
    // resident's household link, age and literacy lines first (household members sit next to each
    // other), so that the cache misses overlap instead of stalling the loop one by one.
    const uint32_t* parent = c.world.residents().parent.data();
    for (const Case& k : (*cases_)[u])
      if (k.type == IssueType::Service && k.state == CaseState::Unreported && has_resident(k)) {
        __builtin_prefetch(parent + k.resident);
        __builtin_prefetch(age_->data() + k.resident);
        __builtin_prefetch(digital_->data() + k.resident);
      }
    for (Case& k : (*cases_)[u]) {
      if (k.type != IssueType::Service || k.state != CaseState::Unreported) continue;
      RngStream g = c.rng(k.id);
      const double a = g.uniform(), b = g.uniform();
      if (a >= base) continue;  // most requests stop here: no literacy lookup
      if (a >= base * household_literacy(c.world, k.resident, af)) continue;
      taken += 1;
      k.known_step = static_cast<uint16_t>(c.step);
      k.months_at_level = 0;
      if (b < done) {
        k.state = CaseState::Resolved;
        k.resolved_at = static_cast<uint8_t>(CaseState::Grid);  // no rung above the first
      } else {
        k.state = CaseState::Grid;
      }
    }
    // The numerator here; the denominator, every request that became known this month (these among them),
    // once intake is done (elder_outcomes).
    c.record(kOnlineShare, u, taken, 0);
  }
  void elder_outcomes(const StepContext& c, uint32_t u) {
    double closed = 0, unmet = 0, wait = 0, known = 0;
    // the loop reads the age of each closed service request's resident (in no order): prefetch first
    for (const Case& k : (*cases_)[u])
      if (k.type == IssueType::Service && !is_open(k.state) && has_resident(k))
        __builtin_prefetch(age_->data() + k.resident);
    for (const Case& k : (*cases_)[u]) {
      if (k.type != IssueType::Service) continue;
      known += k.known_step == c.step;  // online or through intake; no case is dropped before ladder.close
      if (is_open(k.state) || !has_resident(k) || (*age_)[k.resident] < 60) continue;
      closed += 1;
      unmet += k.state == CaseState::Abandoned;
      wait += c.step - k.raised_step;
    }
    c.record(kOnlineShare, u, 0, known);
    c.record(kElderUnmet, u, unmet, closed);
    c.record(kElderWait, u, wait, closed);
    // Literacy and ages change only in January (training, demography): recount
    // then, and in the first month. Effective literacy is linear in literacy, so
    // the sum with age-friendly design follows from the raw sum.
    double& sum = (*elder_lit_)[u];
    double& n = (*elders_)[u];
    if (c.step == 0 || c.month.month() == 1) {
      const auto [lo, hi] = c.world.range(Level::Unit, u, Level::Resident);
      sum = 0, n = 0;
      for (uint32_t i = lo; i < hi; ++i)
        if ((*age_)[i] >= 60) sum += literacy(i, 0.0), n += 1;
    }
    const double af = c.p(kAgeFriendly);
    c.record(kElderLiteracy, u, sum + af * (n - sum) * 0.5, n);
  }
  std::vector<CaseBook>* cases_ = nullptr;
  std::vector<float>* offline_ = nullptr;
  std::vector<double>*elder_lit_ = nullptr, *elders_ = nullptr;
  const std::vector<uint8_t>* age_ = nullptr;
  std::vector<uint8_t>* digital_ = nullptr;
};

REGISTER_MECHANISM(Digital);

}  // namespace
}  // namespace govsim::model
