// Column chunk decoding: a dictionary page (optional) and data pages, each a Thrift header
// and a payload. A v1 data page compresses its definition levels (4-byte length + RLE hybrid)
// with its values; a v2 page stores them uncompressed, without the length, before the values.
// Every size read off the file is checked against the bytes that hold it.
// https://github.com/apache/parquet-format/blob/master/README.md#data-pages

#include "ingest/parquet_column.h"

#include <cstring>

#include <fmt/format.h>

namespace sgscope::ingest {

namespace {

uint32_t LittleEndian32(std::string_view bytes, size_t pos) {
  uint32_t v;
  std::memcpy(&v, bytes.data() + pos, 4);
  return v;
}

// Bits needed for levels up to `max` (the RLE bit width of definition levels).
int BitWidth(int max) { return max == 0 ? 0 : 32 - __builtin_clz(static_cast<unsigned>(max)); }

size_t PlainWidth(ParquetType type) { return type == ParquetType::kInt32 ? 4 : 8; }

}  // namespace

ParquetColumnReader::ParquetColumnReader(std::string_view chunk, const ParquetColumnChunk& meta,
                                         const ParquetLeaf& leaf)
    : chunk_(chunk), type_(meta.type.value_or(ParquetType::kByteArray)), codec_(meta.codec),
      max_definition_(leaf.max_definition) {}

std::string ParquetColumnReader::Unsupported(const ParquetColumnChunk& meta, const ParquetLeaf& leaf) {
  if (leaf.max_repetition > 0 || leaf.max_definition > 1) return "nested or repeated column";
  if (!meta.type || meta.type != leaf.type) return "column type differs from the schema";
  if (meta.type != ParquetType::kInt32 && meta.type != ParquetType::kInt64 && meta.type != ParquetType::kByteArray)
    return "type " + ParquetTypeName(*meta.type) + " is not supported";
  if (meta.external) return "column chunk in another file";
  return "";
}

bool ParquetColumnReader::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
  return false;
}

bool ParquetColumnReader::Next(ParquetValue& value) {
  if (!error_.empty()) return false;
  while (page_left_ == 0)
    if (!NextPage()) return false;
  --page_left_;
  uint32_t level = 0;
  if (max_definition_ > 0 && !definitions_.Next(level)) return Fail("definition levels end before the page's values");
  value = ParquetValue{};
  if (static_cast<int>(level) < max_definition_) return true;
  value.null = false;
  return ReadValue(value);
}

bool ParquetColumnReader::NextPage() {
  if (pos_ >= chunk_.size()) return Fail("column chunk ends before the row group's last row");
  size_t header_size = 0;
  std::string error;
  std::optional<ParquetPageHeader> page = ParseParquetPageHeader(chunk_.substr(pos_), header_size, error);
  if (!page) return Fail(fmt::format("byte {} of the chunk: {}", pos_, error));
  pos_ += header_size;
  if (static_cast<size_t>(page->compressed_size) > chunk_.size() - pos_)
    return Fail(fmt::format("page of {} bytes past the end of the column chunk", page->compressed_size));
  std::string_view payload = chunk_.substr(pos_, page->compressed_size);
  pos_ += payload.size();
  switch (page->type) {
    case ParquetPageType::kDictionary: return ReadDictionary(*page, payload);
    case ParquetPageType::kData:
    case ParquetPageType::kDataV2: return StartData(*page, payload);
    default: return true;  // index pages carry no values
  }
}

bool ParquetColumnReader::ReadDictionary(const ParquetPageHeader& page, std::string_view payload) {
  if (has_dictionary_) return Fail("a second dictionary page");
  if (page.encoding != ParquetEncoding::kPlain && page.encoding != ParquetEncoding::kPlainDictionary)
    return Fail("dictionary page encoding " + ParquetEncodingName(page.encoding) + " is not supported");
  if (std::string e = decompressor_.Decompress(codec_, payload, page.uncompressed_size, dictionary_buffer_); !e.empty())
    return Fail("dictionary page: " + e);
  decoded_bytes_ += dictionary_buffer_.size();
  // Every entry takes at least 4 bytes, which bounds the count read off the header.
  if (static_cast<size_t>(page.num_values) > dictionary_buffer_.size() / 4)
    return Fail(fmt::format("dictionary of {} entries in {} bytes", page.num_values, dictionary_buffer_.size()));
  has_dictionary_ = true;
  values_ = dictionary_buffer_;
  values_pos_ = 0;
  for (int32_t i = 0; i < page.num_values; ++i) {
    ParquetValue entry;
    if (!ReadPlain(entry)) return false;
    entry.is_bytes ? dictionary_bytes_.push_back(entry.bytes) : dictionary_integers_.push_back(entry.integer);
  }
  return true;
}

bool ParquetColumnReader::StartData(const ParquetPageHeader& page, std::string_view payload) {
  std::string_view levels, values;
  if (page.type == ParquetPageType::kDataV2) {
    uint64_t level_bytes = uint64_t{static_cast<uint32_t>(page.definition_bytes)} + page.repetition_bytes;
    if (level_bytes > payload.size()) return Fail("data page levels past the end of the page");
    if (page.repetition_bytes > 0) return Fail("repetition levels in a flat column");
    if (level_bytes > static_cast<uint32_t>(page.uncompressed_size))
      return Fail("data page levels larger than the page");
    levels = payload.substr(0, page.definition_bytes);
    std::string_view stored = payload.substr(level_bytes);
    ParquetCodec codec = page.values_compressed ? codec_ : ParquetCodec::kUncompressed;
    if (std::string e = decompressor_.Decompress(codec, stored, page.uncompressed_size - level_bytes, page_);
        !e.empty())
      return Fail("data page: " + e);
    values = page_;
  } else {
    if (std::string e = decompressor_.Decompress(codec_, payload, page.uncompressed_size, page_); !e.empty())
      return Fail("data page: " + e);
    values = page_;
    if (max_definition_ > 0) {
      if (page.definition_encoding != ParquetEncoding::kRle)
        return Fail("definition level encoding " + ParquetEncodingName(page.definition_encoding) + " is not supported");
      if (values.size() < 4 || LittleEndian32(values, 0) > values.size() - 4)
        return Fail("definition levels past the end of the page");
      levels = values.substr(4, LittleEndian32(values, 0));
      values.remove_prefix(4 + levels.size());
    }
  }
  decoded_bytes_ += page_.size();
  definitions_ = RleBitPackedDecoder(levels, BitWidth(max_definition_));
  page_left_ = static_cast<uint32_t>(page.num_values);
  return StartValues(page.encoding, values);
}

bool ParquetColumnReader::StartValues(ParquetEncoding encoding, std::string_view values) {
  encoding_ = encoding;
  values_ = values;
  values_pos_ = 0;
  switch (encoding) {
    case ParquetEncoding::kPlain: return true;
    case ParquetEncoding::kPlainDictionary:
    case ParquetEncoding::kRleDictionary:
      if (!has_dictionary_) return Fail("dictionary-encoded page without a dictionary page");
      if (values.empty()) return page_left_ == 0 || max_definition_ > 0 || Fail("dictionary page without indices");
      indices_ = RleBitPackedDecoder(values.substr(1), static_cast<uint8_t>(values[0]));
      return !indices_.failed() || Fail("dictionary index width over 32 bits");
    case ParquetEncoding::kDeltaBinaryPacked:
      if (type_ == ParquetType::kByteArray) break;
      deltas_ = DeltaBinaryPackedDecoder(values);
      return !deltas_.failed() || Fail("bad DELTA_BINARY_PACKED header");
    case ParquetEncoding::kDeltaLengthByteArray: {
      if (type_ != ParquetType::kByteArray) break;
      deltas_ = DeltaBinaryPackedDecoder(values);
      size_t end = 0;
      if (!deltas_.End(end)) return Fail("bad DELTA_LENGTH_BYTE_ARRAY lengths");
      values_pos_ = end;
      return true;
    }
    default: break;
  }
  return Fail("encoding " + ParquetEncodingName(encoding) + " of " + ParquetTypeName(type_) + " is not supported");
}

bool ParquetColumnReader::ReadPlain(ParquetValue& value) {
  value.null = false;
  if (type_ == ParquetType::kByteArray) {
    if (values_.size() - values_pos_ < 4) return Fail("value past the end of the page");
    uint32_t length = LittleEndian32(values_, values_pos_);
    if (length > values_.size() - values_pos_ - 4) return Fail("string past the end of the page");
    value.is_bytes = true;
    value.bytes = values_.substr(values_pos_ + 4, length);
    values_pos_ += 4 + length;
    return true;
  }
  size_t width = PlainWidth(type_);
  if (values_.size() - values_pos_ < width) return Fail("value past the end of the page");
  if (width == 4) {
    int32_t v;
    std::memcpy(&v, values_.data() + values_pos_, 4);
    value.integer = v;
  } else {
    std::memcpy(&value.integer, values_.data() + values_pos_, 8);
  }
  values_pos_ += width;
  return true;
}

bool ParquetColumnReader::ReadValue(ParquetValue& value) {
  switch (encoding_) {
    case ParquetEncoding::kPlain: return ReadPlain(value);
    case ParquetEncoding::kPlainDictionary:
    case ParquetEncoding::kRleDictionary: {
      uint32_t index;
      if (!indices_.Next(index)) return Fail("dictionary indices end before the page's values");
      size_t size = type_ == ParquetType::kByteArray ? dictionary_bytes_.size() : dictionary_integers_.size();
      if (index >= size) return Fail(fmt::format("dictionary index {} of {} entries", index, size));
      value.is_bytes = type_ == ParquetType::kByteArray;
      value.is_bytes ? void(value.bytes = dictionary_bytes_[index]) : void(value.integer = dictionary_integers_[index]);
      return true;
    }
    case ParquetEncoding::kDeltaBinaryPacked: {
      if (!deltas_.Next(value.integer)) return Fail("DELTA_BINARY_PACKED values end early");
      if (type_ == ParquetType::kInt32) value.integer = static_cast<int32_t>(value.integer);
      return true;
    }
    default: {  // DELTA_LENGTH_BYTE_ARRAY
      int64_t length;
      if (!deltas_.Next(length)) return Fail("DELTA_LENGTH_BYTE_ARRAY lengths end early");
      if (length < 0 || static_cast<uint64_t>(length) > values_.size() - values_pos_)
        return Fail("string past the end of the page");
      value.is_bytes = true;
      value.bytes = values_.substr(values_pos_, length);
      values_pos_ += length;
      return true;
    }
  }
}

}  // namespace sgscope::ingest
