#pragma once
// The parts of Parquet's file metadata (footer) and page headers a flat flow log table needs:
// https://github.com/apache/parquet-format/blob/master/src/main/thrift/parquet.thrift

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/thrift_compact.h"

namespace sgscope::ingest {

// Physical types, compression codecs, encodings and page types as parquet.thrift numbers them.
enum class ParquetType : int32_t {
  kBoolean = 0, kInt32 = 1, kInt64 = 2, kInt96 = 3, kFloat = 4, kDouble = 5, kByteArray = 6, kFixedLenByteArray = 7
};
enum class ParquetCodec : int32_t {
  kUncompressed = 0, kSnappy = 1, kGzip = 2, kLzo = 3, kBrotli = 4, kLz4 = 5, kZstd = 6, kLz4Raw = 7
};
enum class ParquetEncoding : int32_t {
  kPlain = 0, kPlainDictionary = 2, kRle = 3, kBitPacked = 4, kDeltaBinaryPacked = 5, kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7, kRleDictionary = 8, kByteStreamSplit = 9
};
enum class ParquetPageType : int32_t { kData = 0, kIndex = 1, kDictionary = 2, kDataV2 = 3 };

std::string ParquetTypeName(ParquetType type);
std::string ParquetCodecName(ParquetCodec codec);
std::string ParquetEncodingName(ParquetEncoding encoding);

// One leaf column of the schema: its dotted path and how many levels it can be null or repeat at.
struct ParquetLeaf {
  std::string name;  // path elements joined by '.'; a flat table's column name
  std::optional<ParquetType> type;
  int max_definition = 0;  // 0: required; 1: an optional top-level column
  int max_repetition = 0;  // > 0: a repeated (list) column
};

// Where a column chunk's pages are, and how they are stored.
struct ParquetColumnChunk {
  std::optional<ParquetType> type;
  ParquetCodec codec = ParquetCodec::kUncompressed;
  std::vector<std::string> path;
  int64_t num_values = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = -1;
  int64_t dictionary_page_offset = -1;  // -1 when the chunk has no dictionary page
  bool external = false;                // file_path set: the pages live in another file
  bool has_metadata = false;

  // The first page (the dictionary page when there is one).
  int64_t start() const;
};

struct ParquetRowGroup {
  int64_t num_rows = 0;
  std::vector<ParquetColumnChunk> columns;
};

struct ParquetFileMetadata {
  int64_t num_rows = 0;
  std::vector<ParquetLeaf> leaves;
  std::vector<ParquetRowGroup> row_groups;
  std::string created_by;
};

struct ParquetPageHeader {
  ParquetPageType type = ParquetPageType::kData;
  int32_t uncompressed_size = 0;
  int32_t compressed_size = 0;
  int32_t num_values = 0;
  ParquetEncoding encoding = ParquetEncoding::kPlain;
  ParquetEncoding definition_encoding = ParquetEncoding::kRle;  // data page v1
  // Data page v2: levels stored uncompressed before the (maybe compressed) values.
  int32_t num_nulls = 0;
  int32_t definition_bytes = 0;
  int32_t repetition_bytes = 0;
  bool values_compressed = true;
};

// Decodes the FileMetaData struct (the footer between the data and the length + "PAR1").
// Fails with `error` on bad Thrift or a schema that is not a tree.
std::optional<ParquetFileMetadata> ParseParquetFileMetadata(std::string_view bytes, std::string& error);

// Decodes a page header at the start of `bytes`; `header_size` receives its length.
std::optional<ParquetPageHeader> ParseParquetPageHeader(std::string_view bytes, size_t& header_size,
                                                        std::string& error);

}  // namespace sgscope::ingest
