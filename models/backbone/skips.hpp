// Geometric skips for thinning loops (issues, participation): RngStream::geometric(p)
// with log1p(-p) computed once per loop instead of once per draw. The same draws, bit
// for bit: the same uniform, the same log, the same quotient by the same log1p(-p).
#pragma once
#include <cmath>
#include <cstdint>

#include "govsim/rng.hpp"

namespace govsim::model {

class GeometricSkip {
 public:
  explicit GeometricSkip(double p) : p_(p), log_q_(std::log1p(-p)) {}
  // Number of failures before the first success: RngStream::geometric(p).
  uint64_t operator()(RngStream& g) const {
    if (p_ >= 1.0) return 0;
    const double x = std::floor(std::log(g.uniform()) / log_q_);
    return x > 1e18 ? static_cast<uint64_t>(1e18) : static_cast<uint64_t>(x);
  }

 private:
  double p_, log_q_;
};

}  // namespace govsim::model
