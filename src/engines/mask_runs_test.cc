#include "engines/mask_runs.h"

#include <gtest/gtest.h>

#include <random>

namespace sgscope {
namespace {

using RangesByBit = std::vector<std::vector<CoordinateRange>>;

MaskRuns Runs(const RangesByBit& ranges) {
  std::vector<BitRange> flat;
  for (size_t bit = 0; bit < ranges.size(); ++bit)
    for (const CoordinateRange& r : ranges[bit]) flat.push_back({static_cast<uint8_t>(bit), r});
  return MaskRuns(flat);
}

// The set by asking every range, as the runs must answer.
uint64_t Direct(const RangesByBit& ranges, uint32_t x) {
  uint64_t mask = 0;
  for (size_t bit = 0; bit < ranges.size(); ++bit)
    for (const CoordinateRange& r : ranges[bit])
      if (r.first <= x && x <= r.last) mask |= uint64_t{1} << bit;
  return mask;
}

TEST(MaskRuns, EmptyMapsEverythingToNoRule) {
  MaskRuns runs;
  EXPECT_EQ(runs.At(0), 0u);
  EXPECT_EQ(runs.At(UINT32_MAX), 0u);
  EXPECT_EQ(runs.runs(), 1u);
}

TEST(MaskRuns, OverlappingAndAdjacentRangesOfOneBitJoin) {
  RangesByBit ranges{{{10, 20}, {15, 30}, {31, 40}, {50, 50}}};
  MaskRuns runs = Runs(ranges);
  EXPECT_EQ(runs.At(9), 0u);
  EXPECT_EQ(runs.At(10), 1u);
  EXPECT_EQ(runs.At(40), 1u);
  EXPECT_EQ(runs.At(41), 0u);
  EXPECT_EQ(runs.At(50), 1u);
  EXPECT_EQ(runs.At(51), 0u);
  EXPECT_EQ(runs.runs(), 5u);  // 0, 10-40, 41, 50, 51
}

TEST(MaskRuns, AnInvertedRangeHoldsNowhere) {
  MaskRuns runs = Runs({{{443, 80}}, {{10, 20}}});
  EXPECT_EQ(runs.At(100), 0u);
  EXPECT_EQ(runs.At(443), 0u);
  EXPECT_EQ(runs.At(15), 2u);
}

TEST(MaskRuns, RangesReachingBothEndsOfTheAxis) {
  RangesByBit ranges{{{0, UINT32_MAX}}, {{0, 5}}, {{UINT32_MAX - 1, UINT32_MAX}}};
  MaskRuns runs = Runs(ranges);
  EXPECT_EQ(runs.At(0), 3u);
  EXPECT_EQ(runs.At(5), 3u);
  EXPECT_EQ(runs.At(6), 1u);
  EXPECT_EQ(runs.At(UINT32_MAX - 1), 5u);
  EXPECT_EQ(runs.At(UINT32_MAX), 5u);
}

TEST(MaskRuns, AgreesWithAskingEveryRangeOnRandomSets) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    RangesByBit ranges(1 + rng() % 64);
    for (auto& bit : ranges)
      for (unsigned n = rng() % 4; n > 0; --n) {
        uint32_t a = rng() % 200, b = a + rng() % 30;
        bit.push_back({a, b});
      }
    MaskRuns runs = Runs(ranges);
    for (uint32_t x = 0; x < 260; ++x) ASSERT_EQ(runs.At(x), Direct(ranges, x)) << "round " << round << " at " << x;
    ASSERT_EQ(runs.At(UINT32_MAX), 0u);
  }
}

}  // namespace
}  // namespace sgscope
