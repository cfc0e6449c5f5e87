#include <catch2/catch.hpp>
#include <set>

#include "govsim/params.hpp"

using namespace govsim;

TEST_CASE("every declared parameter is complete and its default in range", "[params]") {
  const auto& all = ParamRegistry::instance().all();
  REQUIRE(all.size() > 20);
  std::set<std::string> names;
  for (const auto& d : all) {
    INFO(d.name);
    CHECK(names.insert(d.name).second);
    CHECK(d.name.find('.') != std::string::npos);
    CHECK_FALSE(d.unit.empty());
    CHECK_FALSE(d.description.empty());
    CHECK_FALSE(d.source.empty());
    CHECK(d.min <= d.default_value);
    CHECK(d.default_value <= d.max);
  }
}

TEST_CASE("the issue's levers are declared as levers", "[params]") {
  for (const char* n :
       {"grid.households_per_worker", "grid.training_cycle_months", "ladder.township_mediation_capacity"}) {
    auto id = ParamRegistry::instance().find(n);
    REQUIRE(id);
    CHECK(ParamRegistry::instance().get(*id).lever);
  }
}

TEST_CASE("check_value enforces type and range", "[params]") {
  ParamDecl d{"x.y", ParamType::Integer, 5, "months", 1, 10, "d", "assumption", false};
  CHECK_FALSE(check_value(d, 5));
  CHECK(check_value(d, 5.5));
  CHECK(check_value(d, 0)->find("outside the allowed range [1, 10]") != std::string::npos);
  CHECK(check_value(d, 11));
  ParamDecl b{"x.b", ParamType::Boolean, 0, "flag", 0, 1, "d", "assumption", false};
  CHECK(check_value(b, 2));
}

TEST_CASE("the registry refuses duplicates/missing sources/bad defaults", "[params]") {
  ParamRegistry r;
  r.add({"m.a", ParamType::Real, 1, "u", 0, 2, "d", "assumption", false});
  CHECK_THROWS(r.add({"m.a", ParamType::Real, 1, "u", 0, 2, "d", "assumption", false}));
  CHECK_THROWS(r.add({"m.b", ParamType::Real, 1, "u", 0, 2, "d", "", false}));
  CHECK_THROWS(r.add({"m.c", ParamType::Real, 3, "u", 0, 2, "d", "assumption", false}));
  CHECK_THROWS(r.add({"noprefix", ParamType::Real, 1, "u", 0, 2, "d", "assumption", false}));
  CHECK(r.nearest("m.aa") == "m.a");
}

TEST_CASE("schedules are stepwise by default and can interpolate", "[params]") {
  Schedule s{7, {{Month::of(2020, 1), 500}, {Month::of(2022, 1), 300}}, false};
  CHECK(s.at(Month::of(2019, 12)) == 7);  // before the first point: the inherited value
  CHECK(s.at(Month::of(2020, 1)) == 500);
  CHECK(s.at(Month::of(2021, 12)) == 500);
  CHECK(s.at(Month::of(2022, 1)) == 300);
  CHECK(s.at(Month::of(2035, 12)) == 300);
  s.linear = true;
  CHECK(s.at(Month::of(2021, 1)) == Approx(400));
  CHECK(s.at(Month::of(2030, 1)) == 300);
  CHECK(s.str() == "{\"2020-01\" = 500, \"2022-01\" = 300, interp = \"linear\"}");
}
