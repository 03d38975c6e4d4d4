// The Thrift compact reader on hand-encoded structs: field id deltas and long-form ids,
// zigzag integers, binaries, lists, bools, nested structs skipped; truncation and lengths
// past the end are errors, never reads outside the bytes.

#include "ingest/thrift_compact.h"

#include <gtest/gtest.h>

namespace sgscope::ingest {
namespace {

using namespace std::literals;

TEST(ThriftCompact, ReadsFieldsAndSkipsTheRest) {
  // field 1 i32 = -3 (zigzag 5); field 3 binary "ab"; field 4 struct {1: i64 = 300} skipped;
  // field 20 (long form: delta 0, zigzag id 40) list<i32> [1, 2]; field 21 bool true; stop.
  std::string bytes("\x15\x05" "\x28\x02" "ab" "\x1c\x16\xd8\x04\x00" "\x09\x28\x25\x02\x04" "\x11" "\x00", 18);
  ThriftCompactReader in(bytes);
  in.BeginStruct();
  int16_t id;
  ThriftType type;
  ASSERT_TRUE(in.NextField(id, type));
  EXPECT_EQ(id, 1);
  EXPECT_EQ(in.ReadI32(), -3);
  ASSERT_TRUE(in.NextField(id, type));
  EXPECT_EQ(id, 3);
  EXPECT_EQ(in.ReadBinary(), "ab");
  ASSERT_TRUE(in.NextField(id, type));
  EXPECT_EQ(id, 4);
  EXPECT_EQ(type, ThriftType::kStruct);
  in.Skip(type);
  ASSERT_TRUE(in.NextField(id, type));
  EXPECT_EQ(id, 20);
  ThriftType element;
  ASSERT_EQ(in.ReadListHeader(element), 2u);
  EXPECT_EQ(element, ThriftType::kI32);
  EXPECT_EQ(in.ReadI32(), 1);
  EXPECT_EQ(in.ReadI32(), 2);
  ASSERT_TRUE(in.NextField(id, type));
  EXPECT_EQ(id, 21);
  EXPECT_TRUE(in.ReadBool(type));
  EXPECT_FALSE(in.NextField(id, type));
  EXPECT_TRUE(in.ok()) << in.error();
  EXPECT_EQ(in.position(), bytes.size());
}

TEST(ThriftCompact, LengthsPastTheEndFail) {
  ThriftCompactReader binary("\x28\x7f" "ab"sv);
  binary.BeginStruct();
  int16_t id;
  ThriftType type;
  ASSERT_TRUE(binary.NextField(id, type));
  EXPECT_EQ(binary.ReadBinary(), "");
  EXPECT_EQ(binary.error(), "thrift byte 2: binary of 127 bytes past the end");

  ThriftCompactReader list("\xf5\xff\xff\xff\xff\x0f"sv);
  ThriftType element;
  EXPECT_EQ(list.ReadListHeader(element), 0u);
  EXPECT_FALSE(list.ok());

  ThriftCompactReader truncated("\x15"sv);
  truncated.BeginStruct();
  ASSERT_TRUE(truncated.NextField(id, type));
  truncated.ReadI32();
  EXPECT_EQ(truncated.error(), "thrift byte 1: truncated");
  EXPECT_FALSE(truncated.NextField(id, type));  // a failed reader reads nothing more
}

TEST(ThriftCompact, DeepNestingAndBadTypesFail) {
  std::string deep(200, '\x1c');  // struct in struct in struct...
  ThriftCompactReader in(deep);
  in.Skip(ThriftType::kStruct);
  EXPECT_FALSE(in.ok());
  ThriftCompactReader bad("\x1d"sv);  // type 13 does not exist
  bad.BeginStruct();
  int16_t id;
  ThriftType type;
  EXPECT_FALSE(bad.NextField(id, type));
  EXPECT_EQ(bad.error(), "thrift byte 1: unknown field type 13");
}

}  // namespace
}  // namespace sgscope::ingest
