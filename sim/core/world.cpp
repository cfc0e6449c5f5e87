#include "govsim/world.hpp"

#include <string>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace govsim {

void parallel_rows(size_t n, const std::function<void(size_t, size_t)>& f) {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1 << 16),
                    [&](const tbb::blocked_range<size_t>& r) { f(r.begin(), r.end()); });
}

const char* level_name(Level l) {
  static const char* names[] = {"county", "township", "unit", "grid", "household", "resident"};
  return names[static_cast<int>(l)];
}

std::vector<std::string> Table::column_names() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : columns_) out.push_back(k);
  return out;
}

void Table::set_merge(const std::string& col, Merge merge) {
  auto it = columns_.find(col);
  if (it == columns_.end()) throw std::logic_error("table " + name_ + " has no column '" + col + "'");
  it->second->merge = merge;
}

size_t Table::bytes_per_row() const {
  size_t b = sizeof(uint32_t);  // parent link
  for (const auto& [k, v] : columns_) b += v->elem_size();
  return b;
}

void Table::merge_rows(const std::vector<uint32_t>& new_of_old) {
  if (new_of_old.size() != size()) throw std::logic_error(name_ + ": merge map has the wrong size");
  std::vector<uint32_t> group_begin;
  for (uint32_t i = 0; i < new_of_old.size(); ++i) {
    if (i == 0 ? new_of_old[0] != 0 : (new_of_old[i] != new_of_old[i - 1] && new_of_old[i] != new_of_old[i - 1] + 1))
      throw std::logic_error(name_ + ": merge groups must be consecutive and numbered from 0");
    if (i == 0 || new_of_old[i] != new_of_old[i - 1]) group_begin.push_back(i);
  }
  group_begin.push_back(size());
  const size_t groups = group_begin.size() - 1;
  for (auto& [k, c] : columns_) c->merge_rows(group_begin, name_ + "." + k);
  auto pick = [&](auto& v) {
    if (v.empty()) return;
    std::remove_reference_t<decltype(v)> out;
    for (size_t g = 0; g < groups; ++g) out.push_back(v[group_begin[g]]);
    v.swap(out);
  };
  pick(parent);
  pick(id);
  pick(label);
  pick(kind);
  if (!child_begin.empty()) {
    std::vector<uint32_t> cb;
    for (size_t g = 0; g <= groups; ++g) cb.push_back(child_begin[group_begin[g]]);
    child_begin.swap(cb);
  }
}

void Table::gather_rows(const std::vector<uint32_t>& source) {
  for (auto& [k, c] : columns_) c->gather(source);
  auto pick = [&](auto& v) {
    if (v.empty()) return;
    std::remove_reference_t<decltype(v)> out;
    out.reserve(source.size());
    for (uint32_t s : source) out.push_back(v[s]);
    v.swap(out);
  };
  pick(parent);
  pick(id);
  pick(label);
  pick(kind);
}

void World::rebuild_residents(const std::vector<uint32_t>& source, const std::vector<uint32_t>& household_begin,
                              const std::vector<uint32_t>& new_of_old) {
  Table& hh = households();
  if (household_begin.size() != hh.size() + 1u || household_begin.back() != source.size())
    throw std::logic_error("rebuild_residents: household ranges do not cover the new residents");
  for (auto& f : reorder_listeners_) f(*this, new_of_old);
  Table& rs = residents();
  rs.gather_rows(source);
  hh.child_begin = household_begin;
  parallel_rows(hh.size(), [&](size_t lo, size_t hi) {
    for (size_t h = lo; h < hi; ++h)
      for (uint32_t r = household_begin[h]; r < household_begin[h + 1]; ++r) rs.parent[r] = static_cast<uint32_t>(h);
  });
  check_links(Level::Household);
}

void World::merge(Level level, const std::vector<uint32_t>& new_of_old) {
  if (level == Level::County) throw std::logic_error("the county cannot merge");
  for (auto& f : merge_listeners_) f(*this, level, new_of_old);
  const uint32_t n_old = at(level).size();
  at(level).merge_rows(new_of_old);
  // the parent's ranges now index the merged rows
  auto& up = tables[static_cast<int>(level) - 1].child_begin;
  for (auto& b : up) b = b < n_old ? new_of_old[b] : at(level).size();
  if (level != Level::Resident) {
    auto& children = tables[static_cast<int>(level) + 1].parent;
    for (auto& p : children) p = new_of_old[p];
  }
  // only the links that changed: the level's parent ranges and its children's links
  check_links(Level(static_cast<int>(level) - 1));
  if (level != Level::Resident) check_links(level);
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
  if (tables[0].size() < 1) throw std::logic_error("the tree needs at least one county");
  for (int l = 0; l + 1 < kLevels; ++l) check_links(Level(l));
  if (tables[kLevels - 1].child_begin.size() > 1) throw std::logic_error("residents have no children");
}

void World::check_links(Level upper) const {
  {
    const int l = static_cast<int>(upper);
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
}

}  // namespace govsim
