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
// merged village has one. Service circles (004 §25: 30-minute rescue, 15-minute
// service circles): the unit's area is shared equally by its service points, each
// at the centre of a disc of area a = area / points, residents spread evenly over
// it; a trip covers detour_factor times the straight distance at the speed of the
// unit's terrain (speed_<terrain> in villages, walk_speed in urban and town
// communities), so
//   travel_minutes = 60 * detour * (2/3) sqrt(a / pi) / speed     (the mean trip)
//   share within T minutes = min(1, pi d^2 / a),  d = speed * T / 60 / detour
// and the township's rescue point sits at the centre of the township's area (the
// sum of its units'), reached at rescue_speed_<terrain>: the unit's share within
// 30 minutes is min(1, pi d30^2 / township area). Reach of the service points
// scales self-reporting of service requests (intake) and satisfaction (perceptions):
//   service_access_factor = min(1, (reference_minutes / travel_minutes)^access_elasticity)
// Households per unit are checked against 002 §5 (urban communities 2000-4000,
// town communities 700-2000, rural 300-1500 households): the share within range,
// per kind, is an indicator, and a merger that leaves units outside says so on
// the standard error.
// Merged units see a transition spike in disputes that decays:
//   dispute_factor *= 1 + transition_spike * exp(-months since merger / transition_decay_months)
// Townships: the pair of adjacent non-street townships with the fewest residents
// merges, repeatedly, until round(original count x share kept) remain; their
// units, residents and mediation capacity (per 10,000 residents) combine.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

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
const Param kRefMinutes = declare_param(
    {"mergers.reference_minutes", ParamType::Real, 10.7, "minutes", 0.1, 600,
     "Mean trip to the service point at which access is full.",
     "calibration-2020: average village area 10.7 km2 before the reform (derived: the mean trip in a hill village "
     "of that area with one service point at speed_hill and detour_factor)",
     false});
const Param kAccessElasticity = declare_param(
    {"mergers.access_elasticity", ParamType::Real, 1.0, "elasticity", 0, 6,
     "How fast self-reporting of service requests falls with the mean trip to the service point (1 on time is 0.5 "
     "on the area a point serves).",
     "assumption", false});
ParamDecl speed(const char* name, double def, const char* desc, const char* source) {
  return {name, ParamType::Real, def, "km/h", 0.5, 200, desc, source, false};
}
// Indexed by terrain code: plain, hill, mountain, sparse.
const Param kSpeed[] = {
    declare_param(speed("mergers.speed_plain", 12, "Residents' speed to the village service point on plain terrain.",
                        "assumption (walking, e-bikes and motorcycles on village roads)")),
    declare_param(speed("mergers.speed_hill", 9, "Residents' speed to the village service point in hills.",
                        "assumption (winding roads)")),
    declare_param(speed("mergers.speed_mountain", 6, "Residents' speed to the village service point in mountains.",
                        "assumption (steep paths, many on foot)")),
    declare_param(speed("mergers.speed_sparse", 10,
                        "Residents' speed to the village service point in sparsely populated areas.",
                        "assumption (open country, motorcycles)")),
};
const Param kRescueSpeed[] = {
    declare_param(speed("mergers.rescue_speed_plain", 40, "Speed of the township's rescue vehicles on plain terrain.",
                        "004 §25 (30-minute rescue circle); assumption")),
    declare_param(speed("mergers.rescue_speed_hill", 30, "Speed of the township's rescue vehicles in hills.",
                        "004 §25; assumption")),
    declare_param(speed("mergers.rescue_speed_mountain", 20, "Speed of the township's rescue vehicles in mountains.",
                        "004 §25; assumption")),
    declare_param(speed("mergers.rescue_speed_sparse", 35,
                        "Speed of the township's rescue vehicles in sparsely populated areas.", "004 §25; assumption")),
};
const Param kWalk = declare_param(speed("mergers.walk_speed", 4.5,
                                        "Residents' speed to the service point in urban and town communities.",
                                        "assumption (on foot, as the 15-minute circle of 004 §39 means)"));
const Param kDetour = declare_param({"mergers.detour_factor", ParamType::Real, 1.3, "multiplier", 1, 5,
                                     "Road distance over straight-line distance.", "assumption", false});
constexpr double kPi = 3.14159265358979;
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
const Indicator kVillageSize = declare_indicator(
    {"residents_per_village", "persons", "residents per village", "村均人口",
     "Residents of rural villages over villages: larger with mergers, smaller as residents leave or age out "
     "(demography), so the merger lever does not set it alone.",
     "mergers"});
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
const Indicator kMinutes = declare_indicator(
    {"service_trip_hours", "hours", "trip to the service point", "到便民服务点平均用时",
     "Mean trip from home to the unit's nearest service point (travel_minutes / 60), weighted by residents.",
     "mergers"});
const Indicator kCircle15 = declare_indicator(
    {"service_circle_15min_share", "share of residents", "residents within the 15-minute service circle",
     "15分钟党群服务圈覆盖率", "Residents within 15 minutes of a service point (004 §25).", "mergers"});
const Indicator kCircle30 = declare_indicator(
    {"rescue_circle_30min_share", "share of residents", "residents within the 30-minute rescue circle",
     "30分钟应急救援圈覆盖率", "Residents within 30 minutes of the township's rescue point (004 §25).", "mergers"});
const Indicator kInRange[] = {
    declare_indicator({"households_in_range_urban", "share of communities", "urban communities of 2000-4000 households",
                       "城市社区规模达标率", "Urban communities with 2000-4000 households (002 §5).", "mergers"}),
    declare_indicator({"households_in_range_town", "share of communities", "town communities of 700-2000 households",
                       "城镇社区规模达标率", "Town communities with 700-2000 households (002 §5).", "mergers"}),
    declare_indicator({"households_in_range_rural", "share of villages", "villages of 300-1500 households",
                       "农村社区规模达标率", "Villages with 300-1500 households (002 §5).", "mergers"}),
};

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
const Reads<uint32_t> colHouseholds = reads<uint32_t>(Level::Unit, "households", "mergers");

// The 002 §5 range of households for a unit kind: 0 urban, 1 town, 2 rural.
int kind_code(const std::string& kind) { return kind == "urban_community" ? 0 : kind == "town_community" ? 1 : 2; }
bool households_in_range(int kind, double hh) {
  static const double lo[] = {2000, 700, 300}, hi[] = {4000, 2000, 1500};
  return hh >= lo[kind] && hh <= hi[kind];
}

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

  // Mean trip and the circles of unit u (see the header).
  struct Circles {
    double minutes, within15, within30;
  };
  Circles circles(const StepContext& c, uint32_t u) const {
    const World& w = c.world;
    const int terrain = std::min<int>(3, (*terrain_)[u]);
    const bool village = w.units().kind[u] == "rural_village";
    const double detour = c.p(kDetour), v = village ? c.p(kSpeed[terrain]) : c.p(kWalk);
    const double a = std::max(1e-6, static_cast<double>((*area_)[u]) / std::max<uint16_t>(1, (*points_)[u]));
    const double d15 = v * 15 / 60 / detour, d30 = c.p(kRescueSpeed[terrain]) * 30 / 60 / detour;
    const auto [lo, hi] = w.range(Level::Township, w.units().parent[u], Level::Unit);
    double township_area = 0;
    for (uint32_t i = lo; i < hi; ++i) township_area += (*area_)[i];
    return {60 * detour * (2.0 / 3.0) * std::sqrt(a / kPi) / v, std::min(1.0, kPi * d15 * d15 / a),
            std::min(1.0, kPi * d30 * d30 / std::max(1e-6, township_area))};
  }

  void transition(const StepContext& c, uint32_t u) {
    const Circles circle = circles(c, u);
    const double access =
        std::min(1.0, std::pow(c.p(kRefMinutes) / std::max(1e-6, circle.minutes), c.p(kAccessElasticity)));
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
    if (village) c.record(kVillageSize, u, residents[u], 1);

    c.record(kCommunities, u, !village, 1);
    const uint32_t t = units.parent[u];
    c.record(kTownships, u, c.world.at(Level::Township).child_begin[t] == u, 1);
    c.record(kServicePointsInd, u, (*points_)[u], 1);
    c.record(kAccess, u, access * residents[u], residents[u]);
    c.record(kMinutes, u, circle.minutes / 60 * residents[u], residents[u]);
    c.record(kCircle15, u, circle.within15 * residents[u], residents[u]);
    c.record(kCircle30, u, circle.within30 * residents[u], residents[u]);
    const int kind = kind_code(units.kind[u]);
    c.record(kInRange[kind], u, households_in_range(kind, colHouseholds.read(c.world)[u]), 1);
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
