// The targets the five documents set (model brief §5), one declaration per
// target beside its clause. A target with a figure (>=, <=) is met or not at its
// deadline; a target without a figure states only the direction the document
// asks for (compared with the baseline). `govsim run` reports the targets of the
// documents a scenario lists (scenario.documents); the behaviour tests require
// each document's package to beat the baseline at 2025 on every one of them.
// window: months averaged ending at the month judged (12 for monthly flows,
// 1 for stocks such as the one-person-both-posts rate).
#include "policy/targets.hpp"

namespace govsim::model {
namespace {
using R = TargetDecl::Rule;

[[maybe_unused]] const bool kTargets[] = {
    // ---- 000: Sichuan provincial committee decision (2019)
    declare_target({"000 §3", "yijianti_rate_village", R::Higher, 0, "", 1,
                    "one person as secretary and village head (一肩挑), pushed"}),
    declare_target({"000 §3", "consultation_practice", R::Higher, 0, "", 1, "major decisions through 四议两公开"}),
    declare_target({"000 §4", "residents_per_village", R::Higher, 0, "", 1, "fewer, larger villages (村级建制调整)"}),
    declare_target({"000 §17", "hazard_detection_rate", R::Higher, 0, "", 12, "grid workers find hazards (网格发现)"}),
    declare_target({"000 §20", "emergency_preparedness", R::Higher, 0, "", 1, "township emergency teams and supplies"}),
    declare_target({"000 §20", "legal_adviser_coverage", R::Higher, 0, "", 1,
                    "a legal adviser for every village and community (村(社区)法律顾问制度)"}),
    declare_target({"000 §20", "aux_police_standard_met_share", R::Higher, 0, "", 1,
                    "one auxiliary police officer per village and community (一村(社区)一辅警)"}),
    declare_target({"000 §23", "online_share", R::Higher, 0, "", 12, "services online (一网通办)"}),
    declare_target({"000 §24", "leakage", R::Lower, 0, "", 12, "less petty corruption (权力监督)"}),
    declare_target({"000 §29", "collective_income_none_share", R::Lower, 0, "", 1,
                    "fewer villages without collective income (消除空壳村)"}),
    declare_target({"000 §29", "collective_income_per_resident", R::Higher, 0, "", 1,
                    "a stronger collective economy per resident (not by adding villages up)"}),
    // ---- 001: Leshan implementation opinions (2019-12)
    declare_target({"001 §2", "yijianti_rate_village", R::AtLeast, 1.0, "2020-12", 1,
                    "villages with one person in both posts = 100% by end-2020"}),
    declare_target(
        {"001 §10", "reserve_cadres_per_village", R::AtLeast, 2.0, "", 1, "at least 2 reserve cadres per village"}),
    declare_target({"001 §17", "villages_waste_treated_share", R::AtLeast, 0.95, "2022-12", 1,
                    "villages with waste treated >= 95% by end-2022"}),
    declare_target({"001 §17", "villages_sewage_treated_share", R::AtLeast, 0.80, "2022-12", 1,
                    "villages with sewage treated >= 80% by end-2022"}),
    declare_target({"001 §17", "sanitary_toilet_share", R::AtLeast, 0.90, "2022-12", 1,
                    "rural households with sanitary toilets >= 90% by end-2022"}),
    declare_target(
        {"001 §17", "manure_reuse_share", R::AtLeast, 0.80, "2022-12", 1, "livestock manure reuse >= 80% by end-2022"}),
    declare_target({"001 §21", "yijianti_rate_community", R::AtLeast, 1.0, "2021-12", 1,
                    "communities with one person in both posts = 100% by end-2021"}),
    declare_target({"001 §42", "openness", R::AtLeast, 1.0, "", 1, "openness of village affairs 100%"}),
    declare_target({"001 §45", "settled_in_village_share", R::Higher, 0, "", 12,
                    "small matters settled in the village (小事不出村)"}),
    declare_target({"001 §45", "petitions_per_10k", R::Lower, 0, "", 12, "disputes not passed up (矛盾不上交)"}),
    declare_target({"001 §50", "communities_with_social_worker_share", R::AtLeast, 1.0, "2020-12", 1,
                    "at least one social worker in every community by end-2020 (an outcome of hiring)"}),
    declare_target(
        {"001 §61", "township_pay_premium", R::AtLeast, 0.20, "", 1, "township staff paid >= 20% above county staff"}),
    // ---- 002: Sichuan implementation opinions on community governance (2018-04)
    declare_target({"002 §6", "social_orgs_per_10k", R::Higher, 0, "", 1, "more community social organisations"}),
    declare_target({"002 §5", "households_in_range_rural", R::Higher, 0, "", 1,
                    "rural communities of 300-1500 households (in principle)"}),
    declare_target({"002 §8", "facility_m2_per_100_households", R::AtLeast, 30.0, "2020-12", 1,
                    "service facilities >= 30 m2 per 100 households by 2020"}),
    declare_target({"002 §8", "facility_coverage_urban", R::AtLeast, 1.0, "2020-12", 1,
                    "service facilities in every urban community by 2020"}),
    declare_target({"002 §8", "facility_coverage_rural", R::AtLeast, 0.5, "2020-12", 1,
                    "service facilities in 50% of rural communities by 2020"}),
    declare_target(
        {"002 §14", "unfunded_mandates", R::Lower, 0, "", 12, "no tasks pushed down without money (准入, 费随事转)"}),
    declare_target({"002 §15", "owners_committee_coverage", R::Higher, 0, "", 1, "owners' committees in compounds"}),
    declare_target(
        {"002 §16", "satisfaction_mean", R::Higher, 0, "", 12, "residents' satisfaction, the main standard"}),
    declare_target({"002 §18", "training_coverage", R::Higher, 0, "", 1, "community workers trained"}),
    // ---- 003: central opinions on grassroots governance (2021)
    declare_target({"003 ch.3(4)", "emergency_preparedness", R::Higher, 0, "", 1,
                    "township emergency capacity: team, supplies, drills"}),
    declare_target({"003 ch.4(2)", "consultation_practice", R::Higher, 0, "", 1, "village and resident consultation"}),
    declare_target({"003 ch.6(3)", "online_share", R::Higher, 0, "", 12, "services online (一网通办)"}),
    declare_target({"003 ch.6(3)", "satisfaction_60_plus", R::Higher, 0, "", 12,
                    "elders served: age-friendly, offline channel kept"}),
    declare_target({"003 ch.7(2)", "committee_workload", R::Lower, 0, "", 12, "less burden on the grassroots (减负)"}),
    declare_target(
        {"003 ch.7(2)", "satisfaction_mean", R::Higher, 0, "", 12, "satisfaction surveys in the assessment"}),
    // ---- 004: a county's task list implementing 003 (2022-2025)
    declare_target({"004 §2", "yijianti_rate_village", R::AtLeast, 1.0, "2022-12", 1,
                    "one person in both posts, villages, sustained at 100%"}),
    declare_target({"004 §2", "yijianti_rate_community", R::AtLeast, 1.0, "2022-12", 1,
                    "one person in both posts, communities, sustained at 100%"}),
    declare_target({"004 §7", "purchased_from_social_orgs_share", R::AtLeast, 0.30, "2025-12", 12,
                    "services bought from social organisations >= 30%"}),
    declare_target({"004 §14", "clinic_coverage", R::AtLeast, 1.0, "", 1,
                    "a standard clinic in every administrative village, staffed (built and hired)"}),
    declare_target({"004 §14", "health_staff_vacancy_rate", R::AtMost, 0.05, "", 1,
                    "vacancy of grassroots health posts below 5% (hiring against attrition)"}),
    declare_target({"004 §10", "enforcement_standard_met_share", R::AtLeast, 1.0, "", 1,
                    "township law-enforcement staff >= 5 / 4 / 3 by class, in post"}),
    declare_target({"004 §17", "emergency_preparedness", R::Higher, 0, "", 1,
                    "drills every year, stockpile points, emergency teams"}),
    declare_target({"004 §18", "dispute_resolution_rate", R::AtLeast, 0.97, "2025-12", 12,
                    "dispute screening and resolution rate >= 97%"}),
    declare_target({"004 §18", "aux_police_standard_met_share", R::AtLeast, 1.0, "", 1,
                    "auxiliary police in post: 2 per urban community (一区一警两辅), 1 per village (一村一辅警)"}),
    declare_target({"004 §22", "openness", R::Higher, 0, "", 1, "openness and supervision of village affairs"}),
    declare_target({"004 §26", "legal_rooms_coverage", R::AtLeast, 1.0, "2025-12", 1,
                    "public legal service rooms built in every village and community = 100% by end-2025"}),
    declare_target({"004 §26", "legal_adviser_coverage", R::Higher, 0, "", 1,
                    "village and community legal advisers strengthened (加强和规范村(居)法律顾问工作)"}),
    declare_target({"004 §25", "service_circle_15min_share", R::Higher, 0, "", 1,
                    "15-minute service circles covering town and country (by end-2022)"}),
    declare_target({"004 §25", "rescue_circle_30min_share", R::Higher, 0, "", 1,
                    "30-minute rescue circles covering town and country (by end-2022)"}),
    declare_target({"004 §32", "online_share", R::Higher, 0, "", 12, "services online (天府通办)"}),
    declare_target(
        {"004 §35", "committee_workload", R::Lower, 0, "", 12, "work-item admission: no tasks without support"}),
};

}  // namespace
}  // namespace govsim::model
