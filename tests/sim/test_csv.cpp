#include <catch2/catch.hpp>

#include "govsim/csv.hpp"

using namespace govsim;

TEST_CASE("data files: comments/header/rows and errors that name the line", "[csv]") {
  const std::string text = "# a comment\nname,n\n# another\nA,1\nB,2\n";
  auto rows = read_csv(text, "f.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].line == 5);
  CHECK(rows[1].cells == std::vector<std::string>{"B", "2"});
  CHECK_THROWS_WITH(read_csv("a,b\n1,2,3\n", "f.csv"), Catch::Contains("f.csv:2: expected 2 columns, found 3"));
  auto parse = [](const CsvRow& r) { return std::stoi(r.cells[1]); };
  CHECK(parse_csv<int>(text, "f.csv", parse) == std::vector<int>{1, 2});
  CHECK_THROWS_WITH(parse_csv<int>("n,v\nA,x\n", "g.csv", parse),
                    Catch::Contains("g.csv:2: a number could not be read"));
}
