#include "govsim/state.hpp"

#include <algorithm>
#include <stdexcept>

namespace govsim {

namespace {
std::string where(Level level, const std::string& name) { return std::string(level_name(level)) + "." + name; }
bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

StateRegistry& StateRegistry::instance() {
  static StateRegistry r;
  return r;
}

const ColumnInfo* StateRegistry::find(Level level, const std::string& name) const {
  for (const auto& c : columns_)
    if (c->decl.level == level && c->decl.name == name) return c.get();
  return nullptr;
}

void StateRegistry::declare(ColumnInfo c) {
  if (const ColumnInfo* prev = find(c.decl.level, c.decl.name))
    errors_.push_back("column " + where(c.decl.level, c.decl.name) + " is declared twice (by " + prev->decl.owner +
                      " and by " + c.decl.owner + "); one mechanism owns it, the others read or write it");
  if (c.decl.owner.empty()) errors_.push_back("column " + where(c.decl.level, c.decl.name) + " has no owner");
  if (c.type.empty())
    errors_.push_back("column " + where(c.decl.level, c.decl.name) + " needs a type text (ColumnDecl::type)");
  columns_.push_back(std::make_unique<ColumnInfo>(std::move(c)));
}

void StateRegistry::access(AccessDecl a) {
  // Recorded on the column when it is declared already; validate() resolves the rest.
  accesses_.push_back(std::move(a));
}

void StateRegistry::check_write(Level level, const std::string& name, const std::string& mechanism) const {
  const ColumnInfo* c = find(level, name);
  if (!c)
    throw std::logic_error("mechanism " + mechanism + " asks to write column " + where(level, name) +
                           ", which no mechanism declares (declare_column in its owner)");
  if (c->decl.owner != mechanism && !contains(c->decl.writers, mechanism))
    throw std::logic_error("mechanism " + mechanism + " asks to write column " + where(level, name) + ", owned by " +
                           c->decl.owner + ", which does not list it among the column's writers");
}

void StateRegistry::validate(const std::vector<std::string>& mechanisms) const {
  if (!errors_.empty()) throw std::logic_error(errors_.front());
  auto known = [&](const std::string& m) { return m == "population" || contains(mechanisms, m); };
  for (const auto& c : columns_) {
    if (!known(c->decl.owner))
      throw std::logic_error("column " + where(c->decl.level, c->decl.name) + " is owned by '" + c->decl.owner +
                             "', which is not a mechanism");
    for (const auto& w : c->decl.writers)
      if (!known(w))
        throw std::logic_error("column " + where(c->decl.level, c->decl.name) + " lists writer '" + w +
                               "', which is not a mechanism");
  }
  for (const auto& a : accesses_) {
    const ColumnInfo* c = find(a.level, a.name);
    if (!c)
      throw std::logic_error("mechanism " + a.mechanism + " declares it " + (a.write ? "writes" : "reads") +
                             " column " + where(a.level, a.name) + ", which no mechanism declares");
    if (*c->type_id != *a.type_id)
      throw std::logic_error("mechanism " + a.mechanism + " declares column " + where(a.level, a.name) +
                             " with another type than its owner " + c->decl.owner + " (" + c->type + ")");
    if (!known(a.mechanism))
      throw std::logic_error("column " + where(a.level, a.name) + " is accessed by '" + a.mechanism +
                             "', which is not a mechanism");
    // a declared writer the owner does not list: refuse before the run, not at the first write()
    if (a.write) check_write(a.level, a.name, a.mechanism);
  }
}

void StateRegistry::create_column(Level level, const std::string& name, World& w) const {
  const ColumnInfo* c = find(level, name);
  if (!c) throw std::logic_error(std::string("column ") + level_name(level) + "." + name + " is not declared");
  c->create(w.at(level));
}

void StateRegistry::create_columns(World& w) const {
  for (const auto& c : columns_) c->create(w.at(c->decl.level));
}

std::vector<std::string> StateRegistry::readers(const ColumnInfo& c) const {
  std::vector<std::string> out;
  for (const auto& a : accesses_)
    if (!a.write && a.level == c.decl.level && a.name == c.decl.name && !contains(out, a.mechanism))
      out.push_back(a.mechanism);
  return out;
}

std::vector<std::string> StateRegistry::writers(const ColumnInfo& c) const {
  std::vector<std::string> out;
  for (const auto& a : accesses_)
    if (a.write && a.level == c.decl.level && a.name == c.decl.name && !contains(out, a.mechanism))
      out.push_back(a.mechanism);
  return out;
}

}  // namespace govsim
