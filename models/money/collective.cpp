// The village collective economy (model brief §3 steps 2 and 9; 000 §29, 001 §6).
// A village's collective assets earn, per year,
//   income = assets * return_rate * (0.5 + capability) * terrain factor * (1 + reform_effect * reform)
// where reform is the completion of the share-cooperative reform (股份经济合作社,
// 001 §6) and the terrain factor is 1.2 / 1 / 0.8 / 0.7 for plain / hill /
// mountain / sparse. A twelfth arrives each month on the village account: the
// public-goods share stays there (it funds the local match of projects), the
// dividend share is paid to members and the bonus share to the cadres
// (集体经济创收奖励, 000 §29). Communities have no collective economy here.
#include <algorithm>
#include <cmath>

#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kReturn = declare_param(
    {"collective.return_rate", ParamType::Real, 0.093, "per year", 0, 1,
     "Income a year per yuan of collective assets for a village of capability 0.5 on hills, before the reform.",
     "calibration-2020: 57.7% of villages with no collective income or under 50,000 yuan (2019); tuned to it", false});
const Param kReform = declare_param({"collective.reform_completion", ParamType::Real, 0.3, "share", 0, 1,
                                     "Completion of the share-cooperative reform of collective property rights.",
                                     "001 §6 (农村集体产权制度改革)", true});
const Param kReformEffect =
    declare_param({"collective.reform_effect", ParamType::Real, 0.5, "share", 0, 5,
                   "Extra return on collective assets once the reform is complete.", "assumption", false});
const Param kPublic = declare_param({"collective.public_share", ParamType::Real, 0.5, "share of income", 0, 1,
                                     "Share of collective income kept for public goods (on the village account).",
                                     "000 §29; assumption", false});
const Param kBonus = declare_param({"collective.bonus_share", ParamType::Real, 0.1, "share of income", 0, 1,
                                    "Share of collective income paid to cadres as a bonus; the rest is dividends.",
                                    "000 §29 (集体经济创收奖励); assumption", false});

const Indicator kUnder50k = declare_indicator(
    {"collective_income_under_50k_share", "share of villages", "villages with collective income under 50,000 yuan",
     "集体经济收入5万元以下村占比", "Villages whose collective income this year (x12 this month) is under 50,000 yuan.",
     "collective"});
const Indicator kOver100k =
    declare_indicator({"collective_income_over_100k_share", "share of villages",
                       "villages with collective income over 100,000 yuan", "集体经济收入10万元以上村占比",
                       "Villages whose collective income (x12 this month) is over 100,000 yuan.", "collective"});
const Indicator kIncome = declare_indicator(
    {"collective_income_per_village", "yuan per village per year", "collective income per village", "村均集体经济收入",
     "Collective income this month x12, averaged over villages.", "collective", 12.0});

// State read.
const Reads<double> colAssets = reads<double>(Level::Unit, "collective_assets", "collective");
const Reads<uint8_t> colTerrain = reads<uint8_t>(Level::Unit, "terrain", "collective");
const Reads<float> colCapability = reads<float>(Level::Unit, "capability", "collective");

class Collective : public Mechanism {
 public:
  std::string name() const override { return "collective"; }
  std::string summary() const override {
    return "village collective economy: income from assets, split into public goods, dividends and cadre bonus";
  }
  void init(World& w, const InitContext&) override {
    assets_ = &colAssets.read(w);
    terrain_ = &colTerrain.read(w);
    capability_ = &colCapability.read(w);
  }
  void steps(StepList& out) override {
    out.add({"collective.income", Scope::Unit,
             "collective income arrives on the village account; dividends and the cadre bonus are paid out",
             [this](const StepContext& c, uint32_t u) { income(c, u); }});
  }

 private:
  void income(const StepContext& c, uint32_t u) {
    if (c.world.units().kind[u] != "rural_village") return;
    static const double terrain_factor[] = {1.2, 1.0, 0.8, 0.7};
    const double cap = (*capability_)[u] > 0 ? (*capability_)[u] : 0.5;
    const double yearly = (*assets_)[u] * c.p(kReturn) * (0.5 + cap) *
                          terrain_factor[std::min<uint8_t>((*terrain_)[u], 3)] *
                          (1 + c.p(kReformEffect) * c.p(kReform));
    const Money month = fen(yearly / 12);
    World& w = c.world;
    ledger::receive(w, Level::Unit, u, month);
    const Money bonus = fen(yuan(month) * c.p(kBonus));
    const Money dividends = std::max<Money>(0, fen(yuan(month) * (1 - c.p(kPublic))) - bonus);
    ledger::pay(w, Level::Unit, u, bonus + dividends);
    c.record(kUnder50k, u, yearly < 50000, 1);
    c.record(kOver100k, u, yearly > 100000, 1);
    c.record(kIncome, u, yuan(month), 1);
  }
  const std::vector<double>* assets_ = nullptr;
  const std::vector<uint8_t>* terrain_ = nullptr;
  const std::vector<float>* capability_ = nullptr;
};

REGISTER_MECHANISM(Collective);

}  // namespace
}  // namespace govsim::model
