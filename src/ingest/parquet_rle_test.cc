// The RLE / bit-packed hybrid decoder: the example of the Parquet encodings page, RLE and
// bit-packed runs mixed, widths 0 and 32, runs past the end.

#include "ingest/parquet_rle.h"

#include <gtest/gtest.h>

namespace sgscope::ingest {
namespace {

using namespace std::literals;

std::vector<uint32_t> DecodeAll(std::string_view data, int width, size_t max = 100) {
  RleBitPackedDecoder decoder(data, width);
  std::vector<uint32_t> values;
  for (uint32_t v; values.size() < max && decoder.Next(v);) values.push_back(v);
  return values;
}

TEST(ParquetRle, BitPackedExampleOfTheSpec) {
  // Encodings.md: 0..7 with bit width 3 packs to 10001000 11000110 11111010.
  std::string data("\x03\x88\xc6\xfa", 4);  // header: 1 group of 8, bit-packed
  EXPECT_EQ(DecodeAll(data, 3), (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(ParquetRle, RleRunsThenBitPacked) {
  // 5 x value 2 (width 2: one value byte), then 8 bit-packed values of width 2.
  std::string data("\x0a\x02" "\x03\xe4\xe4", 5);
  EXPECT_EQ(DecodeAll(data, 2), (std::vector<uint32_t>{2, 2, 2, 2, 2, 0, 1, 2, 3, 0, 1, 2, 3}));
  // Width 32: four value bytes, little endian.
  EXPECT_EQ(DecodeAll("\x04\x78\x56\x34\x12"sv, 32), (std::vector<uint32_t>{0x12345678, 0x12345678}));
  // Width 0: a long run costs no bytes and no memory.
  EXPECT_EQ(DecodeAll("\x80\x80\x80\x80\x08"sv, 0, 3), (std::vector<uint32_t>{0, 0, 0}));
}

TEST(ParquetRle, RunsPastTheEndFail) {
  RleBitPackedDecoder packed("\x05\x88"sv, 3);  // 2 groups, 6 bytes announced
  uint32_t v;
  EXPECT_FALSE(packed.Next(v));
  EXPECT_TRUE(packed.failed());
  RleBitPackedDecoder rle("\x04\x01"sv, 16);  // value needs 2 bytes
  EXPECT_FALSE(rle.Next(v));
  EXPECT_TRUE(rle.failed());
  EXPECT_TRUE(RleBitPackedDecoder("", 33).failed());
  EXPECT_TRUE(DecodeAll("", 1).empty());
}

}  // namespace
}  // namespace sgscope::ingest
