// Sobol' low-discrepancy points in up to 21 dimensions, with the direction
// numbers of Joe and Kuo (new-joe-kuo-6.21201: S. Joe, F. Y. Kuo, "Constructing
// Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput.
// 30, 2635-2654, 2008). Dimension 1 is the van der Corput sequence. Point i of
// the sequence (i = 0, 1, ...) by Gray-code order, 32 bits.
#pragma once
#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace govsim {

class Sobol {
 public:
  static constexpr int kMaxDim = 21;
  struct Poly {
    int s, a;
    std::array<uint32_t, 8> m;
  };
  // Rows for dimensions 2..21 of new-joe-kuo-6.21201 (d, s, a, m_1..m_s).
  static const std::array<Poly, kMaxDim - 1>& table() {
    static const std::array<Poly, kMaxDim - 1> t = {{
        {1, 0, {1}},                         // d = 2
        {2, 1, {1, 3}},                      // 3
        {3, 1, {1, 3, 1}},                   // 4
        {3, 2, {1, 1, 1}},                   // 5
        {4, 1, {1, 1, 3, 3}},                // 6
        {4, 4, {1, 3, 5, 13}},               // 7
        {5, 2, {1, 1, 5, 5, 17}},            // 8
        {5, 4, {1, 1, 5, 5, 5}},             // 9
        {5, 7, {1, 1, 7, 11, 19}},           // 10
        {5, 11, {1, 1, 5, 1, 1}},            // 11
        {5, 13, {1, 1, 1, 3, 11}},           // 12
        {5, 14, {1, 3, 5, 5, 31}},           // 13
        {6, 1, {1, 3, 3, 9, 7, 49}},         // 14
        {6, 13, {1, 1, 1, 15, 21, 21}},      // 15
        {6, 16, {1, 3, 1, 13, 27, 49}},      // 16
        {6, 19, {1, 1, 1, 15, 7, 5}},        // 17
        {6, 22, {1, 3, 1, 15, 13, 25}},      // 18
        {6, 25, {1, 1, 5, 5, 19, 61}},       // 19
        {7, 1, {1, 3, 7, 11, 23, 15, 103}},  // 20
        {7, 4, {1, 3, 7, 13, 13, 15, 69}},   // 21
    }};
    return t;
  }

  explicit Sobol(int dims) : dims_(dims), v_(static_cast<size_t>(dims)), x_(static_cast<size_t>(dims), 0) {
    if (dims < 1 || dims > kMaxDim) throw std::invalid_argument("Sobol: 1 to 21 dimensions");
    for (int j = 0; j < dims; ++j) {
      auto& v = v_[j];
      if (j == 0) {
        for (int b = 0; b < 32; ++b) v[b] = 1u << (31 - b);
        continue;
      }
      const Poly& p = table()[j - 1];
      for (int b = 0; b < p.s && b < 32; ++b) v[b] = p.m[b] << (31 - b);
      for (int b = p.s; b < 32; ++b) {
        uint32_t w = v[b - p.s] ^ (v[b - p.s] >> p.s);
        for (int k = 1; k < p.s; ++k)
          if ((p.a >> (p.s - 1 - k)) & 1) w ^= v[b - k];
        v[b] = w;
      }
    }
  }
  // The next point (the first call returns point 0: all zeros).
  std::vector<double> next() {
    std::vector<double> out(static_cast<size_t>(dims_));
    for (int j = 0; j < dims_; ++j) out[j] = x_[j] * (1.0 / 4294967296.0);
    // advance by the direction number of the lowest zero bit of the index (Gray code)
    int c = 0;
    for (uint64_t i = index_; i & 1; i >>= 1) ++c;
    if (c >= 32) throw std::overflow_error("Sobol: more than 2^32 points");
    for (int j = 0; j < dims_; ++j) x_[j] ^= v_[j][c];
    ++index_;
    return out;
  }

 private:
  int dims_;
  std::vector<std::array<uint32_t, 32>> v_;
  std::vector<uint32_t> x_;
  uint64_t index_ = 0;
};

}  // namespace govsim
