// SplitMix64 (Steele, Lea and Flood 2014): small, fast, and the same sequence on every platform for
// a seed, so that whatever benchctl draws (bootstrap resamples, a schedule's order) is
// reproducible.
#pragma once

#include <cstddef>
#include <cstdint>

namespace benchctl::util {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, size), by multiply-shift on the high 32 bits (Lemire 2019).
  std::size_t below(std::size_t size) {
    return static_cast<std::size_t>(((next() >> 32) * static_cast<std::uint64_t>(size)) >> 32);
  }

 private:
  std::uint64_t state_;
};

}  // namespace benchctl::util
