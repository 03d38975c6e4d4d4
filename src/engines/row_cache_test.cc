#include "engines/row_cache.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

RowCache::Key KeyOf(std::initializer_list<uint32_t> words) {
  RowCache::Key key;
  for (uint32_t w : words) EXPECT_TRUE(key.Add(w));
  return key;
}

TEST(RowCache, FindsWhatTheRowInsertedAndForgetsItAtTheNextRow) {
  RowCache cache;
  cache.NewRow();
  cache.Insert(KeyOf({1, 2}), 7);
  ASSERT_NE(cache.Find(KeyOf({1, 2})), nullptr);
  EXPECT_EQ(*cache.Find(KeyOf({1, 2})), 7u);
  EXPECT_EQ(cache.Find(KeyOf({1, 2, 0})), nullptr);  // a longer key is another key
  EXPECT_EQ(cache.Find(KeyOf({2, 1})), nullptr);
  cache.NewRow();
  EXPECT_EQ(cache.Find(KeyOf({1, 2})), nullptr);
}

TEST(RowCache, KeepsEveryEntryOfTheRowWhenItGrows) {
  RowCache cache;
  cache.NewRow();
  for (uint32_t k = 0; k < 5000; ++k) cache.Insert(KeyOf({k, k * 3}), k + 1);
  for (uint32_t k = 0; k < 5000; ++k) {
    const uint32_t* v = cache.Find(KeyOf({k, k * 3}));
    ASSERT_NE(v, nullptr) << k;
    EXPECT_EQ(*v, k + 1);
  }
}

TEST(RowCache, KeysHoldAtMostEightWords) {
  RowCache::Key key;
  for (int k = 0; k < 8; ++k) EXPECT_TRUE(key.Add(k));
  EXPECT_FALSE(key.Add(8));
}

TEST(RowMemo, ComputesOncePerIndexAndRow) {
  RowMemo memo;
  int calls = 0;
  auto compute = [&] { return uint32_t(++calls); };
  memo.NewRow();
  EXPECT_EQ(memo.Get(3, compute), 1u);
  EXPECT_EQ(memo.Get(3, compute), 1u);
  EXPECT_EQ(memo.Get(0, compute), 2u);
  memo.NewRow();
  EXPECT_EQ(memo.Get(3, compute), 3u);
}

}  // namespace
}  // namespace sgscope
