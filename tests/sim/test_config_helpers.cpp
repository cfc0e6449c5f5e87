#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "config/files.hpp"
#include "config/names.hpp"
#include "config/toml_errors.hpp"
#include "output/atomic.hpp"

using namespace govsim;
namespace fs = std::filesystem;

TEST_CASE("nearest_name: the closest candidate and the first of equals", "[helpers]") {
  const std::set<std::string> keys = {"end", "region", "seed", "start"};
  CHECK(nearest_name("regoin", keys) == "region");
  CHECK(nearest_name("a", std::vector<std::string>{"ac", "ab"}) == "ac");  // both 1 away: the first wins
  struct Decl {
    std::string name;
  };
  const std::vector<Decl> decls = {{"alpha"}, {"beta"}};
  CHECK(nearest_name("bta", decls, [](const Decl& d) -> const std::string& { return d.name; }) == "beta");
}

TEST_CASE("toml messages name the file/line/column", "[helpers]") {
  const toml::table t = toml::parse(std::string_view("a = 1\nb = \"x\"\n"), std::string_view("f.toml"));
  CHECK(toml_message("f.toml", *t.get("b"), "bad") == "f.toml:2:5: bad");
  CHECK(toml_where("f.toml", toml::source_position{}) == "f.toml");
  try {
    (void)toml::parse(std::string_view("[a\n"), std::string_view("g.toml"));
    FAIL("parsed");
  } catch (const toml::parse_error& e) {
    CHECK(toml_parse_message("g.toml", e).rfind("g.toml:1:", 0) == 0);
  }
}

TEST_CASE("read_file reads a whole file or nullopt when there is none", "[helpers]") {
  const fs::path dir = fs::temp_directory_path() / ("govsim-helpers-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  { std::ofstream(dir / "a.txt") << "one\ntwo\n"; }
  CHECK(read_file(dir / "a.txt") == std::optional<std::string>("one\ntwo\n"));
  CHECK_FALSE(read_file(dir / "missing.txt"));

  SECTION("write_atomically renames when complete and leaves nothing on failure") {
    write_atomically(dir / "b.txt", dir / "b.txt.tmp", [](const fs::path& tmp) { std::ofstream(tmp) << "b"; });
    CHECK(read_file(dir / "b.txt") == std::optional<std::string>("b"));
    CHECK_FALSE(fs::exists(dir / "b.txt.tmp"));
    CHECK_THROWS_AS(write_atomically(dir / "c.txt", dir / "c.txt.tmp",
                                     [](const fs::path& tmp) {
                                       std::ofstream(tmp) << "half";
                                       throw std::runtime_error("interrupted");
                                     }),
                    std::runtime_error);
    CHECK_FALSE(fs::exists(dir / "c.txt"));
    CHECK_FALSE(fs::exists(dir / "c.txt.tmp"));
    CHECK(partial_name("x.h5") == "x.h5.partial-" + std::to_string(::getpid()));
  }
  fs::remove_all(dir);
}
