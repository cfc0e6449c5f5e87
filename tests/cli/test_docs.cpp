#include <catch2/catch.hpp>
#include <set>

#include "cli/docs.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/params.hpp"

using namespace govsim;

TEST_CASE("the parameter reference lists every declaration with its source", "[docs]") {
  const std::string md = parameters_markdown();
  for (const auto& d : ParamRegistry::instance().all()) {
    INFO(d.name);
    CHECK(md.find("`" + d.name + "`") != std::string::npos);
  }
  CHECK(md.find("001 §36-37") != std::string::npos);
}

TEST_CASE("the output reference lists every indicator", "[docs]") {
  const std::string md = output_markdown();
  for (const auto& d : IndicatorRegistry::instance().all()) CHECK(md.find("`" + d.name + "`") != std::string::npos);
}

TEST_CASE("the model description must hold a parameter table for every mechanism", "[docs]") {
  std::string text = "# m\n<!-- BEGIN GENERATED params grid -->\nstale\n<!-- END GENERATED -->\n";
  CHECK_THROWS_WITH(fill_generated_blocks(text), Catch::Contains("no parameter block for mechanism"));
  std::set<std::string> mechanisms;
  for (const auto& d : ParamRegistry::instance().all()) mechanisms.insert(d.name.substr(0, d.name.find('.')));
  for (const auto& m : mechanisms)
    if (m != "grid") text += "<!-- BEGIN GENERATED params " + m + " -->\n<!-- END GENERATED -->\n";
  const std::string filled = fill_generated_blocks(text);
  CHECK(filled.find("stale") == std::string::npos);
  CHECK(filled.find("`grid.households_per_worker`") != std::string::npos);
  CHECK_THROWS_WITH(fill_generated_blocks("<!-- BEGIN GENERATED nonsense -->\n<!-- END GENERATED -->"),
                    Catch::Contains("unknown generated block"));
}
