// State declared once, with an owner.
//
// Every state column of the World (at any level: county, township, unit, grid,
// household, resident) is declared by exactly one mechanism, at namespace scope,
// with its type, default, merge policy, units and description; the declaration
// also lists the other mechanisms that may write it. Everybody else declares what
// it reads. The declarations return typed handles, and the handles are the only
// way models/ reaches state:
//
//   // models/backbone/issues.cpp (the owner)
//   const Owned<CaseBook> kCases = declare_column<CaseBook>(
//       {"cases", Level::Unit, "cases", "open cases of the unit's residents, in the order they arose",
//        "issues", Merge::Concat, {"intake", "ladder"}});
//   // models/backbone/ladder.cpp (a declared writer; a reader)
//   const Writes<CaseBook> kCases = writes<CaseBook>(Level::Unit, "cases", "ladder");
//   const Reads<float> kTrust = reads<float>(Level::Resident, "trust", "ladder");
//   ...
//   void init(World& w, const InitContext&) override {
//     cases_ = &kCases.write(w);  // std::vector<CaseBook>&: checked, see below
//     trust_ = &kTrust.read(w);   // const std::vector<float>&: writing it does not compile
//   }
//
// The engine creates every declared column on the built World right after the
// region builder (which may already have filled the "population" columns), with
// its declared default and merge policy. write() throws std::logic_error, naming
// the mechanism and the column, unless the mechanism owns the column or the
// owner's declaration lists it among the writers; the engine also refuses to run
// when a handle names a column nobody declared, at another level or type, or a
// column is declared twice.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <vector>

#include "govsim/world.hpp"

namespace govsim {

// What the owner declares about a column.
struct ColumnDecl {
  std::string name;
  Level level = Level::Unit;
  std::string units;
  std::string description;
  std::string owner;  // the mechanism's name(); "population" for the region builders' base columns
  Merge merge = Merge::First;
  std::vector<std::string> writers = {};  // other mechanisms that may write it (the permitted writers)
  std::string type = "";                  // shown in the docs; derived for numbers when empty
};

// One declared column as the registry keeps it.
struct ColumnInfo {
  ColumnDecl decl;
  std::string type;          // "float", "uint8", ..., or the declaration's type text
  std::string default_text;  // the default, as text
  const std::type_info* type_id = nullptr;
  std::function<void(Table&)> create;  // adds the column with its default (or keeps the builder's) and its merge policy
};

// A read or write handle some mechanism declared.
struct AccessDecl {
  Level level;
  std::string name;
  std::string mechanism;
  const std::type_info* type_id;
  bool write;
};

class StateRegistry {
 public:
  static StateRegistry& instance();  // the program's declarations (models/)

  void declare(ColumnInfo c);
  void access(AccessDecl a);
  const std::vector<std::unique_ptr<ColumnInfo>>& columns() const { return columns_; }
  const ColumnInfo* find(Level level, const std::string& name) const;
  // Mechanisms that declared a reads() / writes() handle on the column, in declaration order.
  std::vector<std::string> readers(const ColumnInfo& c) const;
  std::vector<std::string> writers(const ColumnInfo& c) const;

  // Throws std::logic_error naming the mechanism and the column unless the column is
  // declared and `mechanism` owns it or is listed among its writers.
  void check_write(Level level, const std::string& name, const std::string& mechanism) const;
  // Creates one declared column on `w` (as create_columns does for all of them).
  void create_column(Level level, const std::string& name, World& w) const;
  // Throws std::logic_error on a column declared twice, a handle naming a column nobody
  // declared (or at another type), or an owner, writer or reader that is not one of
  // `mechanisms` (nor "population").
  void validate(const std::vector<std::string>& mechanisms) const;
  // Creates every declared column on a built World with its default and merge policy
  // (a column the region builder already made keeps its values; it must have the type).
  void create_columns(World& w) const;

 private:
  std::vector<std::unique_ptr<ColumnInfo>> columns_;
  std::vector<AccessDecl> accesses_;
  std::vector<std::string> errors_;  // found while declaring (at static initialisation); thrown by validate()
};

namespace detail {
template <class T>
std::string state_type_name() {
  if constexpr (std::is_same_v<T, float>)
    return "float";
  else if constexpr (std::is_same_v<T, double>)
    return "double";
  else if constexpr (std::is_same_v<T, bool>)
    return "bool";
  else if constexpr (std::is_integral_v<T>)
    return std::string(std::is_signed_v<T> ? "int" : "uint") + std::to_string(8 * sizeof(T));
  else
    return "";
}
template <class T>
std::string state_default_text(const T& v) {
  if constexpr (std::is_floating_point_v<T>) {
    std::ostringstream s;
    s << v;
    return s.str();
  } else if constexpr (std::is_integral_v<T>) {
    return std::to_string(+v);
  } else {
    return "empty";
  }
}
}  // namespace detail

// A handle to a declared column. Reads<T> gives const access only; Writes<T> (a
// declared writer) and Owned<T> (the owner) also give write access, checked.
template <class T>
class Reads {
 public:
  Reads(Level level, std::string name, std::string mechanism, StateRegistry* reg)
      : level_(level), name_(std::move(name)), mechanism_(std::move(mechanism)), reg_(reg) {}
  const std::vector<T>& read(const World& w) const { return w.at(level_).template get<T>(name_); }
  Level level() const { return level_; }
  const std::string& name() const { return name_; }
  const std::string& mechanism() const { return mechanism_; }

 protected:
  Level level_;
  std::string name_, mechanism_;
  StateRegistry* reg_;
};

template <class T>
class Writes : public Reads<T> {
 public:
  using Reads<T>::Reads;
  // The only write path to state from models/: throws std::logic_error unless this
  // handle's mechanism owns the column or the owner lists it as a writer.
  std::vector<T>& write(World& w) const {
    this->reg_->check_write(this->level_, this->name_, this->mechanism_);
    return w.at(this->level_).template get<T>(this->name_);
  }
  // For the region builders, which make the World the engine then completes: creates
  // the column now (sized to its table, with its declared default and merge policy)
  // and gives write access, checked like write().
  std::vector<T>& create(World& w) const {
    this->reg_->check_write(this->level_, this->name_, this->mechanism_);
    this->reg_->create_column(this->level_, this->name_, w);
    return w.at(this->level_).template get<T>(this->name_);
  }
};

template <class T>
using Owned = Writes<T>;

// Declares a column (once, by its owner); `init` is its default.
template <class T>
Owned<T> declare_column(ColumnDecl d, T init = T{}, StateRegistry& reg = StateRegistry::instance()) {
  ColumnInfo c;
  c.type = d.type.empty() ? detail::state_type_name<T>() : d.type;
  c.default_text = detail::state_default_text(init);
  c.type_id = &typeid(T);
  const std::string name = d.name;
  const Merge merge = d.merge;
  const Level level = d.level;
  c.create = [name, merge, init](Table& t) {
    t.add<T>(name, init, merge);  // returns the builder's column if it made one (of the same type)
    t.set_merge(name, merge);
  };
  c.decl = std::move(d);
  reg.declare(std::move(c));
  return Owned<T>(level, name, reg.columns().back()->decl.owner, &reg);
}

// Declares that `mechanism` reads a column another mechanism owns.
template <class T>
Reads<T> reads(Level level, std::string name, std::string mechanism, StateRegistry& reg = StateRegistry::instance()) {
  reg.access({level, name, mechanism, &typeid(T), false});
  return Reads<T>(level, std::move(name), std::move(mechanism), &reg);
}

// Declares that `mechanism` writes a column another mechanism owns (the owner's
// declaration must list it among the writers, or write() throws).
template <class T>
Writes<T> writes(Level level, std::string name, std::string mechanism, StateRegistry& reg = StateRegistry::instance()) {
  reg.access({level, name, mechanism, &typeid(T), true});
  return Writes<T>(level, std::move(name), std::move(mechanism), &reg);
}

}  // namespace govsim
