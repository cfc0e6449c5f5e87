// "Did you mean ...?": the known name nearest to a misspelt one.
#pragma once
#include <cstdint>
#include <string>

#include "govsim/params.hpp"  // edit_distance

namespace govsim {

// The candidate with the smallest edit distance to `name` (the first of equals);
// `name_of` gives a candidate's name (default: the candidate itself).
template <class Range, class NameOf>
std::string nearest_name(const std::string& name, const Range& candidates, NameOf name_of) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const auto& c : candidates) {
    const std::string& n = name_of(c);
    const size_t d = edit_distance(name, n);
    if (d < best_distance) best_distance = d, best = n;
  }
  return best;
}

template <class Range>
std::string nearest_name(const std::string& name, const Range& candidates) {
  return nearest_name(name, candidates, [](const std::string& c) -> const std::string& { return c; });
}

}  // namespace govsim
