// The scenario library's statistics (paired intervals, the three-way classification) and, on a
// small library of real runs, what `govsim library` writes and what `--check` accepts.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/library.hpp"
#include "policy/targets.hpp"

using namespace govsim;
namespace fs = std::filesystem;

TEST_CASE("student t quantiles match the published tables", "[library]") {
  CHECK(student_t_quantile(0.975, 1) == Approx(12.7062047362).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 2) == Approx(4.3026527297).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 9) == Approx(2.2621571628).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.0422724563).epsilon(1e-9));
  CHECK(student_t_quantile(0.995, 9) == Approx(3.2498355416).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 100000) == Approx(1.959985).epsilon(1e-5));
  CHECK(student_t_quantile(0.025, 9) == Approx(-2.2621571628).epsilon(1e-9));
  CHECK(student_t_quantile(0.5, 4) == 0);
  CHECK_THROWS(student_t_quantile(1.0, 9));
  CHECK_THROWS(student_t_quantile(0.975, 0));
}

TEST_CASE("paired intervals are the mean difference plus or minus t sd over root n", "[library]") {
  // differences 1, 2, 3, 4 (mean 2.5, sd 1.2910): half-width t(0.975, 3) * 1.2910 / 2 = 2.0540
  const PairedInterval d = paired_interval({11, 12, 13, 14}, {10, 10, 10, 10});
  CHECK(d.n == 4);
  CHECK(d.mean == Approx(2.5));
  CHECK(d.half == Approx(3.1824463053 * std::sqrt(5.0 / 3) / 2).epsilon(1e-9));
  // replicates without a value on either side are left out of the pairs
  const double nan = std::nan("");
  const PairedInterval e = paired_interval({11, nan, 13, 14, 15}, {10, 10, nan, 10, 10});
  CHECK(e.n == 3);
  CHECK(e.mean == Approx((1 + 4 + 5) / 3.0));
  CHECK_THROWS_WITH(paired_interval({1, nan}, {0, 0}), Catch::Contains("at least 2 replicates"));
  // identical runs: no difference at all
  const PairedInterval z = paired_interval({0.3, 0.4, 0.5}, {0.3, 0.4, 0.5});
  CHECK(z.mean == 0);
  CHECK(z.half == 0);
}

TEST_CASE("a difference is better or worse only when its interval excludes zero", "[library]") {
  auto iv = [](double mean, double half) {
    PairedInterval d;
    d.mean = mean, d.half = half, d.n = 10;
    return d;
  };
  CHECK(classify(iv(0.05, 0.01), true) == Verdict::Better);
  CHECK(classify(iv(0.05, 0.01), false) == Verdict::Worse);
  CHECK(classify(iv(-0.05, 0.01), true) == Verdict::Worse);
  CHECK(classify(iv(-0.05, 0.01), false) == Verdict::Better);
  CHECK(classify(iv(0.05, 0.06), true) == Verdict::NoDifference);
  CHECK(classify(iv(-0.05, 0.06), false) == Verdict::NoDifference);
  CHECK(classify(iv(0, 0), true) == Verdict::NoDifference);
  CHECK(classify(iv(1e-9, 0), true) == Verdict::Better);  // a deterministic difference, however small
  CHECK(std::string(verdict_name(Verdict::NoDifference)) == "no detectable difference");
}

namespace {

// A small library on the shipped baseline (2020-2025, a 6-month spin-up): a package that densifies
// the grid and pays for it (its satisfaction effect at 2025, +0.023, is ~4x the baseline's drift
// 2021-2025, -0.006: the stationarity check holds with a margin), a package that changes nothing,
// and a stress test that thins the grid.
fs::path small_library(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const char* file, const std::string& text) { std::ofstream(dir / file) << text; };
  write("base.toml", std::string("[scenario]\nextends = \"") + GOVSIM_SOURCE_DIR +
                         "/scenarios/baseline.toml\"\nkind = \"baseline\"\nend = \"2025-12\"\nspinup_months = 6\n");
  write("dense.toml",
        "[scenario]\nextends = \"base.toml\"\nkind = \"package\"\ntitle = \"dense grid\"\ndocuments = [\"000 "
        "§17\"]\n[grid]\nhouseholds_per_worker = 200\n[budget]\ngrassroots_share = 0.08\n");
  write("idle.toml",
        "[scenario]\nextends = \"base.toml\"\nkind = \"package\"\ntitle = \"nothing\"\ndocuments = [\"002 §16\"]\n");
  write("thin.toml",
        "[scenario]\nextends = \"base.toml\"\nkind = \"stress\"\nexpect = { grid_workers = \"lower\", "
        "hazard_detection_rate = \"lower\" }\nexpect_year = 2022\n[grid]\nhouseholds_per_worker = 1000\n");
  return dir;
}

LibraryOptions options(LibraryOptions::Mode mode) {
  LibraryOptions o;
  o.replicates = 3;
  o.threads = 2;
  o.mode = mode;
  return o;
}

const PackageJudgement& judgement(const LibraryReport& rep, const std::string& scenario, const std::string& ind) {
  for (const auto& j : rep.packages)
    if (j.scenario == scenario && j.target->indicator == ind) return j;
  throw std::runtime_error("no judgement of " + ind + " for " + scenario);
}

}  // namespace

TEST_CASE("the library judges packages with intervals and checks stress tests and its stored file", "[library][slow]") {
  const fs::path dir = small_library("govsim-library-test");
  const LibraryReport full = build_library_report(dir.string(), options(LibraryOptions::Mode::Full));
  REQUIRE(full.failed() == 0);
  // the dense grid finds more hazards: better at 2025, the only milestone inside the run
  const PackageJudgement& hazards = judgement(full, "dense", "hazard_detection_rate");
  REQUIRE(hazards.years == std::vector<int>{2025});
  CHECK(hazards.diff[0].n == 3);
  CHECK(hazards.diff[0].lo() > 0);
  CHECK(hazards.verdict[0] == Verdict::Better);
  // a package that changes nothing: every outcome target shows no difference, and that is no failure
  int idle = 0;
  for (const auto& j : full.packages)
    if (j.scenario == "idle") {
      ++idle;
      CHECK(j.diff[0].mean == 0);
      CHECK(j.verdict[0] == Verdict::NoDifference);
    }
  CHECK(idle >= 1);  // 002 §16 satisfaction_mean at least
  // each target of a package's documents is judged if its indicator is an outcome, listed as not
  // judged if it is an input, and never both
  const auto& inds = IndicatorRegistry::instance();
  for (const auto& [stem, doc] : {std::pair<std::string, std::string>{"dense", "000"}, {"idle", "002"}})
    for (const TargetDecl* t : targets_of({doc})) {
      INFO(stem + " " + t->clause + " " + t->indicator);
      const bool input = inds.all()[*inds.find(t->indicator)].kind == IndicatorKind::Input;
      const int judged = static_cast<int>(std::count_if(full.packages.begin(), full.packages.end(),
                                                        [&](auto& j) { return j.scenario == stem && j.target == t; }));
      const int listed = static_cast<int>(std::count(full.not_judged.begin(), full.not_judged.end(),
                                                     std::pair<std::string, const TargetDecl*>{stem, t}));
      CHECK(judged == (input ? 0 : 1));
      CHECK(listed == (input ? 1 : 0));
      if (input)
        CHECK(full.markdown.find("| " + stem + " | " + t->clause + " | `" + t->indicator + "` | " + t->text + " |") !=
              std::string::npos);
    }
  // the stress test moves both indicators beyond their intervals
  REQUIRE(full.stress.size() == 2);
  for (const auto& c : full.stress) {
    CHECK(c.passed);
    CHECK(c.diff.hi() < 0);
  }
  CHECK(full.stationarity.largest_package == "dense");
  const std::string& md = full.markdown;
  CHECK(md.find("no detectable difference at 2025 on `satisfaction_mean` (002 §16, 0 [0, 0])") != std::string::npos);
  CHECK(md.find("| dense | 000 §17 | `hazard_detection_rate` | higher |") != std::string::npos);
  CHECK(md.find("replicates=3 failed=0 -->") != std::string::npos);

  // --check: the stored file is current; the stress tests, rerun to 2022 only, give the same section
  const LibraryReport check = build_library_report(dir.string(), options(LibraryOptions::Mode::Check));
  CHECK(check.packages.empty());
  CHECK(check.stress_section == full.stress_section);
  CHECK(library_differences(check, md).empty());
  // another replicate count, a changed number in the stored stress section, a lost fingerprint
  LibraryReport other = check;
  other.fingerprint.replicates = 5;
  CHECK_THAT(library_differences(other, md)[0], Catch::Contains("made with 3 replicates, this check uses 5"));
  std::string tampered = md;
  const size_t row = tampered.find("| thin | `grid_workers` | lower | 2022 | ");
  REQUIRE(row != std::string::npos);
  tampered[tampered.find(" [", row) - 1] ^= 1;  // the last digit of the difference
  CHECK(library_differences(check, tampered) ==
        std::vector<std::string>{"the stress tests' results differ from the stored section"});
  CHECK(library_differences(check, md.substr(0, md.find("<!-- library-fingerprint"))).size() == 1);

  // the idle package now moves a lever and the stress test expects the wrong way: the check names
  // the files, the results and the stress section, and the stress test fails
  std::ofstream(dir / "idle.toml", std::ios::app) << "[grid]\ntraining_cycle_months = 12\n";
  std::string thin;
  {
    std::ifstream in(dir / "thin.toml");
    thin.assign(std::istreambuf_iterator<char>(in), {});
  }
  thin.replace(thin.find("grid_workers = \"lower\""), 22, "grid_workers = \"higher\"");
  std::ofstream(dir / "thin.toml") << thin;
  const LibraryReport stale = build_library_report(dir.string(), options(LibraryOptions::Mode::Check));
  CHECK(stale.failed() == 1);
  CHECK_FALSE(stale.stress[0].passed);
  CHECK(stale.stress[1].passed);
  const auto why = library_differences(stale, md);
  CHECK(why == std::vector<std::string>{"the files and levers tables differ (a scenario file or the library's "
                                        "format changed)",
                                        "the scenario files changed",
                                        "the model's results changed (a short run of a library scenario differs)",
                                        "the stress tests' results differ from the stored section"});
  fs::remove_all(dir);
}
