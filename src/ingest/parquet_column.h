#pragma once
// Reading the values of one Parquet column chunk, page after page, one value at a time.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/parquet_codec.h"
#include "ingest/parquet_delta.h"
#include "ingest/parquet_metadata.h"
#include "ingest/parquet_rle.h"

namespace sgscope::ingest {

// One value of a column: null, an integer (INT32 / INT64) or bytes (BYTE_ARRAY). `bytes`
// stays valid until the reader's next Next().
struct ParquetValue {
  bool null = true;
  int64_t integer = 0;
  std::string_view bytes;
  bool is_bytes = false;
};

// Decodes a flat (non-repeated) INT32, INT64 or BYTE_ARRAY column chunk: dictionary page,
// data pages v1 and v2, encodings PLAIN, PLAIN_DICTIONARY / RLE_DICTIONARY,
// DELTA_BINARY_PACKED and DELTA_LENGTH_BYTE_ARRAY; null where the definition level says so.
// Memory: the current decompressed page and the dictionary.
class ParquetColumnReader {
 public:
  // `chunk` holds the chunk's pages (from its first page on) and must outlive the reader.
  ParquetColumnReader(std::string_view chunk, const ParquetColumnChunk& meta, const ParquetLeaf& leaf);

  // The next value; false on a problem, which error() describes.
  bool Next(ParquetValue& value);
  // Whether the type and levels can be read at all ("" or why not).
  static std::string Unsupported(const ParquetColumnChunk& meta, const ParquetLeaf& leaf);
  const std::string& error() const { return error_; }
  // Decompressed page bytes so far, for the reader's byte count.
  uint64_t decoded_bytes() const { return decoded_bytes_; }

 private:
  bool Fail(std::string message);
  bool NextPage();
  bool ReadDictionary(const ParquetPageHeader& page, std::string_view payload);
  bool StartData(const ParquetPageHeader& page, std::string_view payload);
  bool StartValues(ParquetEncoding encoding, std::string_view values);
  bool ReadPlain(ParquetValue& value);
  bool ReadValue(ParquetValue& value);

  std::string_view chunk_;
  size_t pos_ = 0;
  ParquetType type_;
  ParquetCodec codec_;
  int max_definition_;
  std::string error_;
  ParquetDecompressor decompressor_;
  uint64_t decoded_bytes_ = 0;

  std::string dictionary_buffer_;
  std::vector<int64_t> dictionary_integers_;
  std::vector<std::string_view> dictionary_bytes_;
  bool has_dictionary_ = false;

  std::string page_;
  uint64_t page_left_ = 0;  // values (nulls included) left in the current data page
  RleBitPackedDecoder definitions_;
  ParquetEncoding encoding_ = ParquetEncoding::kPlain;
  std::string_view values_;  // PLAIN values, or the string bytes of DELTA_LENGTH_BYTE_ARRAY
  size_t values_pos_ = 0;
  RleBitPackedDecoder indices_;
  DeltaBinaryPackedDecoder deltas_;
};

}  // namespace sgscope::ingest
