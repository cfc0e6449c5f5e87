#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "config/scenario.hpp"

using namespace govsim;
namespace fs = std::filesystem;

namespace {
const char* kHead = "[scenario]\ntitle = \"t\"\nstart = \"2020-01\"\nend = \"2025-12\"\n";

std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "s.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

ParamId id(const char* n) { return *ParamRegistry::instance().find(n); }

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("govsim-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};
}  // namespace

TEST_CASE("a scenario sets constants and schedules", "[scenario]") {
  Scenario s = load_scenario_text(std::string(kHead) +
                                      "seed = 9\nreplicates = 3\n[grid]\nhouseholds_per_worker = { 2020 = 500, "
                                      "\"2022-07\" = 300 }\n[ladder]\ntownship_mediation_capacity = 12\n",
                                  "s.toml");
  CHECK(s.seed == 9);
  CHECK(s.replicates == 3);
  CHECK(s.months() == 72);
  const auto& g = s.values.schedule(id("grid.households_per_worker"));
  CHECK(g.at(Month::of(2022, 6)) == 500);
  CHECK(g.at(Month::of(2022, 7)) == 300);
  CHECK(s.values.schedule(id("ladder.township_mediation_capacity")).base == 12);
  // untouched parameters keep their defaults
  CHECK(s.values.schedule(id("grid.training_cycle_months")).base == 24);
}

TEST_CASE("the embedded default scenario loads", "[scenario]") {
  Scenario s = load_scenario_text(embedded_default_scenario(), "<embedded default scenario>");
  CHECK(s.region == "default");
  CHECK(s.start == Month::of(2020, 1));
  CHECK(s.end == Month::of(2035, 12));
}

TEST_CASE("malformed scenarios fail with file/line/column/parameter and what is allowed", "[scenario]") {
  SECTION("unknown parameter, with the nearest name") {
    auto e = error_of(std::string(kHead) + "[grid]\nhouseholds_per_wroker = 300\n");
    CHECK_THAT(e, Catch::Contains("s.toml:6:") && Catch::Contains("unknown parameter grid.households_per_wroker") &&
                      Catch::Contains("did you mean grid.households_per_worker"));
  }
  SECTION("unknown scenario key") {
    auto e = error_of(std::string(kHead) + "sed = 3\n");
    CHECK_THAT(e, Catch::Contains("s.toml:5:") && Catch::Contains("did you mean scenario.seed"));
  }
  SECTION("value out of range") {
    auto e = error_of(std::string(kHead) + "[grid]\nhouseholds_per_worker = 10\n");
    CHECK_THAT(e, Catch::Contains("s.toml:6:") && Catch::Contains("grid.households_per_worker") &&
                      Catch::Contains("outside the allowed range [50, 5000]"));
  }
  SECTION("wrong type") {
    auto e = error_of(std::string(kHead) + "[grid]\nhouseholds_per_worker = \"many\"\n");
    CHECK_THAT(e, Catch::Contains("expected a number"));
    auto i = error_of(std::string(kHead) + "[grid]\ntraining_cycle_months = 1.5\n");
    CHECK_THAT(i, Catch::Contains("not a whole number"));
  }
  SECTION("bad date and date outside the period") {
    CHECK_THAT(error_of(std::string(kHead) + "[grid]\nhouseholds_per_worker = { 20x0 = 300 }\n"),
               Catch::Contains("is not a date"));
    CHECK_THAT(error_of(std::string(kHead) + "[grid]\nhouseholds_per_worker = { 2030 = 300 }\n"),
               Catch::Contains("outside the scenario period 2020-01 to 2025-12"));
    CHECK_THAT(error_of("[scenario]\nstart = \"2020-01\"\nend = \"2019-12\"\n"), Catch::Contains("before it starts"));
  }
  SECTION("schedule out of order") {
    auto e = error_of(std::string(kHead) + "[grid]\nhouseholds_per_worker = { 2022 = 300, 2020 = 500 }\n");
    CHECK_THAT(e, Catch::Contains("out of order"));
  }
  SECTION("TOML syntax") { CHECK_THAT(error_of(std::string(kHead) + "[grid\n"), Catch::Contains("s.toml:5:")); }
  SECTION("library metadata: kind and expectations") {
    CHECK_THAT(error_of(std::string(kHead) + "kind = \"packet\"\n"),
               Catch::Contains("s.toml:5:") && Catch::Contains("not one of baseline, package, stress, example"));
    CHECK_THAT(
        error_of(std::string(kHead) + "expect = { satisfaction_maen = \"lower\" }\n"),
        Catch::Contains("unknown indicator satisfaction_maen") && Catch::Contains("did you mean satisfaction_mean"));
    CHECK_THAT(error_of(std::string(kHead) + "expect = { satisfaction_mean = \"down\" }\n"),
               Catch::Contains("expected \"higher\" or \"lower\""));
    Scenario s = load_scenario_text(std::string(kHead) +
                                        "kind = \"stress\"\nexpect_year = 2027\n"
                                        "expect = { incidents = \"higher\", satisfaction_mean = \"lower\" }\n",
                                    "s.toml");
    CHECK(s.kind == "stress");
    CHECK(s.expect_year == 2027);
    REQUIRE(s.expect.size() == 2);
    CHECK(s.expect[0].indicator == "incidents");
    CHECK(s.expect[0].higher);
    CHECK_FALSE(s.expect[1].higher);
    // the baseline's trend drivers: overrides checked when the file is read
    Scenario b = load_scenario_text(
        std::string(kHead) + "kind = \"baseline\"\ntrend_drivers = [\"perceptions.sat_environment=0\"]\n", "s.toml");
    REQUIRE(b.trend_drivers.size() == 1);
    CHECK(b.trend_drivers[0] == "perceptions.sat_environment=0");
    CHECK_THAT(
        error_of(std::string(kHead) + "trend_drivers = [\"perceptions.sat_enviroment=0\"]\n"),
        Catch::Contains("s.toml:5:") && Catch::Contains("scenario.trend_drivers") && Catch::Contains("sat_enviroment"));
    CHECK_THAT(error_of(std::string(kHead) + "trend_drivers = \"perceptions.sat_environment=0\"\n"),
               Catch::Contains("expected a list"));
  }

  SECTION("seed and replicates out of range") {
    CHECK_THAT(error_of(std::string(kHead) + "replicates = 0\n"), Catch::Contains("outside [1, 10000]"));
    CHECK_THAT(error_of(std::string(kHead) + "seed = -1\n"), Catch::Contains("scenario.seed"));
  }
}

TEST_CASE("extends applies the parent first and refuses cycles", "[scenario]") {
  TempDir d;
  d.write("base.toml", std::string(kHead) + "seed = 5\n[grid]\nhouseholds_per_worker = 400\n");
  d.write("child.toml", "[scenario]\nextends = \"base.toml\"\ntitle = \"child\"\n[ladder]\ncounty_capacity = 9\n");
  Scenario s = load_scenario_file((d.path / "child.toml").string());
  CHECK(s.title == "child");
  CHECK(s.seed == 5);
  CHECK(s.values.schedule(id("grid.households_per_worker")).base == 400);
  CHECK(s.values.schedule(id("ladder.county_capacity")).base == 9);
  CHECK(s.text.find("households_per_worker = 400") != std::string::npos);

  d.write("a.toml", "[scenario]\nextends = \"b.toml\"\n");
  d.write("b.toml", "[scenario]\nextends = \"a.toml\"\n");
  try {
    load_scenario_file((d.path / "a.toml").string());
    FAIL("a circular extends was accepted");
  } catch (const ScenarioError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("circular extends"));
  }
}

TEST_CASE("command-line overrides set constants and schedules and are checked", "[scenario]") {
  Scenario s = load_scenario_text(kHead, "s.toml");
  apply_override(s, "grid.households_per_worker=250");
  CHECK(s.values.schedule(id("grid.households_per_worker")).base == 250);
  apply_override(s, "ladder.township_mediation_capacity={2020 = 8, 2023 = 16}");
  CHECK(s.values.schedule(id("ladder.township_mediation_capacity")).at(Month::of(2024, 1)) == 16);
  CHECK_THROWS_WITH(apply_override(s, "grid.households_per_worker=1"),
                    Catch::Contains("--set") && Catch::Contains("outside the allowed range"));
  CHECK_THROWS_WITH(apply_override(s, "grid.housholds=3"), Catch::Contains("did you mean"));
  CHECK_THROWS_WITH(apply_override(s, "novalue"), Catch::Contains("expected name=value"));
}

TEST_CASE("the shipped library: one baseline plus packages and stress tests that say what they expect",
          "[scenario][library]") {
  const std::string dir = std::string(GOVSIM_SOURCE_DIR) + "/scenarios/";
  int baselines = 0, packages = 0, stress = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".toml") continue;
    INFO(e.path());
    Scenario s = load_scenario_file(e.path().string());
    baselines += s.kind == "baseline";
    if (s.kind == "package") {
      ++packages;
      CHECK_FALSE(s.documents.empty());
      CHECK(s.text.find("extends = \"baseline.toml\"") != std::string::npos);
    }
    if (s.kind == "stress") {
      ++stress;
      CHECK_FALSE(s.expect.empty());
    }
  }
  CHECK(baselines == 1);
  CHECK(packages == 5);
  CHECK(stress == 5);
}
