// govsim calibrate (issue 18): the Gaussian-process emulator, history matching, the
// configuration's errors, and synthetic recovery through the model's own batches.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "calibrate/gp.hpp"
#include "calibrate/history.hpp"
#include "calibrate/run.hpp"
#include "govsim/params.hpp"
#include "govsim/rng.hpp"
#include "helpers.hpp"

using namespace govsim;
using namespace govsim::calibrate;

namespace {
double toy(const Eigen::VectorXd& x) { return std::sin(6 * x[0]) + 2 * x[1] * x[1]; }
Eigen::MatrixXd uniform_points(int n, int d, uint64_t entity) {
  Eigen::MatrixXd x(n, d);
  for (int i = 0; i < n; ++i) {
    RngStream g(7, 0, 1, 0, entity * 1000 + static_cast<uint64_t>(i));
    for (int j = 0; j < d; ++j) x(i, j) = g.uniform();
  }
  return x;
}
}  // namespace

TEST_CASE("the emulator predicts held-out points within its stated uncertainty", "[calibrate]") {
  const Eigen::MatrixXd x = uniform_points(40, 2, 1), held = uniform_points(200, 2, 2);
  Eigen::VectorXd y(x.rows());
  for (int i = 0; i < x.rows(); ++i) y[i] = toy(x.row(i).transpose());
  GaussianProcess gp;
  gp.fit(x, y);
  int within = 0;
  double se = 0;
  for (int i = 0; i < held.rows(); ++i) {
    const auto [m, v] = gp.predict(held.row(i).transpose());
    const double e = toy(held.row(i).transpose()) - m;
    within += std::abs(e) <= 2 * std::sqrt(v) + 1e-9;
    se += e * e;
  }
  CHECK(within >= 0.8 * held.rows());                    // the declared rate: at least 80% within 2 sd (nominal 95%)
  CHECK(std::sqrt(se / held.rows()) < 0.1);              // and accurate (the function spans about 4)
  CHECK(gp.length_scales()[0] < gp.length_scales()[1]);  // sin(6 x1) varies faster than x2^2
  // at a design point the deterministic function is reproduced, with little uncertainty
  const auto [m0, v0] = gp.predict(x.row(0).transpose());
  CHECK(m0 == Approx(y[0]).margin(0.02));
  CHECK(v0 < 1e-3);
  // leave-one-out: as calibrated
  const auto [lm, lv] = gp.leave_one_out();
  int loo = 0;
  for (int i = 0; i < x.rows(); ++i) loo += std::abs(y[i] - lm[i]) <= 2 * std::sqrt(lv[i]);
  CHECK(loo >= 0.8 * x.rows());
}

namespace {
Config toy_config() {
  Config c;
  c.file = "toy";
  c.parameters = {{"a", "a", 0, 1}, {"b", "b", -1, 1}};
  c.targets.resize(2);
  c.targets[0].name = "sum", c.targets[0].value = 0.3 + 0.4, c.targets[0].sd = 0.02;
  c.targets[1].name = "diff", c.targets[1].value = 0.3 - 0.4, c.targets[1].sd = 0.02;
  c.waves = 3, c.runs_per_wave = 15, c.candidates = 20000, c.posterior_samples = 300, c.cutoff = 3;
  return c;
}
// The toy simulator: y = (a + b, a - b), with a little noise.
Simulator toy_simulator(int* calls) {
  return [calls](const std::vector<std::vector<double>>& v, int wave) {
    ++*calls;
    std::vector<std::vector<double>> out;
    for (size_t i = 0; i < v.size(); ++i) {
      RngStream g(3, 0, 2, static_cast<uint32_t>(wave), i);
      out.push_back({v[i][0] + v[i][1] + 0.005 * g.normal(), v[i][0] - v[i][1] + 0.005 * g.normal()});
    }
    return out;
  };
}
}  // namespace

TEST_CASE("history matching keeps the truth and rules out most of the prior", "[calibrate]") {
  const Config c = toy_config();
  int calls = 0;
  std::ostringstream log;
  const Result r = history_match(c, toy_simulator(&calls), &log);
  CHECK(calls == 3);
  REQUIRE(r.waves.size() == 3);
  CHECK(r.design.size() == 45);
  // the truth (a = 0.3, b = 0.4) is not implausible under the final emulators
  Eigen::VectorXd truth(2);
  truth << 0.3, (0.4 + 1) / 2;  // in the unit box
  CHECK(implausibility(c, r.emulators, truth) <= c.cutoff);
  // a point far from it is
  Eigen::VectorXd far(2);
  far << 0.9, 0.1;
  CHECK(implausibility(c, r.emulators, far) > c.cutoff);
  // the region shrinks well below the prior: the targets pin a and b within a few sd
  CHECK(r.nroy_fraction < 0.01);
  CHECK(r.nroy_fraction > 0);
  CHECK(r.waves[2].kept <= r.waves[1].kept);
  // the posterior sample sits around the truth
  double ma = 0, mb = 0;
  for (const auto& s : r.posterior) ma += s[0], mb += s[1];
  ma /= static_cast<double>(r.posterior.size()), mb /= static_cast<double>(r.posterior.size());
  CHECK(ma == Approx(0.3).margin(0.03));
  CHECK(mb == Approx(0.4).margin(0.03));
  CHECK_THAT(log.str(), Catch::Contains("non-implausible after 3 wave(s)"));
  // a target no point can reach leaves nothing non-implausible, and history matching says so
  Config impossible = c;
  impossible.targets[0].value = 10;
  const Result none = history_match(impossible, toy_simulator(&calls), nullptr);
  CHECK(none.nroy.empty());
  CHECK(none.posterior.empty());
}

TEST_CASE("a calibration file with an error names the file the line and the allowed values", "[calibrate]") {
  const std::string base = std::string(GOVSIM_SOURCE_DIR) + "/scenarios";
  const std::string head = "[calibration]\nscenario = \"baseline.toml\"\nend = \"2020-06\"\n";
  const std::string par = "[parameters.d]\nparameter = \"petitions.base_dispute\"\nrange = [0.02, 0.2]\n";
  const std::string tgt =
      "[targets.p]\nindicator = \"petitions_per_10k\"\nperiod = [\"2020-01\", \"2020-06\"]\n"
      "value = 59\nsd = 2\n";
  REQUIRE_NOTHROW(load_config_text(head + par + tgt, "ok.toml", base));
  const Config ok = load_config_text(head + par + tgt, "ok.toml", base);
  CHECK(ok.base.end == Month::of(2020, 6));  // end shortens the scenario whatever the keys' order
  auto error = [&](const std::string& text) {
    try {
      load_config_text(text, "bad.toml", base);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error(head + "wave = 2\n" + par + tgt), Catch::Contains("bad.toml:4") && Catch::Contains("waves"));
  CHECK_THAT(error(head + "[parameters.d]\nparameter = \"petitions.base_dispute\"\nrange = [0.02, 7]\n" + tgt),
             Catch::Contains("bad.toml:6") && Catch::Contains("outside the allowed range"));
  CHECK_THAT(error(head + "[parameters.d]\nparameter = \"no.such\"\nrange = [0, 1]\n" + tgt),
             Catch::Contains("unknown parameter no.such"));
  CHECK_THAT(error(head + par +
                   "[targets.p]\nindicator = \"petitions_per_10k\"\nperiod = [\"2020-01\", \"2021-06\"]\n"
                   "value = 59\nsd = 2\n"),
             Catch::Contains("outside the runs' months"));
  CHECK_THAT(
      error(head + par + "[targets.p]\nindicator = \"nothing\"\nperiod = [\"2020-01\", \"2020-06\"]\nvalue = 1\n"),
      Catch::Contains("unknown indicator nothing"));
  CHECK_THAT(error(head + "runs_per_wave = 3\n" + par +
                   "[parameters.e]\nparameter = \"hotline.propensity_scale\"\n"
                   "range = [0.5, 2]\n" +
                   tgt),
             Catch::Contains("too few"));
  // the shipped calibration loads
  REQUIRE_NOTHROW(load_config_file(std::string(GOVSIM_SOURCE_DIR) + "/scenarios/calibration/sichuan-2020.toml"));
}

TEST_CASE("synthetic recovery through the model recovers known parameters", "[calibrate]") {
  // Targets made by the model itself at its defaults (petitions.base_dispute 0.08, hotline.propensity_scale 1);
  // the calibration must keep them non-implausible and rule out most of the prior.
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("govsim-calibrate-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string base = std::string(GOVSIM_SOURCE_DIR) + "/scenarios";
  const std::string text =
      "[calibration]\nscenario = \"baseline.toml\"\nend = \"2020-03\"\nwaves = 2\nruns_per_wave = 10\n"
      "replicates = 1\ncandidates = 4000\n"
      "[parameters.dispute]\nparameter = \"petitions.base_dispute\"\nrange = [0.02, 0.2]\n"
      "[parameters.hotline]\nparameter = \"hotline.propensity_scale\"\nrange = [0.3, 2.0]\n"
      "[targets.petitions]\nindicator = \"petitions_per_10k\"\nperiod = [\"2020-01\", \"2020-03\"]\nvalue = 0\nsd = 3\n"
      "[targets.hotline]\nindicator = \"hotline_requests_per_resident\"\nperiod = [\"2020-01\", \"2020-03\"]\n"
      "value = 0\nsd = 0.01\n";
  Config c = load_config_text(text, "synthetic.toml", base);
  // the truth's outputs, by the same batch machinery
  BatchOptions opt;
  opt.out = dir + "/truth.h5";
  opt.threads = 2;
  opt.quiet = true;
  const auto truth = batch_simulator(c, opt)({{0.08, 1.0}}, 0);
  c.targets[0].value = truth[0][0];
  c.targets[1].value = truth[0][1];
  opt.out = dir + "/cal.h5";
  const Result r = history_match(c, batch_simulator(c, opt));
  Eigen::VectorXd u(2);
  u << (0.08 - 0.02) / 0.18, (1.0 - 0.3) / 1.7;
  CHECK(implausibility(c, r.emulators, u) <= c.cutoff);
  CHECK(r.nroy_fraction < 0.25);
  // each wave's batch file is kept (a rerun resumes from them), and the result is written whole
  CHECK(std::filesystem::exists(wave_file(opt.out, 0)));
  CHECK(std::filesystem::exists(wave_file(opt.out, 1)));
  write_result(c, r, opt.out, "test");
  CHECK(std::filesystem::exists(opt.out));
  CHECK(std::filesystem::exists(dir + "/cal.md"));
  // --posterior: one run per posterior sample, evenly spaced, the calibrated parameters set to its values
  REQUIRE(r.posterior.size() == c.posterior_samples);
  const Experiment pe = posterior_experiment(c.base, opt.out, 5, "test");
  REQUIRE(pe.runs() == 5);
  REQUIRE(pe.factors.size() == 2);
  CHECK(pe.factors[0].parameter == "petitions.base_dispute");
  CHECK(pe.values[1] == r.posterior[1 * r.posterior.size() / 5]);
  CHECK(pe.scenario_of(1).values.schedule(*ParamRegistry::instance().find("petitions.base_dispute")).base ==
        r.posterior[1 * r.posterior.size() / 5][0]);
  CHECK_THROWS_WITH(posterior_experiment(c.base, wave_file(opt.out, 0), 5, "test"),
                    Catch::Contains("not a govsim calibrate result"));
  // a second calibration reads the finished waves back (same design): the same result
  const Result again = history_match(c, batch_simulator(c, opt));
  CHECK(again.outputs == r.outputs);
  std::filesystem::remove_all(dir);
}
