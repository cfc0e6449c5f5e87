// Built with -fsanitize=thread by the ctest `tallies_record_is_race_free` (tests/CMakeLists.txt):
// workers record into distinct units of one Tallies at once, as the engine's parallel steps do,
// and ThreadSanitizer reports any data race between them (before issue 19, on touched_).
#include <cstdio>
#include <thread>
#include <vector>

#include "govsim/mechanism.hpp"

int main() {
  constexpr uint32_t kUnits = 64, kWorkers = 4;
  govsim::Tallies t;
  t.reset(2, kUnits);
  std::vector<std::thread> workers;
  for (uint32_t w = 0; w < kWorkers; ++w)
    workers.emplace_back([&t, w] {
      for (int rep = 0; rep < 200; ++rep)
        for (uint32_t u = w; u < kUnits; u += kWorkers) t.add(govsim::Indicator{1}, u, 1.0, 2.0);
    });
  for (auto& th : workers) th.join();
  const bool ok = t.touched() && t.num(1, 5) == 200.0 && t.den(1, 63) == 400.0 && t.num(0, 5) == 0.0;
  t.reset(2, kUnits);
  if (!ok || t.touched()) {
    std::puts("tallies: wrong sums or touched() flag");
    return 1;
  }
  std::puts("tallies: concurrent records summed (ThreadSanitizer reports races, if any, above)");
  return 0;
}
