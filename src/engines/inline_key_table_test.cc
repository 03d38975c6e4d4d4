#include "engines/inline_key_table.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace sgscope {
namespace {

TEST(InlineKeyTable, AgreesWithAnOrderedMapAcrossGrowth) {
  std::mt19937 rng(5);
  InlineKeyTable<uint64_t> table;
  std::map<uint32_t, uint64_t> expected;
  for (int i = 0; i < 20000; ++i) {
    // Repeats from a small range, and the edge keys 0 and UINT32_MAX.
    uint32_t pick = static_cast<uint32_t>(rng() % 100);
    uint32_t key = pick == 0 ? 0 : pick == 1 ? UINT32_MAX : static_cast<uint32_t>(rng() % 5000) * 65537u;
    table.FindOrAdd(key) += i;
    expected[key] += i;
  }
  std::map<uint32_t, uint64_t> seen;
  table.ForEach([&](uint32_t key, uint64_t value) { EXPECT_TRUE(seen.emplace(key, value).second) << key; });
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(table.size(), expected.size());
  EXPECT_EQ(table.Find(7), nullptr);
  ASSERT_NE(table.Find(UINT32_MAX), nullptr);
  EXPECT_EQ(*table.Find(UINT32_MAX), expected[UINT32_MAX]);
}

TEST(InlineKeyTable, EmptyFindsNothing) {
  struct NoValue {};
  InlineKeyTable<NoValue> set;
  EXPECT_EQ(set.Find(0), nullptr);
  EXPECT_EQ(set.size(), 0u);
  set.FindOrAdd(0);
  EXPECT_NE(set.Find(0), nullptr);
  EXPECT_EQ(set.Find(1), nullptr);
}

}  // namespace
}  // namespace sgscope
