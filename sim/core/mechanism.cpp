#include "govsim/mechanism.hpp"

#include <algorithm>
#include <stdexcept>

namespace govsim {

IndicatorRegistry& IndicatorRegistry::instance() {
  static IndicatorRegistry r;
  return r;
}

IndicatorId IndicatorRegistry::add(IndicatorDecl d) {
  if (find(d.name)) throw std::logic_error("indicator declared twice: " + d.name);
  if (d.units.empty() || d.long_name.empty() || d.long_name_zh.empty() || d.description.empty())
    throw std::logic_error("indicator " + d.name + " needs units, long_name, long_name_zh and description");
  decls_.push_back(std::move(d));
  return static_cast<IndicatorId>(decls_.size() - 1);
}

std::optional<IndicatorId> IndicatorRegistry::find(const std::string& name) const {
  for (size_t i = 0; i < decls_.size(); ++i)
    if (decls_[i].name == name) return static_cast<IndicatorId>(i);
  return std::nullopt;
}

Indicator declare_indicator(IndicatorDecl d) { return Indicator{IndicatorRegistry::instance().add(std::move(d))}; }
Indicator headline(Indicator i) {
  IndicatorRegistry::instance().set_headline(i.id);
  return i;
}
Indicator input(Indicator i) {
  IndicatorRegistry::instance().set_kind(i.id, IndicatorKind::Input);
  return i;
}
const char* kind_name(IndicatorKind k) { return k == IndicatorKind::Input ? "input" : "outcome"; }
std::vector<IndicatorId> IndicatorRegistry::headlines() const {
  std::vector<IndicatorId> out;
  for (IndicatorId i = 0; i < decls_.size(); ++i)
    if (decls_[i].headline) out.push_back(i);
  return out;
}

const char* scope_name(Scope s) {
  switch (s) {
    case Scope::Unit:
      return "each village/community";
    case Scope::Township:
      return "each township";
    case Scope::County:
      return "each county";
    case Scope::Region:
      return "whole region";
  }
  return "?";
}

ModelRegistry& ModelRegistry::instance() {
  static ModelRegistry r;
  return r;
}

void ModelRegistry::add_mechanism(MechanismFactory f) {
  for (const auto& m : mechanisms_)
    if (m.name == f.name) throw std::logic_error("mechanism registered twice: " + f.name);
  mechanisms_.push_back(std::move(f));
}

std::vector<const MechanismFactory*> ModelRegistry::mechanisms() const {
  const auto& init = schedule().init;
  std::vector<const MechanismFactory*> out;
  for (const auto& name : init) {
    auto it = std::find_if(mechanisms_.begin(), mechanisms_.end(), [&](const auto& m) { return m.name == name; });
    if (it == mechanisms_.end())
      throw std::logic_error("the schedule (models/schedule.cpp) initialises mechanism '" + name +
                             "', which is not registered");
    if (std::count(init.begin(), init.end(), name) != 1)
      throw std::logic_error("the schedule initialises mechanism '" + name + "' twice");
    out.push_back(&*it);
  }
  for (const auto& m : mechanisms_)
    if (std::find(init.begin(), init.end(), m.name) == init.end())
      throw std::logic_error("mechanism '" + m.name +
                             "' is registered but missing from the schedule's init list (models/schedule.cpp)");
  return out;
}

const ScheduleDecl& ModelRegistry::schedule() const {
  if (schedule_.phases.empty()) throw std::logic_error("no monthly schedule declared (models/schedule.cpp)");
  return schedule_;
}

void ModelRegistry::add_region(std::string name, std::string description, RegionBuilder b) {
  regions_.emplace_back(std::move(name), std::move(description), std::move(b));
}

void ModelRegistry::set_schedule(ScheduleDecl s) {
  if (!schedule_.phases.empty()) throw std::logic_error("the monthly schedule is declared twice");
  schedule_ = std::move(s);
}

void ModelRegistry::add_region_family(std::string prefix, std::string description, RegionBuilder b,
                                      std::function<void(const std::string&)> validate) {
  families_.emplace_back(std::move(prefix), std::move(description), std::move(b));
  family_validators_.push_back(std::move(validate));
}

void ModelRegistry::validate_region(const std::string& name) const {
  for (size_t i = 0; i < families_.size(); ++i) {
    const auto& prefix = std::get<0>(families_[i]);
    if (name.rfind(prefix, 0) == 0 && family_validators_[i]) family_validators_[i](name);
  }
}

const RegionBuilder* ModelRegistry::region(const std::string& name) const {
  for (const auto& r : regions_)
    if (std::get<0>(r) == name) return &std::get<2>(r);
  for (const auto& f : families_)
    if (name.rfind(std::get<0>(f), 0) == 0 && name.size() > std::get<0>(f).size()) return &std::get<2>(f);
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> ModelRegistry::regions() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : regions_) out.emplace_back(std::get<0>(r), std::get<1>(r));
  for (const auto& f : families_) out.emplace_back(std::get<0>(f) + "NAME", std::get<1>(f));
  return out;
}

}  // namespace govsim
