// Social workers per community (001 §50: 到2020年底,每个社区至少拥有1名社会工作专业人才; larger communities add
// posts). The county civil affairs bureau buys social-work posts for urban and town communities (政府购买服务,
// 001 §50; villages are not named by the clause and get none here): round(posts_per_community) posts per
// community. Each month the funded posts are floor(posts x funded share) (the share of last month's bill the
// county could pay); each social worker in post leaves with probability attrition, those beyond the funded posts
// are let go, and each funded vacant post is filled with probability fill_rate. The county pays, before its
// departments, social workers in post x pay / 12 (2020 yuan times the cost index).
// Effect: each social worker in post takes cases_per_worker service requests a month of vulnerable residents
// (left-behind children, empty-nest elders, the disabled, low-income households: the resident flags) at the
// grid rung (their first handling), before the grid workers' capacity (and before the village doctors'), and
// resolves each worked one with probability resolve (column vulnerable_service_capacity, read by the ladder).
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"
#include "money/cost_index.hpp"

namespace govsim::model {
namespace {

const Param kPosts =
    declare_param({"social_work.posts_per_community", ParamType::Real, 1.0, "posts per community", 0, 10,
                   "Social-work posts the county civil affairs bureau buys for each urban or town community.",
                   "001 §50 (每个社区至少拥有1名社会工作专业人才, by end-2020)", true});
const Param kPay = declare_param(
    {"social_work.pay", ParamType::Real, 60000, "yuan per post per year (2020 prices)", 0, 1e6,
     "What one purchased social-work post costs the county a year (the social worker's pay and insurance and the "
     "agency's overhead).",
     "001 §50 (政府购买服务); assumption (about 4,000 yuan a month in pay plus a quarter for the agency)", false});
const Param kFill = declare_param(
    {"social_work.fill_rate", ParamType::Real, 0.2, "probability per vacant post per month", 0, 1,
     "Monthly probability that a funded vacant social-work post is filled (few trained social workers outside the "
     "city).",
     "assumption", false});
const Param kAttrition =
    declare_param({"social_work.attrition", ParamType::Real, 0.02, "probability per month", 0, 1,
                   "Monthly probability that a social worker in post leaves (low pay, short contracts).",
                   "assumption (about 22% a year; with the fill rate about 9% of posts vacant)", false});
const Param kInitial =
    declare_param({"social_work.initial_share", ParamType::Real, 0.5, "share of posts", 0, 1,
                   "Share of the posts filled at the start of the run.",
                   "assumption (001 §50 set the end-2020 target because many communities had none in 2019)", false});
const Param kCases = declare_param(
    {"social_work.cases_per_worker", ParamType::Real, 8, "cases per worker per month", 0, 200,
     "Service requests of vulnerable residents one social worker in post meets in a month (case work, home visits, "
     "linking to assistance) before the committee's general capacity.",
     "001 §50; assumption (two cases a week beside group work and administration)", false});
const Param kResolve = declare_param(
    {"social_work.resolve", ParamType::Real, 0.8, "probability per worked month", 0, 1,
     "Probability that a social worker resolves a service request of a vulnerable resident worked this month (read "
     "by the ladder at the grid rung, in place of ladder.resolve_grid).",
     "assumption (case work links the resident to the assistance the request needs; the grid worker's proxy service "
     "resolves 0.7)",
     false});

const Indicator kPerCommunity =
    declare_indicator({"social_workers_per_community", "workers", "social workers in post per community",
                       "每社区社会工作者数", "Social workers in post / urban and town communities.", "social_work"});
const Indicator kWithOne = declare_indicator(
    {"communities_with_social_worker_share", "share", "communities with a social worker", "有社会工作者的社区占比",
     "Urban and town communities with at least one social worker in post / communities (001 §50: all by end-2020).",
     "social_work"});
const Indicator kResolution = declare_indicator(
    {"vulnerable_service_resolution_rate", "share", "service requests of vulnerable residents resolved",
     "困难群体诉求解决率",
     "Service requests of left-behind children, empty-nest elders, disabled and low-income residents closed this "
     "month that were resolved / those closed (resident still here).",
     "social_work"});
const Indicator kWait = declare_indicator(
    {"vulnerable_service_wait", "months", "wait of vulnerable residents' service requests", "困难群体诉求等待时长",
     "Months from arising to closing of the service requests of vulnerable residents closed this month.",
     "social_work"});
const Indicator kCost = declare_indicator({"social_work_cost_per_resident", "yuan per resident per year",
                                           "purchased social-work posts", "购买社会工作岗位支出(人均)",
                                           "What the county paid this month for social workers in post, per "
                                           "resident, x12.",
                                           "social_work", 12.0});

// State.
const Owned<float> colWorkers = declare_column<float>(
    {"social_workers", Level::Unit, "workers", "Social workers in post in the community.", "social_work", Merge::Sum});
const Owned<float> colCapacity = declare_column<float>(
    {"vulnerable_service_capacity", Level::Unit, "cases per month",
     "Service requests of vulnerable residents the community's social workers can meet this month; read by the "
     "ladder (committee rung, before its general capacity).",
     "social_work", Merge::Sum});
const Owned<float> colFunded = declare_column<float>(
    {"social_work_funded_share", Level::County, "share",
     "Share of last month's social-work bill the county could pay: the share of the posts it funds.", "social_work",
     Merge::First},
    1.0f);
const Reads<CaseBook> colCases = reads<CaseBook>(Level::Unit, "cases", "social_work");
const Reads<uint8_t> colFlags = reads<uint8_t>(Level::Resident, "flags", "social_work");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "social_work");

const ledger::Flow kFlow = ledger::declare_flow("social_work", "county: purchased social-work posts in communities");

bool is_community(const Table& units, uint32_t u) { return units.kind[u] != "rural_village"; }

class SocialWork : public Mechanism {
 public:
  std::string name() const override { return "social_work"; }
  std::string summary() const override {
    return "social workers per community: posts bought by the county, filled by hiring, lost to attrition; they "
           "meet vulnerable residents' service requests first";
  }
  void init(World& w, const InitContext& ctx) override {
    workers_ = &colWorkers.write(w);
    capacity_ = &colCapacity.write(w);
    funded_ = &colFunded.write(w);
    cases_ = &colCases.read(w);
    flags_ = &colFlags.read(w);
    residents_ = &colResidents.read(w);
    const Table& u = w.units();
    const int posts = static_cast<int>(std::lround(ctx.p(kPosts)));
    for (uint32_t i = 0; i < u.size(); ++i) {
      if (!is_community(u, i)) continue;
      RngStream g = ctx.rng(stream_id("social_work.init"), u.id[i]);
      for (int p = 0; p < posts; ++p) (*workers_)[i] += g.uniform() < ctx.p(kInitial);
    }
  }
  void steps(StepList& out) override {
    out.add({"social_work.pay", Scope::County,
             "the county civil affairs bureau pays the social workers in post (before its departments)",
             [this](const StepContext& c, uint32_t k) { pay(c, k); }});
    out.add({"social_work.staffing", Scope::Unit,
             "communities' social-work posts are filled by hiring within the funded posts and lost to attrition",
             [this](const StepContext& c, uint32_t u) { staffing(c, u); }});
    out.add({"social_work.outcomes", Scope::Unit,
             "tally the service requests of vulnerable residents closed this month, before the ladder drops them",
             [this](const StepContext& c, uint32_t u) { outcomes(c, u); }});
  }

 private:
  void pay(const StepContext& c, uint32_t k) {
    World& w = c.world;
    static const Param cost_growth = param_named("township.cost_growth");
    const auto [lo, hi] = w.range(Level::County, k, Level::Unit);
    double workers = 0, pop = 0;
    for (uint32_t u = lo; u < hi; ++u) workers += (*workers_)[u], pop += (*residents_)[u];
    const double bill = workers * c.p(kPay) / 12 * cost_index(c, cost_growth);
    const Money m = std::min(fen(bill), std::max<Money>(0, ledger::balance(w, Level::County, k)));
    ledger::pay(w, Level::County, k, m, kFlow);
    (*funded_)[k] = m == fen(bill) ? 1.0f : static_cast<float>(yuan(m) / bill);
    c.record(kCost, lo, yuan(m), pop);
  }

  void staffing(const StepContext& c, uint32_t u) {
    World& w = c.world;
    const Table& units = w.units();
    if (!is_community(units, u)) {
      (*capacity_)[u] = 0;
      return;
    }
    const int posts = static_cast<int>(std::lround(c.p(kPosts)));
    const float share = (*funded_)[w.townships().parent[units.parent[u]]];
    const int funded = static_cast<int>(std::floor(posts * share + 1e-6));
    RngStream g = c.rng(units.id[u]);
    int n = static_cast<int>((*workers_)[u]), left = 0;
    for (int i = 0; i < n; ++i) left += g.uniform() < c.p(kAttrition);
    n = std::min(n - left, std::max(0, funded));
    int hires = 0;
    for (int i = n; i < funded; ++i) hires += g.uniform() < c.p(kFill);
    (*workers_)[u] = static_cast<float>(n + hires);
    (*capacity_)[u] = static_cast<float>((*workers_)[u] * c.p(kCases));
    c.record(kPerCommunity, u, (*workers_)[u], 1);
    c.record(kWithOne, u, (*workers_)[u] >= 1, 1);
  }

  void outcomes(const StepContext& c, uint32_t u) {
    double closed = 0, resolved = 0, wait = 0;
    for (const Case& k : (*cases_)[u]) {
      if (k.type != IssueType::Service || is_open(k.state) || !has_resident(k)) continue;
      if (!((*flags_)[k.resident] & flag::Vulnerable)) continue;
      closed += 1;
      resolved += k.state == CaseState::Resolved;
      wait += c.step - k.raised_step;
    }
    c.record(kResolution, u, resolved, closed);
    c.record(kWait, u, wait, closed);
  }

  std::vector<float>*workers_ = nullptr, *capacity_ = nullptr, *funded_ = nullptr;
  const std::vector<CaseBook>* cases_ = nullptr;
  const std::vector<uint8_t>* flags_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
};

REGISTER_MECHANISM(SocialWork);

}  // namespace
}  // namespace govsim::model
