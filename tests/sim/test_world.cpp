#include <catch2/catch.hpp>

#include "sim/world.hpp"

using namespace govsim;

namespace {
// county 1 -> townships 2 -> units 3 -> grids 3 -> households 4 -> residents 7
World tiny() {
  World w;
  auto set = [&](Level l, std::vector<uint32_t> parent, std::vector<uint32_t> children) {
    w.at(l).parent = std::move(parent);
    w.at(l).child_begin = std::move(children);
  };
  set(Level::County, {0}, {0, 2});
  set(Level::Township, {0, 0}, {0, 2, 3});
  set(Level::Unit, {0, 0, 1}, {0, 1, 2, 3});
  set(Level::Grid, {0, 1, 2}, {0, 2, 3, 4});
  set(Level::Household, {0, 0, 1, 2}, {0, 2, 4, 5, 7});
  set(Level::Resident, {0, 0, 1, 1, 2, 3, 3}, {});
  return w;
}
}  // namespace

TEST_CASE("a consistent tree passes the check and gives contiguous ranges", "[world]") {
  World w = tiny();
  REQUIRE_NOTHROW(w.check());
  CHECK(w.range(Level::Unit, 0, Level::Resident) == std::pair<uint32_t, uint32_t>{0, 4});
  CHECK(w.range(Level::Township, 1, Level::Resident) == std::pair<uint32_t, uint32_t>{5, 7});
  CHECK(w.range(Level::County, 0, Level::Household) == std::pair<uint32_t, uint32_t>{0, 4});
}

TEST_CASE("the tree check names what is wrong", "[world]") {
  World w = tiny();
  w.residents().parent[3] = 0;  // resident 3 claims the wrong household
  CHECK_THROWS_WITH(w.check(), Catch::Contains("resident 3 points to the wrong parent"));
  World v = tiny();
  v.households().child_begin.back() = 6;  // a resident left out
  CHECK_THROWS_WITH(v.check(), Catch::Contains("do not tile"));
}

TEST_CASE("columns are typed and sized to the table", "[world]") {
  World w = tiny();
  auto& age = w.residents().add<uint8_t>("age", 30);
  CHECK(age.size() == 7);
  CHECK(&w.residents().get<uint8_t>("age") == &age);
  CHECK(&w.residents().add<uint8_t>("age") == &age);  // add twice: the same column
  CHECK_THROWS(w.residents().get<float>("age"));
  CHECK_THROWS(w.residents().get<uint8_t>("height"));
  w.residents().add<float>("satisfaction");
  CHECK(w.residents().bytes_per_row() == 4 + 1 + 4);
}
