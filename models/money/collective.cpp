// The village collective economy (model brief §3 steps 2 and 9; 000 §29, 001 §6).
// A village's collective assets earn, per year,
//   income = assets * return_rate * (0.5 + capability) * terrain factor * (1 + reform_effect * reform)
// where reform is the completion of the share-cooperative reform (股份经济合作社,
// 001 §6) and the terrain factor is 1.2 / 1 / 0.8 / 0.7 for plain / hill /
// mountain / sparse. A twelfth arrives each month on the village account: the
// public-goods share stays there (it funds the local match of projects), the
// dividend share is paid to members and the bonus share to the cadres
// (集体经济创收奖励, 000 §29). Communities have no collective economy here.
// Shell villages (空壳村) run no collective business: at the start, the original villages whose
// assets scaled by the reform (1 + reform_effect * reform) are below min_operating_assets. Each
// month a shell starts a business with probability shell_start_rate * (0.5 + capability) *
// (1 + reform_effect * reform); merged villages keep their shells and their assets apart
// (合村不并产: the counts add up), so a merger starts no business by itself. Only the assets of
// original villages with a business earn. The shares of villages with no income and with income
// under 50,000 yuan are judged per original village (income / villages merged into it), so a
// merger cannot meet the targets by adding villages up; income per resident is reported too.
#include <algorithm>
#include <cmath>

#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/state.hpp"

namespace govsim::model {
namespace {

const Param kReturn = declare_param(
    {"collective.return_rate", ParamType::Real, 0.086, "per year", 0, 1,
     "Income a year per yuan of collective assets for a village of capability 0.5 on hills, before the reform.",
     "calibrated to calibration-2020: 57.7% of villages with no collective income or under 50,000 yuan (2019) by "
     "history matching (scenarios/calibration/sichuan-2020.toml, docs/calibration.md: posterior median 0.086, 90% "
     "0.068-0.107, with the province's collective-economy programme)",
     false});
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

const Param kMinOperating = declare_param(
    {"collective.min_operating_assets", ParamType::Real, 300000, "yuan", 0, 1e9,
     "Collective assets (scaled by the reform) below which a village runs no collective business and earns nothing.",
     "assumption (about a quarter of villages without collective income at the start, 空壳村; the published figure "
     "joins the two groups, calibration-2020: 57.7% of villages with no collective income or under 50,000 yuan (2019))",
     false});
const Param kShellStart = declare_param(
    {"collective.shell_start_rate", ParamType::Real, 0.01, "probability per month", 0, 1,
     "Monthly probability that a shell village starts a collective business, at capability 0.5 before the reform.",
     "000 §29, 001 §6 (消除集体经济空壳村); assumption", false});
const Indicator kUnder50k = declare_indicator(
    {"collective_income_under_50k_share", "share of villages", "villages with collective income under 50,000 yuan",
     "集体经济收入5万元以下村占比",
     "Original villages whose share of their village's collective income this year (x12 this month, divided by the "
     "villages merged into it) is under 50,000 yuan, over original villages.",
     "collective"});
const Indicator kNone = declare_indicator(
    {"collective_income_none_share", "share of villages", "villages with no collective income", "集体经济空壳村占比",
     "Original villages whose village earns no collective income (assets not run), over original villages.",
     "collective"});
const Indicator kPerCapita = declare_indicator(
    {"collective_income_per_resident", "yuan per resident per year", "collective income per village resident",
     "村集体经济人均收入", "Collective income this month x12 over the residents of villages.", "collective", 12.0});
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
const Owned<float> colShells = declare_column<float>(
    {"collective_shells",
     Level::Unit,
     "villages",
     "Original villages in the unit with no collective business (the province's support starts one).",
     "collective",
     Merge::Sum,
     {"province"}});
const Owned<double> colShellAssets = declare_column<double>({"collective_shell_assets",
                                                             Level::Unit,
                                                             "yuan",
                                                             "Collective assets of the unit's shell villages (idle).",
                                                             "collective",
                                                             Merge::Sum,
                                                             {"province"}});
const Reads<float> colOriginal = reads<float>(Level::Unit, "env_villages", "collective");
const Reads<uint32_t> colResidents = reads<uint32_t>(Level::Unit, "residents", "collective");

const ledger::Flow kFlowIncome = ledger::declare_flow("collective_income", "unit: collective economy income");
const ledger::Flow kFlowPaidOut =
    ledger::declare_flow("collective_paid_out", "unit: cadres' income bonus and members' dividends");

class Collective : public Mechanism {
 public:
  std::string name() const override { return "collective"; }
  std::string summary() const override {
    return "village collective economy: income from assets, split into public goods, dividends and cadre bonus";
  }
  void init(World& w, const InitContext& ctx) override {
    assets_ = &colAssets.read(w);
    terrain_ = &colTerrain.read(w);
    capability_ = &colCapability.read(w);
    original_ = &colOriginal.read(w);
    residents_ = &colResidents.read(w);
    shells_ = &colShells.write(w);
    shell_assets_ = &colShellAssets.write(w);
    const double reform = 1 + ctx.p(kReformEffect) * ctx.p(kReform);
    for (uint32_t u = 0; u < w.units().size(); ++u) {
      const bool shell = w.units().kind[u] == "rural_village" && (*assets_)[u] * reform < ctx.p(kMinOperating);
      (*shells_)[u] = shell ? 1.0f : 0.0f;
      (*shell_assets_)[u] = shell ? (*assets_)[u] : 0.0;
    }
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
    const double reform = 1 + c.p(kReformEffect) * c.p(kReform);
    // shells start businesses, one original village at a time
    float& shells = (*shells_)[u];
    double& idle = (*shell_assets_)[u];
    if (shells > 0) {
      RngStream g = c.rng(c.world.units().id[u], 1);
      const double p = std::min(1.0, c.p(kShellStart) * (0.5 + cap) * reform);
      const int k = static_cast<int>(std::lround(shells));
      int started = 0;
      for (int i = 0; i < k; ++i) started += g.uniform() < p;
      if (started > 0) {
        idle = started >= k ? 0.0 : idle * (k - started) / k;
        shells = static_cast<float>(k - started);
      }
    }
    const double villages = std::max(1.0f, (*original_)[u]), running = std::max(0.0, villages - shells);
    const double yearly = std::max(0.0, (*assets_)[u] - idle) * c.p(kReturn) * (0.5 + cap) *
                          terrain_factor[std::min<uint8_t>((*terrain_)[u], 3)] * reform;
    const Money month = fen(yearly / 12);
    World& w = c.world;
    ledger::receive(w, Level::Unit, u, month, kFlowIncome);
    const Money bonus = fen(yuan(month) * c.p(kBonus));
    const Money dividends = std::max<Money>(0, fen(yuan(month) * (1 - c.p(kPublic))) - bonus);
    ledger::pay(w, Level::Unit, u, bonus + dividends, kFlowPaidOut);
    // per original village: shells have nothing; the others share the income
    const double under = shells + (running > 0 && yearly / running < 50000 ? running : 0.0);
    c.record(kUnder50k, u, under, villages);
    c.record(kNone, u, shells, villages);
    c.record(kPerCapita, u, yuan(month), (*residents_)[u]);
    c.record(kOver100k, u, yearly > 100000, 1);
    c.record(kIncome, u, yuan(month), 1);
  }
  const std::vector<double>* assets_ = nullptr;
  const std::vector<uint8_t>* terrain_ = nullptr;
  const std::vector<float>*capability_ = nullptr, *original_ = nullptr;
  const std::vector<uint32_t>* residents_ = nullptr;
  std::vector<float>* shells_ = nullptr;
  std::vector<double>* shell_assets_ = nullptr;
};

REGISTER_MECHANISM(Collective);

}  // namespace
}  // namespace govsim::model
