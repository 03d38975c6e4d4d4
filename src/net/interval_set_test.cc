#include "net/interval_set.h"

#include <gtest/gtest.h>

#include "net/ip_address.h"

namespace sgscope {
namespace {

using Ports = IntervalSet<uint16_t>;

Ports P(std::initializer_list<std::pair<int, int>> ranges) {
  Ports s;
  for (auto [lo, hi] : ranges) s = s.Union(Ports::Range(static_cast<uint16_t>(lo), static_cast<uint16_t>(hi)));
  return s;
}

TEST(IntervalSet, UnionMergesOverlapAndAdjacency) {
  Ports s = P({{80, 80}, {443, 443}, {81, 100}, {50, 79}});
  ASSERT_EQ(s.intervals().size(), 2u);  // 50-100 and 443: adjacent ranges join
  EXPECT_EQ(s.intervals()[0].lo, 50);
  EXPECT_EQ(s.intervals()[0].hi, 100);
  EXPECT_EQ(s, P({{443, 443}, {50, 100}}));  // canonical: order of construction does not matter
  EXPECT_TRUE(P({{0, 1000}, {1001, 65535}}).is_all());
}

TEST(IntervalSet, IntersectSubtractComplement) {
  Ports a = P({{0, 100}, {200, 300}}), b = P({{50, 250}});
  EXPECT_EQ(a.Intersect(b), P({{50, 100}, {200, 250}}));
  EXPECT_EQ(a.Subtract(b), P({{0, 49}, {251, 300}}));
  EXPECT_EQ(a.Complement(), P({{101, 199}, {301, 65535}}));
  EXPECT_EQ(Ports::All().Complement(), Ports());
  EXPECT_EQ(Ports().Complement(), Ports::All());
  EXPECT_EQ(P({{0, 0}}).Complement(), P({{1, 65535}}));
  EXPECT_EQ(P({{65535, 65535}}).Complement(), P({{0, 65534}}));
  EXPECT_TRUE(a.Contains(uint16_t{250}));
  EXPECT_FALSE(a.Contains(uint16_t{150}));
  EXPECT_TRUE(a.Contains(P({{10, 20}, {299, 300}})));
  EXPECT_FALSE(a.Contains(b));
}

TEST(IntervalSet, WorksOn128BitValuesAtTheTopOfTheRange) {
  using Big = IntervalSet<uint128>;
  uint128 max = ~uint128{0};
  Big top = Big::Range(max - 1, max);
  EXPECT_EQ(top.Complement(), Big::Range(0, max - 2));
  EXPECT_TRUE(top.Union(Big::Range(0, max - 2)).is_all());
  EXPECT_NE(top.Hash(), Big::Range(0, 1).Hash());
  EXPECT_EQ(top.Hash(), Big::Range(max - 1, max).Hash());
}

// Randomised agreement with a bitmap over a small universe.
TEST(IntervalSet, AgreesWithABitmap) {
  using Small = IntervalSet<uint8_t>;
  uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0xff; };
  for (int round = 0; round < 200; ++round) {
    Small a, b;
    std::vector<bool> ma(256), mb(256);
    for (int k = 0; k < 4; ++k) {
      uint8_t lo = static_cast<uint8_t>(next()), hi = static_cast<uint8_t>(std::min<uint32_t>(255, lo + next() % 40));
      a = a.Union(Small::Range(lo, hi));
      for (int v = lo; v <= hi; ++v) ma[v] = true;
      lo = static_cast<uint8_t>(next()), hi = static_cast<uint8_t>(std::min<uint32_t>(255, lo + next() % 40));
      b = b.Union(Small::Range(lo, hi));
      for (int v = lo; v <= hi; ++v) mb[v] = true;
    }
    Small u = a.Union(b), i = a.Intersect(b), d = a.Subtract(b);
    for (int v = 0; v < 256; ++v) {
      uint8_t x = static_cast<uint8_t>(v);
      ASSERT_EQ(u.Contains(x), ma[v] || mb[v]);
      ASSERT_EQ(i.Contains(x), ma[v] && mb[v]);
      ASSERT_EQ(d.Contains(x), ma[v] && !mb[v]);
    }
  }
}

}  // namespace
}  // namespace sgscope
