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

// ---------------------------------------------------------------- declared state (govsim/state.hpp)
#include "cli/state_docs.hpp"
#include "govsim/state.hpp"

TEST_CASE("declared columns are created with their default and merge policy and the builder's are kept",
          "[world][state]") {
  StateRegistry reg;
  const auto trust = declare_column<float>({"trust", Level::Resident, "0..1", "trust", "perceptions"}, 0.6f, reg);
  const auto hh = declare_column<uint32_t>(
      {"households", Level::Unit, "households", "households", "population", Merge::Sum, {"demography"}}, 0, reg);
  const auto read_hh = reads<uint32_t>(Level::Unit, "households", "ladder", reg);
  World w = tiny();
  w.units().add<uint32_t>("households") = {2, 1, 1};  // the region builder's column (no merge policy given)
  REQUIRE_NOTHROW(reg.validate({"perceptions", "demography", "ladder"}));
  reg.create_columns(w);
  CHECK(trust.read(w) == std::vector<float>(7, 0.6f));
  CHECK(read_hh.read(w) == std::vector<uint32_t>{2, 1, 1});  // kept
  CHECK(&hh.write(w) == &w.units().get<uint32_t>("households"));
  w.units().id = {10, 11, 12};
  w.merge(Level::Unit, {0, 0, 1});
  CHECK(read_hh.read(w) == std::vector<uint32_t>{3, 1});  // the declared Sum, not the builder's First
  CHECK(reg.readers(*reg.find(Level::Unit, "households")) == std::vector<std::string>{"ladder"});
}

TEST_CASE("write access to a column a mechanism neither owns nor is declared to write throws", "[world][state]") {
  StateRegistry reg;
  const auto cases =
      declare_column<int>({"cases", Level::Unit, "cases", "open cases", "issues", Merge::First, {"ladder"}}, 0, reg);
  const auto ladder = writes<int>(Level::Unit, "cases", "ladder", reg);
  const auto intake = writes<int>(Level::Unit, "cases", "intake", reg);
  World w = tiny();
  reg.create_columns(w);
  CHECK_NOTHROW(cases.write(w));   // the owner
  CHECK_NOTHROW(ladder.write(w));  // a listed writer
  CHECK_THROWS_AS(intake.write(w), std::logic_error);
  CHECK_THROWS_WITH(intake.write(w), Catch::Contains("mechanism intake") && Catch::Contains("unit.cases") &&
                                         Catch::Contains("owned by issues"));
  CHECK_THROWS_WITH(reg.check_write(Level::Unit, "nothing", "intake"), Catch::Contains("no mechanism declares"));
  // the engine's validation refuses the unlisted writer before any run starts
  CHECK_THROWS_WITH(reg.validate({"issues", "ladder", "intake"}),
                    Catch::Contains("mechanism intake") && Catch::Contains("owned by issues"));
  // read handles give const access only (writing through one is a compile error:
  // ctest boundary_state_read_handles_are_const)
  static_assert(std::is_same_v<decltype(reads<int>(Level::Unit, "cases", "x", reg).read(w)), const std::vector<int>&>);
}

TEST_CASE("a region builder creates a declared column with its default and merge policy as its owner only",
          "[world][state]") {
  StateRegistry reg;
  const auto fiscal = declare_column<float>(
      {"fiscal_capacity", Level::County, "ratio", "capacity", "population", Merge::First}, 1.0f, reg);
  const auto area = declare_column<float>({"area_km2", Level::Unit, "km2", "area", "population", Merge::Sum}, 0.f, reg);
  const auto other = writes<float>(Level::Unit, "area_km2", "budget", reg);
  World w = tiny();
  CHECK(fiscal.create(w) == std::vector<float>(w.county().size(), 1.0f));  // sized to its table, declared default
  auto& a = area.create(w);
  a = {1.f, 2.f, 4.f};
  CHECK(&area.create(w) == &a);  // creating again keeps the column and its values
  CHECK(a == std::vector<float>{1.f, 2.f, 4.f});
  w.units().id = {10, 11, 12};
  w.merge(Level::Unit, {0, 0, 1});
  CHECK(area.read(w) == std::vector<float>{3.f, 4.f});  // the declared Sum
  CHECK_THROWS_WITH(other.create(w), Catch::Contains("mechanism budget") && Catch::Contains("owned by population"));
}

TEST_CASE("the state registry refuses a column declared twice/an undeclared or mistyped read/an unknown owner",
          "[world][state]") {
  {
    StateRegistry reg;
    declare_column<float>({"trust", Level::Resident, "", "", "perceptions"}, 0.f, reg);
    declare_column<float>({"trust", Level::Resident, "", "", "integrity"}, 0.f, reg);
    CHECK_THROWS_WITH(reg.validate({"perceptions", "integrity"}), Catch::Contains("declared twice"));
  }
  {
    StateRegistry reg;
    declare_column<float>({"trust", Level::Resident, "", "", "perceptions"}, 0.f, reg);
    reads<float>(Level::Resident, "trusts", "ladder", reg);
    CHECK_THROWS_WITH(reg.validate({"perceptions", "ladder"}), Catch::Contains("resident.trusts"));
  }
  {
    StateRegistry reg;
    declare_column<float>({"trust", Level::Resident, "", "", "perceptions"}, 0.f, reg);
    reads<double>(Level::Resident, "trust", "ladder", reg);
    CHECK_THROWS_WITH(reg.validate({"perceptions", "ladder"}), Catch::Contains("another type"));
  }
  {
    StateRegistry reg;
    declare_column<float>({"trust", Level::Resident, "", "", "perceptionz"}, 0.f, reg);
    CHECK_THROWS_WITH(reg.validate({"perceptions"}), Catch::Contains("not a mechanism"));
  }
}

TEST_CASE("the program's state declarations are consistent and documented", "[world][state]") {
  std::vector<std::string> names;
  for (const MechanismFactory* f : ModelRegistry::instance().mechanisms()) names.push_back(f->name);
  REQUIRE_NOTHROW(StateRegistry::instance().validate(names));
  const std::string md = state_markdown();
  CHECK_THAT(md, Catch::Contains("| `cases` | unit | vector<Case> | empty | concat |"));
  CHECK_THAT(md, Catch::Contains("| `trust` | resident | float | 0.6 | first |"));
  CHECK_THAT(md, Catch::Contains("| perceptions | integrity |"));
}
