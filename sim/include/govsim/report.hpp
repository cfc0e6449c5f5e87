// What models/ adds to every result file beside the indicators: milestones (the
// months a study reports at) and annexes (small tables, e.g. the document
// targets, written as a group of 1-D datasets). Declared once in models/policy/;
// the engine writes them into run and batch files and the program reads them
// for its tables, so nothing downstream hard-codes a year.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "govsim/calendar.hpp"

namespace govsim {

// A group of equally long 1-D datasets (written in this order: strings, ints, doubles).
struct Annex {
  std::string group;
  std::string description;
  std::vector<std::pair<std::string, std::vector<std::string>>> strings;
  std::vector<std::pair<std::string, std::vector<int32_t>>> ints;
  std::vector<std::pair<std::string, std::vector<double>>> doubles;
};
// Builds an annex for a scenario, given the documents it lists (scenario.documents).
using AnnexBuilder = std::function<Annex(const std::vector<std::string>& scenario_documents)>;
bool declare_annex(AnnexBuilder b);
const std::vector<AnnexBuilder>& annexes();

// The months results are reported at (e.g. end-2025 and end-2035), in order.
bool declare_milestones(std::vector<Month> months);
const std::vector<Month>& milestones();

}  // namespace govsim
