#include <catch2/catch.hpp>
#include <cmath>
#include <tbb/parallel_for.h>
#include <vector>

#include "govsim/rng.hpp"

using namespace govsim;

TEST_CASE("draws are a pure function of their key", "[rng]") {
  RngStream a(7, 0, stream_id("x"), 100, 42), b(7, 0, stream_id("x"), 100, 42);
  for (int i = 0; i < 10; ++i) CHECK(a.next_u32() == b.next_u32());
  // each key component changes the draws
  auto first = [](uint32_t seed, uint32_t rep, uint32_t stream, uint32_t month, uint64_t entity) {
    return RngStream(seed, rep, stream, month, entity).next_u32();
  };
  const uint32_t base = first(7, 0, 1, 100, 42);
  CHECK(first(8, 0, 1, 100, 42) != base);
  CHECK(first(7, 1, 1, 100, 42) != base);
  CHECK(first(7, 0, 2, 100, 42) != base);
  CHECK(first(7, 0, 1, 101, 42) != base);
  CHECK(first(7, 0, 1, 100, 43) != base);
  CHECK(first(7, 0, 1, 100, 42ull | (1ull << 40)) != base);
}

TEST_CASE("draws do not depend on the thread that makes them", "[rng]") {
  const int n = 10000;
  std::vector<double> serial(n), parallel(n);
  for (int i = 0; i < n; ++i) serial[i] = RngStream(1, 0, 9, 5, i).uniform();
  tbb::parallel_for(0, n, [&](int i) { parallel[i] = RngStream(1, 0, 9, 5, i).uniform(); });
  CHECK(serial == parallel);
}

TEST_CASE("uniform and geometric draws have the right moments", "[rng]") {
  RngStream g(3, 0, 1, 1, 1);
  const int n = 200000;
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = g.uniform();
    REQUIRE(u > 0);
    REQUIRE(u < 1);
    s += u;
    s2 += u * u;
  }
  CHECK(s / n == Approx(0.5).margin(0.005));
  CHECK(s2 / n - (s / n) * (s / n) == Approx(1.0 / 12).margin(0.002));
  const double p = 0.03;
  double gs = 0;
  for (int i = 0; i < n; ++i) gs += static_cast<double>(g.geometric(p));
  CHECK(gs / n == Approx((1 - p) / p).epsilon(0.02));
  CHECK(g.geometric(1.0) == 0);
}

TEST_CASE("stream ids come from names", "[rng]") {
  CHECK(stream_id("issues.arise") == stream_id("issues.arise"));
  CHECK(stream_id("issues.arise") != stream_id("intake.discover"));
  CHECK(stream_id("") == 2166136261u);
}
