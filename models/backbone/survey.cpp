// The annual satisfaction survey (群众满意度调查; 002 §16, 003 ch.7(2): surveys in
// the assessment). Each December a simple random sample of sample_size adults
// (18+) per county answers on the official five-point scale. A respondent with
// satisfaction S gives the latent answer
//   x = S + courtesy + response_noise * z,  z ~ N(0, 1)
// (courtesy: respondents answer an official survey more favourably than they
// feel) and answers 很满意 (5) if x >= cut_very, 满意 (4) if x >= cut_satisfied,
// 基本满意 (3) if x >= cut_basic, 不太满意 (2) if x >= cut_not_very, else 不满意 (1).
// Indicators, in December only (other months have none): the official rate (基本满意
// or better), the mean score and the sampling margin of error of the rate (95%,
// simple random sample; for several counties the mean over counties). Respondents
// are drawn by position in the county's resident table, independent of any lever
// (common random numbers); the noise is keyed by respondent draw.
// The answers are also kept by township (respondents, 基本满意 or better) for the
// county's assessment of its townships (assessment.cpp); the sample is drawn in the
// spin-up's Decembers too (for the assessment), without indicators.
#include <algorithm>
#include <cmath>

#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kSample = declare_param(
    {"survey.sample_size", ParamType::Integer, 1000, "adults per county", 0, 100000,
     "Adults sampled per county in the December satisfaction survey (0: no survey).",
     "assumption (about 1,000 respondents per county is typical of provincial satisfaction surveys)", false});
const Param kCourtesy =
    declare_param({"survey.courtesy", ParamType::Real, 0.05, "index 0-1", -0.5, 0.5,
                   "Shift of answers to an official survey above felt satisfaction.",
                   "assumption (official rates sit at 90-99%: calibration-2020: satisfaction-ceiling)", false});
const Param kNoise =
    declare_param({"survey.response_noise", ParamType::Real, 0.1, "index 0-1", 0, 1,
                   "Standard deviation of a respondent's answer around felt satisfaction.", "assumption", false});
const Param kCutVery =
    declare_param({"survey.cut_very", ParamType::Real, 0.85, "index 0-1", 0, 1.5,
                   "Latent answer at or above which a respondent says 很满意.", "assumption", false});
const Param kCutSatisfied =
    declare_param({"survey.cut_satisfied", ParamType::Real, 0.7, "index 0-1", 0, 1.5,
                   "Latent answer at or above which a respondent says 满意.", "assumption", false});
const Param kCutBasic =
    declare_param({"survey.cut_basic", ParamType::Real, 0.5, "index 0-1", 0, 1.5,
                   "Latent answer at or above which a respondent says 基本满意.", "assumption", false});
const Param kCutNotVery =
    declare_param({"survey.cut_not_very", ParamType::Real, 0.35, "index 0-1", 0, 1.5,
                   "Latent answer at or above which a respondent says 不太满意 (else 不满意).", "assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kRate = headline(declare_indicator(
    {"survey_satisfaction_rate", "share", "surveyed satisfaction rate (基本满意 or better)", "满意度调查满意率",
     "December survey: respondents answering 很满意, 满意 or 基本满意 / respondents (the official rate).", "survey",
     1.0, false}));
const Indicator kScore =
    declare_indicator({"survey_mean_score", "score 1-5", "surveyed mean score", "满意度调查平均分",
                       "December survey: mean answer on the five-point scale (5 = 很满意).", "survey", 1.0, false});
const Indicator kVery =
    declare_indicator({"survey_very_satisfied_share", "share", "surveyed very satisfied", "很满意占比",
                       "December survey: respondents answering 很满意 / respondents.", "survey", 1.0, false});
const Indicator kMargin = declare_indicator(
    {"survey_margin_of_error", "share", "margin of error of the surveyed rate (95%)", "满意率抽样误差",
     "1.96 * sqrt(p (1 - p) / n) of the county's rate; for several counties the mean over counties weighted by "
     "sample.",
     "survey", 1.0, false});
const Indicator kRespondents =
    input(declare_indicator({"survey_respondents", "persons", "survey respondents", "调查样本量",
                             "Adults who answered the December survey.", "survey", 1.0, false, IA::Sum}));

const Reads<float> colSat = reads<float>(Level::Resident, "satisfaction", "survey");
const Owned<float> colAsked =
    declare_column<float>({"survey_respondents_township", Level::Township, "persons",
                           "Respondents of the latest December survey living in the township (read by the assessment).",
                           "survey", Merge::Sum});
const Owned<float> colOk = declare_column<float>(
    {"survey_satisfied_township", Level::Township, "persons",
     "Respondents of the latest December survey in the township answering 基本满意 or better.", "survey", Merge::Sum});
const Reads<uint8_t> colAge = reads<uint8_t>(Level::Resident, "age", "survey");

class Survey : public Mechanism {
 public:
  std::string name() const override { return "survey"; }
  std::string summary() const override {
    return "the December satisfaction survey of a random sample of adults per county, on the official 5-point scale";
  }
  void init(World& w, const InitContext&) override {
    sat_ = &colSat.read(w);
    age_ = &colAge.read(w);
    asked_ = &colAsked.write(w);
    ok_ = &colOk.write(w);
  }
  void steps(StepList& out) override {
    out.add({"survey.annual", Scope::County,
             "in December: a random sample of adults per county answers on the five-point scale (很满意 .. 不满意)",
             [this](const StepContext& c, uint32_t k) {
               if (c.month.month() == 12) ask(c, k);
             }});
  }

 private:
  int answer(const StepContext& c, double x) const {
    if (x >= c.p(kCutVery)) return 5;
    if (x >= c.p(kCutSatisfied)) return 4;
    if (x >= c.p(kCutBasic)) return 3;
    if (x >= c.p(kCutNotVery)) return 2;
    return 1;
  }
  static uint32_t township_of(const World& w, uint32_t resident) {
    uint32_t i = resident;
    for (Level l : {Level::Resident, Level::Household, Level::Grid, Level::Unit}) i = w.at(l).parent[i];
    return i;
  }
  void ask(const StepContext& c, uint32_t county) {
    const auto [lo, hi] = c.world.range(Level::County, county, Level::Resident);
    const auto [ulo, uhi] = c.world.range(Level::County, county, Level::Unit);
    const uint32_t n = static_cast<uint32_t>(c.p(kSample));
    if (hi <= lo || uhi <= ulo || n == 0) return;
    RngStream g = c.rng(c.world.at(Level::County).id[county]);
    const double courtesy = c.p(kCourtesy), noise = c.p(kNoise);
    double asked = 0, ok = 0, very = 0, score = 0;
    const auto [tlo, thi] = c.world.range(Level::County, county, Level::Township);
    for (uint32_t t = tlo; t < thi; ++t) (*asked_)[t] = (*ok_)[t] = 0;
    // Draw positions until n adults answered (at most 20 n draws: a county of children gives up).
    for (uint32_t draws = 0; asked < n && draws < 20 * n; ++draws) {
      const uint32_t i = lo + std::min<uint32_t>(hi - lo - 1, static_cast<uint32_t>(g.uniform() * (hi - lo)));
      const double z = g.normal();
      if ((*age_)[i] < 18) continue;
      const int a = answer(c, (*sat_)[i] + courtesy + noise * z);
      asked += 1;
      ok += a >= 3;
      const uint32_t t = township_of(c.world, i);
      (*asked_)[t] += 1;
      (*ok_)[t] += a >= 3;
      very += a == 5;
      score += a;
    }
    if (asked == 0 || c.spinup) return;
    const double p = ok / asked, moe = 1.96 * std::sqrt(p * (1 - p) / asked);
    c.record(kRate, ulo, ok, asked);
    c.record(kScore, ulo, score, asked);
    c.record(kVery, ulo, very, asked);
    c.record(kMargin, ulo, moe * asked, asked);
    c.record(kRespondents, ulo, asked, 1);
  }
  const std::vector<float>* sat_ = nullptr;
  const std::vector<uint8_t>* age_ = nullptr;
  std::vector<float>*asked_ = nullptr, *ok_ = nullptr;
};

REGISTER_MECHANISM(Survey);

}  // namespace
}  // namespace govsim::model
