// Village clinics and township health centres with their staff (004 §14: 每个乡镇办好1所达标卫生院,
// 原则上每个行政村办好1所达标卫生室; the vacancy rate of grassroots health posts below 5%). Three stocks:
//   clinics        per administrative village (rural villages; communities have no village clinic here);
//                  built by the county health bureau: each month the villages of a county short of
//                  clinic_target x villages get one each with probability build_per_year / 12, while the
//                  county's balance pays clinic_build_cost;
//   doctors        in post per village: the establishment is round(clinics x doctors_per_clinic) posts;
//   centre staff   in post per township (not streets): round(centre_staff_per_10k x residents / 10,000) posts.
// Each month the funded posts are floor(posts x funded share) (the share of last month's bill the county could
// pay); each doctor or staff member in post leaves with probability attrition, those beyond the funded posts are
// let go, and each vacant funded post is filled with probability
//   min(1, fill_<terrain> x recruitment_scale)
// (a township centre: the residents-weighted fill rate of its villages' terrain). Vacancy = 1 - in post / posts.
// The county pays, before its departments (like the hotline), in 2020 yuan times the cost index:
//   doctors in post x doctor_pay / 12 + staff in post x centre_staff_pay / 12 + clinics x clinic_running / 12
//   + last month's hires x hire_cost x recruitment_scale.
// Effect: a village's doctors take service requests of residents aged 60+ at the grid rung (their first
// handling), before the grid workers' capacity, and resolve each worked one with probability resolve_clinic
// (in place of ladder.resolve_grid), up to
//   clinic_elder_capacity = doctors in post x cases_per_doctor x (1 - centre_backup + centre_backup x s)
// a month, s = the township centre's staff in post / its posts, 0 without posts (the centre supervises, supplies
// and trains the village doctors: 乡村一体化).
#include <algorithm>
#include <cmath>

#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"
#include "money/cost_index.hpp"

namespace govsim::model {
namespace {

ParamDecl lever(const char* name, double def, const char* unit, double max, const char* desc, const char* source) {
  return {name, ParamType::Real, def, unit, 0, max, desc, source, true};
}
ParamDecl fixed(const char* name, double def, const char* unit, double max, const char* desc, const char* source) {
  return {name, ParamType::Real, def, unit, 0, max, desc, source, false};
}
const Param kTarget = declare_param(lever(
    "health.clinic_target", 1.0, "share of villages", 1,
    "Share of administrative villages in which the county health bureau keeps a standard clinic (卫生室): villages "
    "without one are built one while the county is short of this share.",
    "004 §14 item (2) (原则上每个行政村办好1所达标卫生室); 001 §15"));
const Param kInitial =
    declare_param(fixed("health.initial_clinic_share", 0.9, "share of villages", 1,
                        "Share of villages with a clinic building at the start of the run (drawn per village).",
                        "assumption (village clinics were near universal before 2020; some villages shared one)"));
const Param kBuildRate = declare_param(
    fixed("health.build_per_year", 0.5, "probability per village per year", 1,
          "Yearly probability that a village without its clinic (within clinic_target) has one built, money allowing.",
          "assumption (a clinic is a small project: a year or two from plan to opening)"));
const Param kBuildCost = declare_param(fixed(
    "health.clinic_build_cost", 200000, "yuan per clinic (2020 prices)", 1e8,
    "One-off cost of building and equipping a standard village clinic, paid by the county.",
    "assumption (a standard clinic of 60-80 m2 with consulting, treatment, pharmacy and observation rooms at about "
    "2,000 yuan/m2, plus equipment)"));
const Param kRunning = declare_param(fixed("health.clinic_running", 24000, "yuan per clinic per year", 1e7,
                                           "Running cost of a clinic paid by the county (utilities, upkeep, drugs "
                                           "stock rotation, the public-health subsidy beyond the doctor's pay).",
                                           "assumption (about 2,000 yuan a month)"));
const Param kDoctorsPer = declare_param(lever("health.doctors_per_clinic", 1.0, "posts per clinic", 5,
                                              "Doctor posts the county funds per village clinic.",
                                              "001 §15 (a doctor per village); 004 §14 item (2)"));
const Param kDoctorPay = declare_param(fixed(
    "health.doctor_pay", 36000, "yuan per doctor per year (2020 prices)", 1e6,
    "What the county pays a village doctor in post: subsidies for basic public health services and essential drugs "
    "and the post allowance (the rest of the doctor's income is fees).",
    "assumption (about 3,000 yuan a month)"));
const Param kStaffPer =
    declare_param(lever("health.centre_staff_per_10k", 12, "posts per 10,000 residents", 100,
                        "Establishment (编制) posts of the township health centre per 10,000 "
                        "residents of the township (streets excluded).",
                        "004 §14 items (2) and (6); assumption (about 1.2 township health centre staff per "
                        "1,000 rural residents)"));
const Param kStaffPay = declare_param(
    fixed("health.centre_staff_pay", 60000, "yuan per staff member per year (2020 prices)", 1e6,
          "What the county pays a township health centre staff member in post (the budgeted part of pay and insurance; "
          "the rest comes from the centre's service income).",
          "assumption (about 5,000 yuan a month)"));
const Param kRecruit = declare_param(
    lever("health.recruitment_scale", 1.0, "multiplier", 5,
          "Multiplier on every fill rate: recruitment drives, targeted free medical training, 县招乡用 and flexible "
          "establishment (岗编适度分离). Each hire costs hire_cost x this.",
          "004 §14 items (4)-(6) (定向培养, 引才, 岗编适度分离, 空编率降低到5%以下)"));
const Param kHireCost =
    declare_param(fixed("health.hire_cost", 20000, "yuan per hire at recruitment_scale 1 (2020 prices)", 1e6,
                        "What one hire costs the county: recruitment, training stipends and settling-in allowances.",
                        "assumption (a few months' pay)"));
const Param kFill[4] = {
    declare_param(fixed("health.fill_plain", 0.25, "probability per vacant post per month", 1,
                        "Monthly probability that a funded vacant health post in a plain village or township is "
                        "filled.",
                        "assumption (rural health posts are hard to fill, more so in the mountains)")),
    declare_param(fixed("health.fill_hill", 0.15, "probability per vacant post per month", 1,
                        "Monthly probability that a funded vacant health post in hill country is filled.",
                        "assumption")),
    declare_param(fixed("health.fill_mountain", 0.08, "probability per vacant post per month", 1,
                        "Monthly probability that a funded vacant health post in the mountains is filled.",
                        "assumption")),
    declare_param(fixed("health.fill_sparse", 0.05, "probability per vacant post per month", 1,
                        "Monthly probability that a funded vacant health post in a sparse (remote) area is filled.",
                        "assumption")),
};
const Param kAttrition = declare_param(fixed(
    "health.attrition", 0.01, "probability per month", 1,
    "Monthly probability that a village doctor or township health centre staff member leaves (retirement, moving "
    "to the city).",
    "assumption (about 11% a year: an ageing village-doctor corps and young graduates who leave; with the fill rates "
    "a vacancy of about 4% in the plains and 11% in the mountains)"));
const Param kCases = declare_param(
    fixed("health.cases_per_doctor", 2, "cases per doctor per month", 200,
          "Service requests of residents aged 60+ one village doctor in post meets in a month (home visits, chronic "
          "care, contracted family-doctor services) beyond the committee's own capacity.",
          "004 §14; assumption (a home visit every other week beside clinic hours and public-health work)"));
const Param kResolveClinic = declare_param(
    fixed("health.resolve_clinic", 0.8, "probability per worked month", 1,
          "Probability that a village doctor resolves a service request of a resident aged 60+ worked this month "
          "(read by the ladder at the grid rung, in place of ladder.resolve_grid).",
          "assumption (a home visit by the doctor meets most elders' care requests; the grid worker's proxy service "
          "resolves 0.7)"));
const Param kBackup = declare_param(
    fixed("health.centre_backup", 0.5, "share", 1,
          "Share of a village doctor's capacity that depends on the township health centre being staffed (its "
          "supervision, drugs and referrals: 乡村一体化); the capacity is multiplied by 1 - this + this x the "
          "centre's staffed share.",
          "assumption"));

const Indicator kCoverage = declare_indicator(
    {"clinic_coverage", "share", "villages with a staffed clinic", "村卫生室覆盖率(有医生在岗)",
     "Administrative villages with a clinic and at least one doctor in post / villages (004 §14).", "health"});
const Indicator kVacancy = declare_indicator(
    {"health_staff_vacancy_rate", "share", "health staff vacancy rate", "基层医疗卫生机构空编率",
     "Vacant posts / establishment posts of village clinics and township health centres at the end of the month "
     "(target < 5%, 004 §14 item (6)).",
     "health"});
const Indicator kCentreVacancy =
    declare_indicator({"health_centre_vacancy_rate", "share", "township health centre vacancy rate", "乡镇卫生院空编率",
                       "Vacant posts / establishment posts of township health centres.", "health"});
const Indicator kDoctors =
    declare_indicator({"village_doctors_per_village", "staff", "village doctors in post per village",
                       "每村在岗乡村医生数", "Village doctors in post / administrative villages.", "health"});
const Indicator kCost = declare_indicator({"health_cost_per_resident", "yuan per resident per year",
                                           "village clinics and township health centres", "基层医疗卫生支出(人均)",
                                           "What the county paid this month for clinics, village doctors and "
                                           "township health centre staff (and clinics built), per resident, x12.",
                                           "health", 12.0});

// State.
const Owned<float> colClinics = declare_column<float>(
    {"clinics", Level::Unit, "clinics", "Standard village clinics (卫生室) of the village.", "health", Merge::Sum});
const Owned<float> colDoctors =
    declare_column<float>({"clinic_doctors", Level::Unit, "doctors",
                           "Village doctors in post in the village's clinic(s).", "health", Merge::Sum});
const Owned<float> colHires =
    declare_column<float>({"health_hires", Level::Unit, "hires",
                           "Health staff hired this month in the village (doctors) or, on the "
                           "township's first unit, at its health centre; the county pays them next month.",
                           "health", Merge::Sum});
const Owned<float> colStaff =
    declare_column<float>({"health_centre_staff", Level::Township, "staff",
                           "Staff in post at the township health centre.", "health", Merge::Sum});
const Owned<float> colPosts = declare_column<float>(
    {"health_centre_posts", Level::Township, "posts",
     "Establishment posts of the township health centre this month (none in streets).", "health", Merge::Sum});
const Owned<float> colCapacity = declare_column<float>(
    {"clinic_elder_capacity", Level::Unit, "cases per month",
     "Service requests of residents aged 60+ the village's doctors can meet this month; read by the ladder (committee "
     "rung).",
     "health", Merge::Sum});
const Owned<float> colFunded =
    declare_column<float>({"health_funded_share", Level::County, "share",
                           "Share of last month's health bill the county could pay: the share of the posts it funds.",
                           "health", Merge::First},
                          1.0f);
const Reads<uint8_t> colTerrain = reads<uint8_t>(Level::Unit, "terrain", "health");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "health");

const ledger::Flow kFlow =
    ledger::declare_flow("health_services", "county: village clinics, village doctors, township health centres");

bool is_village(const Table& units, uint32_t u) { return units.kind[u] == "rural_village"; }

class Health : public Mechanism {
 public:
  std::string name() const override { return "health"; }
  std::string summary() const override {
    return "village clinics and township health centres: clinics built and staff hired by the county within its "
           "money, lost to attrition; staffed clinics meet elders' service requests";
  }
  void init(World& w, const InitContext& ctx) override {
    clinics_ = &colClinics.write(w);
    doctors_ = &colDoctors.write(w);
    hires_ = &colHires.write(w);
    staff_ = &colStaff.write(w);
    posts_ = &colPosts.write(w);
    capacity_ = &colCapacity.write(w);
    funded_ = &colFunded.write(w);
    terrain_ = &colTerrain.read(w);
    residents_ = &colResidents.read(w);
    // the stocks start near their steady state: each post filled with probability fill / (fill + attrition)
    const Table& u = w.units();
    for (uint32_t i = 0; i < u.size(); ++i) {
      if (!is_village(u, i)) continue;
      RngStream g = ctx.rng(stream_id("health.init"), u.id[i]);
      (*clinics_)[i] = g.uniform() < ctx.p(kInitial) ? 1.0f : 0.0f;
      const double f = ctx.p(kFill[std::min<int>(3, (*terrain_)[i])]) * ctx.p(kRecruit);
      const double filled = f / (f + ctx.p(kAttrition) + 1e-12);
      const int posts = static_cast<int>(std::lround((*clinics_)[i] * ctx.p(kDoctorsPer)));
      for (int p = 0; p < posts; ++p) (*doctors_)[i] += g.uniform() < filled;
    }
    const Table& t = w.townships();
    for (uint32_t k = 0; k < t.size(); ++k) {
      RngStream g = ctx.rng(stream_id("health.init.centre"), t.id[k]);
      const double filled = centre_fill(ctx.p(kRecruit), w, k, ctx.params);
      const int posts = centre_posts(w, k, ctx.p(kStaffPer));
      (*posts_)[k] = static_cast<float>(posts);
      const double f = filled / (filled + ctx.p(kAttrition) + 1e-12);
      for (int p = 0; p < posts; ++p) (*staff_)[k] += g.uniform() < f;
    }
  }
  void steps(StepList& out) override {
    out.add({"health.pay", Scope::County,
             "the county health bureau pays village doctors, clinics and township health centre staff (before its "
             "departments) and builds missing clinics",
             [this](const StepContext& c, uint32_t k) { pay(c, k); }});
    out.add({"health.centres", Scope::Township,
             "township health centres hire into funded vacant posts and lose staff to attrition",
             [this](const StepContext& c, uint32_t t) { centre(c, t); }});
    out.add({"health.clinics", Scope::Unit,
             "village clinics hire doctors into funded vacant posts and lose them to attrition; the doctors in post "
             "give capacity for elders' service requests",
             [this](const StepContext& c, uint32_t u) { clinic(c, u); }});
  }

 private:
  // Establishment posts of township t's health centre (none in streets).
  int centre_posts(const World& w, uint32_t t, double per_10k) const {
    if (w.at(Level::Township).kind[t] == "street") return 0;
    const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
    double res = 0;
    for (uint32_t u = lo; u < hi; ++u) res += (*residents_)[u];
    return static_cast<int>(std::lround(per_10k * res / 10000.0));
  }
  // The residents-weighted fill rate of township t's villages' terrain, times the recruitment scale.
  double centre_fill(double scale, const World& w, uint32_t t, const std::vector<double>& params) const {
    const auto [lo, hi] = w.range(Level::Township, t, Level::Unit);
    double res = 0, f = 0;
    for (uint32_t u = lo; u < hi; ++u) {
      res += (*residents_)[u];
      f += (*residents_)[u] * params[kFill[std::min<int>(3, (*terrain_)[u])].id];
    }
    return std::min(1.0, scale * (res > 0 ? f / res : params[kFill[0].id]));
  }
  // Attrition, lay-offs beyond the funded posts, then hiring into the funded vacancies; returns the hires.
  static int staff(RngStream& g, float& in_post, int funded, double fill, double attrition) {
    int n = static_cast<int>(in_post), left = 0;
    for (int i = 0; i < n; ++i) left += g.uniform() < attrition;
    n = std::min(n - left, std::max(0, funded));
    int hires = 0;
    for (int i = n; i < funded; ++i) hires += g.uniform() < fill;
    in_post = static_cast<float>(n + hires);
    return hires;
  }

  void pay(const StepContext& c, uint32_t k) {
    World& w = c.world;
    const Table& units = w.units();
    static const Param cost_growth = param_named("township.cost_growth");
    const double index = cost_index(c, cost_growth);
    const auto [lo, hi] = w.range(Level::County, k, Level::Unit);
    const auto [tlo, thi] = w.range(Level::County, k, Level::Township);
    double doctors = 0, clinics = 0, hires = 0, staff = 0, pop = 0, villages = 0, with = 0;
    for (uint32_t u = lo; u < hi; ++u) {
      doctors += (*doctors_)[u], clinics += (*clinics_)[u], hires += (*hires_)[u], pop += (*residents_)[u];
      if (is_village(units, u)) villages += 1, with += (*clinics_)[u] > 0;
    }
    for (uint32_t t = tlo; t < thi; ++t) staff += (*staff_)[t];
    const double bill = (doctors * c.p(kDoctorPay) + staff * c.p(kStaffPay) + clinics * c.p(kRunning)) / 12 * index +
                        hires * c.p(kHireCost) * c.p(kRecruit) * index;
    Money balance = std::max<Money>(0, ledger::balance(w, Level::County, k));
    const Money m = std::min(fen(bill), balance);
    ledger::pay(w, Level::County, k, m, kFlow);
    balance -= m;
    (*funded_)[k] = m == fen(bill) ? 1.0f : static_cast<float>(yuan(m) / bill);
    // clinics built in villages without one while the county is short of its target share
    double missing = std::ceil(c.p(kTarget) * villages - 1e-9) - with;
    const Money build = fen(c.p(kBuildCost) * index);
    Money built = 0;
    for (uint32_t u = lo; u < hi && missing > 0; ++u) {
      if (!is_village(units, u) || (*clinics_)[u] > 0) continue;
      RngStream g = c.rng(units.id[u], 1);
      if (g.uniform() >= c.p(kBuildRate) / 12 || balance < build) continue;
      ledger::pay(w, Level::County, k, build, kFlow);
      balance -= build, built += build, missing -= 1;
      (*clinics_)[u] = 1.0f;
    }
    c.record(kCost, lo, yuan(m + built), pop);
  }

  void centre(const StepContext& c, uint32_t t) {
    World& w = c.world;
    const int posts = centre_posts(w, t, c.p(kStaffPer));
    (*posts_)[t] = static_cast<float>(posts);
    const uint32_t lo = w.range(Level::Township, t, Level::Unit).first;
    const float share = (*funded_)[w.townships().parent[t]];
    const int funded = static_cast<int>(std::floor(posts * share + 1e-6));
    RngStream g = c.rng(w.townships().id[t], 2);
    const int hires = staff(g, (*staff_)[t], funded, centre_fill(c.p(kRecruit), w, t, c.params), c.p(kAttrition));
    (*hires_)[lo] = static_cast<float>(hires);  // (the village step adds its own doctors' hires)
    c.record(kVacancy, lo, posts - (*staff_)[t], posts);
    c.record(kCentreVacancy, lo, posts - (*staff_)[t], posts);
  }

  void clinic(const StepContext& c, uint32_t u) {
    World& w = c.world;
    const Table& units = w.units();
    const uint32_t t = units.parent[u];
    const bool first = w.range(Level::Township, t, Level::Unit).first == u;
    if (!first) (*hires_)[u] = 0;
    if (!is_village(units, u)) {
      (*capacity_)[u] = 0;
      return;
    }
    const int posts = static_cast<int>(std::lround((*clinics_)[u] * c.p(kDoctorsPer)));
    const float share = (*funded_)[w.townships().parent[t]];
    const int funded = static_cast<int>(std::floor(posts * share + 1e-6));
    const double fill = std::min(1.0, c.p(kFill[std::min<int>(3, (*terrain_)[u])]) * c.p(kRecruit));
    RngStream g = c.rng(units.id[u], 3);
    (*hires_)[u] += static_cast<float>(staff(g, (*doctors_)[u], funded, fill, c.p(kAttrition)));
    // (a township without centre posts gives its village doctors no backing)
    const double staffed = (*posts_)[t] > 0 ? std::min(1.0, static_cast<double>((*staff_)[t] / (*posts_)[t])) : 0.0;
    const double b = c.p(kBackup);
    (*capacity_)[u] = static_cast<float>((*doctors_)[u] * c.p(kCases) * (1 - b + b * staffed));
    c.record(kCoverage, u, (*clinics_)[u] > 0 && (*doctors_)[u] >= 1, 1);
    c.record(kDoctors, u, (*doctors_)[u], 1);
    c.record(kVacancy, u, posts - (*doctors_)[u], posts);
  }

  std::vector<float>*clinics_ = nullptr, *doctors_ = nullptr, *hires_ = nullptr, *staff_ = nullptr,
  *capacity_ = nullptr, *funded_ = nullptr, *posts_ = nullptr;
  const std::vector<uint8_t>* terrain_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
};

REGISTER_MECHANISM(Health);

}  // namespace
}  // namespace govsim::model
