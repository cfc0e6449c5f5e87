// The administrative tree as data: county -> township/street -> village/community
// ("unit") -> grid -> household -> resident. Each level is an indexed entity table;
// children of an entity are contiguous in the child table, so a unit's residents
// are one contiguous range. State lives in typed columns (structure of arrays)
// that mechanisms add by name; the engine knows none of them.
#pragma once
#include <array>
#include <functional>
#include <type_traits>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

namespace govsim {

// Runs f(lo, hi) over [0, n) in parallel chunks (TBB); used for whole-table passes.
void parallel_rows(size_t n, const std::function<void(size_t, size_t)>& f);

enum class Level : int { County = 0, Township, Unit, Grid, Household, Resident };

// What a column does when entities merge (e.g. villages consolidated, 村级建制调整).
enum class Merge {
  First,  // keep the absorbing (first) entity's value
  Sum,    // add the values (counts, money): conserved exactly
  Max,
  Min,
  Concat,  // concatenate (for columns whose elements are vectors)
};
constexpr int kLevels = 6;
const char* level_name(Level l);

class Table {
 public:
  explicit Table(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  uint32_t size() const { return static_cast<uint32_t>(parent.size()); }

  // Tree links. parent[i] indexes the parent table; children of i are
  // [child_begin[i], child_begin[i + 1]) in the child table (size() + 1 entries).
  std::vector<uint32_t> parent;
  std::vector<uint32_t> child_begin;
  uint32_t children_of(uint32_t i) const { return child_begin[i + 1] - child_begin[i]; }

  // Labels for entities that appear in output (empty for households and residents).
  std::vector<uint32_t> id;
  std::vector<std::string> label;
  std::vector<std::string> kind;

  // Typed state columns. add() creates a column sized to the table (or returns the
  // existing one of the same type); get() fails loudly on a missing name or wrong type.
  template <class T>
  std::vector<T>& add(const std::string& col, T init = T{}, Merge merge = Merge::First);
  template <class T>
  std::vector<T>& get(const std::string& col);
  template <class T>
  const std::vector<T>& get(const std::string& col) const;
  bool has(const std::string& col) const { return columns_.count(col) != 0; }
  // Sets an existing column's merge policy (the engine sets the declared one: govsim/state.hpp).
  void set_merge(const std::string& col, Merge merge);
  std::vector<std::string> column_names() const;
  // Bytes of per-row state: tree link plus every column's element size.
  size_t bytes_per_row() const;

  // Rebuilds the rows: new row i is a copy of old row source[i], in every column
  // (rows may be dropped, moved or copied); the tree links are left to the caller.
  void gather_rows(const std::vector<uint32_t>& source);

  // Merges rows: new_of_old[i] is the new index of row i, non-decreasing from 0
  // with no gaps, so each group of merged rows is consecutive and the first row
  // of a group absorbs the others. Columns follow their Merge policy; the tree
  // links of this table are updated (child ranges joined); the child table's
  // parent links are updated by World::merge.
  void merge_rows(const std::vector<uint32_t>& new_of_old);

 private:
  struct ColumnBase {
    Merge merge = Merge::First;
    virtual ~ColumnBase() = default;
    virtual const std::type_info& type() const = 0;
    virtual size_t elem_size() const = 0;
    virtual void merge_rows(const std::vector<uint32_t>& group_begin, const std::string& where) = 0;
    virtual void gather(const std::vector<uint32_t>& source) = 0;
  };
  template <class T>
  struct Column : ColumnBase {
    std::vector<T> data;
    const std::type_info& type() const override { return typeid(T); }
    size_t elem_size() const override { return sizeof(T); }
    void merge_rows(const std::vector<uint32_t>& group_begin, const std::string& where) override;
    void gather(const std::vector<uint32_t>& source) override {
      std::vector<T> out(source.size());
      parallel_rows(source.size(), [&](size_t lo, size_t hi) {
        for (size_t i = lo; i < hi; ++i) out[i] = data[source[i]];
      });
      data.swap(out);
    }
  };
  std::string name_;
  std::map<std::string, std::unique_ptr<ColumnBase>> columns_;
};

template <class T>
std::vector<T>& Table::add(const std::string& col, T init, Merge merge) {
  auto it = columns_.find(col);
  if (it != columns_.end()) {
    auto& existing = get<T>(col);
    if (merge != Merge::First) it->second->merge = merge;  // the owner's policy wins over a reader's default
    return existing;
  }
  auto c = std::make_unique<Column<T>>();
  c->merge = merge;
  c->data.assign(size(), init);
  auto& ref = c->data;
  columns_.emplace(col, std::move(c));
  return ref;
}

template <class T>
std::vector<T>& Table::get(const std::string& col) {
  auto it = columns_.find(col);
  if (it == columns_.end()) throw std::logic_error("table " + name_ + " has no column '" + col + "'");
  if (it->second->type() != typeid(T))
    throw std::logic_error("column " + name_ + "." + col + " read with the wrong type");
  return static_cast<Column<T>*>(it->second.get())->data;
}

template <class T>
const std::vector<T>& Table::get(const std::string& col) const {
  return const_cast<Table*>(this)->get<T>(col);
}

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
}  // namespace detail

template <class T>
void Table::Column<T>::merge_rows(const std::vector<uint32_t>& group_begin, const std::string& where) {
  const size_t groups = group_begin.size() - 1;
  std::vector<T> out;
  out.reserve(groups);
  for (size_t g = 0; g < groups; ++g) {
    const uint32_t b = group_begin[g], e = group_begin[g + 1];
    T v = std::move(data[b]);
    for (uint32_t k = b + 1; k < e; ++k) {
      if constexpr (std::is_arithmetic_v<T>) {
        if (this->merge == Merge::Sum)
          v += data[k];
        else if (this->merge == Merge::Max)
          v = data[k] > v ? data[k] : v;
        else if (this->merge == Merge::Min)
          v = data[k] < v ? data[k] : v;
        else if (this->merge != Merge::First)
          throw std::logic_error(where + ": Concat on a number column");
      } else if constexpr (detail::is_vector<T>::value) {
        if (this->merge == Merge::Concat)
          v.insert(v.end(), data[k].begin(), data[k].end());
        else if (this->merge != Merge::First)
          throw std::logic_error(where + ": only First or Concat for vectors");
      } else {
        if (this->merge != Merge::First) throw std::logic_error(where + ": only First for this column type");
      }
    }
    out.push_back(std::move(v));
  }
  data.swap(out);
}

namespace ledger {
struct Accounts;  // the ledger's columns, looked up once when it opens (sim/core/ledger.cpp)
}

struct World {
  std::array<Table, kLevels> tables{Table("county"), Table("township"),  Table("unit"),
                                    Table("grid"),   Table("household"), Table("resident")};
  Table& at(Level l) { return tables[static_cast<int>(l)]; }
  const Table& at(Level l) const { return tables[static_cast<int>(l)]; }
  Table& county() { return at(Level::County); }
  Table& townships() { return at(Level::Township); }
  Table& units() { return at(Level::Unit); }
  Table& grids() { return at(Level::Grid); }
  Table& households() { return at(Level::Household); }
  Table& residents() { return at(Level::Resident); }
  const Table& units() const { return at(Level::Unit); }
  const Table& residents() const { return at(Level::Resident); }

  // Range of entities at `below` under entity i at `above` (above < below).
  std::pair<uint32_t, uint32_t> range(Level above, uint32_t i, Level below) const;

  // Merges entities at one level (see Table::merge_rows): listeners run first,
  // with the mapping, so that mechanisms can combine state their column policies
  // cannot express; then columns merge, children are re-parented, and the tree
  // is checked.
  using MergeListener = std::function<void(World&, Level, const std::vector<uint32_t>& new_of_old)>;
  void on_merge(MergeListener f) { merge_listeners_.push_back(std::move(f)); }
  void merge(Level level, const std::vector<uint32_t>& new_of_old);

  // Rebuilds the resident table (births, deaths, moves): new resident i copies old
  // resident source[i]; household_begin (households + 1 entries) gives each
  // household's new range; new_of_old[r] is the new index of old resident r if r
  // stays in the same village/community, kGone if r died, left the region or moved
  // to another unit (a copied row -- a newborn modelled on a parent -- is not in it).
  // Listeners hear new_of_old first (cases follow their residents).
  static constexpr uint32_t kGone = 0xFFFFFFFFu;
  using ReorderListener = std::function<void(World&, const std::vector<uint32_t>& new_of_old)>;
  void on_reorder_residents(ReorderListener f) { reorder_listeners_.push_back(std::move(f)); }
  void rebuild_residents(const std::vector<uint32_t>& source, const std::vector<uint32_t>& household_begin,
                         const std::vector<uint32_t>& new_of_old);

  // Checks the tree: every child's parent link agrees with its parent's range,
  // ranges tile each level exactly once. Throws std::logic_error naming the fault.
  void check() const;
  // The same check for the links between one level and the next only.
  void check_links(Level upper) const;

  // Set by ledger::open: the account columns of the county, township and unit tables, so that a move does not look
  // them up by name (the columns live as long as the tables; merges and rebuilds keep them in place).
  std::shared_ptr<ledger::Accounts> ledger_accounts;

 private:
  std::vector<MergeListener> merge_listeners_;
  std::vector<ReorderListener> reorder_listeners_;
};

}  // namespace govsim
