#pragma once
// A function from a 32-bit coordinate (an IPv4 address, a port) to a set of up to 64 rules,
// kept as runs of equal sets: one binary search answers which rules hold at a coordinate,
// where asking each rule costs a test per rule.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sgscope {

// The coordinates first..last, both included; none when first > last.
struct CoordinateRange {
  uint32_t first = 0, last = 0;
};

// Where one bit of the set holds.
struct BitRange {
  uint8_t bit = 0;  // 0-63
  CoordinateRange range;
};

// Runs of bit sets over [0, 2^32): a bit is set exactly where one of its ranges holds.
class MaskRuns {
 public:
  MaskRuns() = default;  // every coordinate maps to the empty set
  explicit MaskRuns(std::vector<BitRange> ranges);  // any order, overlaps allowed

  uint64_t At(uint32_t x) const { return PackedAt(packed_.data(), x); }
  size_t runs() const { return packed_[0]; }

  // The runs as words: their count n, n ascending starts (the first 0), then each run's set as
  // two words (low, high). Tables keep many runs side by side this way, in one block of memory.
  std::span<const uint32_t> packed() const { return packed_; }
  // The search halves without branches (conditional moves): which run holds a record's address
  // or port is as good as random, and a mispredicted branch costs more than the whole step.
  static uint64_t PackedAt(const uint32_t* packed, uint32_t x) {
    uint32_t n = packed[0];
    const uint32_t* starts = packed + 1;
    const uint32_t* run = starts;  // the last start <= x: starts[0] is 0
    for (uint32_t len = n; len > 1;) {
      uint32_t half = len / 2;
      run = run[half] <= x ? run + half : run;
      len -= half;
    }
    const uint32_t* mask = starts + n + 2 * (run - starts);
    return uint64_t{mask[0]} | uint64_t{mask[1]} << 32;
  }

 private:
  std::vector<uint32_t> packed_{1, 0, 0, 0};  // one run: from 0, the empty set
};

}  // namespace sgscope
