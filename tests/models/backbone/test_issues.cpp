// Behaviour tests of models/backbone/issues.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/behaviour.hpp"
#include "backbone/cases.hpp"

using namespace govsim;

TEST_CASE("issues arise at the declared rates scaled by residents' state", "[models][issues]") {
  // Expected monthly cases from the population itself, compared with the run.
  Scenario s = test::short_default(12, 0);
  double expected = 0;
  RunOptions o;
  bool done = false;
  o.inspect = [&](const World& w, Month, uint32_t) {
    if (done) return;
    done = true;
    const auto& age = w.residents().get<uint8_t>("age");
    const auto& fl = w.residents().get<uint8_t>("flags");
    for (uint32_t i = 0; i < w.residents().size(); ++i) {
      const double service = (age[i] < 15 ? 0.3 : 1.0) + (age[i] >= 60) + ((fl[i] & model::flag::Vulnerable) != 0);
      const double dispute = age[i] < 15 ? 0.0 : 1.0 + 0.5 * ((fl[i] & model::flag::NewCitizen) != 0);
      expected += 0.012 * service + 0.0012 * dispute + 0.0008;
    }
    // environmental complaints: adults, at a rate set by the unit's environment coverage
    const auto& coverage = w.units().get<float>("env_coverage");
    for (uint32_t u = 0; u < w.units().size(); ++u) {
      const auto [lo, hi] = w.range(Level::Unit, u, Level::Resident);
      for (uint32_t i = lo; i < hi; ++i)
        if (age[i] >= 15) expected += 0.002 * (0.2 + 0.8 * (1 - coverage[u]));
    }
  };
  RunResult r = run_scenario(s, o);
  CHECK(test::county_mean(r, "cases_raised") == Approx(expected).epsilon(0.02));

  RunResult more = test::run_with(12, {"issues.elder_extra=2"}, 0);
  CHECK(test::county_mean(more, "cases_raised") > 1.1 * test::county_mean(r, "cases_raised"));
}

TEST_CASE("environment investment lowers environmental complaints", "[models][issues][environment]") {
  // Same arrivals: complaints follow the unit's coverage of waste, sewage and sanitary toilets.
  auto last_year = [](const RunResult& r, const char* name) {
    double s = 0;
    for (size_t m = r.months.size() - 12; m < r.months.size(); ++m) s += r.county(test::indicator(name), 0, m);
    return s / 12;
  };
  // the works built out: far fewer complaints
  RunResult base = test::run_with(12, {});
  RunResult built = test::run_with(12, {"environment.initial_sewage_share=1", "environment.initial_waste_share=1",
                                        "environment.initial_toilet_share=1"});
  const double c_base = test::county_mean(base, "environmental_complaints_per_10k"),
               c_built = test::county_mean(built, "environmental_complaints_per_10k");
  INFO("complaints per 10,000 a year: 2020 coverage " << c_base << ", all built " << c_built);
  CHECK(c_base > 30);
  CHECK(c_built < 0.8 * c_base);
  // more project money (matched awards under a higher ceiling) builds more toilets and systems: fewer complaints
  // after five years (the money is small against a sewage system, so the effect is a few per cent)
  RunResult none = test::run_with(60, {"township.matching_ratio=0"});
  RunResult rich = test::run_with(60, {"township.matching_ratio=2", "township.project_cap_per_household=1200"});
  const double c_none = last_year(none, "environmental_complaints_per_10k"),
               c_rich = last_year(rich, "environmental_complaints_per_10k");
  INFO("complaints per 10,000 a year in the fifth year: no projects " << c_none << ", rich projects " << c_rich);
  CHECK(last_year(rich, "sanitary_toilet_share") > last_year(none, "sanitary_toilet_share") + 0.02);
  CHECK(c_rich < 0.98 * c_none);
  // no complaints without the rate
  RunResult zero = test::run_with(12, {"issues.environment_rate=0"});
  CHECK(test::county_mean(zero, "environmental_complaints_per_10k") == 0);
}
