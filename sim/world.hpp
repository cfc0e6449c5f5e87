// The administrative tree as data: county -> township/street -> village/community
// ("unit") -> grid -> household -> resident. Each level is an indexed entity table;
// children of an entity are contiguous in the child table, so a unit's residents
// are one contiguous range. State lives in typed columns (structure of arrays)
// that mechanisms add by name; the engine knows none of them.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

namespace govsim {

enum class Level : int { County = 0, Township, Unit, Grid, Household, Resident };
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
  std::vector<T>& add(const std::string& col, T init = T{});
  template <class T>
  std::vector<T>& get(const std::string& col);
  template <class T>
  const std::vector<T>& get(const std::string& col) const;
  bool has(const std::string& col) const { return columns_.count(col) != 0; }
  std::vector<std::string> column_names() const;
  // Bytes of per-row state: tree link plus every column's element size.
  size_t bytes_per_row() const;

 private:
  struct ColumnBase {
    virtual ~ColumnBase() = default;
    virtual const std::type_info& type() const = 0;
    virtual size_t elem_size() const = 0;
  };
  template <class T>
  struct Column : ColumnBase {
    std::vector<T> data;
    const std::type_info& type() const override { return typeid(T); }
    size_t elem_size() const override { return sizeof(T); }
  };
  std::string name_;
  std::map<std::string, std::unique_ptr<ColumnBase>> columns_;
};

template <class T>
std::vector<T>& Table::add(const std::string& col, T init) {
  auto it = columns_.find(col);
  if (it != columns_.end()) return get<T>(col);
  auto c = std::make_unique<Column<T>>();
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

struct World {
  std::array<Table, kLevels> tables{Table("county"), Table("township"), Table("unit"),
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

  // Checks the tree: every child's parent link agrees with its parent's range,
  // ranges tile each level exactly once. Throws std::logic_error naming the fault.
  void check() const;
};

}  // namespace govsim
