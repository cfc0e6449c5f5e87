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
  };
  RunResult r = run_scenario(s, o);
  CHECK(test::county_mean(r, "cases_raised") == Approx(expected).epsilon(0.02));

  RunResult more = test::run_with(12, {"issues.elder_extra=2"}, 0);
  CHECK(test::county_mean(more, "cases_raised") > 1.1 * test::county_mean(r, "cases_raised"));
}
