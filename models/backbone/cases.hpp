// Cases: the issues residents raise and the ladder that handles them. Shared by
// the issues, intake, ladder and perceptions mechanisms. Each village/community
// keeps its residents' open cases in a "cases" column, in the order they arose.
#pragma once
#include <cstdint>
#include <vector>

namespace govsim::model {

enum class IssueType : uint8_t { Service = 0, Dispute = 1, Hazard = 2, Property = 3 };
constexpr int kIssueTypes = 4;
inline const char* issue_name(IssueType t) {
  static const char* n[] = {"service request", "dispute", "safety hazard", "property-management dispute"};
  return n[static_cast<int>(t)];
}
// Disputes of any kind (neighbour, family, land; property management in compounds).
inline bool is_dispute(IssueType t) { return t == IssueType::Dispute || t == IssueType::Property; }

// Where a case is. Open states first; the rest are terminal.
enum class CaseState : uint8_t {
  Unreported = 0,  // exists, nobody with a duty knows of it yet
  Grid = 1,        // with the grid worker (网格)
  Committee = 2,   // with the village/community committee
  Township = 3,    // township/street mediation, service centre, enforcement
  County = 4,      // county departments, courts
  Resolved = 5,
  Petitioned = 6,  // a dispute that left the ladder as a petition (信访)
  Abandoned = 7,   // a service request given up after too long unmet
  Incident = 8,    // an undetected hazard that turned into an incident
};
constexpr int kCaseStates = 9;
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
  uint8_t resolved_at;  // CaseState level where it was resolved (Grid..County), else 0
};

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
