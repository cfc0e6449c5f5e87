#include "core/engine.hpp"

#include "govsim/ledger.hpp"
#include "govsim/state.hpp"

#include <tbb/blocked_range.h>
#include <optional>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace govsim {

std::string utc_now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

// The steps of the schedule (models/schedule.cpp) in its order, matched to the
// mechanisms' declarations: every declared step must be listed exactly once and
// every listed step must exist.
std::vector<OrderedStep> order_steps(const ScheduleDecl& schedule, std::vector<std::unique_ptr<Mechanism>>& mechs) {
  const auto& phases = schedule.phases;
  std::unordered_map<std::string, std::pair<StepDecl, std::string>> declared;  // name -> (step, mechanism)
  for (auto& m : mechs) {
    StepList list;
    m->steps(list);
    for (const auto& st : list.all())
      if (!declared.emplace(st.name, std::make_pair(st, m->name())).second)
        throw std::logic_error("two steps named " + st.name);
  }
  std::vector<OrderedStep> out;
  for (size_t p = 0; p < phases.size(); ++p)
    for (const auto& name : phases[p].steps) {
      for (const auto& o : out)
        if (o.decl.name == name)
          throw std::logic_error("the schedule (models/schedule.cpp) lists step '" + name + "' twice");
      auto it = declared.find(name);
      if (it == declared.end())
        throw std::logic_error("the schedule (models/schedule.cpp) lists step '" + name + "' under phase '" +
                               phases[p].name + "', but no mechanism declares it");
      out.push_back({p, it->second.first, stream_id(name), it->second.second});
      declared.erase(it);
    }
  if (!declared.empty()) {
    std::vector<std::string> missing;
    for (const auto& [name, d] : declared) missing.push_back(name);
    std::sort(missing.begin(), missing.end());
    throw std::logic_error("step '" + missing.front() + "' (mechanism " + declared.at(missing.front()).second +
                           ") is declared but missing from the schedule (models/schedule.cpp)" +
                           (missing.size() > 1 ? " (and " + std::to_string(missing.size() - 1) + " more)" : ""));
  }
  return out;
}

namespace {

std::vector<std::unique_ptr<Mechanism>> make_mechanisms() {
  std::vector<std::unique_ptr<Mechanism>> out;
  for (const MechanismFactory* f : ModelRegistry::instance().mechanisms()) out.push_back(f->make());
  return out;
}

}  // namespace

std::vector<PlannedStep> monthly_plan() {
  auto mechs = make_mechanisms();
  std::vector<PlannedStep> out;
  for (const auto& s : order_steps(ModelRegistry::instance().schedule(), mechs))
    out.push_back({ModelRegistry::instance().schedule().phases[s.phase].name, s.decl.name, s.mechanism,
                   s.decl.description, s.decl.scope});
  return out;
}

namespace {

const RegionBuilder& region_builder(const Scenario& s) {
  const RegionBuilder* build = ModelRegistry::instance().region(s.region);
  if (!build) {
    std::string known;
    for (const auto& r : ModelRegistry::instance().regions()) known += (known.empty() ? "" : ", ") + r.first;
    throw ScenarioError(s.file + ": unknown region \"" + s.region + "\" (known: " + known + ")");
  }
  return *build;
}

// The state declarations (govsim/state.hpp) agree with each other and the registered mechanisms.
void validate_state() {
  std::vector<std::string> names;
  for (const MechanismFactory* f : ModelRegistry::instance().mechanisms()) names.push_back(f->name);
  StateRegistry::instance().validate(names);
}

// The run's own arena, or the caller's (nested).
struct Arena {
  std::optional<tbb::task_arena>& a;
  void execute(const std::function<void()>& f) {
    if (a)
      a->execute(f);
    else
      f();
  }
};

// Builds the region's World and initialises it: declared state, ledger, each mechanism.
void build_world(World& world, const RegionBuilder& build, const InitContext& ictx,
                 std::vector<std::unique_ptr<Mechanism>>& mechs, Arena& arena) {
  arena.execute([&] {
    build(world, ictx);
    world.check();
    StateRegistry::instance().create_columns(world);  // every declared column, after the region builder
    ledger::open(world);
    for (auto& m : mechs) m->init(world, ictx);
  });
}

// What the first replicate's start tells about the units (the output's unit dimension).
void record_start(RunResult& res, const World& world, const Scenario& s, const RunOptions& opt, int M) {
  const Table& u = world.units();
  const uint32_t U0 = u.size();
  res.unit_id = u.id;
  res.unit_name = u.label;
  res.unit_kind = u.kind;
  for (uint32_t i = 0; i < U0; ++i) res.unit_township.push_back(world.at(Level::Township).label[u.parent[i]]);
  if (opt.by_unit)
    for (auto& v : res.unit_values) v.assign(static_cast<size_t>(s.replicates) * M * U0, 0.0);
  res.county_name = world.at(Level::County).label;
  const size_t NI = res.county_values.size();
  if (world.at(Level::County).size() > 1)
    res.by_county_values.assign(
        NI, std::vector<double>(static_cast<size_t>(s.replicates) * M * world.at(Level::County).size()));
  res.residents_at_start = world.residents().size();
  res.state_bytes_per_resident = world.residents().bytes_per_row();
}

// Runs one step for every entity of its scope (in parallel) or once (Region).
void run_step(const OrderedStep& st, const StepContext& ctx, World& world, uint32_t U, Arena& arena) {
  const auto& fn = st.decl.fn;
  switch (st.decl.scope) {
    case Scope::Region:
      fn(ctx, 0);
      break;
    case Scope::County:
    case Scope::Township:
    case Scope::Unit: {
      const uint32_t n = st.decl.scope == Scope::Unit       ? U
                         : st.decl.scope == Scope::Township ? world.townships().size()
                                                            : world.county().size();
      arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 1), [&](const tbb::blocked_range<uint32_t>& r) {
          for (uint32_t i = r.begin(); i != r.end(); ++i) fn(ctx, i);
        });
      });
      break;
    }
  }
}

// Indicators of month k of replicate rep: per-unit ratios, county ratio of sums taken in unit order.
void record_indicators(RunResult& res, const World& world, const Tallies& tallies, const RunOptions& opt,
                       const std::unordered_map<uint32_t, uint32_t>& slot_of, uint32_t rep, int k, int M) {
  const auto& indicators = IndicatorRegistry::instance().all();
  const size_t NI = indicators.size();
  const uint32_t U0 = static_cast<uint32_t>(res.unit_id.size());
  const uint32_t U = world.units().size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Output slot of each unit after a merger, looked up once a month rather than once per indicator.
  std::vector<uint32_t> slot;
  if (opt.by_unit && U != U0) {
    slot.resize(U);
    for (uint32_t u = 0; u < U; ++u) slot[u] = slot_of.at(world.units().id[u]);
  }
  for (IndicatorId i = 0; i < NI; ++i) {
    const double scale = indicators[i].scale;
    const bool sum = indicators[i].aggregate == IndicatorDecl::Aggregate::Sum;
    double sn = 0, sd = 0;
    double* uv = opt.by_unit ? res.unit_values[i].data() + (static_cast<size_t>(rep) * M + k) * U0 : nullptr;
    if (uv && U != U0) std::fill(uv, uv + U0, nan);
    const uint32_t C = world.at(Level::County).size();
    for (uint32_t cty = 0; cty < C; ++cty) {
      const auto [lo, hi] = world.range(Level::County, cty, Level::Unit);
      double cn = 0, cd = 0;
      for (uint32_t u = lo; u < hi; ++u) {
        const double n = tallies.num(i, u), d = tallies.den(i, u);
        if (uv) uv[U == U0 ? u : slot[u]] = sum ? scale * n : (d > 0 ? scale * n / d : nan);
        cn += n;
        cd += d;
      }
      if (C > 1)
        res.by_county_values[i][(static_cast<size_t>(rep) * M + k) * C + cty] =
            sum ? scale * cn : (cd > 0 ? scale * cn / cd : nan);
      sn += cn;
      sd += cd;
    }
    res.county_values[i][static_cast<size_t>(rep) * M + k] = sum ? scale * sn : (sd > 0 ? scale * sn / sd : nan);
  }
}

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// One month of one replicate (spin-up months k < 0 run the steps but record nothing).
void run_month(RunResult& res, World& world, const std::vector<OrderedStep>& steps, const Scenario& s,
               const RunOptions& opt, std::vector<double>& params, Tallies& tallies, Arena& arena,
               const std::unordered_map<uint32_t, uint32_t>& slot_of, uint32_t rep, int k, int M) {
  const size_t NI = IndicatorRegistry::instance().all().size();
  const int S = s.spinup_months;
  const Month month = s.start + k;
  const int step = k + S;  // months since the simulation began (spin-up included)
  s.values.resolve(k < 0 ? s.start : month, params);
  // Steps may restructure the tree (mergers), but only before anything is
  // recorded in the month, so that every record refers to the final units.
  uint32_t U = world.units().size();
  tallies.reset(NI, U);
  ledger::begin_month(world);
  for (size_t si = 0; si < steps.size(); ++si) {
    const auto& st = steps[si];
    const auto t_step = Clock::now();
    StepContext ctx{world, month, step, s.seed, rep, st.stream, params, tallies};
    ctx.spinup = k < 0;
    ctx.start = s.start;
    run_step(st, ctx, world, U, arena);
    if (opt.timings) (*opt.timings)[si + 1].second += seconds_since(t_step);
    if (world.units().size() != U) {
      if (tallies.touched())
        throw std::logic_error("step " + st.decl.name +
                               " changed the units after indicators were recorded this month; restructure in the "
                               "first steps of the month");
      U = world.units().size();
      tallies.reset(NI, U);
    }
  }
  ledger::check(world, month);  // every account balances, every month (spin-up included)
  if (k < 0) return;
  const auto t_ind = Clock::now();
  record_indicators(res, world, tallies, opt, slot_of, rep, k, M);
  if (opt.timings) opt.timings->back().second += seconds_since(t_ind);
  if (opt.inspect) opt.inspect(world, month, rep);
  if (opt.progress) opt.progress(rep, k, M);
}

}  // namespace

RunResult run_scenario(const Scenario& s, const RunOptions& opt) {
  const RegionBuilder& build = region_builder(s);
  validate_state();
  RunResult res;
  res.threads = opt.threads > 0 ? opt.threads : default_threads();
  res.replicates = s.replicates;
  res.started = utc_now_iso();
  const int M = s.months();
  for (int i = 0; i < M; ++i) res.months.push_back(s.start + i);
  const size_t NI = IndicatorRegistry::instance().all().size();
  res.unit_values.resize(NI);
  res.county_values.assign(NI, std::vector<double>(static_cast<size_t>(s.replicates) * M));

  // Exactly res.threads threads, even beyond the core count (so determinism can be
  // tested with more threads than cores) and never more than asked for.
  std::optional<tbb::global_control> limit;
  std::optional<tbb::task_arena> own_arena;
  if (!opt.nested) {
    limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(res.threads));
    own_arena.emplace(res.threads);
  }
  Arena arena{own_arena};
  std::vector<double> params;
  for (uint32_t rep = 0; rep < s.replicates; ++rep) {
    World world;
    s.values.resolve(s.start, params);
    InitContext ictx{world, s.seed, rep, s.start, params, s.region};
    auto mechs = make_mechanisms();
    auto t_build = Clock::now();
    build_world(world, build, ictx, mechs, arena);
    auto steps = order_steps(ModelRegistry::instance().schedule(), mechs);
    if (opt.timings) {
      if (opt.timings->empty()) {
        opt.timings->emplace_back("build world and initialise", 0.0);
        for (const auto& st : steps) opt.timings->emplace_back(st.decl.name, 0.0);
        opt.timings->emplace_back("indicators (engine)", 0.0);
      }
      (*opt.timings)[0].second += seconds_since(t_build);
    }
    const uint32_t U0 = world.units().size();
    if (rep == 0)
      record_start(res, world, s, opt, M);
    else if (world.units().id != res.unit_id)
      throw std::logic_error("replicates built different units");
    // Output slot of each unit id: units that merge keep the absorbing unit's id,
    // so the unit dimension stays that of the start (absorbed units read NaN).
    std::unordered_map<uint32_t, uint32_t> slot_of;
    for (uint32_t i = 0; i < U0; ++i)
      if (!slot_of.emplace(res.unit_id[i], i).second) throw std::logic_error("two units share an id");

    Tallies tallies;
    // Spin-up months run before the period with the start month's values and are
    // not recorded, so the first recorded month starts from a settled state.
    for (int k = -s.spinup_months; k < M; ++k)
      run_month(res, world, steps, s, opt, params, tallies, arena, slot_of, rep, k, M);
  }
  res.finished = utc_now_iso();
  return res;
}

}  // namespace govsim
