// The county's assessment of its townships (综合考核, 004 §36; 000 §29; 001 §61):
// each December the county scores every township on the year's petitions per
// 10,000 residents (petitions.tally counts them against the township) and on the
// December survey's satisfaction rate among the township's respondents (survey.cpp).
// A poor score presses the township; pressure makes it work harder at mediation
// and pushes work down to the committees (the cost: their hours).
//   P      = petitions this year per 10,000 residents
//   R      = the township's surveyed rate (基本满意 or better; only the petition
//            term when the survey has no respondents there)
//   poor   = petition_weight clamp((P - petitions_reference) / petitions_reference, 0, 1)
//            + (1 - petition_weight) clamp((survey_reference - R) / survey_span, 0, 1)
//   veto   = one_vote_veto and P > veto_petitions   (信访 "一票否决": the township fails whatever else)
//   pressure <- 1 if veto, else clamp(pressure + poor, 0, 1)                 in December
//   pressure <- pressure (1 - pressure_decay)                                every month
//   mediation_effort = 1 + effort_gain pressure   (the township rung's capacity, ladder.cpp)
// The committees read pressure as more tasks pushed down (committee.pressure_tasks);
// the township's staffing may read it (assessment_pressure).
#include <algorithm>

#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

ParamDecl real(const char* name, double def, const char* unit, double lo, double hi, const char* desc,
               const char* source, bool lever = false) {
  return {name, ParamType::Real, def, unit, lo, hi, desc, source, lever};
}

const Param kPetitionsRef = declare_param(
    real("assessment.petitions_reference", 60, "petitions per 10,000 residents a year", 1, 10000,
         "Petitions per 10,000 residents a year above which the township's petition score starts to fall.",
         "assumption (about the level of calibration-2020: petitions-2016, ~58 per 10,000 residents)"));
const Param kPetitionWeight =
    declare_param(real("assessment.petition_weight", 0.5, "share", 0, 1,
                       "Weight of the petition score in the assessment (the rest: the satisfaction survey).",
                       "004 §36 (综合考核); 002 §16 (satisfaction the main standard); assumption"));
const Param kSurveyRef = declare_param(real("assessment.survey_reference", 0.9, "share", 0, 1,
                                            "Surveyed satisfaction rate below which the survey score starts to fall.",
                                            "assumption (official rates sit at 90-99%: calibration-2020: "
                                            "satisfaction-ceiling)"));
const Param kSurveySpan = declare_param(
    real("assessment.survey_span", 0.2, "share", 0.01, 1,
         "Shortfall of the surveyed rate below survey_reference at which the survey score is worst.", "assumption"));
const Param kVeto = declare_param(
    {"assessment.one_vote_veto", ParamType::Boolean, 1, "flag", 0, 1,
     "Petitions carry a one-vote veto (一票否决): a township above veto_petitions fails the assessment whatever its "
     "other scores. The documents name such vetoes only to abolish them (004 §36: items the townships and "
     "departments set themselves are cancelled, none may be added); the threshold is an assumption.",
     "004 §36 (清理规范一票否决); assumption (in force in 2019)", true});
const Param kVetoPetitions =
    declare_param(real("assessment.veto_petitions", 120, "petitions per 10,000 residents a year", 0, 100000,
                       "Petitions per 10,000 residents a year above which the one-vote veto applies.", "assumption"));
const Param kDecay =
    declare_param(real("assessment.pressure_decay", 0.1, "share per month", 0, 1,
                       "Share of the township's assessment pressure that fades each month.", "assumption"));
const Param kEffortGain =
    declare_param(real("assessment.effort_gain", 0.5, "share of capacity at full pressure", 0, 5,
                       "Extra mediation cases the township works at full assessment pressure (leaders take cases "
                       "on, 包案; overtime), as a share of its capacity.",
                       "001 §45 (大事不出乡镇); assumption"));

const Indicator kPressure =
    declare_indicator({"assessment_pressure", "index 0-1", "townships' assessment pressure", "乡镇考核压力",
                       "Mean over townships of the pressure from the county's assessment (petitions and the survey).",
                       "assessment", 1.0, false});
const Indicator kVetoed = declare_indicator(
    {"townships_vetoed", "share", "townships failed by the one-vote veto", "被一票否决的乡镇占比",
     "Townships over the petition veto threshold at this December's assessment / townships (December only).",
     "assessment", 1.0, false});

// State.
const Owned<float> colPressure =
    declare_column<float>({"assessment_pressure", Level::Township, "0..1",
                           "Pressure on the township from the county's assessment (petitions and the survey); read "
                           "by the committees (tasks pushed down) and the township's staffing.",
                           "assessment", Merge::Max});
const Owned<float> colEffort =
    declare_column<float>({"mediation_effort", Level::Township, "multiplier",
                           "The township's mediation effort from assessment pressure (1 without); read by the ladder.",
                           "assessment", Merge::Max},
                          1.0f);
const Reads<float> colPetitionsYear = reads<float>(Level::Township, "petitions_year", "assessment");
const Reads<float> colSurveyAsked = reads<float>(Level::Township, "survey_respondents_township", "assessment");
const Reads<float> colSurveyOk = reads<float>(Level::Township, "survey_satisfied_township", "assessment");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "assessment");

class Assessment : public Mechanism {
 public:
  std::string name() const override { return "assessment"; }
  std::string summary() const override {
    return "the county's December assessment of townships on petitions and the survey (one-vote veto); pressure "
           "raises mediation effort and the work pushed down";
  }
  void init(World& w, const InitContext&) override {
    pressure_ = &colPressure.write(w);
    effort_ = &colEffort.write(w);
    petitions_ = &colPetitionsYear.read(w);
    asked_ = &colSurveyAsked.read(w);
    ok_ = &colSurveyOk.read(w);
    residents_ = &colResidents.read(w);
  }
  void steps(StepList& out) override {
    out.add({"assessment.annual", Scope::Township,
             "pressure fades; in December the county scores the township on the year's petitions per 10,000 "
             "residents and its surveyed satisfaction (a veto above the petition threshold); set mediation effort",
             [this](const StepContext& c, uint32_t t) { monthly(c, t); }});
  }

 private:
  // The poor score of a December assessment (0 good .. 1 worst); veto set when it applies.
  double poor(const StepContext& c, uint32_t t, double per10k, bool& veto) const {
    const double ref = c.p(kPetitionsRef);
    const double pet = std::clamp((per10k - ref) / ref, 0.0, 1.0);
    veto = c.p(kVeto) != 0 && per10k > c.p(kVetoPetitions);
    if ((*asked_)[t] <= 0) return pet;  // no respondents in the township: petitions alone
    const double rate = (*ok_)[t] / (*asked_)[t];
    const double sur = std::clamp((c.p(kSurveyRef) - rate) / c.p(kSurveySpan), 0.0, 1.0);
    const double wp = c.p(kPetitionWeight);
    return wp * pet + (1 - wp) * sur;
  }
  void monthly(const StepContext& c, uint32_t t) {
    const auto [lo, hi] = c.world.range(Level::Township, t, Level::Unit);
    float& p = (*pressure_)[t];
    p *= static_cast<float>(1 - c.p(kDecay));
    if (c.month.month() == 12 && lo < hi) {
      double pop = 0;
      for (uint32_t u = lo; u < hi; ++u) pop += (*residents_)[u];
      const double per10k = pop > 0 ? 10000.0 * (*petitions_)[t] / pop : 0.0;
      bool veto = false;
      const double score = poor(c, t, per10k, veto);
      p = veto ? 1.0f : static_cast<float>(std::clamp(p + score, 0.0, 1.0));
      c.record(kVetoed, lo, veto, 1);
    }
    (*effort_)[t] = static_cast<float>(1 + c.p(kEffortGain) * p);
    if (lo < hi) c.record(kPressure, lo, p, 1);
  }

  std::vector<float>*pressure_ = nullptr, *effort_ = nullptr;
  const std::vector<float>*petitions_ = nullptr, *asked_ = nullptr, *ok_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
};

REGISTER_MECHANISM(Assessment);

}  // namespace
}  // namespace govsim::model
