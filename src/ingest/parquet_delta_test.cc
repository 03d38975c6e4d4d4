// DELTA_BINARY_PACKED: the examples of the Parquet encodings page, negative deltas, the end
// of the values (where DELTA_LENGTH_BYTE_ARRAY's bytes start), corrupt headers.

#include "ingest/parquet_delta.h"

#include <gtest/gtest.h>

namespace sgscope::ingest {
namespace {

using namespace std::literals;

std::vector<int64_t> DecodeAll(std::string_view data) {
  DeltaBinaryPackedDecoder decoder(data);
  std::vector<int64_t> values;
  for (int64_t v; decoder.Next(v);) values.push_back(v);
  return values;
}

TEST(ParquetDelta, ConstantDeltasNeedNoBits) {
  // Encodings.md example 1: 1 2 3 4 5 -> block 128, 4 miniblocks, 5 values, first 1,
  // min delta 1, widths 0.
  std::string data("\x80\x01\x04\x05\x02" "\x02\x00\x00\x00\x00", 10);
  EXPECT_EQ(DecodeAll(data), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  size_t end = 0;
  ASSERT_TRUE(DeltaBinaryPackedDecoder(data).End(end));
  EXPECT_EQ(end, data.size());
}

TEST(ParquetDelta, PackedDeltasAboveTheMinimum) {
  // Encodings.md example 2: 7 5 3 1 2 3 4 5 -> deltas -2 -2 -2 1 1 1 1, min -2, relative
  // 0 0 0 3 3 3 3 in width 2 (a 32-value miniblock: 8 bytes).
  std::string data("\x80\x01\x04\x08\x0e" "\x03\x02\x00\x00\x00" "\xc0\xff\x00\x00\x00\x00\x00\x00", 18);
  EXPECT_EQ(DecodeAll(data), (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  size_t end = 0;
  ASSERT_TRUE(DeltaBinaryPackedDecoder(data).End(end));
  EXPECT_EQ(end, data.size());
}

TEST(ParquetDelta, CorruptDataFails) {
  EXPECT_TRUE(DeltaBinaryPackedDecoder("\x81\x01\x04\x05\x02"sv).failed());  // block 129
  EXPECT_TRUE(DeltaBinaryPackedDecoder("\x80\x01\x03\x05\x02"sv).failed());  // 128 / 3
  EXPECT_TRUE(DeltaBinaryPackedDecoder("\x80\x01"sv).failed());
  // Width 8 announced, bytes missing: the values stop with a failure.
  DeltaBinaryPackedDecoder cut("\x80\x01\x04\x05\x02" "\x02\x08\x00\x00\x00\x01"sv);
  int64_t v;
  EXPECT_TRUE(cut.Next(v));
  EXPECT_EQ(v, 1);
  EXPECT_TRUE(cut.Next(v));
  EXPECT_EQ(v, 3);
  EXPECT_FALSE(cut.Next(v));
  EXPECT_TRUE(cut.failed());
  size_t end;
  EXPECT_FALSE(DeltaBinaryPackedDecoder("\x80\x01\x04\x05\x02" "\x02\x08\x00\x00\x00\x01"sv).End(end));
}

}  // namespace
}  // namespace sgscope::ingest
