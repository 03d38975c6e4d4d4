// The Snappy decompressor on hand-made blocks (literals, the three copy forms, overlapping
// runs) and on corrupt ones (copies before the start, lengths past either end).

#include "ingest/snappy.h"

#include <gtest/gtest.h>

namespace sgscope::ingest {
namespace {

std::string Decompress(std::string_view block, std::string& error) {
  size_t length = 0;
  if (!SnappyUncompressedLength(block, length)) {
    error = "no length";
    return "";
  }
  std::string out(length, '\0');
  error = SnappyDecompress(block, out.data(), out.size());
  return out;
}

TEST(Snappy, LiteralsAndCopies) {
  std::string error;
  // 5 bytes: literal "ab" (tag (2-1)<<2), then copy1 of 4... needs length 4: "abab" + "a".
  // Preamble 7; literal "abc"; copy1 len 4 offset 3 -> "abcabca".
  std::string block = std::string("\x07", 1) + std::string("\x08" "abc", 4) + std::string("\x01\x03", 2);
  EXPECT_EQ(Decompress(block, error), "abcabca");
  EXPECT_EQ(error, "");
  // A run: literal "x", copy2 of 10 bytes at offset 1 -> 11 x's.
  block = std::string("\x0b\x00x\x26\x01\x00", 6);
  EXPECT_EQ(Decompress(block, error), std::string(11, 'x'));
  EXPECT_EQ(error, "");
  // copy4 form, and a literal whose length follows the tag (60 -> one length byte).
  std::string literal(70, 'q');
  block = std::string("\x4a", 1) + std::string("\xf0\x45", 2) + literal;  // 74 bytes out
  block += std::string("\x0f\x46\x00\x00\x00", 5);                      // copy4: len 4 offset 70
  block[0] = 74;
  EXPECT_EQ(Decompress(block, error), literal + "qqqq");
  EXPECT_EQ(error, "");
}

TEST(Snappy, CorruptBlocksAreErrors) {
  std::string error;
  Decompress(std::string("\x04\x01\x00", 3), error);  // copy at offset 0
  EXPECT_EQ(error, "snappy: copy before the start");
  Decompress(std::string("\x08\x00x\x01\x05", 5), error);  // offset 5 with one byte written
  EXPECT_EQ(error, "snappy: copy before the start");
  Decompress(std::string("\x02\x08" "abc", 5), error);  // literal of 3 into 2 bytes
  EXPECT_EQ(error, "snappy: literal past the end");
  Decompress(std::string("\x05\x08" "ab", 4), error);  // literal cut short
  EXPECT_EQ(error, "snappy: literal past the end");
  Decompress(std::string("\x05\x08" "abc", 5), error);  // 3 of 5 bytes produced
  EXPECT_EQ(error, "snappy: 3 bytes produced, 5 expected");
  Decompress(std::string("\x03\x00x\x26", 4), error);  // copy2 without its offset
  EXPECT_EQ(error, "snappy: truncated copy");
  size_t length;
  EXPECT_FALSE(SnappyUncompressedLength(std::string("\xff\xff\xff\xff\xff\xff", 6), length));
}

}  // namespace
}  // namespace sgscope::ingest
