// A small Snappy decompressor, so that Parquet files written with the codec DuckDB, Spark
// and Arrow use by default read without a library Debian lacks in a usable form. A block is
// a varint length and a series of literals and back-references (copies); every length and
// offset is checked against the input and the output produced so far.
// https://github.com/google/snappy/blob/main/format_description.txt

#include "ingest/snappy.h"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace sgscope::ingest {

namespace {

enum Tag : uint8_t { kLiteral = 0, kCopy1 = 1, kCopy2 = 2, kCopy4 = 3 };

// Reads the varint preamble at `pos`.
bool ReadLength(std::string_view in, size_t& pos, size_t& length) {
  uint64_t value = 0;
  for (int shift = 0; shift < 35 && pos < in.size(); shift += 7) {
    auto byte = static_cast<uint8_t>(in[pos++]);
    value |= uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) {
      if (value > UINT32_MAX) return false;
      length = static_cast<size_t>(value);
      return true;
    }
  }
  return false;
}

// `n` little-endian bytes at `pos`.
uint32_t ReadLittleEndian(std::string_view in, size_t pos, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= uint32_t{static_cast<uint8_t>(in[pos + i])} << (8 * i);
  return v;
}

}  // namespace

bool SnappyUncompressedLength(std::string_view input, size_t& length) {
  size_t pos = 0;
  return ReadLength(input, pos, length);
}

std::string SnappyDecompress(std::string_view in, char* out, size_t out_size) {
  size_t pos = 0, length = 0, produced = 0;
  if (!ReadLength(in, pos, length)) return "snappy: bad length preamble";
  if (length != out_size) return fmt::format("snappy: block of {} bytes, {} expected", length, out_size);
  while (pos < in.size()) {
    auto tag = static_cast<uint8_t>(in[pos++]);
    size_t size, offset = 0;
    switch (tag & 3) {
      case kLiteral: {
        size = tag >> 2;
        if (size >= 60) {  // 60..63: the length - 1 follows in 1..4 bytes
          size_t bytes = size - 59;
          if (in.size() - pos < bytes) return "snappy: truncated literal length";
          size = ReadLittleEndian(in, pos, bytes);
          pos += bytes;
        }
        size += 1;
        if (in.size() - pos < size || out_size - produced < size) return "snappy: literal past the end";
        std::memcpy(out + produced, in.data() + pos, size);
        pos += size, produced += size;
        continue;
      }
      case kCopy1:
        if (in.size() - pos < 1) return "snappy: truncated copy";
        size = 4 + ((tag >> 2) & 7);
        offset = (static_cast<size_t>(tag >> 5) << 8) | static_cast<uint8_t>(in[pos++]);
        break;
      case kCopy2:
      case kCopy4: {
        size_t bytes = (tag & 3) == kCopy2 ? 2 : 4;
        if (in.size() - pos < bytes) return "snappy: truncated copy";
        size = (tag >> 2) + 1;
        offset = ReadLittleEndian(in, pos, bytes);
        pos += bytes;
        break;
      }
    }
    if (offset == 0 || offset > produced) return "snappy: copy before the start";
    if (out_size - produced < size) return "snappy: copy past the end";
    // Copies may overlap their own output (a run), so byte by byte.
    for (size_t i = 0; i < size; ++i, ++produced) out[produced] = out[produced - offset];
  }
  if (produced != out_size) return fmt::format("snappy: {} bytes produced, {} expected", produced, out_size);
  return "";
}

}  // namespace sgscope::ingest
