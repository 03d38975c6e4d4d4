#include "engines/batch_columns.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

TEST(BatchColumns, FillsEachColumnOncePerBatch) {
  BatchColumns<2> memo;
  int fills = 0;
  auto fill = [&](BatchColumns<2>::Column& c) { ++fills, c = {uint32_t(fills), uint32_t(fills * 10)}; };
  memo.NewBatch();
  EXPECT_EQ(memo.Get(3, fill)[1], 10u);
  EXPECT_EQ(memo.Get(3, fill)[0], 1u);
  EXPECT_EQ(memo.Get(0, fill)[0], 2u);
  EXPECT_EQ(fills, 2);
  memo.NewBatch();
  EXPECT_EQ(memo.Get(3, fill)[0], 3u);
  EXPECT_EQ(memo.Get(0, fill)[0], 4u);
}

TEST(BatchColumns, KeepsColumnsFilledBeforeItGrows) {
  BatchColumns<1> memo;
  memo.NewBatch();
  for (uint32_t k = 0; k < 1000; k += 7) memo.Get(k, [&](auto& c) { c[0] = k + 1; });
  for (uint32_t k = 0; k < 1000; k += 7) EXPECT_EQ(memo.Get(k, [](auto& c) { c[0] = 0; })[0], k + 1) << k;
}

}  // namespace
}  // namespace sgscope
