// Cases: the issues residents raise and the ladder that handles them. Shared by
// the issues, intake, ladder and perceptions mechanisms. Each village/community
// keeps its residents' open cases in a "cases" column, in the order they arose.
#pragma once
#include <cstdint>
#include <vector>

namespace govsim::model {

enum class IssueType : uint8_t { Service = 0, Dispute = 1, Hazard = 2, Property = 3, Environment = 4 };
constexpr int kIssueTypes = 5;
inline const char* issue_name(IssueType t) {
  static const char* n[kIssueTypes] = {"service request", "dispute", "safety hazard", "property-management dispute",
                                       "environmental complaint"};
  return n[static_cast<int>(t)];
}
// Disputes of any kind (neighbour, family, land; property management in compounds).
inline bool is_dispute(IssueType t) { return t == IssueType::Dispute || t == IssueType::Property; }
// Requests for something to be done (a service, an environmental nuisance put right): given up when
// unmet too long, petitioned over like service requests.
inline bool is_request(IssueType t) { return t == IssueType::Service || t == IssueType::Environment; }

// Where a case is. Open states first; the rest are terminal.
enum class CaseState : uint8_t {
  Unreported = 0,  // exists, nobody with a duty knows of it yet
  Grid = 1,        // with the grid worker (网格)
  Committee = 2,   // with the village/community committee
  Township = 3,    // township/street mediation, service centre, enforcement
  County = 4,      // county departments, courts
  Resolved = 5,
  Litigated = 6,   // a dispute past the county rung's time limit, taken to court (诉讼)
  Abandoned = 7,   // a service request given up after too long unmet
  Incident = 8,    // an undetected hazard that turned into an incident
  Dropped = 9,     // the resident died or moved away with the case open (resident = kNoResident)
  Lapsed = 10,     // a dispute nobody with a duty learnt of, settled privately or endured
  Escalated = 11,  // a dispute that turned violent (民转刑)
};
constexpr int kCaseStates = 12;
inline bool is_open(CaseState s) { return static_cast<uint8_t>(s) < 5; }
inline bool is_ladder(CaseState s) { return s >= CaseState::Grid && s <= CaseState::County; }

struct Case {
  uint64_t id;           // (id of the unit where it arose << 32) | sequence number: unique for the run
  uint32_t resident;     // index in the resident table
  uint16_t raised_step;  // month it arose (0 = first simulated month)
  uint16_t known_step;   // month it became known (0xFFFF while unreported)
  IssueType type;
  CaseState state;
  uint8_t months_at_level;
  uint8_t resolved_at;         // CaseState level where it was resolved (Grid..County), else 0
  uint8_t petitions = 0;       // petitions (信访) its resident has lodged over it (first and repeat)
  uint8_t petition_level = 0;  // where the last petition went: 0 none, 1 county, 2 city, 3 province
  uint8_t marks = 0;           // case_mark bits
};

// A dispute is judged once in the resolution rate (004 §18): it succeeds when it
// is resolved (and the agreement holds) before any failure; it fails at the first
// of a petition, a broken agreement, litigation, escalation, or being dropped.
namespace case_mark {
constexpr uint8_t Failed = 1 << 0;       // a failure happened (the dispute may still be open)
constexpr uint8_t Counted = 1 << 1;      // already counted in the resolution rate
constexpr uint8_t Breached = 1 << 2;     // an agreement was reached and not carried out: the dispute recurred
constexpr uint8_t BreachedNow = 1 << 3;  // ... this month (cleared when the month's cases are tallied)
constexpr uint8_t GridFound = 1 << 4;    // it became known through a grid worker's discovery (intake)
constexpr uint8_t Hotline = 1 << 5;      // the 12345 hotline dispatched it (hotline.cpp)
constexpr uint8_t Waiting = 1 << 6;      // dispatched by the hotline, first handled when the reply time has passed:
                                         // the rung does not work it yet (months_at_level counts the months left)
}  // namespace case_mark

// The resident of a dropped case (died, left the region).
constexpr uint32_t kNoResident = 0xFFFFFFFFu;
inline bool has_resident(const Case& k) { return k.resident != kNoResident; }

using CaseBook = std::vector<Case>;

// The id of a new case, also its random-stream entity: the same case gets the
// same draws in any scenario, so scenarios differ by policy, not by noise.
inline uint64_t case_id(uint32_t unit_id, uint32_t seq) { return (uint64_t(unit_id) << 32) | seq; }

// Resident flags (column "flags").
namespace flag {
constexpr uint8_t NewCitizen = 1 << 0;  // hukou elsewhere (新市民 / floating)
constexpr uint8_t Party = 1 << 1;
constexpr uint8_t LeftBehindChild = 1 << 2;  // 留守儿童
constexpr uint8_t EmptyNestElder = 1 << 3;   // 空巢老人
constexpr uint8_t Disabled = 1 << 4;
constexpr uint8_t LowIncome = 1 << 5;
constexpr uint8_t Vulnerable = LeftBehindChild | EmptyNestElder | Disabled | LowIncome;
}  // namespace flag

}  // namespace govsim::model
