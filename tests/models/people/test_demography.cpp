// Tests of models/people/demography.cpp.
#include <catch2/catch.hpp>

#include "models/behaviour.hpp"

using namespace govsim;

namespace {
using test::at;
}  // namespace

TEST_CASE("residents are conserved up to births/deaths/migration", "[models][demography]") {
  RunResult r = test::run_with(37, {});
  for (size_t jan : {12, 24, 36}) {
    INFO("month " << r.months[jan].str());
    const double before = at(r, "residents", jan - 1), after = at(r, "residents", jan);
    const double change =
        at(r, "births", jan) + at(r, "immigrants", jan) - at(r, "deaths", jan) - at(r, "emigrants", jan);
    CHECK(after - before == change);
    CHECK(at(r, "births", jan) > 0);
    CHECK(at(r, "deaths", jan) > 0);
    CHECK(at(r, "moved_to_towns", jan) > 0);
    CHECK(at(r, "births", jan - 1) == 0);  // events are booked once a year
  }
  CHECK(at(r, "births", 0) == 0);  // the first month is the built state
}

TEST_CASE("ages advance a year every January", "[models][demography]") {
  Scenario s = test::short_default(26, 0);
  for (const char* a : {"demography.mortality_base=0", "demography.mortality_60=0", "demography.fertility=0",
                        "demography.rural_to_urban=0", "demography.emigration=0", "demography.immigration=0"})
    apply_override(s, a);
  std::vector<double> sums;
  std::vector<uint32_t> n;
  RunOptions o;
  o.inspect = [&](const World& w, Month m, uint32_t) {
    if (m.month() != 12) return;
    double total = 0;
    for (uint8_t a : w.residents().get<uint8_t>("age")) total += a;
    sums.push_back(total);
    n.push_back(w.residents().size());
  };
  run_scenario(s, o);
  REQUIRE(sums.size() == 2);
  CHECK(n[0] == n[1]);
  CHECK(sums[1] - sums[0] == Approx(n[0]).margin(50));  // +1 a resident (those at 105 stay)
}

TEST_CASE("demographic levers move the population the expected way", "[models][demography]") {
  RunResult base = test::run_with(61, {});
  RunResult towns = test::run_with(61, {"demography.rural_to_urban=0.2"});
  RunResult older = test::run_with(61, {"demography.fertility=0.005"});
  CHECK(at(towns, "urban_share", 60) > at(base, "urban_share", 60) + 0.05);
  CHECK(at(base, "urban_share", 60) > at(base, "urban_share", 0));
  CHECK(at(older, "aged_0_14_share", 60) < at(base, "aged_0_14_share", 60));
  // without newcomers the county ages; young newcomers slow it
  RunResult closed = test::run_with(61, {"demography.immigration=0"});
  CHECK(at(closed, "aged_60_plus_share", 60) > at(closed, "aged_60_plus_share", 0));
  CHECK(at(base, "aged_60_plus_share", 60) < at(closed, "aged_60_plus_share", 60));
  // and newcomers form households in empty dwellings: household size falls
  CHECK(at(base, "household_size", 60) < at(base, "household_size", 0));
  CHECK(at(base, "residents", 60) > at(closed, "residents", 60));
  // rural villages lose their young: more left-behind children and empty nests show in service demand
  CHECK(at(towns, "residents", 60) == Approx(at(base, "residents", 60)).epsilon(0.02));
}
