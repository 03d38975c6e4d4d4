// Thrift compact protocol decoding for the Parquet metadata (FileMetaData, PageHeader). Field
// headers carry a delta to the previous field id in the high nibble, integers are zigzag
// varints, lists carry their size in the header: every length read is checked against the
// bytes that remain, so a corrupt footer can neither overrun nor allocate without bound.
// https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md

#include "ingest/thrift_compact.h"

#include <fmt/format.h>

namespace sgscope::ingest {

void ThriftCompactReader::Fail(std::string message) {
  if (error_.empty()) error_ = fmt::format("thrift byte {}: {}", pos_, message);
  pos_ = bytes_.size();
}

uint8_t ThriftCompactReader::ReadByte() {
  if (pos_ >= bytes_.size()) {
    Fail("truncated");
    return 0;
  }
  return static_cast<uint8_t>(bytes_[pos_++]);
}

uint64_t ThriftCompactReader::ReadVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64 && ok(); shift += 7) {
    uint8_t byte = ReadByte();
    value |= uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) return value;
  }
  Fail("varint longer than 10 bytes");
  return 0;
}

int64_t ThriftCompactReader::ReadI64() {
  uint64_t v = ReadVarint();
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

int32_t ThriftCompactReader::ReadI32() {
  int64_t v = ReadI64();
  if (v < INT32_MIN || v > INT32_MAX) {
    Fail("i32 out of range");
    return 0;
  }
  return static_cast<int32_t>(v);
}

bool ThriftCompactReader::ReadBool(ThriftType type) { return type == ThriftType::kTrue; }

std::string_view ThriftCompactReader::ReadBinary() {
  uint64_t size = ReadVarint();
  if (size > bytes_.size() - pos_) {
    Fail(fmt::format("binary of {} bytes past the end", size));
    return {};
  }
  std::string_view value = bytes_.substr(pos_, size);
  pos_ += size;
  return value;
}

uint32_t ThriftCompactReader::ReadListHeader(ThriftType& element) {
  uint8_t header = ReadByte();
  element = static_cast<ThriftType>(header & 0x0f);
  uint64_t size = header >> 4;
  if (size == 15) size = ReadVarint();
  if (size > bytes_.size() - pos_) {
    Fail(fmt::format("list of {} elements past the end", size));
    return 0;
  }
  return static_cast<uint32_t>(size);
}

void ThriftCompactReader::BeginStruct() {
  if (depth_ + 1 >= kMaxDepth) return Fail("structs nested too deep");
  last_id_[++depth_] = 0;
}

bool ThriftCompactReader::NextField(int16_t& id, ThriftType& type) {
  uint8_t header = ok() ? ReadByte() : 0;
  if (header == 0 || !ok()) {
    if (depth_ > 0) --depth_;
    return false;
  }
  type = static_cast<ThriftType>(header & 0x0f);
  if (type > ThriftType::kStruct) {
    Fail(fmt::format("unknown field type {}", header & 0x0f));
    return false;
  }
  int delta = header >> 4;
  int64_t next = delta ? last_id_[depth_] + delta : ReadI64();
  if (next < INT16_MIN || next > INT16_MAX) {
    Fail("field id out of range");
    return false;
  }
  id = last_id_[depth_] = static_cast<int16_t>(next);
  return ok();
}

void ThriftCompactReader::Skip(ThriftType type) { SkipDepth(type, 0); }

// Inside lists and maps a bool is a whole byte, not a type nibble.
void ThriftCompactReader::SkipElement(ThriftType type, int depth) {
  if (type == ThriftType::kTrue || type == ThriftType::kFalse) return void(ReadByte());
  SkipDepth(type, depth);
}

void ThriftCompactReader::SkipDepth(ThriftType type, int depth) {
  if (depth > kMaxDepth) return Fail("values nested too deep");
  switch (type) {
    case ThriftType::kTrue:
    case ThriftType::kFalse: return;
    case ThriftType::kByte: ReadByte(); return;
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: ReadVarint(); return;
    case ThriftType::kDouble:
      if (bytes_.size() - pos_ < 8) return Fail("truncated double");
      pos_ += 8;
      return;
    case ThriftType::kBinary: ReadBinary(); return;
    case ThriftType::kList:
    case ThriftType::kSet: {
      ThriftType element;
      uint32_t n = ReadListHeader(element);
      for (uint32_t i = 0; i < n && ok(); ++i) SkipElement(element, depth + 1);
      return;
    }
    case ThriftType::kMap: {
      uint64_t n = ReadVarint();
      if (n == 0) return;
      if (n > bytes_.size() - pos_) return Fail("map past the end");
      uint8_t types = ReadByte();
      for (uint64_t i = 0; i < n && ok(); ++i) {
        SkipElement(static_cast<ThriftType>(types >> 4), depth + 1);
        SkipElement(static_cast<ThriftType>(types & 0x0f), depth + 1);
      }
      return;
    }
    case ThriftType::kStruct: {
      BeginStruct();
      int16_t id;
      ThriftType field;
      while (NextField(id, field)) SkipDepth(field, depth + 1);
      return;
    }
    default: return Fail(fmt::format("cannot skip type {}", static_cast<int>(type)));
  }
}

}  // namespace sgscope::ingest
