#include <catch2/catch.hpp>
#include <filesystem>

#include "helpers.hpp"
#include "output/output.hpp"

using namespace govsim;
namespace fs = std::filesystem;

TEST_CASE("a result file round-trips and describes itself", "[output]") {
  Scenario s = test::short_default(6, 1);
  s.replicates = 2;
  RunOptions o;
  o.threads = 2;
  RunResult r = run_scenario(s, o);
  const fs::path dir = fs::temp_directory_path() / ("govsim-out-" + std::to_string(::getpid()));
  const std::string path = (dir / "sub" / "r.h5").string();
  write_result(path, s, r, "test");
  REQUIRE(fs::exists(path));
  for (const auto& e : fs::directory_iterator(dir / "sub"))  // no temporary left behind
    CHECK(e.path().filename() == "r.h5");
  size_t reps = 0, months = 0;
  auto v = read_county_series(path, "satisfaction_mean", &reps, &months);
  CHECK(reps == 2);
  CHECK(months == 6);
  const IndicatorId id = test::indicator("satisfaction_mean");
  CHECK(v == r.county_values[id]);
  const std::string info = describe_result(path);
  CHECK_THAT(info, Catch::Contains("satisfaction_mean_by_unit") && Catch::Contains("(2, 6, ") &&
                       Catch::Contains("seed         1, replicates 2"));
  fs::remove_all(dir);
}

TEST_CASE("a failed write leaves nothing at the destination", "[output]") {
  Scenario s = test::short_default(2, 0);
  RunResult r = run_scenario(s);
  const fs::path dir = fs::temp_directory_path() / ("govsim-fail-" + std::to_string(::getpid()));
  fs::create_directories(dir / "taken.h5");  // a directory where the file should go: the rename must fail
  CHECK_THROWS(write_result((dir / "taken.h5").string(), s, r, "test"));
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename() != "taken.h5";
  CHECK(n == 0);  // the temporary was removed
  fs::remove_all(dir);
}

TEST_CASE("describe_result refuses files that are not govsim results", "[output]") {
  CHECK_THROWS_WITH(describe_result("/nonexistent.h5"), Catch::Contains("no such file"));
}
