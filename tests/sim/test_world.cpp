#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "govsim/world.hpp"

using namespace govsim;

namespace {
World tiny() { return test::tiny_world(); }
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

TEST_CASE("merging units joins their ranges and follows each column's policy", "[world][merge]") {
  World w = tiny();
  auto& hh = w.units().add<uint32_t>("households", 0, Merge::Sum);
  hh = {2, 1, 1};
  auto& best = w.units().add<float>("capability", 0.f, Merge::Max);
  best = {0.2f, 0.9f, 0.5f};
  auto& first = w.units().add<int>("secretary", 0);
  first = {7, 8, 9};
  auto& books = w.units().add<std::vector<int>>("cases", {}, Merge::Concat);
  books = {{1, 2}, {3}, {4}};
  w.units().id = {10, 11, 12};
  int heard = 0;
  w.on_merge([&](World&, Level l, const std::vector<uint32_t>& m) {
    ++heard;
    CHECK(l == Level::Unit);
    CHECK(m == std::vector<uint32_t>{0, 0, 1});
  });
  w.merge(Level::Unit, {0, 0, 1});  // units 0 and 1 (same township) merge
  CHECK(heard == 1);
  CHECK(w.units().size() == 2);
  CHECK(hh == std::vector<uint32_t>{3, 1});
  CHECK(best == std::vector<float>{0.9f, 0.5f});
  CHECK(first == std::vector<int>{7, 9});
  CHECK(books[0] == std::vector<int>{1, 2, 3});
  CHECK(w.units().id == std::vector<uint32_t>{10, 12});
  CHECK(w.range(Level::Unit, 0, Level::Resident) == std::pair<uint32_t, uint32_t>{0, 5});
  CHECK(w.range(Level::Township, 0, Level::Unit) == std::pair<uint32_t, uint32_t>{0, 1});
  CHECK(w.range(Level::Township, 1, Level::Unit) == std::pair<uint32_t, uint32_t>{1, 2});
  REQUIRE_NOTHROW(w.check());
}

TEST_CASE("merging townships re-parents their units", "[world][merge]") {
  World w = tiny();
  w.merge(Level::Township, {0, 0});
  CHECK(w.townships().size() == 1);
  CHECK(w.range(Level::Township, 0, Level::Unit) == std::pair<uint32_t, uint32_t>{0, 3});
  CHECK(w.units().parent == std::vector<uint32_t>{0, 0, 0});
}

TEST_CASE("merges must be consecutive groups within one parent", "[world][merge]") {
  World w = tiny();
  CHECK_THROWS(w.merge(Level::Unit, {0, 1, 0}));
  World v = tiny();
  CHECK_THROWS(v.merge(Level::Unit, {0, 1, 1}));  // units 1 and 2 are in different townships
}
