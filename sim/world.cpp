#include "world.hpp"

#include <string>

namespace govsim {

const char* level_name(Level l) {
  static const char* names[] = {"county", "township", "unit", "grid", "household", "resident"};
  return names[static_cast<int>(l)];
}

std::vector<std::string> Table::column_names() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : columns_) out.push_back(k);
  return out;
}

size_t Table::bytes_per_row() const {
  size_t b = sizeof(uint32_t);  // parent link
  for (const auto& [k, v] : columns_) b += v->elem_size();
  return b;
}

std::pair<uint32_t, uint32_t> World::range(Level above, uint32_t i, Level below) const {
  uint32_t lo = i, hi = i + 1;
  for (int l = static_cast<int>(above); l < static_cast<int>(below); ++l) {
    const Table& t = tables[l];
    lo = t.child_begin[lo];
    hi = t.child_begin[hi];
  }
  return {lo, hi};
}

void World::check() const {
  if (tables[0].size() != 1) throw std::logic_error("the tree must have exactly one county");
  for (int l = 0; l + 1 < kLevels; ++l) {
    const Table& t = tables[l];
    const Table& c = tables[l + 1];
    const std::string where = std::string(level_name(Level(l))) + " -> " + level_name(Level(l + 1));
    if (t.child_begin.size() != t.size() + 1u) throw std::logic_error(where + ": child_begin has the wrong size");
    if (t.child_begin.front() != 0 || t.child_begin.back() != c.size())
      throw std::logic_error(where + ": children do not tile the child table");
    for (uint32_t i = 0; i < t.size(); ++i) {
      if (t.child_begin[i] > t.child_begin[i + 1]) throw std::logic_error(where + ": ranges out of order");
      for (uint32_t k = t.child_begin[i]; k < t.child_begin[i + 1]; ++k)
        if (c.parent[k] != i)
          throw std::logic_error(where + ": " + level_name(Level(l + 1)) + " " + std::to_string(k) +
                                 " points to the wrong parent");
    }
  }
  if (tables[kLevels - 1].child_begin.size() > 1)
    throw std::logic_error("residents have no children");
}

}  // namespace govsim
