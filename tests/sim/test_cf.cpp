#include <catch2/catch.hpp>

#include "govsim/mechanism.hpp"
#include "output/cf.hpp"

using namespace govsim;
using Catch::Matchers::Contains;

TEST_CASE("cf: every declared indicator has a UDUNITS unit", "[output][cf]") {
  const auto& inds = IndicatorRegistry::instance().all();
  REQUIRE(inds.size() > 30);
  for (const auto& d : inds) {
    INFO(d.name << " declares units \"" << d.units << "\"");
    CHECK_NOTHROW(udunits_or_throw(d.units, "indicator " + d.name));
  }
  // readable labels are translated, not copied: no label with a blank survives as a unit
  for (const auto& d : inds) CHECK(udunits_or_throw(d.units, d.name).find(" per ") == std::string::npos);
}

TEST_CASE("cf: labels map to UDUNITS-2 units of the right dimension", "[output][cf]") {
  CHECK(udunits_or_throw("share", "x") == "1");
  CHECK(udunits_or_throw("index 0-1", "x") == "1");
  CHECK(udunits_or_throw("persons", "x") == "1");
  CHECK(udunits_or_throw("share of villages", "x") == "1");
  CHECK(udunits_or_throw("yuan per month", "x") == "month-1");
  CHECK(udunits_or_throw("months", "x") == "month");
  CHECK(udunits_or_throw("per 10,000 residents per year", "x") == "1e-4 year-1");
  CHECK(udunits_or_throw("m2 per 100 households", "x") == "0.01 m2");
}

TEST_CASE("cf: an unknown units label fails loudly and names itself and the table", "[output][cf]") {
  CHECK_FALSE(udunits_of("bananas per fortnight"));
  CHECK_THROWS_WITH(udunits_or_throw("bananas per fortnight", "indicator x"),
                    Contains("indicator x") && Contains("\"bananas per fortnight\"") && Contains("sim/output/cf.cpp"));
}
