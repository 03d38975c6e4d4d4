#include "engines/memo_map.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

TEST(MemoMap, FindsEveryInsertedKeyAcrossGrowth) {
  MemoMap memo;
  for (uint64_t k = 0; k < 5000; ++k) memo.Insert(k * 0x100000001ull, static_cast<uint32_t>(k));
  memo.Insert(~0ull, 7);  // the all-ones key is a key like any other
  EXPECT_EQ(memo.size(), 5001u);
  for (uint64_t k = 0; k < 5000; ++k) {
    const uint32_t* v = memo.Find(k * 0x100000001ull);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, k);
  }
  ASSERT_NE(memo.Find(~0ull), nullptr);
  EXPECT_EQ(*memo.Find(~0ull), 7u);
  EXPECT_EQ(memo.Find(3), nullptr);
}

}  // namespace
}  // namespace sgscope
