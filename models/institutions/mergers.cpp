// The 2019-2020 reforms of townships and villages (两项改革: 乡镇行政区划调整,
// 村级建制调整; 000 §4, 001 §4-5). Levers give, per terrain type, the share of
// the region's original rural villages that remain (a schedule: the date is
// when the merger happens), and the share of original townships that remain.
//
// Villages: within each township, the villages of a terrain type are merged,
// consecutive ones together, into max(1, round(original count x share kept))
// groups of as equal size as possible. Residents, households, area, assets and
// debts add up exactly (column merge policies); committees merge (the most capable
// secretary is kept, the others join the reserve or retire: committee mechanism);
// open cases move with their residents. If keep_service_points is set, every
// absorbed village keeps a service point ("便民服务不减", 001 §5); otherwise the
// merged village has one. Reach of the service points scales self-reporting of
// service requests:
//   service_access_factor = min(1, (reference_area / area per service point)^access_elasticity)
// Merged units see a transition spike in disputes that decays:
//   dispute_factor *= 1 + transition_spike * exp(-months since merger / transition_decay_months)
// Townships: the pair of adjacent non-street townships with the fewest residents
// merges, repeatedly, until round(original count x share kept) remain; their
// units, residents and mediation capacity (per 10,000 residents) combine.
#include <algorithm>
#include <cmath>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

// Indexed by the terrain code of the unit column "terrain": plain, hill, mountain, sparse.
const Param kKept[] = {
    declare_param({"mergers.villages_kept_plain", ParamType::Real, 1, "share of original villages", 0.05, 1,
                   "Share of the original plain villages that remain; a schedule gives the date of the merger.",
                   "000 §4, 001 §4 (by terrain type); calibration-2020: 45,447 -> 26,369 villages (58%) in 2020-21",
                   true}),
    declare_param({"mergers.villages_kept_hill", ParamType::Real, 1, "share of original villages", 0.05, 1,
                   "Share of the original hill villages that remain.",
                   "000 §4, 001 §4; calibration-2020: 45,447 -> 26,369 villages (58%) in 2020-21", true}),
    declare_param({"mergers.villages_kept_mountain", ParamType::Real, 1, "share of original villages", 0.05, 1,
                   "Share of the original mountain villages that remain.",
                   "000 §4, 001 §4; calibration-2020: 45,447 -> 26,369 villages (58%) in 2020-21", true}),
    declare_param({"mergers.villages_kept_sparse", ParamType::Real, 1, "share of original villages", 0.05, 1,
                   "Share of the original sparsely populated (地广人稀) villages that remain.",
                   "000 §4, 001 §4; calibration-2020: 45,447 -> 26,369 villages (58%) in 2020-21", true}),
};
const Param kTownshipsKept =
    declare_param({"mergers.townships_kept", ParamType::Real, 1, "share of original townships", 0.05, 1,
                   "Share of the original townships and streets that remain; a schedule gives the date.",
                   "calibration-2020: 4,610 -> 3,101 townships and streets (67.3%), Oct 2019 - Jan 2021", true});
const Param kServicePoints = declare_param({"mergers.keep_service_points", ParamType::Boolean, 1, "flag", 0, 1,
                                            "Keep a service point in every absorbed village.",
                                            "001 §5 (坚持便民服务不减, 在被撤并村保留便民服务办事点)", true});
const Param kRefArea = declare_param({"mergers.reference_area_km2", ParamType::Real, 10.7, "km2 per service point", 0.1,
                                      1000, "Area served by one service point at which access is full.",
                                      "calibration-2020: average village area 10.7 km2 before the reform", false});
const Param kAccessElasticity = declare_param(
    {"mergers.access_elasticity", ParamType::Real, 0.5, "elasticity", 0, 3,
     "How fast self-reporting of service requests falls with the area a service point serves.", "assumption", false});
const Param kSpike =
    declare_param({"mergers.transition_spike", ParamType::Real, 0.6, "extra share of disputes", 0, 5,
                   "Extra disputes in a merged village right after the merger (assets, posts, boundaries).",
                   "001 §5 (改革风险防控, 及时化解矛盾纠纷); assumption", false});
const Param kSpikeDecay = declare_param({"mergers.transition_decay_months", ParamType::Real, 6, "months", 0.5, 120,
                                         "e-folding time of the transition spike.", "assumption", false});

using IA = IndicatorDecl::Aggregate;
const Indicator kVillages =
    input(declare_indicator({"villages", "villages", "number of villages", "建制村数",
                             "Rural villages at the end of the month.", "mergers", 1.0, false, IA::Sum}));
const Indicator kCommunities =
    input(declare_indicator({"communities", "communities", "number of communities", "社区数",
                             "Urban and town communities.", "mergers", 1.0, false, IA::Sum}));
const Indicator kTownships =
    input(declare_indicator({"townships", "townships", "number of townships and streets", "乡镇(街道)数",
                             "Townships and streets.", "mergers", 1.0, false, IA::Sum}));
const Indicator kServicePointsInd = input(declare_indicator(
    {"service_points", "service points", "village/community service points", "便民服务点数",
     "Service points (one per unit, plus one kept per absorbed village).", "mergers", 1.0, true, IA::Sum}));
const Indicator kAccess =
    input(declare_indicator({"service_access", "index 0-1", "reach of service points", "便民服务可及性",
                             "Mean service_access_factor weighted by residents.", "mergers"}));

// State. (World::merge itself combines every column by its declared merge policy.)
const Owned<uint16_t> colPoints =
    declare_column<uint16_t>({"service_points", Level::Unit, "points",
                              "Service points of the unit (merged villages keep theirs).", "mergers", Merge::Sum},
                             1);
const Owned<uint16_t> colSince =
    declare_column<uint16_t>({"months_since_merger", Level::Unit, "months",
                              "Months since the unit absorbed another (65535: never).", "mergers", Merge::First},
                             0xFFFF);
const Owned<float> colAccess = declare_column<float>(
    {"service_access_factor", Level::Unit, "multiplier",
     "Reach of the unit's service points (1 = as before any merger); read by intake.", "mergers", Merge::First},
    1.0f);
const Writes<float> colDisputeFactor = writes<float>(Level::Unit, "dispute_factor", "mergers");
const Reads<float> colArea = reads<float>(Level::Unit, "area_km2", "mergers");
const Reads<uint8_t> colTerrain = reads<uint8_t>(Level::Unit, "terrain", "mergers");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "mergers");

class Mergers : public Mechanism {
 public:
  std::string name() const override { return "mergers"; }
  std::string summary() const override {
    return "village consolidation by terrain type and township mergers at the scenario's dates";
  }
  void init(World& w, const InitContext&) override {
    Table& u = w.units();
    points_ = &colPoints.write(w);
    since_ = &colSince.write(w);
    access_ = &colAccess.write(w);
    dispute_factor_ = &colDisputeFactor.write(w);
    area_ = &colArea.read(w);
    terrain_ = &colTerrain.read(w);
    // Original counts: per township and terrain, and of townships.
    original_.assign(w.townships().size() * 4, 0);
    for (uint32_t i = 0; i < u.size(); ++i)
      if (u.kind[i] == "rural_village") ++original_[u.parent[i] * 4 + (*terrain_)[i]];
    original_townships_.assign(w.county().size(), 0);
    for (uint32_t t = 0; t < w.townships().size(); ++t) ++original_townships_[w.townships().parent[t]];
    township_origin_ = w.townships().id;
  }
  void steps(StepList& out) override {
    out.add({"mergers.apply", Scope::Region,
             "merge townships, then villages, where the levers now keep fewer than exist",
             [this](const StepContext& c, uint32_t) { apply(c); }});
    out.add({"mergers.transition", Scope::Unit,
             "service-point reach and the decaying transition spike in disputes of merged villages",
             [this](const StepContext& c, uint32_t u) { transition(c, u); }});
  }

 private:
  void apply(const StepContext& c) {
    World& w = c.world;
    // townships first, county by county: pairs of adjacent non-street townships with the fewest residents
    for (uint32_t county = 0; county < w.county().size(); ++county) {
      const uint32_t t_target =
          std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(original_townships_[county] * c.p(kTownshipsKept))));
      while (true) {
        const auto [c_lo, c_hi] = w.range(Level::County, county, Level::Township);
        if (c_hi - c_lo <= t_target) break;
        const Table& t = w.townships();
        const auto& residents = colResidents.read(w);
        int64_t best = -1;
        double best_pop = 1e300;
        for (uint32_t i = c_lo; i + 1 < c_hi; ++i) {
          if (t.kind[i] == "street" || t.kind[i + 1] == "street" || t.parent[i] != t.parent[i + 1]) continue;
          double pop = 0;
          const auto [lo, hi] = w.range(Level::Township, i, Level::Unit);
          const auto [lo2, hi2] = w.range(Level::Township, i + 1, Level::Unit);
          for (uint32_t u = lo; u < hi2; ++u) pop += residents[u];
          (void)hi;
          (void)lo2;
          if (pop < best_pop) best_pop = pop, best = i;
        }
        if (best < 0) break;  // only streets left to merge: stop
        std::vector<uint32_t> m(t.size());
        for (uint32_t i = 0; i < t.size(); ++i) m[i] = i <= static_cast<uint32_t>(best) ? i : i - 1;
        // the merged township keeps the town designation if either was a town
        if (t.kind[best + 1] == "town") w.townships().kind[best] = "town";
        w.merge(Level::Township, m);
      }
    }
    // villages: per township and terrain, into the target number of groups
    const Table& u = w.units();
    const Table& t = w.townships();
    std::vector<uint32_t> m(u.size());
    uint32_t next = 0;
    bool any = false;
    // original villages of each current (possibly merged) township, per terrain
    std::vector<std::array<uint32_t, 4>> orig_of(t.size(), {0, 0, 0, 0});
    for (size_t k = 0; k < township_origin_.size(); ++k) {
      const uint32_t ti = origin_of(w, township_origin_[k]);
      for (int tr = 0; tr < 4; ++tr) orig_of[ti][tr] += original_[k * 4 + tr];
    }
    for (uint32_t ti = 0; ti < t.size(); ++ti) {
      const auto [lo, hi] = w.range(Level::Township, ti, Level::Unit);
      std::array<uint32_t, 4> orig = orig_of[ti], now{0, 0, 0, 0};
      for (uint32_t i = lo; i < hi; ++i)
        if (u.kind[i] == "rural_village") ++now[(*terrain_)[i]];
      std::array<uint32_t, 4> target{}, seen{0, 0, 0, 0};
      for (int tr = 0; tr < 4; ++tr)
        target[tr] = now[tr] == 0
                         ? 0
                         : std::min(now[tr], std::max<uint32_t>(
                                                 1, static_cast<uint32_t>(std::lround(orig[tr] * c.p(kKept[tr])))));
      std::array<int64_t, 4> last_group{-1, -1, -1, -1};
      std::array<uint32_t, 4> last_new{0, 0, 0, 0};
      for (uint32_t i = lo; i < hi; ++i) {
        if (u.kind[i] != "rural_village" || target[(*terrain_)[i]] == now[(*terrain_)[i]]) {
          m[i] = next++;
          continue;
        }
        const int tr = (*terrain_)[i];
        const int64_t group = static_cast<int64_t>(seen[tr]++) * target[tr] / now[tr];
        // consecutive villages of the same group merge; otherwise a new unit starts
        if (group == last_group[tr] && i > lo && m[i - 1] == last_new[tr] && (*terrain_)[i - 1] == tr &&
            u.kind[i - 1] == "rural_village") {
          m[i] = last_new[tr];
          any = true;
        } else {
          m[i] = next++;
          last_group[tr] = group;
          last_new[tr] = m[i];
        }
      }
    }
    if (!any) return;
    // before merging: remember which groups merged, for service points and the spike
    const bool keep = c.p(kServicePoints) != 0;
    w.merge(Level::Unit, m);
    std::vector<uint32_t> size(next, 0);
    for (uint32_t x : m) ++size[x];
    for (uint32_t g = 0; g < next; ++g)
      if (size[g] > 1) {
        (*since_)[g] = 0;
        if (!keep) (*points_)[g] = 1;
      }
  }

  // Index of the current township that absorbed original township `id`.
  static uint32_t origin_of(const World& w, uint32_t id) {
    // townships keep the id of the first (absorbing) original, and ids increase
    // along the table; an original id is in the township with the largest id not above it
    const auto& ids = w.at(Level::Township).id;
    const auto it = std::upper_bound(ids.begin(), ids.end(), id);
    return it == ids.begin() ? 0 : static_cast<uint32_t>(it - ids.begin() - 1);
  }

  void transition(const StepContext& c, uint32_t u) {
    const double per_point = (*area_)[u] / std::max<uint16_t>(1, (*points_)[u]);
    const double access = std::min(1.0, std::pow(c.p(kRefArea) / per_point, c.p(kAccessElasticity)));
    (*access_)[u] = static_cast<float>(access);
    auto& since = (*since_)[u];
    if (since != 0xFFFF) {
      (*dispute_factor_)[u] *= static_cast<float>(1 + c.p(kSpike) * std::exp(-since / c.p(kSpikeDecay)));
      if (since < 0xFFFE) ++since;
    }
    const Table& units = c.world.units();
    const auto& residents = colResidents.read(c.world);
    const bool village = units.kind[u] == "rural_village";
    c.record(kVillages, u, village, 1);
    c.record(kCommunities, u, !village, 1);
    const uint32_t t = units.parent[u];
    c.record(kTownships, u, c.world.at(Level::Township).child_begin[t] == u, 1);
    c.record(kServicePointsInd, u, (*points_)[u], 1);
    c.record(kAccess, u, access * residents[u], residents[u]);
  }

  std::vector<uint16_t>*points_ = nullptr, *since_ = nullptr;
  std::vector<float>*access_ = nullptr, *dispute_factor_ = nullptr;
  const std::vector<float>* area_ = nullptr;
  const std::vector<uint8_t>* terrain_ = nullptr;
  std::vector<uint32_t> original_;
  std::vector<uint32_t> township_origin_;
  std::vector<uint32_t> original_townships_;  // per county
};

REGISTER_MECHANISM(Mergers);

}  // namespace
}  // namespace govsim::model
