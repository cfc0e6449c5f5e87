// The plug-in interface between the engine and the mechanisms in models/.
//
// A mechanism is one file in models/: it declares its parameters and indicators
// at namespace scope, and a class deriving from Mechanism that (1) initialises
// its state columns on a fresh World and (2) lists the steps it runs, each tied
// to a named phase of the monthly schedule and to a scope (every unit, every
// township, or once for the county). REGISTER_MECHANISM makes it part of every run.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <string>
#include <vector>

#include "govsim/calendar.hpp"
#include "govsim/params.hpp"
#include "govsim/rng.hpp"
#include "govsim/world.hpp"

namespace govsim {

// ---------------------------------------------------------------- indicators
// What an indicator is: an outcome the mechanisms produce, or an input -- a lever or a
// fixed function of levers (and of counts no lever sets), reported for reference. Document
// targets are judged on outcomes only; batch analysis defaults to outcomes.
enum class IndicatorKind { Outcome, Input };
const char* kind_name(IndicatorKind k);  // "outcome", "input"

struct IndicatorDecl {
  std::string name;   // snake_case dataset name
  std::string units;  // "share", "months", "per 10,000 residents", ...
  std::string long_name;
  std::string long_name_zh;
  std::string description;  // how it is computed
  std::string mechanism;    // filled in by the registry from the name prefix if empty
  double scale = 1.0;       // value = scale * numerator / denominator (Ratio) or scale * sum (Sum)
  bool per_unit = true;     // also written per village/community, not only for the county
  enum class Aggregate { Ratio, Sum } aggregate = Aggregate::Ratio;
  bool headline = false;                        // set by headline(): in `govsim run`'s table, the library and reports
  IndicatorKind kind = IndicatorKind::Outcome;  // set by input(): written as the `kind` attribute
};
using IndicatorId = uint32_t;
struct Indicator {
  IndicatorId id = 0;
};

class IndicatorRegistry {
 public:
  static IndicatorRegistry& instance();
  IndicatorId add(IndicatorDecl d);
  const std::vector<IndicatorDecl>& all() const { return decls_; }
  std::optional<IndicatorId> find(const std::string& name) const;
  void set_headline(IndicatorId id) { decls_.at(id).headline = true; }
  void set_kind(IndicatorId id, IndicatorKind k) { decls_.at(id).kind = k; }
  // Headline indicators, in declaration order.
  std::vector<IndicatorId> headlines() const;

 private:
  std::vector<IndicatorDecl> decls_;
};
Indicator declare_indicator(IndicatorDecl d);
// Flags a declared indicator as a headline outcome (one list for the whole program:
// `govsim run`'s table, `govsim library` and govsim-report, through the `headline`
// attribute of every result file): headline(declare_indicator({...})).
Indicator headline(Indicator i);
// Marks a declared indicator as an input: a lever or a fixed function of levers, not
// produced by the mechanisms (the `kind` attribute of every result file, docs/output.md,
// `govsim info`, the export's data dictionary): input(declare_indicator({...})).
// Every other indicator is an outcome.
Indicator input(Indicator i);

// Per-month tallies: every indicator is a ratio of two sums recorded per unit,
// so the county value is sum(numerators) / sum(denominators) taken in unit order,
// independent of the number of threads.
class Tallies {
 public:
  void reset(size_t indicators, size_t units) {
    n_units_ = units;
    num_.assign(indicators * units, 0.0);
    den_.assign(indicators * units, 0.0);
    touched_.store(false, std::memory_order_relaxed);
  }
  // Whether anything was recorded since the last reset (the tree must not change after that).
  // Read by the engine between steps (the parallel step's end orders it after every add).
  bool touched() const { return touched_.load(std::memory_order_relaxed); }
  // Called from every worker of a parallel step, each with its own units. The flag is atomic (a
  // plain bool written by every worker is a data race) and stored only while unset, so after the
  // first record each add only reads a cache line no one writes.
  void add(Indicator i, uint32_t unit, double num, double den) {
    if (!touched_.load(std::memory_order_relaxed)) touched_.store(true, std::memory_order_relaxed);
    num_[i.id * n_units_ + unit] += num;
    den_[i.id * n_units_ + unit] += den;
  }
  double num(IndicatorId i, uint32_t unit) const { return num_[i * n_units_ + unit]; }
  double den(IndicatorId i, uint32_t unit) const { return den_[i * n_units_ + unit]; }

 private:
  size_t n_units_ = 0;
  std::vector<double> num_, den_;
  std::atomic<bool> touched_{false};
};

// ---------------------------------------------------------------- contexts
struct InitContext {
  World& world;
  uint32_t seed;
  uint32_t replicate;
  Month start;
  const std::vector<double>& params;  // resolved at the start month
  std::string region = "";            // the region's full name (e.g. "city:leshan")
  double p(Param q) const { return params[q.id]; }
  RngStream rng(uint32_t stream, uint64_t entity) const { return RngStream(seed, replicate, stream, 0, entity); }
};

struct StepContext {
  World& world;
  Month month;
  int step;  // months since the simulation began (0 = first spin-up month); for ages of cases
  uint32_t seed;
  uint32_t replicate;
  uint32_t stream;  // stream id of the running step (from its name)
  const std::vector<double>& params;
  Tallies& tallies;

  bool spinup = false;  // a spin-up month (not recorded)
  Month start{};        // the first recorded month of the run

  double p(Param q) const { return params[q.id]; }
  // Draws for one entity in this month, for this step. `salt` separates several
  // independent sequences the same step needs for the same entity.
  RngStream rng(uint64_t entity, uint32_t salt = 0) const {
    return RngStream(seed, replicate, stream ^ (salt * 0x9E3779B9u), static_cast<uint32_t>(month.index), entity);
  }
  void record(Indicator i, uint32_t unit, double num, double den) const { tallies.add(i, unit, num, den); }
};

// ---------------------------------------------------------------- steps
// Unit, Township, County: once for each such entity, in parallel. Region: once,
// serially, for the whole world (the only scope that may restructure the tree).
enum class Scope { Unit, Township, County, Region };
const char* scope_name(Scope s);

// A step a mechanism offers. When it runs is not its own business: the schedule
// (models/schedule.cpp) lists every step by name, in run order, under its phase.
struct StepDecl {
  std::string name;  // "<mechanism>.<step>"; also keys the random stream
  Scope scope = Scope::Unit;
  std::string description;
  std::function<void(const StepContext&, uint32_t index)> fn;
};

class StepList {
 public:
  void add(StepDecl s) { steps_.push_back(std::move(s)); }
  const std::vector<StepDecl>& all() const { return steps_; }

 private:
  std::vector<StepDecl> steps_;
};

class Mechanism {
 public:
  virtual ~Mechanism() = default;
  virtual std::string name() const = 0;
  virtual std::string summary() const = 0;  // one line, for docs and `govsim schedule`
  virtual void init(World&, const InitContext&) {}
  virtual void steps(StepList& out) = 0;
};

// Builds the tree and the base state of a region (county, city, province...).
using RegionBuilder = std::function<void(World&, const InitContext&)>;

// The start state of a region against the published figures it is built to match.
struct RegionFigure {
  std::string name;
  double published;
  double modelled;
  std::string source;
};
using RegionCheck = std::function<std::vector<RegionFigure>(const World&, const std::string& region)>;

struct MechanismFactory {
  std::string name;
  std::function<std::unique_ptr<Mechanism>()> make;
};

// The schedule: the order mechanisms initialise a fresh World in, and the phases
// of one month, each with its steps in run order (models/schedule.cpp). The engine
// refuses to run when a registered mechanism or step is missing from it, or it
// names one that does not exist.
struct PhaseDecl {
  std::string name, description;
  std::vector<std::string> steps;
};
struct ScheduleDecl {
  std::vector<std::string> init;  // mechanism names, in initialisation order
  std::vector<PhaseDecl> phases;
};

class ModelRegistry {
 public:
  static ModelRegistry& instance();
  void add_mechanism(MechanismFactory f);
  void add_region(std::string name, std::string description, RegionBuilder b);
  // A family of regions named "<prefix><suffix>" (e.g. "city:" + "leshan"): the
  // builder learns the suffix through InitContext::region.
  void add_region_family(std::string prefix, std::string description, RegionBuilder b,
                         std::function<void(const std::string&)> validate = {});
  // Throws std::runtime_error if a family does not know this region (e.g. city:atlantis).
  void validate_region(const std::string& name) const;
  void set_schedule(ScheduleDecl s);
  void set_region_check(RegionCheck c) { region_check_ = std::move(c); }
  const RegionCheck& region_check() const { return region_check_; }

  // Registered mechanisms, in the schedule's initialisation order (throws if the schedule and the
  // registrations disagree).
  std::vector<const MechanismFactory*> mechanisms() const;
  const ScheduleDecl& schedule() const;
  const RegionBuilder* region(const std::string& name) const;
  std::vector<std::pair<std::string, std::string>> regions() const;

 private:
  std::vector<MechanismFactory> mechanisms_;
  ScheduleDecl schedule_;
  std::vector<std::tuple<std::string, std::string, RegionBuilder>> regions_;
  std::vector<std::tuple<std::string, std::string, RegionBuilder>> families_;
  std::vector<std::function<void(const std::string&)>> family_validators_;
  RegionCheck region_check_;
};

struct Registrar {
  explicit Registrar(MechanismFactory f) { ModelRegistry::instance().add_mechanism(std::move(f)); }
  Registrar(std::string region, std::string description, RegionBuilder b) {
    ModelRegistry::instance().add_region(std::move(region), std::move(description), std::move(b));
  }
};

#define GOVSIM_CONCAT2(a, b) a##b
#define GOVSIM_CONCAT(a, b) GOVSIM_CONCAT2(a, b)
// REGISTER_MECHANISM(Class): makes the mechanism part of every run (list it and its
// steps in models/schedule.cpp).
#define REGISTER_MECHANISM(Class)                                        \
  static ::govsim::Registrar GOVSIM_CONCAT(govsim_registrar_, __LINE__)( \
      ::govsim::MechanismFactory{Class().name(), [] { return std::make_unique<Class>(); }})

}  // namespace govsim
