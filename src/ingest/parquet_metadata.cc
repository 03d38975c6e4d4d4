// Parquet footer and page header decoding on top of the Thrift compact reader. Only the
// fields a flat table needs are kept (types, levels, codecs, page offsets and sizes); all
// others are skipped. Field ids are those of parquet.thrift:
// https://github.com/apache/parquet-format/blob/master/src/main/thrift/parquet.thrift

#include "ingest/parquet_metadata.h"

#include <fmt/format.h>

namespace sgscope::ingest {

namespace {

// Field ids, from parquet.thrift.
enum : int16_t {
  kSchemaType = 1, kSchemaRepetition = 3, kSchemaName = 4, kSchemaChildren = 5,                     // SchemaElement
  kFileSchema = 2, kFileNumRows = 3, kFileRowGroups = 4, kFileCreatedBy = 6,                        // FileMetaData
  kGroupColumns = 1, kGroupNumRows = 3,                                                              // RowGroup
  kChunkFilePath = 1, kChunkMetadata = 3,                                                            // ColumnChunk
  kMetaType = 1, kMetaPath = 3, kMetaCodec = 4, kMetaNumValues = 5, kMetaCompressedSize = 7,         // ColumnMetaData
  kMetaDataPageOffset = 9, kMetaDictionaryPageOffset = 11,
  kPageType = 1, kPageUncompressed = 2, kPageCompressed = 3, kPageData = 5, kPageDictionary = 7,     // PageHeader
  kPageDataV2 = 8,
};
enum RepetitionType : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };
constexpr int kMaxSchemaDepth = 16;
// An empty struct is one byte, so a large corrupt footer could list tens of millions of
// them; real files have a few hundred columns and thousands of row groups at most.
constexpr size_t kMaxListed = 1 << 20;

// One SchemaElement as written (a flattened depth-first tree).
struct SchemaElement {
  std::optional<ParquetType> type;
  int32_t repetition = kRequired;
  std::string name;
  int32_t children = 0;
};

// Calls `field(id, type)` for each field of the struct that starts at the reader.
template <typename Field>
void ReadStruct(ThriftCompactReader& in, Field&& field) {
  in.BeginStruct();
  int16_t id;
  ThriftType type;
  while (in.NextField(id, type)) field(id, type);
}

// Calls `element()` for each element of a list of structs (or other types).
template <typename Element>
void ReadList(ThriftCompactReader& in, ThriftType type, Element&& element) {
  if (type != ThriftType::kList) return in.Skip(type);
  ThriftType element_type;
  uint32_t n = in.ReadListHeader(element_type);
  if (n > kMaxListed) return in.Fail(fmt::format("list of {} elements", n));
  for (uint32_t i = 0; i < n && in.ok(); ++i) element(element_type);
}

SchemaElement ReadSchemaElement(ThriftCompactReader& in) {
  SchemaElement e;
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (id == kSchemaType && type == ThriftType::kI32) e.type = static_cast<ParquetType>(in.ReadI32());
    else if (id == kSchemaRepetition && type == ThriftType::kI32) e.repetition = in.ReadI32();
    else if (id == kSchemaName && type == ThriftType::kBinary) e.name = in.ReadBinary();
    else if (id == kSchemaChildren && type == ThriftType::kI32) e.children = in.ReadI32();
    else in.Skip(type);
  });
  return e;
}

ParquetColumnChunk ReadColumnMetadata(ThriftCompactReader& in) {
  ParquetColumnChunk c;
  c.has_metadata = true;
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (id == kMetaType && type == ThriftType::kI32) c.type = static_cast<ParquetType>(in.ReadI32());
    else if (id == kMetaPath) ReadList(in, type, [&](ThriftType t) {
      t == ThriftType::kBinary ? void(c.path.emplace_back(in.ReadBinary())) : in.Skip(t);
    });
    else if (id == kMetaCodec && type == ThriftType::kI32) c.codec = static_cast<ParquetCodec>(in.ReadI32());
    else if (id == kMetaNumValues && type == ThriftType::kI64) c.num_values = in.ReadI64();
    else if (id == kMetaCompressedSize && type == ThriftType::kI64) c.total_compressed_size = in.ReadI64();
    else if (id == kMetaDataPageOffset && type == ThriftType::kI64) c.data_page_offset = in.ReadI64();
    else if (id == kMetaDictionaryPageOffset && type == ThriftType::kI64) c.dictionary_page_offset = in.ReadI64();
    else in.Skip(type);
  });
  return c;
}

ParquetColumnChunk ReadColumnChunk(ThriftCompactReader& in) {
  ParquetColumnChunk c;
  bool external = false;
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (id == kChunkFilePath && type == ThriftType::kBinary) external = !in.ReadBinary().empty();
    else if (id == kChunkMetadata && type == ThriftType::kStruct) c = ReadColumnMetadata(in);
    else in.Skip(type);
  });
  c.external = external;
  return c;
}

// `chunks` counts the column chunks of all row groups so far.
ParquetRowGroup ReadRowGroup(ThriftCompactReader& in, size_t& chunks) {
  ParquetRowGroup g;
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (id == kGroupColumns) ReadList(in, type, [&](ThriftType t) {
      if (++chunks > kMaxListed) return in.Fail("more than 2^20 column chunks");
      t == ThriftType::kStruct ? void(g.columns.push_back(ReadColumnChunk(in))) : in.Skip(t);
    });
    else if (id == kGroupNumRows && type == ThriftType::kI64) g.num_rows = in.ReadI64();
    else in.Skip(type);
  });
  return g;
}

// Walks the flattened schema tree from `index` (the node's first child) and appends its
// leaves; `index` ends past the subtree. False when the tree is malformed.
bool CollectLeaves(const std::vector<SchemaElement>& schema, size_t& index, int32_t children, const ParquetLeaf& parent,
                   int depth, std::vector<ParquetLeaf>& leaves) {
  if (depth > kMaxSchemaDepth) return false;
  for (int32_t i = 0; i < children; ++i) {
    if (index >= schema.size()) return false;
    const SchemaElement& e = schema[index++];
    ParquetLeaf leaf = parent;
    leaf.name = parent.name.empty() ? e.name : parent.name + "." + e.name;
    leaf.max_definition += e.repetition != kRequired;
    leaf.max_repetition += e.repetition == kRepeated;
    if (e.children < 0) return false;
    if (e.children == 0) {
      leaf.type = e.type;
      leaves.push_back(std::move(leaf));
    } else if (!CollectLeaves(schema, index, e.children, leaf, depth + 1, leaves)) {
      return false;
    }
  }
  return true;
}

}  // namespace

int64_t ParquetColumnChunk::start() const {
  // Some writers store 0 for "no dictionary page"; a dictionary page precedes the data pages.
  if (dictionary_page_offset > 0 && dictionary_page_offset < data_page_offset) return dictionary_page_offset;
  return data_page_offset;
}

std::optional<ParquetFileMetadata> ParseParquetFileMetadata(std::string_view bytes, std::string& error) {
  ThriftCompactReader in(bytes);
  ParquetFileMetadata file;
  std::vector<SchemaElement> schema;
  size_t chunks = 0;
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (id == kFileSchema) ReadList(in, type, [&](ThriftType t) {
      t == ThriftType::kStruct ? schema.push_back(ReadSchemaElement(in)) : in.Skip(t);
    });
    else if (id == kFileNumRows && type == ThriftType::kI64) file.num_rows = in.ReadI64();
    else if (id == kFileRowGroups) ReadList(in, type, [&](ThriftType t) {
      t == ThriftType::kStruct ? file.row_groups.push_back(ReadRowGroup(in, chunks)) : in.Skip(t);
    });
    else if (id == kFileCreatedBy && type == ThriftType::kBinary) file.created_by = in.ReadBinary();
    else in.Skip(type);
  });
  if (!in.ok()) {
    error = "file metadata: " + in.error();
    return std::nullopt;
  }
  size_t index = 1;
  if (schema.empty() || !CollectLeaves(schema, index, schema[0].children, {}, 0, file.leaves) ||
      index != schema.size()) {
    error = "file metadata: the schema is not a tree of columns";
    return std::nullopt;
  }
  return file;
}

namespace {

void ReadDataPageHeader(ThriftCompactReader& in, ParquetPageHeader& page) {
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (type != ThriftType::kI32) return in.Skip(type);
    int32_t v = in.ReadI32();
    if (id == 1) page.num_values = v;
    else if (id == 2) page.encoding = static_cast<ParquetEncoding>(v);
    else if (id == 3) page.definition_encoding = static_cast<ParquetEncoding>(v);
  });
}

void ReadDictionaryPageHeader(ThriftCompactReader& in, ParquetPageHeader& page) {
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (type != ThriftType::kI32) return in.Skip(type);
    int32_t v = in.ReadI32();
    if (id == 1) page.num_values = v;
    else if (id == 2) page.encoding = static_cast<ParquetEncoding>(v);
  });
}

void ReadDataPageHeaderV2(ThriftCompactReader& in, ParquetPageHeader& page) {
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (id == 7 && (type == ThriftType::kTrue || type == ThriftType::kFalse))
      return void(page.values_compressed = in.ReadBool(type));
    if (type != ThriftType::kI32) return in.Skip(type);
    int32_t v = in.ReadI32();
    if (id == 1) page.num_values = v;
    else if (id == 2) page.num_nulls = v;
    else if (id == 4) page.encoding = static_cast<ParquetEncoding>(v);
    else if (id == 5) page.definition_bytes = v;
    else if (id == 6) page.repetition_bytes = v;
  });
}

}  // namespace

std::optional<ParquetPageHeader> ParseParquetPageHeader(std::string_view bytes, size_t& header_size,
                                                        std::string& error) {
  ThriftCompactReader in(bytes);
  ParquetPageHeader page;
  ReadStruct(in, [&](int16_t id, ThriftType type) {
    if (id == kPageType && type == ThriftType::kI32) page.type = static_cast<ParquetPageType>(in.ReadI32());
    else if (id == kPageUncompressed && type == ThriftType::kI32) page.uncompressed_size = in.ReadI32();
    else if (id == kPageCompressed && type == ThriftType::kI32) page.compressed_size = in.ReadI32();
    else if (id == kPageData && type == ThriftType::kStruct) ReadDataPageHeader(in, page);
    else if (id == kPageDictionary && type == ThriftType::kStruct) ReadDictionaryPageHeader(in, page);
    else if (id == kPageDataV2 && type == ThriftType::kStruct) ReadDataPageHeaderV2(in, page);
    else in.Skip(type);
  });
  if (!in.ok()) {
    error = "page header: " + in.error();
    return std::nullopt;
  }
  if (page.uncompressed_size < 0 || page.compressed_size < 0 || page.num_values < 0 || page.num_nulls < 0 ||
      page.definition_bytes < 0 || page.repetition_bytes < 0) {
    error = "page header: negative size or count";
    return std::nullopt;
  }
  header_size = in.position();
  return page;
}

std::string ParquetTypeName(ParquetType type) {
  static constexpr const char* kNames[] = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY",
                                           "FIXED_LEN_BYTE_ARRAY"};
  auto i = static_cast<int32_t>(type);
  return i >= 0 && i < 8 ? kNames[i] : fmt::format("type {}", i);
}

std::string ParquetCodecName(ParquetCodec codec) {
  static constexpr const char* kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  auto i = static_cast<int32_t>(codec);
  return i >= 0 && i < 8 ? kNames[i] : fmt::format("codec {}", i);
}

std::string ParquetEncodingName(ParquetEncoding encoding) {
  static constexpr const char* kNames[] = {"PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED",
                                           "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
                                           "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
  auto i = static_cast<int32_t>(encoding);
  return i >= 0 && i < 10 ? kNames[i] : fmt::format("encoding {}", i);
}

}  // namespace sgscope::ingest
