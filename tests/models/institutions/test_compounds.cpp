// Behaviour tests of models/institutions/compounds.cpp.
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

TEST_CASE("pushing owners' committees raises coverage and lowers property disputes", "[models][compounds]") {
  RunResult base = test::run_with(48, {});
  RunResult push = test::run_with(48, {"compounds.owners_committee_push=0.05", "compounds.self_governance_push=0.05"});
  const IndicatorId cov = test::indicator("owners_committee_coverage");
  CHECK(push.county(cov, 0, 47) > 0.9);
  CHECK(base.county(cov, 0, 47) < 0.5);
  CHECK(test::county_mean(push, "unmanaged_compound_share") < test::county_mean(base, "unmanaged_compound_share"));
  CHECK(test::county_mean(push, "property_disputes_per_1000") <
        0.85 * test::county_mean(base, "property_disputes_per_1000"));
}

TEST_CASE("party linkage helps the village rungs settle property disputes", "[models][compounds]") {
  Scenario a = test::short_default(24, 2), b = a;
  apply_override(b, "compounds.linkage_push=0.2");
  double fa = 0, fb = 0;
  RunOptions oa, ob;
  oa.inspect = [&](const World& w, Month, uint32_t) {
    for (float f : w.units().get<float>("property_resolve_factor")) fa = std::max(fa, double(f));
  };
  ob.inspect = [&](const World& w, Month, uint32_t) {
    for (float f : w.units().get<float>("property_resolve_factor")) fb = std::max(fb, double(f));
  };
  RunResult ra = run_scenario(a, oa), rb = run_scenario(b, ob);
  CHECK(test::county_mean(rb, "compound_linkage_share") > 0.8);
  CHECK(fb > 1.45);
  CHECK(fb > fa);
  CHECK(test::county_mean(rb, "settled_in_village_share") >= test::county_mean(ra, "settled_in_village_share"));
}

TEST_CASE("compounds exist only in communities", "[models][compounds]") {
  Scenario s = test::short_default(1, 0);
  RunOptions o;
  o.inspect = [&](const World& w, Month, uint32_t) {
    const Table& u = w.units();
    const auto& households = u.get<uint32_t>("households");
    const auto& factor = u.get<float>("property_resolve_factor");
    for (uint32_t i = 0; i < u.size(); ++i) {
      auto [lo, hi] = w.range(Level::Unit, i, Level::Household);
      CHECK(hi - lo >= households[i]);  // occupied households, plus empty dwellings in communities
      if (u.kind[i] == "rural_village") CHECK(factor[i] == 1.0f);
    }
  };
  run_scenario(s, o);
}
