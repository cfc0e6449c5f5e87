// Counter-based randomness (Random123 Philox4x32-10). There is no global
// generator: every draw is a pure function of
//   key     = (seed, stream)                 stream = hash of the step's name
//   counter = (calendar month | replicate << 16, entity low, entity high, block)
// so a draw depends on *what* it is for (which entity, which month, which
// mechanism), never on the thread or the order in which work is scheduled.
// Streams are derived from names, so adding a mechanism does not shift the
// draws of the others, and draws that do not depend on policy are identical
// across scenarios (common random numbers).
#pragma once
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <string_view>

namespace govsim {

// FNV-1a, 32 bits: stable stream ids from names.
constexpr uint32_t stream_id(std::string_view name) {
  uint32_t h = 2166136261u;
  for (char c : name) {
    h ^= static_cast<uint8_t>(c);
    h *= 16777619u;
  }
  return h;
}

// Uniform in (0, 1): never exactly 0 or 1, so log() is always safe.
inline double u01(uint32_t x) { return (static_cast<double>(x) + 0.5) * (1.0 / 4294967296.0); }

// A sequence of draws for one (seed, replicate, stream, month, entity).
class RngStream {
 public:
  using Philox = r123::Philox4x32;

  RngStream(uint32_t seed, uint32_t replicate, uint32_t stream, uint32_t month, uint64_t entity) {
    key_ = {{seed, stream}};
    ctr_ = {{(month & 0xFFFFu) | (replicate << 16), static_cast<uint32_t>(entity), static_cast<uint32_t>(entity >> 32),
             0u}};
  }

  uint32_t next_u32() {
    if (pos_ == 4) {
      out_ = Philox()(ctr_, key_);
      ctr_.v[3]++;
      pos_ = 0;
    }
    return out_.v[pos_++];
  }
  double uniform() { return u01(next_u32()); }
  bool bernoulli(double p) { return uniform() < p; }
  // Number of failures before the first success of a Bernoulli(p) sequence.
  uint64_t geometric(double p) {
    if (p >= 1.0) return 0;
    const double g = std::floor(std::log(uniform()) / std::log1p(-p));
    return g > 1e18 ? static_cast<uint64_t>(1e18) : static_cast<uint64_t>(g);
  }
  double normal() {  // Box-Muller, one value per two draws
    const double a = uniform(), b = uniform();
    return std::sqrt(-2.0 * std::log(a)) * std::cos(6.283185307179586 * b);
  }

 private:
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type out_{};
  int pos_ = 4;
};

}  // namespace govsim
