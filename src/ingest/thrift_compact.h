#pragma once
// A bounded reader of the Thrift compact protocol, the encoding of Parquet's footer and page
// headers: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md

#include <cstdint>
#include <string>
#include <string_view>

namespace sgscope::ingest {

// Compact protocol wire types (the low nibble of a field header).
enum class ThriftType : uint8_t {
  kStop = 0, kTrue = 1, kFalse = 2, kByte = 3, kI16 = 4, kI32 = 5, kI64 = 6, kDouble = 7, kBinary = 8, kList = 9,
  kSet = 10, kMap = 11, kStruct = 12
};

// Reads values from a byte range that came off a file. Every read is bounds-checked: on the
// first problem the reader fails (ok() false, error() says what and where) and every later
// read returns zero values, so callers check once after a struct.
class ThriftCompactReader {
 public:
  explicit ThriftCompactReader(std::string_view bytes) : bytes_(bytes) {}

  // A struct's next field: false at its stop byte (or after a failure). Nested structs
  // start with BeginStruct() and end when NextField() returns false, which pops them.
  bool NextField(int16_t& id, ThriftType& type);
  void BeginStruct();

  int64_t ReadI64();  // i16, i32 and i64 share the zigzag varint encoding
  int32_t ReadI32();
  bool ReadBool(ThriftType type);  // a struct field's bool lives in its type nibble
  std::string_view ReadBinary();
  // A list header: its element count and type. The count is checked against the bytes
  // left (every element takes at least one byte), so it bounds any allocation.
  uint32_t ReadListHeader(ThriftType& element);
  // Skips a value of `type` (nested values up to a small depth).
  void Skip(ThriftType type);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  size_t position() const { return pos_; }
  void Fail(std::string message);

 private:
  uint64_t ReadVarint();
  uint8_t ReadByte();
  void SkipDepth(ThriftType type, int depth);
  void SkipElement(ThriftType type, int depth);

  std::string_view bytes_;
  size_t pos_ = 0;
  std::string error_;
  // Last field id per open struct (field ids are deltas from the previous one).
  static constexpr int kMaxDepth = 32;
  int16_t last_id_[kMaxDepth] = {};
  int depth_ = 0;
};

}  // namespace sgscope::ingest
