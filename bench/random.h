#pragma once
// A small deterministic PRNG for the benchmark generator and samplers. std::mt19937 is
// portable but std::uniform_int_distribution is not (each standard library draws
// differently), so the same seed must go through our own arithmetic to give the same
// snapshot everywhere.

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sgscope::bench {

// SplitMix64's finaliser: a bijection on 64 bits, so distinct inputs give distinct outputs.
constexpr uint64_t Mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// FNV-1a, to derive an independent stream per purpose from one seed.
constexpr uint64_t HashName(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  return h;
}

// SplitMix64 stream. Named streams keep parts of the generator independent: adding a
// field to one resource kind does not reshuffle every other kind.
class Rng {
 public:
  Rng(uint64_t seed, std::string_view stream) : state_(Mix64(seed) ^ HashName(stream)) {}

  uint64_t Next() { return Mix64(state_++); }
  // Uniform in [0, n) (Lemire's multiply-shift; bias below 2^-32, irrelevant here).
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * n) >> 32); }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1))); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  // Index in [0, n) skewed towards 0: `skew` 1 is uniform, larger values make the first
  // items popular (a cheap Zipf-like shape for "popular groups" and "common combos").
  uint32_t Skewed(uint32_t n, double skew) {
    uint32_t i = static_cast<uint32_t>(n * std::pow(Unit(), skew));
    return i < n ? i : n - 1;
  }
  // Index drawn by relative weights.
  size_t Weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Unit() * total;
    for (size_t i = 0; i < weights.size(); ++i)
      if ((x -= weights[i]) < 0) return i;
    return weights.size() - 1;
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(static_cast<uint32_t>(items.size()))];
  }

 private:
  uint64_t state_;
};

}  // namespace sgscope::bench
