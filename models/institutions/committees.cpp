// The village and community "two committees" (两委): the secretary, the
// one-person-both-posts arrangement (一肩挑), training, reserve cadres, elections,
// consultation practice, openness, supervision and the administrative workload
// pushed down from above. Capability and workload set the committee rung of the
// resolution ladder (committee_capacity_factor, committee_resolve_factor).
//
// Secretary capability (0-1):
//   capability = 0.45 quality + 0.2 min(years in office / 10, 1) + 0.2 exp(-months since training / decay)
//                + 0.15 age factor (1 up to 45, falling to 0 at 70) + yijianti_bonus [一肩挑]
// quality stands for education and aptitude; it is drawn when a secretary takes office.
// 一肩挑 is elected, not set: the township nominates the secretaries of a share of
// units (the push, in a fixed order of units) for committee head too; at each general
// election, at a by-election for a vacant secretary post, and at an adjustment
// (调整, a monthly chance between elections), a nominated secretary wins the head
// post with probability
//   win = clamp(win_base + win_capability (capability - reference_capability)
//               + win_trust (residents' trust - reference_trust), 0, 1)
// so the achieved share is an outcome that can miss its deadline.
// Openness and consultation are the committee's effort towards what the rules require:
//   practice -> requirement * clamp(effort_base + effort_capability (capability - ref)
//               - effort_workload (workload - ref) + effort_supervision (supervision - ref)
//               + effort_demand (reference_trust - trust), 0, 1)          at practice_adjustment a month
// Training in staggered cohorts: a unit's round falls when (month + cohort offset) is a
// multiple of the cycle; a secretary attends with probability
// training_attendance (1 - training_absence_workload workload).
// Tasks pushed down follow the work, not the committee: tasks_per_village for each original
// village the unit absorbed plus tasks_per_1000_residents, so a merger neither adds nor removes work.
// Elections (every term_years from first_election_year, in election_month) choose
// the best of the incumbent (unless 60+) and the reserve cadres (each a draw from
// the reserve pool), after county-level joint vetting (integrity mechanism); a
// reserve who is chosen leaves the pool. Without candidates an outsider is drawn.
// Workload: tasks pushed down a month -- those that come with money (费随事转) and
// the unfunded ones the admission system does not refuse (002 §14, 004 §35) --
// times hours per task, over the committee's hours.
//   committee_capacity_factor = (1 + capability_effect (capability - reference_capability))
//                               * (1 - workload) / (1 - reference_workload)
//                               * (1 + cross_serving_effect * cross_serving) / (1 + cross_serving_effect * 0.3)
//   committee_resolve_factor  = 1 + resolution_effect (capability - reference_capability)
// Feedback loops (issue 16; docs/model.md §7.6):
//   an eligible incumbent is returned at a general election with probability
//     clamp(reelect_base + reelect_trust (trust - reference_trust) + reelect_capability (capability - ref), 0, 1);
//   r = secretary_pay / (local rural monthly income); between elections a secretary quits with
//     quit_base (r / pay_ratio_reference)^(-quit_pay_elasticity) a month (a vacancy);
//   reserves are recruited at reserve_recruit_rate (r / ref)^reserve_pay_elasticity
//     * max(0, 1 + reserve_trust (trust - reference_trust));
//   candidates' mean quality + quality_pay clamp(ln(r / ref), -1, 1);
//   a vacancy is filled next month from the reserves, else by an outsider at outsider_fill_rate a month,
//     the committee rung at vacancy_capacity meanwhile;
//   a township under assessment pressure P pushes tasks * pressure_tasks * P unfunded tasks down.
// Tasks and refusals are outcomes (issue 15): a township that has only a share S < 1 of the
// posts it needs filled and paid (township_staff_share) pushes more of its own work down
// (上面千条线, 下面一根针):
//   tasks = (tasks_per_village * villages + tasks_per_1000_residents * residents / 1000)
//           * (1 + push_down_shortfall * (1 - S));
// and the admission list (准入) refuses unfunded tasks only as far as the committee can make it
// stick against the township:
//   refused = unfunded * admission_refusal * clamp(1 + refusal_capability (capability - ref), 0, 1)
//             * (1 - refusal_pressure * P).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"
#include "institutions/elections.hpp"

namespace govsim::model {
namespace {

const Param kInitYijianti = declare_param(
    {"committee.initial_yijianti_share", ParamType::Real, 0.384, "share", 0, 1,
     "Share of villages and communities where one person is both Party secretary and committee head at the start.",
     "calibration-2020: 38.4% nationally before the push (2010 round)", false});
const Param kYijiantiVillage = declare_param(
    {"committee.yijianti_nomination_village", ParamType::Real, 0.40, "share of villages", 0, 1,
     "The 一肩挑 push: share of village Party secretaries the township nominates for committee head as well "
     "(in a fixed order of villages); whether they win is an election. A schedule sets the date, e.g. "
     "{ 2020 = 0.45, \"2020-06\" = 1 }.",
     "001 §2 (100% of villages by end-2020); 000 §3; 004 §2 (sustained at 100%); default: 0.40 with win_base "
     "0.85 and adjustments between elections keeps about calibration-2020: 38.4% nationally before the push "
     "(2010 round)",
     true});
const Param kYijiantiCommunity =
    declare_param({"committee.yijianti_nomination_community", ParamType::Real, 0.40, "share of communities", 0, 1,
                   "The 一肩挑 push in communities: share of community secretaries nominated for director as well.",
                   "001 §21 (full coverage of communities by end-2021); default as for villages", true});
const Param kWinBase = declare_param(
    {"committee.yijianti_win_base", ParamType::Real, 0.85, "probability", 0, 1,
     "Probability that a nominated secretary is also elected committee head, at the reference capability and trust.",
     "assumption (national share rose from 38.4% to about 95% after the 2021 round with near-universal "
     "nomination)",
     false});
const Param kWinCapability = declare_param(
    {"committee.yijianti_win_capability", ParamType::Real, 1.0, "probability per capability point", 0, 5,
     "Rise of the win probability per unit of the secretary's capability above the reference.", "assumption", false});
const Param kWinTrust = declare_param(
    {"committee.yijianti_win_trust", ParamType::Real, 0.8, "probability per trust point", 0, 5,
     "Rise of the win probability per unit of residents' mean trust above reference_trust.", "assumption", false});
const Param kAdjustment =
    declare_param({"committee.yijianti_adjustment_rate", ParamType::Real, 0.03, "probability per month", 0, 1,
                   "Monthly probability that a unit whose nominated secretary is not head holds an adjustment (调整, a "
                   "by-election for the head post) between general elections.",
                   "assumption (adjustments before the 2021 round)", false});
const Param kRefTrust = declare_param(
    {"committee.reference_trust", ParamType::Real, 0.6, "index 0-1", 0, 1,
     "Residents' trust at which the 一肩挑 win probability and the demand for openness are at their base values "
     "(about the mean at the start).",
     "assumption", false});
const Param kEffortBase = declare_param(
    {"committee.effort_base", ParamType::Real, 0.8, "share of the requirement", 0, 1,
     "Share of what the rules require (openness, consultation) a committee practises at the reference capability, "
     "workload, supervision and trust.",
     "assumption", false});
const Param kEffortCapability =
    declare_param({"committee.effort_capability", ParamType::Real, 0.8, "share per capability point", 0, 5,
                   "Rise of effort per unit of capability above the reference.", "assumption", false});
const Param kEffortWorkload =
    declare_param({"committee.effort_workload", ParamType::Real, 0.6, "share per workload point", 0, 5,
                   "Fall of effort per unit of workload above the reference (hours go to pushed-down tasks).",
                   "003 ch.7(2) (减负); assumption", false});
const Param kEffortSupervision =
    declare_param({"committee.effort_supervision", ParamType::Real, 0.3, "share per supervision point", 0, 5,
                   "Rise of effort per unit of supervision above reference_supervision (enforcement).",
                   "001 §55, 004 §22; assumption", false});
const Param kEffortDemand = declare_param(
    {"committee.effort_demand", ParamType::Real, 0.3, "share per trust point", 0, 5,
     "Rise of effort per unit of residents' distrust beyond the reference (residents who distrust press for "
     "disclosure).",
     "assumption", false});
const Param kRefSupervision =
    declare_param({"committee.reference_supervision", ParamType::Real, 0.4, "strength 0-1", 0, 1,
                   "Supervision at which effort is at effort_base (the 2019 level).", "assumption", false});
const Param kAttendance =
    declare_param({"committee.training_attendance", ParamType::Real, 0.95, "probability", 0, 1,
                   "Probability that a secretary attends the training round of the unit's cohort (no workload).",
                   "assumption", false});
const Param kAbsenceWorkload = declare_param(
    {"committee.training_absence_workload", ParamType::Real, 0.5, "probability per workload point", 0, 1,
     "Fall of the attendance probability per unit of workload (too busy with pushed-down tasks to attend).",
     "assumption", false});
const Param kYijiantiBonus = declare_param(
    {"committee.yijianti_bonus", ParamType::Real, 0.05, "capability points", 0, 0.3,
     "Capability gained from one person holding both posts (unified command, fewer frictions).", "assumption", false});
const Param kCrossServing = declare_param(
    {"committee.cross_serving_target", ParamType::Real, 0.3, "share of members", 0, 1,
     "Share of committee members serving on both committees (交叉任职); raises capacity by cross_serving_effect.",
     "000 §3, 001 §2 (推行村两委班子成员交叉任职)", true});
const Param kCrossServingEffect =
    declare_param({"committee.cross_serving_effect", ParamType::Real, 0.15, "capacity share at full cross-serving", 0,
                   1, "Committee capacity gained when every member serves on both committees.", "assumption", false});
const Param kSizeVillage =
    declare_param({"committee.size_village", ParamType::Integer, 5, "members", 3, 15,
                   "Members of a village's two committees.", "assumption (村两委 typically 5-7 posts)", false});
const Param kSizeCommunity = declare_param({"committee.size_community", ParamType::Integer, 7, "members", 3, 25,
                                            "Members of a community's two committees.", "assumption", false});
const Param kSecTraining =
    declare_param({"committee.secretary_training_cycle_months", ParamType::Integer, 24, "months", 1, 120,
                   "Months between training rounds of village secretaries.",
                   "001 §10 (county trains every village secretary at least once a year: 12)", true});
const Param kCommunityTraining =
    declare_param({"committee.community_training_cycle_months", ParamType::Integer, 60, "months", 1, 120,
                   "Months between training rounds of community committees and workers.",
                   "002 §18 (full coverage of community workers every 3 years: 36)", true});
const Param kTrainingDecay =
    declare_param({"committee.training_decay_months", ParamType::Real, 24, "months", 1, 240,
                   "e-folding time of the effect of a training round on capability.", "assumption", false});
const Param kFirstElection =
    declare_param({"committee.first_election_year", ParamType::Integer, 2021, "year", 1990, 2100,
                   "Year of the first committee election in the run (then every term_years).",
                   "004 §21; the 2021 round of village and community elections", false});
const Param kTerm = declare_param(
    {"committee.term_years", ParamType::Integer, 5, "years", 1, 10, "Term of office of the committees.",
     "2018 amendment of the Organic Law of Villagers' Committees (five-year terms); elections 2021, 2026, 2031",
     false});
const Param kElectionMonth = declare_param({"committee.election_month", ParamType::Integer, 3, "month of the year", 1,
                                            12, "Month in which the election round completes.",
                                            "assumption (the 2021 round ran January-March)", false});
const Param kReserveTarget =
    declare_param({"committee.reserve_target", ParamType::Integer, 1, "reserve cadres per unit", 0, 10,
                   "Reserve cadres (aged 35 or under, high school or more) each village/community aims to keep.",
                   "001 §10 (at least 2 per village)", true});
const Param kReserveRecruit =
    declare_param({"committee.reserve_recruit_rate", ParamType::Real, 0.05, "probability per month", 0, 1,
                   "Monthly probability of recruiting one reserve cadre while below the target.",
                   "001 §10 (村推荐、乡镇遴选、县备案); assumption", false});
const Param kReserveAttrition = declare_param(
    {"committee.reserve_attrition", ParamType::Real, 0.01, "probability per month", 0, 1,
     "Monthly probability that a reserve cadre leaves the pool (migration, other work).", "assumption", false});
const Param kReserveQuality =
    declare_param({"committee.reserve_quality_mean", ParamType::Real, 0.6, "quality 0-1", 0, 1,
                   "Mean quality (education, aptitude) of a reserve cadre.",
                   "001 §10 (returning migrant workers with high school or more); assumption", false});
const Param kOutsiderQuality =
    declare_param({"committee.outsider_quality_mean", ParamType::Real, 0.4, "quality 0-1", 0, 1,
                   "Mean quality of a candidate found outside the reserve pool.", "assumption", false});
const Param kQualitySd = declare_param({"committee.quality_sd", ParamType::Real, 0.15, "quality 0-1", 0, 0.5,
                                        "Spread of candidates' quality.", "assumption", false});
const Param kInitAge = declare_param(
    {"committee.initial_secretary_age", ParamType::Real, 50, "years", 25, 70, "Mean age of secretaries at the start.",
     "calibration-2020: mean age of village Party secretaries 50.0 (CASS 2019)", false});
const Param kInitCollege =
    declare_param({"committee.initial_college_share", ParamType::Real, 0.399, "share", 0, 1,
                   "Share of secretaries with college education at the start (adds 0.25 to quality).",
                   "calibration-2020: 39.9% college educated (CASS 2019)", false});
const Param kTasks =
    declare_param({"committee.tasks_per_village", ParamType::Real, 8.6, "tasks per month per original village", 0, 500,
                   "Administrative tasks pushed down each month for every original village a unit covers (a "
                   "community counts as one): merged villages keep their work.",
                   "assumption (with tasks_per_1000_residents: the 15 a committee of the earlier assumption, county "
                   "total at the start)",
                   false});
const Param kTasksPerResident = declare_param(
    {"committee.tasks_per_1000_residents", ParamType::Real, 4.5, "tasks per month per 1,000 residents", 0, 500,
     "Administrative tasks pushed down each month per 1,000 residents (certificates, surveys, campaigns).",
     "assumption", false});
const Param kRefusal =
    declare_param({"committee.admission_refusal", ParamType::Real, 0, "share of tasks", 0, 1,
                   "Share of pushed-down tasks the work-item admission system refuses (unless funded: 费随事转).",
                   "002 §14 (社区工作事项准入制度), 004 §35", true});
const Param kFundedShare = declare_param(
    {"committee.task_funded_share", ParamType::Real, 0.3, "share of tasks", 0, 1,
     "Share of pushed-down tasks that arrive with money (费随事转); the rest are unfunded mandates unless refused.",
     "002 §14 (依法需要协助的工作事项, 应当按照费随事转原则提供经费), 001 §37", true});
const Param kHoursPerTask = declare_param({"committee.hours_per_task", ParamType::Real, 8, "hours", 0, 200,
                                           "Hours one pushed-down task takes.", "assumption", false});
const Param kHoursPerMember =
    declare_param({"committee.hours_per_member", ParamType::Real, 160, "hours per month", 10, 400,
                   "Working hours of a committee member in a month.", "assumption", false});
const Param kRefWorkload =
    declare_param({"committee.reference_workload", ParamType::Real, 0.15, "share of hours", 0, 0.9,
                   "Workload at which the ladder's committee capacity is calibrated (factor 1).", "assumption", false});
const Param kRefCapability = declare_param(
    {"committee.reference_capability", ParamType::Real, 0.6, "index 0-1", 0, 1,
     "Capability at which the ladder's committee capacity and resolution are calibrated (factors 1): about the "
     "mean at the start.",
     "assumption", false});
const Param kCapEffect =
    declare_param({"committee.capability_effect", ParamType::Real, 1.0, "capacity per capability point", 0, 5,
                   "Change of committee capacity per unit of capability above the reference.", "assumption", false});
const Param kResolveEffect =
    declare_param({"committee.resolution_effect", ParamType::Real, 0.6, "resolution multiplier per capability point", 0,
                   2, "Change of the committee's resolution probability per unit of capability above the reference.",
                   "assumption", false});
const Param kOpennessTarget =
    declare_param({"committee.openness_target", ParamType::Real, 0.8, "share of affairs public", 0, 1,
                   "Share of village/community affairs, finances and decisions the rules require to be made public "
                   "(公开率); practice is the committee's effort towards it.",
                   "001 §42 (公开率 100%); 004 §22", true});
const Param kConsultationTarget =
    declare_param({"committee.consultation_target", ParamType::Real, 0.5, "share of decisions", 0, 1,
                   "Share of major decisions the rules require to go through 四议两公开 (four deliberations, two "
                   "disclosures); practice is the committee's effort towards it.",

                   "000 §3; 004 §1", true});
const Param kSupervision = declare_param(
    {"committee.supervision", ParamType::Real, 0.4, "strength 0-1", 0, 1,
     "Strength of supervision: village affairs supervision committee and discipline member in place and active.",
     "001 §55 (配齐配强纪检委员、村务监督委员会), 004 §22", true});
const Param kPracticeRate =
    declare_param({"committee.practice_adjustment", ParamType::Real, 0.1, "share per month", 0, 1,
                   "Monthly rate at which openness and consultation practice move toward the committee's effort level.",
                   "assumption", false});

// Feedback loops (issue 16): residents' trust at the vote, cadre pay against local incomes,
// the township's assessment pressure, vacancies and reserves.
const Param kReelectBase = declare_param(
    {"committee.reelect_base", ParamType::Real, 0.85, "probability", 0, 1,
     "Probability that an eligible incumbent secretary is returned at a general election, at the reference trust "
     "and capability (a defeated incumbent is replaced by the best reserve or an outsider).",
     "004 §21, 001 §9 (换届); assumption", false});
const Param kReelectTrust =
    declare_param({"committee.reelect_trust", ParamType::Real, 1.5, "probability per trust point", 0, 10,
                   "Rise of the incumbent's re-election probability per unit of residents' mean trust above "
                   "reference_trust.",
                   "assumption", false});
const Param kReelectCapability =
    declare_param({"committee.reelect_capability", ParamType::Real, 1.0, "probability per capability point", 0, 10,
                   "Rise of the incumbent's re-election probability per unit of capability above the reference.",
                   "001 §61 (调整不胜任、不尽职的干部); assumption", false});
const Param kPayRef = declare_param(
    {"committee.pay_ratio_reference", ParamType::Real, 1.25, "ratio", 0.1, 20,
     "Secretary pay relative to local (rural per-capita) monthly income at which quits, reserve recruitment, "
     "candidates' quality and corruption are at their base values: the 2020 plain-village floor over the 2020 "
     "rural income.",
     "calibration-2020: secretary-pay-2016 (1,650 a month, plain villages) over township.rural_income_2020 / 12",
     false});
const Param kQuitBase =
    declare_param({"committee.quit_base", ParamType::Real, 0.004, "probability per month", 0, 1,
                   "Monthly probability that a secretary quits between elections (other work, migration) at the "
                   "reference pay ratio; the post falls vacant.",
                   "assumption (about 5% a year)", false});
const Param kQuitPay = declare_param({"committee.quit_pay_elasticity", ParamType::Real, 1.0, "elasticity", 0, 5,
                                      "Quits scale as (pay ratio / reference)^(-this): better pay keeps secretaries.",
                                      "001 §61, 000 §29 (报酬正常增长机制); assumption", false});
const Param kReservePay =
    declare_param({"committee.reserve_pay_elasticity", ParamType::Real, 1.0, "elasticity", 0, 5,
                   "Reserve recruitment scales as (pay ratio / reference)^this: better pay draws young candidates.",
                   "001 §10, §61; assumption", false});
const Param kReserveTrust =
    declare_param({"committee.reserve_trust", ParamType::Real, 2.0, "share per trust point", 0, 10,
                   "Rise of reserve recruitment per unit of residents' trust above reference_trust (people step "
                   "forward for a committee they trust).",
                   "assumption", false});
const Param kQualityPay =
    declare_param({"committee.quality_pay", ParamType::Real, 0.05, "quality points per log unit of pay", 0, 1,
                   "Rise of candidates' mean quality per unit of ln(pay ratio / reference) (clamped to +-1).",
                   "001 §10, §61; assumption", false});
const Param kOutsiderFill =
    declare_param({"committee.outsider_fill_rate", ParamType::Real, 0.5, "probability per month", 0, 1,
                   "Monthly probability that a vacant post with no reserve cadre is filled by an outsider (with a "
                   "reserve it is filled the next month).",
                   "001 §10 (后备力量); assumption", false});
const Param kVacancyCapacity =
    declare_param({"committee.vacancy_capacity", ParamType::Real, 0.8, "multiplier", 0, 1,
                   "Committee capacity on the ladder while the secretary post is vacant.", "assumption", false});
const Param kPushDown = declare_param(
    {"committee.push_down_shortfall", ParamType::Real, 1.0, "share of tasks per share of staff missing", 0, 10,
     "Extra tasks a township pushes down per share of the posts it needs that are not filled and paid "
     "(township_staff_share): 1 means a township with 10% of its posts missing pushes 10% more.",
     "003 ch.7(2), 004 §35 (减负: tasks pushed to the grassroots); assumption", false});
const Param kRefusalCapability = declare_param(
    {"committee.refusal_capability", ParamType::Real, 1.0, "share per capability point", 0, 10,
     "Rise of the share of the admission list's refusals that stick per point of committee capability above the "
     "reference (a weak committee cannot say no to the township).",
     "002 §14, 004 §35 (准入); assumption", false});
const Param kRefusalPressure =
    declare_param({"committee.refusal_pressure", ParamType::Real, 0.5, "share at full pressure", 0, 1,
                   "Share of the admission list's refusals lost when the township is under full assessment pressure "
                   "(it insists on the tasks its own assessment scores).",
                   "004 §35, 004 §36; assumption", false});
const Param kPressureTasks = declare_param(
    {"committee.pressure_tasks", ParamType::Real, 0.3, "share of tasks at full pressure", 0, 5,
     "Extra unfunded work (inspections, ledgers, campaigns) a township under full assessment pressure pushes down, "
     "as a share of the committee's tasks: the cost of the assessment in committee hours.",
     "004 §36 (督查检查, 工作台账, 一票否决: 减轻基层负担); assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kYjtVillage =
    declare_indicator({"yijianti_rate_village", "share", "one-person-both-posts rate, villages", "村一肩挑比例",
                       "Villages whose Party secretary is also committee head / villages.", "committee"});
const Indicator kYjtCommunity =
    declare_indicator({"yijianti_rate_community", "share", "one-person-both-posts rate, communities", "社区一肩挑比例",
                       "Communities whose Party secretary is also committee head / communities.", "committee"});
const Indicator kReserves =
    declare_indicator({"reserve_cadres_per_village", "cadres per village", "reserve cadres per village",
                       "每村后备干部数", "Reserve cadres in villages / villages (target >= 2, 001 §10).", "committee"});
const Indicator kTrainingCoverage = declare_indicator(
    {"training_coverage", "share", "committee training coverage", "两委培训覆盖率",
     "Village secretaries trained in the last 12 months plus communities trained in the last 36 months, / units "
     "(001 §10, 002 §18).",
     "committee"});
const Indicator kCapability =
    headline(declare_indicator({"committee_capability", "index 0-1", "mean committee capability", "两委班子能力(均值)",
                                "Mean secretary capability over villages and communities.", "committee"}));
const Indicator kOpenness =
    declare_indicator({"openness", "share", "openness of village and community affairs", "村(居)务公开率",
                       "Mean share of affairs made public (target 100%, 001 §42).", "committee"});
const Indicator kConsultation =
    declare_indicator({"consultation_practice", "share", "decisions through 四议两公开", "四议两公开执行率",
                       "Mean share of major decisions taken through the consultation procedure.", "committee"});
const Indicator kWorkload = declare_indicator(
    {"committee_workload", "share of hours", "committee workload from pushed-down tasks", "两委承接下派事项负担",
     "Mean share of committee hours spent on tasks pushed down from above (tasks follow the township's missing "
     "staff; refusals stick with the committee's capability and against the township's assessment pressure).",
     "committee"});
const Indicator kUnfunded =
    declare_indicator({"unfunded_mandates", "tasks", "unfunded mandates accepted", "无经费下派事项数",
                       "Tasks pushed down without money that the admission system did not refuse, this month.",
                       "committee", 1.0, true, IA::Sum});
const Indicator kElections = declare_indicator(
    {"secretaries_replaced", "secretaries", "secretaries replaced", "书记更替人数",
     "Secretaries who took office this month (elections, removals).", "committee", 1.0, true, IA::Sum});

const Indicator kQuits =
    declare_indicator({"secretaries_quit", "secretaries", "secretaries who quit", "书记辞职人数",
                       "Secretaries who quit their post this month (a vacancy).", "committee", 1.0, true, IA::Sum});
const Indicator kDefeated = declare_indicator(
    {"secretaries_defeated", "secretaries", "incumbents not returned at elections", "书记落选人数",
     "Eligible incumbent secretaries not returned at this month's general election.", "committee", 1.0, true, IA::Sum});
const Indicator kVacancy =
    declare_indicator({"secretary_vacancy_share", "share", "secretary posts vacant", "书记岗位空缺率",
                       "Units whose secretary post is vacant at the end of the committee step / units.", "committee"});
const Indicator kPayRatio = input(declare_indicator(
    {"secretary_pay_ratio", "ratio", "secretary pay over local income", "村书记报酬与当地收入之比",
     "Mean over units of the secretary's monthly pay over the rural per-capita monthly income (an input: it "
     "restates the pay floor, less what a short township cannot pay).",
     "committee"}));

bool is_village(const std::string& kind) { return kind == "rural_village"; }

// State.
const Owned<uint8_t> colSize =
    declare_column<uint8_t>({"committee_size", Level::Unit, "members", "Members of the village/community committee.",
                             "committee", Merge::First});
const Owned<uint8_t> colYjt =
    declare_column<uint8_t>({"yijianti", Level::Unit, "0/1", "The secretary is also the committee director (一肩挑).",
                             "committee", Merge::First});
const Owned<float> colYjtRank = declare_column<float>(
    {"yijianti_rank", Level::Unit, "0..1",
     "Fixed order in which the township nominates secretaries for both posts (independent of policy).", "committee",
     Merge::First});
const Owned<float> colCohort = declare_column<float>(
    {"training_cohort", Level::Unit, "0..1",
     "The unit's place in the staggered training cycle (its round falls at cohort x cycle months into the cycle).",
     "committee", Merge::First});
const Owned<float> colTasksPushed = declare_column<float>(
    {"tasks_pushed", Level::Unit, "tasks per month",
     "Administrative tasks pushed down to the committee this month (read by the township's task money).", "committee",
     Merge::Sum});
const Owned<float> colTasksRefused = declare_column<float>(
    {"tasks_refused", Level::Unit, "tasks per month",
     "Unfunded tasks the work-item admission system refused this month: they come back to the township (read by "
     "township_finance, where they take the staff's hours from mediation).",
     "committee", Merge::Sum});
const Owned<float> colQuality =

    declare_column<float>({"secretary_quality", Level::Unit, "0..1",
                           "Quality of the Party secretary (education, experience).", "committee", Merge::First});
const Owned<float> colAge = declare_column<float>(
    {"secretary_age", Level::Unit, "years", "Age of the Party secretary.", "committee", Merge::First});
const Owned<float> colYears = declare_column<float>(
    {"secretary_years", Level::Unit, "years", "Years the secretary has served.", "committee", Merge::First});
const Owned<uint16_t> colSinceTraining =
    declare_column<uint16_t>({"secretary_months_since_training", Level::Unit, "months",
                              "Months since the secretary's last training.", "committee", Merge::First});
const Owned<float> colCapability =
    declare_column<float>({"capability", Level::Unit, "0..1", "Capability of the committee led by its secretary.",
                           "committee", Merge::First});
const Owned<uint8_t> colReserves =
    declare_column<uint8_t>({"reserve_cadres", Level::Unit, "cadres",
                             "Reserve cadres trained to succeed the secretary.", "committee", Merge::First});
const Owned<float> colWorkload =
    declare_column<float>({"committee_workload", Level::Unit, "ratio",
                           "Tasks pushed down to the committee relative to its capacity.", "committee", Merge::First});
const Owned<float> colOpenness = declare_column<float>(
    {"openness", Level::Unit, "0..1", "Openness of village/community affairs (村务公开).", "committee", Merge::First});
const Owned<float> colConsultation = declare_column<float>(
    {"consultation", Level::Unit, "0..1", "Consultation practice (协商议事).", "committee", Merge::First});
const Owned<float> colSupervision =
    declare_column<float>({"supervision", Level::Unit, "0..1",
                           "Supervision by the village affairs supervision committee.", "committee", Merge::First});
const Owned<uint8_t> colSecretaryNew = declare_column<uint8_t>(
    {"secretary_new", Level::Unit, "0/1", "A new secretary took office this month.", "committee", Merge::First});
const Owned<uint8_t> colVacant = declare_column<uint8_t>({"secretary_vacant",
                                                          Level::Unit,
                                                          "0/1",
                                                          "The secretary post is vacant.",
                                                          "committee",
                                                          Merge::First,
                                                          {"integrity"}});
const Owned<float> colCapFactor = declare_column<float>(
    {"committee_capacity_factor", Level::Unit, "multiplier",
     "Committee capacity on the ladder from capability and workload (1 when absent).", "committee", Merge::First},
    1.0f);
const Owned<float> colResolveFactor = declare_column<float>(
    {"committee_resolve_factor", Level::Unit, "multiplier",
     "Committee resolution probability factor from capability (1 when absent).", "committee", Merge::First},
    1.0f);
const Owned<float> colPayRatio = declare_column<float>(
    {"secretary_pay_ratio", Level::Unit, "ratio",
     "The secretary's pay over the local monthly income this month (read by integrity).", "committee", Merge::First},
    1.25f);
const Reads<float> colSecretaryPay = reads<float>(Level::Unit, "secretary_pay", "committee");
const Reads<float> colPressure = reads<float>(Level::Township, "assessment_pressure", "committee");
const Reads<float> colStaffShare = reads<float>(Level::Township, "township_staff_share", "committee");
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "committee");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "committee");
const Reads<float> colOriginal = reads<float>(Level::Unit, "env_villages", "committee");
const Reads<float> colUnitTrust = reads<float>(Level::Unit, "adult_trust", "committee");

class Committees : public Mechanism {
 public:
  std::string name() const override { return "committee"; }
  std::string summary() const override {
    return "two committees: secretary capability, 一肩挑, training, reserves, elections, openness, consultation, "
           "supervision, workload";
  }

  void init(World& w, const InitContext& ctx) override {
    Table& u = w.units();
    const uint32_t n = u.size();
    size_ = &colSize.write(w);
    yjt_ = &colYjt.write(w);
    yjt_rank_ = &colYjtRank.write(w);
    cohort_ = &colCohort.write(w);
    tasks_ = &colTasksPushed.write(w);
    refused_ = &colTasksRefused.write(w);
    residents_ = &colResidents.read(w);
    original_ = &colOriginal.read(w);
    unit_trust_ = &colUnitTrust.read(w);
    pay_ratio_ = &colPayRatio.write(w);
    secretary_pay_ = &colSecretaryPay.read(w);
    pressure_ = &colPressure.read(w);
    staff_share_ = &colStaffShare.read(w);
    rural_income_ = param_named("township.rural_income_2020");
    income_growth_ = param_named("township.rural_income_growth");
    quality_ = &colQuality.write(w);
    age_ = &colAge.write(w);
    years_ = &colYears.write(w);
    since_training_ = &colSinceTraining.write(w);
    capability_ = &colCapability.write(w);
    reserves_ = &colReserves.write(w);
    workload_ = &colWorkload.write(w);
    openness_ = &colOpenness.write(w);
    consultation_ = &colConsultation.write(w);
    supervision_ = &colSupervision.write(w);
    secretary_new_ = &colSecretaryNew.write(w);
    vacant_ = &colVacant.write(w);
    cap_factor_ = &colCapFactor.write(w);
    resolve_factor_ = &colResolveFactor.write(w);
    for (uint32_t i = 0; i < n; ++i) {
      RngStream g = ctx.rng(stream_id("committee.init"), u.id[i]);
      (*size_)[i] = static_cast<uint8_t>(ctx.p(is_village(u.kind[i]) ? kSizeVillage : kSizeCommunity));
      (*yjt_rank_)[i] = static_cast<float>(g.uniform());  // fixed order of nomination, independent of policy
      const bool college = g.uniform() < ctx.p(kInitCollege);
      (*quality_)[i] =
          static_cast<float>(std::clamp(0.35 + (college ? 0.25 : 0.0) + ctx.p(kQualitySd) * g.normal(), 0.0, 1.0));
      (*age_)[i] = static_cast<float>(std::clamp(ctx.p(kInitAge) + 8 * g.normal(), 28.0, 68.0));
      (*years_)[i] = static_cast<float>(12 * g.uniform());
      (*cohort_)[i] = static_cast<float>(g.uniform());
      const bool vil = is_village(u.kind[i]);
      const double cycle = ctx.p(vil ? kSecTraining : kCommunityTraining);
      (*since_training_)[i] = static_cast<uint16_t>((*cohort_)[i] * cycle);
      (*reserves_)[i] = static_cast<uint8_t>(g.uniform() < 0.5 ? 1 : 0);
      const double effort = ctx.p(kEffortBase);
      (*openness_)[i] = static_cast<float>(std::clamp(ctx.p(kOpennessTarget) * effort + 0.1 * g.normal(), 0.0, 1.0));
      (*consultation_)[i] =
          static_cast<float>(std::clamp(ctx.p(kConsultationTarget) * effort + 0.1 * g.normal(), 0.0, 1.0));
      (*yjt_)[i] = (*yjt_rank_)[i] < ctx.p(kInitYijianti);
      const double tasks = tasks_pushed(ctx, 1.0f, (*residents_)[i]);  // (one original village each at the start)
      (*tasks_)[i] = static_cast<float>(tasks);
      (*refused_)[i] = static_cast<float>(tasks * (1 - ctx.p(kFundedShare)) * ctx.p(kRefusal));  // (at the reference)
    }
    w.on_merge([this](World& world, Level level, const std::vector<uint32_t>& m) {
      if (level == Level::Unit) merge_units(world, m);
    });
  }

  void steps(StepList& out) override {
    out.add({"committee.monthly", Scope::Unit,
             "elections in election years, filling vacancies, 一肩挑 at elections and adjustments, training in "
             "cohorts, reserve recruitment and attrition, workload, openness and consultation effort; set the "
             "committee rung's capacity and resolution",
             [this](const StepContext& c, uint32_t u) { monthly(c, u); }});
  }

 private:
  double age_factor(double a) const { return a <= 45 ? 1.0 : std::max(0.0, 1.0 - (a - 45) / 25); }

  double capability(const StepContext& c, uint32_t u, bool with_bonus = true) const {
    const double train = std::exp(-(*since_training_)[u] / c.p(kTrainingDecay));
    const double v = 0.45 * (*quality_)[u] + 0.2 * std::min((*years_)[u] / 10.0, 1.0) + 0.2 * train +
                     0.15 * age_factor((*age_)[u]) + (with_bonus && (*yjt_)[u] ? c.p(kYijiantiBonus) : 0.0);
    return std::clamp(v, 0.0, 1.0);
  }

  // 一肩挑: a nominated secretary stands for head at general elections, by-elections
  // and adjustments; a secretary not nominated does not hold both posts after a vote.
  void yijianti(const StepContext& c, uint32_t u, bool village, bool election) {
    RngStream g = c.rng(c.world.units().id[u], 1);  // own stream: these draws do not shift the unit's others
    const bool nominated = (*yjt_rank_)[u] < c.p(village ? kYijiantiVillage : kYijiantiCommunity);
    const double vote = g.uniform(), adjust = g.uniform();
    const bool contested = election || (*secretary_new_)[u] || (nominated && !(*yjt_)[u] && adjust < c.p(kAdjustment));
    if (!contested) return;
    const double win = c.p(kWinBase) + c.p(kWinCapability) * (capability(c, u, false) - c.p(kRefCapability)) +
                       c.p(kWinTrust) * ((*unit_trust_)[u] - c.p(kRefTrust));
    (*yjt_)[u] = nominated && vote < std::clamp(win, 0.0, 1.0);
  }

  // A new secretary takes office: the best of the incumbent (if eligible) and the candidates.
  void choose(const StepContext& c, uint32_t u, RngStream& g, bool incumbent_eligible) {
    double best_score = -1, best_q = 0, best_age = 0;
    // better pay (relative to local incomes) draws better candidates
    const double shift = c.p(kQualityPay) * std::clamp(std::log((*pay_ratio_)[u] / c.p(kPayRef)), -1.0, 1.0);
    bool from_reserve = false;
    if (incumbent_eligible) {
      best_score = capability(c, u);
      best_q = (*quality_)[u];
      best_age = (*age_)[u];
    }
    const int k = (*reserves_)[u];
    for (int i = 0; i < k; ++i) {
      const double q = std::clamp(c.p(kReserveQuality) + shift + c.p(kQualitySd) * g.normal(), 0.0, 1.0);
      const double a = 28 + 7 * g.uniform();
      // a newcomer: no experience, freshly trained on taking office
      const double score = 0.45 * q + 0.2 + 0.15 * age_factor(a);
      if (score > best_score) best_score = score, best_q = q, best_age = a, from_reserve = true;
    }
    if (best_score < 0) {  // nobody: an outsider
      best_q = std::clamp(c.p(kOutsiderQuality) + shift + c.p(kQualitySd) * g.normal(), 0.0, 1.0);
      best_age = 35 + 15 * g.uniform();
      from_reserve = false;
    } else if (!from_reserve) {
      return;  // the incumbent stays
    }
    if (from_reserve) --(*reserves_)[u];
    (*quality_)[u] = static_cast<float>(best_q);
    (*age_)[u] = static_cast<float>(best_age);
    (*years_)[u] = 0;
    (*since_training_)[u] = 0;
    (*secretary_new_)[u] = 1;
  }

  // The secretary's pay over the local (rural per-capita) monthly income this month.
  double pay_ratio(const StepContext& c, uint32_t u) const {
    const double income = c.p(rural_income_) * std::pow(1 + c.p(income_growth_), c.month.year() - 2020) / 12;
    if (income <= 0) return c.p(kPayRef);
    return std::max(0.05, (*secretary_pay_)[u] / income);
  }

  // Elections, vacancies and quits. At a general election an eligible incumbent is
  // returned with a probability rising with residents' trust and capability; a
  // defeated one makes way for the best reserve or an outsider. A vacancy is filled
  // next month from the reserves, by an outsider only at outsider_fill_rate. Between
  // elections a secretary quits at a hazard falling with the pay ratio.
  void succession(const StepContext& c, uint32_t u, RngStream& g, bool election) {
    RngStream gv = c.rng(c.world.units().id[u], 3);  // own stream: the vote, the outsider, the quit
    const double vote = gv.uniform(), fill = gv.uniform(), quit = gv.uniform();
    const double ratio = (*pay_ratio_)[u], trust = (*unit_trust_)[u];
    bool defeated = false;
    if (election) {
      const bool eligible = (*age_)[u] < 60 && !(*vacant_)[u];
      const double keep = c.p(kReelectBase) + c.p(kReelectTrust) * (trust - c.p(kRefTrust)) +
                          c.p(kReelectCapability) * (capability(c, u, false) - c.p(kRefCapability));
      defeated = eligible && vote >= std::clamp(keep, 0.0, 1.0);
      choose(c, u, g, eligible && !defeated);
      (*vacant_)[u] = 0;
    } else if ((*vacant_)[u] && ((*reserves_)[u] > 0 || fill < c.p(kOutsiderFill))) {
      choose(c, u, g, false);
      (*vacant_)[u] = 0;
    }
    const double hazard = c.p(kQuitBase) * std::pow(ratio / c.p(kPayRef), -c.p(kQuitPay));
    const bool quits = !election && !(*vacant_)[u] && !(*secretary_new_)[u] && quit < hazard;
    if (quits) (*vacant_)[u] = 1;  // filled from next month
    c.record(kQuits, u, quits, 1);
    c.record(kDefeated, u, defeated, 1);
  }

  // Tasks pushed down a month to a unit covering `original` villages with `residents` residents.
  template <class Context>
  static double tasks_pushed(const Context& c, float original, uint32_t residents) {
    return c.p(kTasks) * std::max(1.0f, original) + c.p(kTasksPerResident) * residents / 1000.0;
  }
  // Workload: tasks follow the original villages and the residents, not the committee, and
  // grow where the township's own staff are missing; the admission list's refusals stick with
  // the committee's capability, less under assessment pressure; a township under pressure adds
  // unfunded work of its own.
  double compute_workload(const StepContext& c, uint32_t u) {
    const uint32_t t = c.world.units().parent[u];
    const double missing = std::clamp(1.0 - (*staff_share_)[t], 0.0, 1.0), pressure = (*pressure_)[t];
    const double tasks = tasks_pushed(c, (*original_)[u], (*residents_)[u]) * (1 + c.p(kPushDown) * missing);
    const double sticks =
        std::clamp(1 + c.p(kRefusalCapability) * ((*capability_)[u] - c.p(kRefCapability)), 0.0, 1.0) *
        std::max(0.0, 1 - c.p(kRefusalPressure) * pressure);
    const double refused = tasks * (1 - c.p(kFundedShare)) * c.p(kRefusal) * sticks;
    (*tasks_)[u] = static_cast<float>(tasks);
    (*refused_)[u] = static_cast<float>(refused);
    const double hours = (*size_)[u] * c.p(kHoursPerMember);
    const double funded = tasks * c.p(kFundedShare);
    const double unfunded = tasks * (1 - c.p(kFundedShare)) - refused;
    const double pressed = tasks * c.p(kPressureTasks) * pressure;
    const double load = std::min(0.9, (funded + unfunded + pressed) * c.p(kHoursPerTask) / std::max(hours, 1.0));
    c.record(kUnfunded, u, unfunded, 1);
    (*workload_)[u] = static_cast<float>(load);
    return load;
  }

  // Reserves: attrition; recruitment rising with the pay ratio and residents' trust.
  void reserves(const StepContext& c, uint32_t u, RngStream& g) {
    auto& res = (*reserves_)[u];
    if (res > 0 && g.uniform() < 1 - std::pow(1 - c.p(kReserveAttrition), res)) --res;
    const double draw = std::pow((*pay_ratio_)[u] / c.p(kPayRef), c.p(kReservePay)) *
                        std::max(0.0, 1 + c.p(kReserveTrust) * ((*unit_trust_)[u] - c.p(kRefTrust)));
    if (res < c.p(kReserveTarget) && g.uniform() < c.p(kReserveRecruit) * draw) ++res;
  }

  void monthly(const StepContext& c, uint32_t u) {
    const Table& units = c.world.units();
    const bool village = is_village(units.kind[u]);
    RngStream g = c.rng(units.id[u]);
    (*secretary_new_)[u] = 0;
    (*pay_ratio_)[u] = static_cast<float>(pay_ratio(c, u));
    const bool election = elections::general(c.month.year(), c.month.month(), static_cast<int>(c.p(kFirstElection)),
                                             static_cast<int>(c.p(kTerm)), static_cast<int>(c.p(kElectionMonth)));
    succession(c, u, g, election);
    c.record(kElections, u, (*secretary_new_)[u], 1);
    c.record(kVacancy, u, (*vacant_)[u], 1);
    c.record(kPayRatio, u, (*pay_ratio_)[u], 1);
    yijianti(c, u, village, election);
    const double workload = compute_workload(c, u);

    // time passes; training in staggered cohorts, attended unless too busy
    (*age_)[u] += 1.0f / 12;
    (*years_)[u] += 1.0f / 12;
    auto& since = (*since_training_)[u];
    if (since < 60000) ++since;
    const int cycle = std::max(1, static_cast<int>(c.p(village ? kSecTraining : kCommunityTraining)));
    const int offset = static_cast<int>((*cohort_)[u] * cycle) % cycle;
    if ((c.step + offset) % cycle == 0) {
      RngStream gt = c.rng(units.id[u], 2);
      if (gt.uniform() < c.p(kAttendance) * (1 - c.p(kAbsenceWorkload) * workload)) since = 0;
    }

    reserves(c, u, g);
    const auto res = (*reserves_)[u];

    const double cap = capability(c, u);
    (*capability_)[u] = static_cast<float>(cap);

    // openness and consultation: the committee's effort towards what the rules require
    (*supervision_)[u] = static_cast<float>(c.p(kSupervision));
    const double effort = std::clamp(c.p(kEffortBase) + c.p(kEffortCapability) * (cap - c.p(kRefCapability)) -
                                         c.p(kEffortWorkload) * (workload - c.p(kRefWorkload)) +
                                         c.p(kEffortSupervision) * (c.p(kSupervision) - c.p(kRefSupervision)) +
                                         c.p(kEffortDemand) * (c.p(kRefTrust) - (*unit_trust_)[u]),
                                     0.0, 1.0);
    const double rate = c.p(kPracticeRate);
    (*openness_)[u] += static_cast<float>(rate * (c.p(kOpennessTarget) * effort - (*openness_)[u]));
    (*consultation_)[u] += static_cast<float>(rate * (c.p(kConsultationTarget) * effort - (*consultation_)[u]));
    const double cross = 1 + c.p(kCrossServingEffect) * c.p(kCrossServing);
    const double cross_ref = 1 + c.p(kCrossServingEffect) * 0.3;
    const double vacancy = (*vacant_)[u] ? c.p(kVacancyCapacity) : 1.0;
    (*cap_factor_)[u] = static_cast<float>(std::max(0.1, 1 + c.p(kCapEffect) * (cap - c.p(kRefCapability))) *
                                           (1 - workload) / (1 - c.p(kRefWorkload)) * cross / cross_ref * vacancy);
    (*resolve_factor_)[u] =
        static_cast<float>(std::clamp(1 + c.p(kResolveEffect) * (cap - c.p(kRefCapability)), 0.3, 1.6));

    // indicators
    if (village) {
      c.record(kYjtVillage, u, (*yjt_)[u], 1);
      c.record(kReserves, u, res, 1);
    } else {
      c.record(kYjtCommunity, u, (*yjt_)[u], 1);
    }
    c.record(kTrainingCoverage, u, since < (village ? 12 : 36), 1);
    c.record(kCapability, u, cap, 1);
    c.record(kOpenness, u, (*openness_)[u], 1);
    c.record(kConsultation, u, (*consultation_)[u], 1);
    c.record(kWorkload, u, workload, 1);
  }

  // Villages merged: the most capable secretary of each group keeps the post,
  // the others join the reserve pool (if young enough) or retire; practice is
  // averaged by households; reserves add up.
  void merge_units(World& w, const std::vector<uint32_t>& m) {
    const auto& hh = colHouseholds.read(w);
    for (size_t b = 0; b < m.size();) {
      size_t e = b + 1;
      while (e < m.size() && m[e] == m[b]) ++e;
      if (e - b > 1) {
        size_t best = b;
        double open = 0, cons = 0, weight = 0;
        int reserves = 0, displaced_young = 0;
        for (size_t i = b; i < e; ++i) {
          if ((*capability_)[i] > (*capability_)[best]) best = i;
          open += (*openness_)[i] * hh[i], cons += (*consultation_)[i] * hh[i], weight += hh[i];
          reserves += (*reserves_)[i];
        }
        for (size_t i = b; i < e; ++i)
          if (i != best && (*age_)[i] <= 45) ++displaced_young;
        for (auto* col : {quality_, age_, years_, capability_}) (*col)[b] = (*col)[best];
        (*since_training_)[b] = (*since_training_)[best];
        (*yjt_)[b] = (*yjt_)[best];
        (*openness_)[b] = static_cast<float>(open / weight);
        (*consultation_)[b] = static_cast<float>(cons / weight);
        (*reserves_)[b] = static_cast<uint8_t>(std::min(255, reserves + displaced_young));
        uint8_t size = 0;
        for (size_t i = b; i < e; ++i) size = std::max(size, (*size_)[i]);
        (*size_)[b] = static_cast<uint8_t>(std::min(15, size + 2));
      }
      b = e;
    }
  }

  std::vector<uint8_t>*size_ = nullptr, *yjt_ = nullptr, *reserves_ = nullptr, *secretary_new_ = nullptr,
  *vacant_ = nullptr;
  std::vector<float>*cohort_ = nullptr, *tasks_ = nullptr, *refused_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
  const std::vector<float>*original_ = nullptr, *unit_trust_ = nullptr, *secretary_pay_ = nullptr, *pressure_ = nullptr,
        *staff_share_ = nullptr;

  std::vector<float>* pay_ratio_ = nullptr;
  Param rural_income_, income_growth_;
  std::vector<float>*yjt_rank_ = nullptr, *quality_ = nullptr, *age_ = nullptr, *years_ = nullptr,

  *capability_ = nullptr, *workload_ = nullptr, *openness_ = nullptr, *consultation_ = nullptr, *supervision_ = nullptr,
  *cap_factor_ = nullptr, *resolve_factor_ = nullptr;
  std::vector<uint16_t>* since_training_ = nullptr;
};

REGISTER_MECHANISM(Committees);

}  // namespace
}  // namespace govsim::model
