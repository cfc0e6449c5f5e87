#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "config/experiment.hpp"
#include "config/sobol.hpp"

using namespace govsim;

namespace {
const std::string kBase = std::string(GOVSIM_SOURCE_DIR) + "/scenarios";

Experiment exp(const std::string& meta, const std::string& factors) {
  return load_experiment_text("[experiment]\nscenario = \"baseline.toml\"\n" + meta + "\n" + factors, "e.toml", kBase);
}
std::string error_of(const std::string& meta, const std::string& factors) {
  try {
    exp(meta, factors);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}
const std::string kTwo =
    "[factors.hpw]\nparameter = \"grid.households_per_worker\"\nrange = [300, 800]\n"
    "[factors.med]\nparameter = \"ladder.township_mediation_capacity\"\nrange = [4, 16]\n";
const std::string kThree = kTwo + "[factors.sup]\nparameter = \"committee.supervision\"\nrange = [0.2, 0.9]\n";
}  // namespace

TEST_CASE("Sobol points: the standard sequence stratified in every dimension", "[experiment][sobol]") {
  Sobol s(Sobol::kMaxDim);
  std::vector<std::vector<double>> pts;
  const int n = 512;
  for (int i = 0; i < n; ++i) pts.push_back(s.next());
  CHECK(pts[1][0] == 0.5);
  CHECK(pts[2][0] == 0.75);
  CHECK(pts[2][1] == 0.25);
  CHECK(pts[3][1] == 0.75);
  for (int d = 0; d < Sobol::kMaxDim; ++d) {  // each dimension: one point in each of n equal intervals
    std::set<int> bins;
    for (const auto& p : pts) bins.insert(static_cast<int>(p[d] * n));
    CHECK(static_cast<int>(bins.size()) == n);
  }
  for (const auto& p : Sobol::table()) {  // valid direction numbers: odd and below 2^k
    for (int k = 0; k < p.s; ++k) {
      CHECK(p.m[k] % 2 == 1);
      CHECK(p.m[k] < (1u << (k + 1)));
    }
  }
}

TEST_CASE("factorial: every combination of levels with the last factor fastest", "[experiment]") {
  Experiment e = exp("design = \"factorial\"\nreplicates = 2\nseed = 4",
                     "[factors.a]\nparameter = \"grid.households_per_worker\"\nlevels = [300, 500, 800]\n"
                     "[factors.b]\nparameter = \"ladder.township_mediation_capacity\"\nlevels = [6, 12]\n");
  REQUIRE(e.runs() == 6);
  CHECK(e.values[0] == std::vector<double>{300, 6});
  CHECK(e.values[1] == std::vector<double>{300, 12});
  CHECK(e.values[5] == std::vector<double>{800, 12});
  CHECK(e.replicates == 2);
  CHECK(e.seed == 4);
  std::set<std::vector<double>> distinct(e.values.begin(), e.values.end());
  CHECK(distinct.size() == 6);
}

TEST_CASE("Latin hypercube: n runs within bounds and one in each of n strata of every factor", "[experiment]") {
  Experiment e = exp("design = \"lhs\"\nsamples = 50\nseed = 9", kThree);
  REQUIRE(e.runs() == 50);
  for (size_t j = 0; j < 3; ++j) {
    std::set<int> strata;
    for (size_t i = 0; i < 50; ++i) {
      strata.insert(static_cast<int>(e.unit[i][j] * 50));
      CHECK(e.values[i][j] >= e.factors[j].low);
      CHECK(e.values[i][j] <= e.factors[j].high);
    }
    CHECK(strata.size() == 50);
  }
  // integers are rounded; the same seed gives the same design, another seed another
  Experiment ints = exp("design = \"lhs\"\nsamples = 20",
                        "[factors.cycle]\nparameter = \"grid.training_cycle_months\"\nrange = [6, 36]\n");
  for (size_t i = 0; i < 20; ++i) CHECK(ints.values[i][0] == std::round(ints.values[i][0]));
  CHECK(exp("design = \"lhs\"\nsamples = 50\nseed = 9", kThree).unit == e.unit);
  CHECK(exp("design = \"lhs\"\nsamples = 50\nseed = 10", kThree).unit != e.unit);
}

TEST_CASE("Saltelli: blocks A and B and AB_j make N (k + 2) runs", "[experiment]") {
  Experiment e = exp("design = \"saltelli\"\nsamples = 16", kThree);
  const size_t N = 16, k = 3;
  REQUIRE(e.runs() == N * (k + 2));
  auto row = [&](int block, size_t i) {
    for (size_t r = 0; r < e.runs(); ++r)
      if (e.saltelli_block[r] == block && e.saltelli_sample[r] == static_cast<int>(i)) return r;
    FAIL("no run for block " << block << " sample " << i);
    return size_t(0);
  };
  size_t same = 0;
  for (size_t i = 0; i < N; ++i) {
    const auto &a = e.unit[row(0, i)], &b = e.unit[row(1, i)];
    for (size_t j = 0; j < k; ++j) {
      const auto& ab = e.unit[row(2 + static_cast<int>(j), i)];
      for (size_t c = 0; c < k; ++c) CHECK(ab[c] == (c == j ? b[c] : a[c]));
      same += a[j] == b[j];
    }
  }
  CHECK(same < N * k / 8);  // A and B are different points (rare coincidences of one coordinate)
  // A is stratified in each factor (Sobol points)
  for (size_t j = 0; j < k; ++j) {
    std::set<int> bins;
    for (size_t i = 0; i < N; ++i) bins.insert(static_cast<int>(e.unit[row(0, i)][j] * N));
    CHECK(bins.size() == N);
  }
}

TEST_CASE("Morris: r trajectories of k + 1 points where each step moves one factor by delta", "[experiment]") {
  Experiment e = exp("design = \"morris\"\nsamples = 8\nmorris_levels = 4", kThree);
  const size_t k = 3, r = 8;
  REQUIRE(e.runs() == r * (k + 1));
  CHECK(e.morris_delta == Approx(4.0 / 6.0));
  for (size_t t = 0; t < r; ++t) {
    std::set<int> moved;
    for (size_t s = 1; s <= k; ++s) {
      const size_t cur = t * (k + 1) + s, prev = cur - 1;
      CHECK(e.morris_trajectory[cur] == static_cast<int>(t));
      CHECK(e.morris_step[cur] == static_cast<int>(s));
      const int j = e.morris_factor[cur];
      moved.insert(j);
      for (size_t c = 0; c < k; ++c) {
        const double d = e.unit[cur][c] - e.unit[prev][c];
        if (static_cast<int>(c) == j)
          CHECK(std::fabs(d) == Approx(e.morris_delta));
        else
          CHECK(d == 0);
      }
    }
    CHECK(moved.size() == k);
    CHECK(e.morris_factor[t * (k + 1)] == -1);
    for (size_t s = 0; s <= k; ++s)  // on the grid {0, 1/3, 2/3, 1}
      for (double u : e.unit[t * (k + 1) + s]) {
        CHECK(u >= 0);
        CHECK(u <= 1);
        CHECK(u * 3 == Approx(std::round(u * 3)));
      }
  }
}

TEST_CASE("a run's scenario: values and schedules from a month and scaled schedules", "[experiment]") {
  Experiment e =
      exp("design = \"lhs\"\nsamples = 4",
          "[factors.hpw]\nparameter = \"grid.households_per_worker\"\nrange = [300, 800]\nfrom = \"2022-01\"\n"
          "[factors.share]\nparameter = \"budget.grassroots_share\"\nscale = [0.5, 1.5]\n");
  const auto& reg = ParamRegistry::instance();
  const ParamId hpw = *reg.find("grid.households_per_worker"), share = *reg.find("budget.grassroots_share");
  for (size_t i = 0; i < e.runs(); ++i) {
    Scenario s = e.scenario_of(i);
    const Schedule& h = s.values.schedule(hpw);
    CHECK(h.at(Month::of(2021, 12)) == 500);  // the base value until 2022
    CHECK(h.at(Month::of(2022, 1)) == e.values[i][0]);
    CHECK(s.values.schedule(share).at(Month::of(2020, 1)) == Approx(0.028 * e.values[i][1]));
    CHECK(s.seed == e.seed);
  }
}

TEST_CASE("malformed experiments name the file/line/key and what is allowed", "[experiment]") {
  CHECK_THAT(error_of("design = \"lhs\"\nsampels = 4", kTwo),
             Catch::Contains("e.toml:4:") && Catch::Contains("did you mean experiment.samples"));
  CHECK_THAT(error_of("design = \"latin\"\nsamples = 4", kTwo),
             Catch::Contains("not one of factorial, lhs, saltelli, morris"));
  CHECK_THAT(error_of("design = \"lhs\"", kTwo), Catch::Contains("experiment.samples: missing"));
  CHECK_THAT(error_of("design = \"factorial\"", kTwo), Catch::Contains("needs levels"));
  CHECK_THAT(error_of("design = \"lhs\"\nsamples = 4",
                      "[factors.a]\nparameter = \"grid.households_per_wroker\"\nrange = [300, 800]\n"),
             Catch::Contains("did you mean grid.households_per_worker"));
  CHECK_THAT(error_of("design = \"lhs\"\nsamples = 4",
                      "[factors.a]\nparameter = \"grid.households_per_worker\"\nrange = [10, 800]\n"),
             Catch::Contains("e.toml:7:") && Catch::Contains("outside the allowed range [50, 5000]"));
  CHECK_THAT(error_of("design = \"lhs\"\nsamples = 4",
                      "[factors.a]\nparameter = \"grid.households_per_worker\"\nrange = [800, 300]\n"),
             Catch::Contains("low must be below high"));
  CHECK_THAT(error_of("design = \"lhs\"\nsamples = 4",
                      "[factors.a]\nparameter = \"budget.grassroots_share\"\nscale = [0.5, 40]\n"),
             Catch::Contains("scale") && Catch::Contains("outside the allowed range"));
  CHECK_THAT(
      error_of("design = \"lhs\"\nsamples = 4",
               "[factors.a]\nparameter = \"grid.households_per_worker\"\nrange = [300, 800]\nfrom = \"2040-01\"\n"),
      Catch::Contains("outside the period"));
  CHECK_THAT(error_of("design = \"lhs\"\nsamples = 4",
                      "[factors.a]\nparameter = \"grid.households_per_worker\"\nrange = [300, 800]\nlevels = [1]\n"),
             Catch::Contains("exactly one of range"));
  CHECK_THAT(error_of("design = \"lhs\"\nsamples = 4", ""), Catch::Contains("no factors"));
  CHECK_THAT(error_of("design = \"morris\"\nsamples = 4\nmorris_levels = 3", kTwo), Catch::Contains("must be even"));
  std::string many;
  const char* params[] = {"grid.households_per_worker",    "ladder.township_mediation_capacity",
                          "committee.supervision",         "committee.openness_target",
                          "committee.consultation_target", "digital.platform_coverage",
                          "digital.age_friendly",          "participation.purchase_share",
                          "budget.grassroots_share",       "grid.pay",
                          "ladder.county_capacity"};
  for (int i = 0; i < 11; ++i)
    many += "[factors.f" + std::to_string(i) + "]\nparameter = \"" + params[i] + "\"\nscale = [0.9, 1.0]\n";
  CHECK_THAT(error_of("design = \"saltelli\"\nsamples = 4", many), Catch::Contains("at most 10 factors"));
  CHECK_THAT(error_of("design = \"lhs\"\nsamples = 4\n[scenarios]\n", kTwo),
             Catch::Contains("unknown block [scenarios]"));
}

namespace {
// A design file beside a scratch experiment; returns the experiment's path.
const std::string kCycleLevels = "[factors.cycle]\nparameter = \"grid.training_cycle_months\"\nlevels = [12, 24]\n";
std::string design_fixture(const std::string& name, const std::string& csv, const std::string& extra = "",
                           const std::string& cycle = kCycleLevels) {
  const std::string dir = (std::filesystem::temp_directory_path() / ("govsim-test-design-" + name)).string();
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/d.csv") << csv;
  std::ofstream(dir + "/e.toml") << "[experiment]\nscenario = \"" << kBase << "/baseline.toml\"\ndesign = \"file\"\n"
                                 << "design_file = \"d.csv\"\n"
                                 << extra << kTwo << cycle;
  return dir + "/e.toml";
}
std::string file_error(const std::string& path) {
  try {
    load_experiment_file(path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a design file: runs are the rows in any column order and are checked against the factors", "[experiment]") {
  const auto e = load_experiment_file(design_fixture("good", "# from SALib\nmed,hpw,cycle\n4,300,12\n16, 800 ,24\r\n"));
  REQUIRE(e.runs() == 2);
  CHECK(e.values[0] == std::vector<double>{300, 4, 12});
  CHECK(e.values[1] == std::vector<double>{800, 16, 24});
  CHECK(e.unit[0][0] == 0.0);
  CHECK(e.unit[1][0] == 1.0);
  CHECK(e.unit[1][2] == 0.75);  // the second of two levels: the middle of its half
  CHECK(e.samples == 2);
  CHECK(design_name(e.design) == std::string("file"));
}

TEST_CASE("a design file: bad files name the file and line and what is allowed", "[experiment]") {
  using Catch::Matchers::Contains;
  CHECK_THAT(
      file_error(design_fixture("range", "hpw,med,cycle\n300,4,12\n900,4,12\n")),
      Contains("d.csv:3: column hpw (grid.households_per_worker): 900 is outside the factor's range [300, 800]"));
  CHECK_THAT(
      file_error(design_fixture("level", "hpw,med,cycle\n300,4,18\n")),
      Contains("d.csv:2: column cycle (grid.training_cycle_months): 18 is not one of the factor's levels [12, 24]"));
  CHECK_THAT(file_error(design_fixture("name", "hpx,med,cycle\n300,4,12\n")),
             Contains("d.csv:1: column \"hpx\" is not a factor") && Contains("did you mean hpw?"));
  CHECK_THAT(file_error(design_fixture("missing", "hpw,med\n300,4\n")), Contains("no column for factor \"cycle\""));
  CHECK_THAT(file_error(design_fixture("text", "hpw,med,cycle\n300,four,12\n")),
             Contains("d.csv:2: column med: \"four\" is not a number"));
  const std::string cycle_range = "[factors.cycle]\nparameter = \"grid.training_cycle_months\"\nrange = [12, 24]\n";
  CHECK_THAT(file_error(design_fixture("whole", "hpw,med,cycle\n300,4,12.5\n", "", cycle_range)),
             Contains("d.csv:2: column cycle (grid.training_cycle_months): 12.5 is not a whole number"));
  CHECK_THAT(file_error(design_fixture("cells", "hpw,med,cycle\n300,4\n")),
             Contains("d.csv:2: expected 3 values (one per factor), found 2"));
  CHECK_THAT(file_error(design_fixture("samples", "hpw,med,cycle\n300,4,12\n", "samples = 4\n")),
             Contains("experiment.samples: the runs of design = \"file\" are the rows of its file"));
  CHECK_THAT(error_of("design = \"file\"", kTwo), Contains("experiment.design_file: missing"));
}

TEST_CASE("command-line overrides of end/samples/replicates win over the file", "[experiment]") {
  using Catch::Matchers::Contains;
  const std::string text =
      "[experiment]\nscenario = \"baseline.toml\"\ndesign = \"lhs\"\nsamples = 5\n"
      "replicates = 3\nend = \"2022-12\"\n" +
      kTwo;
  ExperimentOverrides ov;
  ov.end = Month::parse("2021-06");
  ov.samples = 7;
  ov.replicates = 1;
  const auto e = load_experiment_text(text, "e.toml", kBase, ov);
  CHECK(e.runs() == 7);
  CHECK(e.replicates == 1);
  CHECK(e.base.end.str() == "2021-06");
  CHECK(e.overrides == "--end 2021-06 --samples 7 --replicates 1");
  CHECK(load_experiment_text(text, "e.toml", kBase).overrides.empty());
  ExperimentOverrides early;
  early.end = Month::parse("2019-01");
  CHECK_THROWS_WITH(load_experiment_text(text, "e.toml", kBase, early),
                    Contains("--end 2019-01: before the scenario starts"));
  ExperimentOverrides fact;
  fact.samples = 3;
  const std::string factorial =
      "[experiment]\nscenario = \"baseline.toml\"\ndesign = \"factorial\"\n"
      "[factors.hpw]\nparameter = \"grid.households_per_worker\"\nlevels = [300, 500]\n";
  CHECK_THROWS_WITH(load_experiment_text(factorial, "e.toml", kBase, fact),
                    Contains("--samples: a factorial design has no samples"));
}
