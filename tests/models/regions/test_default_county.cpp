#include <catch2/catch.hpp>

#include "backbone/cases.hpp"
#include "govsim/mechanism.hpp"

using namespace govsim;

namespace {
World build(uint32_t seed, uint32_t replicate = 0) {
  World w;
  ParamValues pv;
  std::vector<double> params;
  pv.resolve(Month::of(2020, 1), params);
  InitContext ctx{w, seed, replicate, Month::of(2020, 1), params};
  const RegionBuilder* b = ModelRegistry::instance().region("default");
  REQUIRE(b);
  (*b)(w, ctx);
  return w;
}
}  // namespace

TEST_CASE("the default county is a ~0.5 M county with a consistent tree", "[models][population]") {
  World w = build(1);
  REQUIRE_NOTHROW(w.check());
  const uint32_t n = w.residents().size();
  CHECK(n > 450000);
  CHECK(n < 550000);
  CHECK(w.townships().size() == 20);
  uint32_t occupied = 0;
  for (uint32_t h = 0; h < w.households().size(); ++h) occupied += w.households().children_of(h) > 0;
  const double hh_size = static_cast<double>(n) / occupied;
  CHECK(hh_size == Approx(2.51).margin(0.15));  // calibration-2020: 2.51 in Sichuan
  const auto& age = w.residents().get<uint8_t>("age");
  double young = 0, old = 0;
  for (uint8_t a : age) young += a < 15, old += a >= 60;
  CHECK(young / n == Approx(0.161).margin(0.04));  // 0-14: 16.10%
  CHECK(old / n == Approx(0.217).margin(0.05));    // 60+: 21.71%
}

TEST_CASE("community sizes respect 002 §5", "[models][population]") {
  World w = build(1);
  const Table& u = w.units();
  const auto& hh = u.get<uint32_t>("households");
  int kinds[3] = {0, 0, 0};
  for (uint32_t i = 0; i < u.size(); ++i) {
    INFO(u.label[i]);
    if (u.kind[i] == "urban_community") {
      CHECK((hh[i] >= 2000 && hh[i] <= 4000));
      ++kinds[0];
    } else if (u.kind[i] == "town_community") {
      CHECK((hh[i] >= 700 && hh[i] <= 2000));
      ++kinds[1];
    } else {
      CHECK(u.kind[i] == "rural_village");
      CHECK((hh[i] >= 100 && hh[i] <= 1500));  // pre-reform villages may be small; see test_mergers
      ++kinds[2];
    }
    auto [lo, hi] = w.range(Level::Unit, i, Level::Household);
    uint32_t occupied = 0, vacant = 0;
    for (uint32_t h = lo; h < hi; ++h) (w.households().children_of(h) > 0 ? occupied : vacant) += 1;
    CHECK(occupied == hh[i]);  // the column counts occupied households
    if (u.kind[i] == "rural_village")
      CHECK(vacant == 0);
    else
      CHECK(vacant == Approx(0.3 * hh[i]).margin(1));  // empty dwellings in communities
  }
  CHECK(kinds[0] > 0);
  CHECK(kinds[1] > 0);
  CHECK(kinds[2] > kinds[0] + kinds[1]);
}

TEST_CASE("vulnerable groups sit where the brief puts them", "[models][population]") {
  World w = build(1);
  const Table& u = w.units();
  const auto& flags = w.residents().get<uint8_t>("flags");
  double lb_rural = 0, lb_urban = 0, new_urban = 0, n_urban = 0, new_rural = 0, n_rural = 0;
  for (uint32_t i = 0; i < u.size(); ++i) {
    auto [lo, hi] = w.range(Level::Unit, i, Level::Resident);
    const bool urban = u.kind[i] == "urban_community";
    for (uint32_t r = lo; r < hi; ++r) {
      const bool lb = flags[r] & model::flag::LeftBehindChild, nc = flags[r] & model::flag::NewCitizen;
      if (urban)
        lb_urban += lb, new_urban += nc, ++n_urban;
      else if (u.kind[i] == "rural_village")
        lb_rural += lb, new_rural += nc, ++n_rural;
    }
  }
  CHECK(lb_urban == 0);
  CHECK(lb_rural / n_rural > 0.01);
  CHECK(new_urban / n_urban > 5 * new_rural / n_rural);
}

TEST_CASE("the county is built deterministically from the seed", "[models][population]") {
  World a = build(1), b = build(1), c = build(2);
  CHECK(a.residents().get<uint8_t>("age") == b.residents().get<uint8_t>("age"));
  CHECK(a.residents().get<uint8_t>("flags") == b.residents().get<uint8_t>("flags"));
  CHECK(a.residents().get<uint8_t>("age") != c.residents().get<uint8_t>("age"));
}
