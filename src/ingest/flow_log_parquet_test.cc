// The Parquet flow log reader against the fixtures of tests/data/flow_logs/parquet: files
// written by DuckDB (bench/peers/parquet_fixtures.mjs) whose rows hyparquet, an independent
// reader, wrote into <name>.expected.json. Every row and field must match; truncated and
// corrupted copies must end in diagnostics, never a crash.

#include "ingest/flow_log_parquet.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "ingest/flow_log_test_support.h"
#include "ingest/parquet_metadata.h"

namespace sgscope::ingest {
namespace {

namespace fs = std::filesystem;
using testing::Fields;
using testing::Read;
using testing::ReadAll;
using testing::Scratch;
using testing::Slurp;
using testing::Write;

fs::path Fixtures() { return fs::path(SGSCOPE_SOURCE_DIR) / "tests/data/flow_logs/parquet"; }

constexpr const char* kFixtures[] = {"v2_gzip", "v5_snappy_hyphens", "v8_uncompressed_plain", "v2_pages_v2_snappy"};

bool IsAddress(FlowField f) {
  return f == FlowField::kSrcAddr || f == FlowField::kDstAddr || f == FlowField::kPktSrcAddr ||
         f == FlowField::kPktDstAddr;
}

// hyparquet's value as the text reader would hold it: absent for null, addresses in
// canonical form, start/end in seconds (the text reader's millisecond rule).
std::optional<std::string> ExpectedText(FlowField field, simdjson::dom::element value) {
  if (value.is_null()) return std::nullopt;
  if (value.is_string()) {
    std::string text(value.get_string().value());
    if (IsAddress(field)) return IpAddress::Parse(text)->ToString();
    return text;
  }
  uint64_t n = value.get_uint64().value();
  if ((field == FlowField::kStart || field == FlowField::kEnd) && n >= 100'000'000'000ull) n /= 1000;
  return std::to_string(n);
}

// One fixture's expected JSON, parsed (the DOM lives as long as its parser).
struct Expected {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
};

void LoadExpected(const std::string& name, Expected& expected) {
  expected.root = expected.parser.load((Fixtures() / (name + ".expected.json")).string()).value();
}

// Rows as Fields (field name -> text), unknown columns left out.
std::vector<Fields> ExpectedRows(simdjson::dom::element root) {
  std::vector<Fields> rows;
  for (simdjson::dom::object row : root["rows"].get_array()) {
    Fields fields;
    for (auto [key, value] : row) {
      std::string name(key);
      std::replace(name.begin(), name.end(), '_', '-');
      std::optional<FlowField> field = FlowFieldByName(name);
      if (!field) continue;
      if (std::optional<std::string> text = ExpectedText(*field, value)) fields[name] = *text;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

FlowLogReaderOptions KeepAll(size_t batch_records = 7) {
  FlowLogReaderOptions options;
  options.keep_status_records = true;
  options.batch_records = batch_records;  // several batches per row group
  return options;
}

class ParquetFixture : public ::testing::TestWithParam<const char*> {};

TEST_P(ParquetFixture, EveryRowAndFieldAsHyparquetReadsThem) {
  std::string name = GetParam();
  Expected expected;
  LoadExpected(name, expected);
  std::vector<Fields> rows = ExpectedRows(expected.root);
  ASSERT_GT(rows.size(), 10u);
  EXPECT_GT(expected.root["row_groups"].get_int64().value(), 1) << "the fixture should have several row groups";

  Read read = ReadAll({Fixtures() / (name + ".parquet")}, KeepAll());
  ASSERT_EQ(read.records.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(read.records[i], rows[i]) << name << " row " << i + 1;
    EXPECT_EQ(read.lines[i], i + 1);
  }
  const FlowLogStats& stats = read.result.stats;
  EXPECT_EQ(stats.files, 1u);
  EXPECT_EQ(stats.unreadable_files, 0u);
  EXPECT_EQ(stats.lines, rows.size());
  EXPECT_EQ(stats.records, rows.size());
  EXPECT_EQ(stats.malformed, 0u);
  EXPECT_GT(stats.no_data, 0u);
  EXPECT_GT(stats.bytes, 0u);
  for (const Diagnostic& d : read.result.diagnostics.items())
    EXPECT_EQ(d.severity, Severity::kWarning) << d.file << " " << d.path << ": " << d.message;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ParquetFixture, ::testing::ValuesIn(kFixtures));

// What the fixtures exercise, as hyparquet saw it (so a regenerated fixture cannot quietly
// lose a codec or an encoding).
TEST(FlowLogParquet, FixturesCoverCodecsEncodingsAndPageVersions) {
  std::set<std::string> codecs, encodings;
  for (const char* name : kFixtures) {
    Expected expected;
    LoadExpected(name, expected);
    for (std::string_view c : expected.root["codecs"].get_array()) codecs.emplace(c);
    for (std::string_view e : expected.root["encodings"].get_array()) encodings.emplace(e);
  }
  EXPECT_EQ(codecs, (std::set<std::string>{"GZIP", "SNAPPY", "UNCOMPRESSED"}));
  for (const char* e :
       {"PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY"})
    EXPECT_TRUE(encodings.count(e)) << e;
}

TEST(FlowLogParquet, ValuesAreTypedLikeTextRecords) {
  Read read = ReadAll({Fixtures() / "v5_snappy_hyphens.parquet"}, KeepAll());
  ASSERT_GE(read.records.size(), 10u);
  // Row 4 (i = 3): start written in milliseconds, read in seconds.
  EXPECT_EQ(read.records[3].at("start"), "1700000000");
  // Row 5 (i = 4): IPv6, canonical text.
  EXPECT_EQ(read.records[4].at("srcaddr"), "2001:db8:1::1c");
  EXPECT_EQ(read.records[4].at("type"), "IPv6");
  // Row 11 (i = 10): NODATA, its traffic columns null -> absent.
  EXPECT_EQ(read.records[10].at("log-status"), "NODATA");
  EXPECT_FALSE(read.records[10].count("srcaddr"));
  EXPECT_FALSE(read.records[10].count("packets"));
}

TEST(FlowLogParquet, NoDataRecordsCountedNotDelivered) {
  Read read = ReadAll({Fixtures() / "v2_gzip.parquet"});
  const FlowLogStats& stats = read.result.stats;
  EXPECT_EQ(stats.records, 40u);
  EXPECT_EQ(stats.no_data, 3u);  // rows 11, 22, 33
  EXPECT_EQ(stats.delivered, 37u);
  EXPECT_EQ(read.records.size(), 37u);
  // Row 8 (i = 7): bytes above 2^53, exact.
  EXPECT_EQ(read.records[7].at("bytes"), "9007199254740993");
}

TEST(FlowLogParquet, UnknownColumnsAreSkippedWithAWarning) {
  Read read = ReadAll({Fixtures() / "v8_uncompressed_plain.parquet"});
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  const Diagnostic& d = read.result.diagnostics.items()[0];
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.path, "columns");
  EXPECT_EQ(d.message, "unknown fields resource_note, score are skipped");
}

TEST(FlowLogParquet, TransitGatewayFilesAreCountedAndSkipped) {
  Read read = ReadAll({Fixtures() / "tgw_skipped.parquet"});
  EXPECT_TRUE(read.records.empty());
  EXPECT_EQ(read.result.stats.transit_gateway, 12u);
  EXPECT_EQ(read.result.stats.records, 0u);
  EXPECT_EQ(read.result.stats.lines, 12u);
}

// A known field of an unsupported type: the column is named in an error and, being the only
// known one, its rows are lost (counted as malformed); nothing is made up.
TEST(FlowLogParquet, UnsupportedColumnTypesAreDiagnosed) {
  Read read = ReadAll({Fixtures() / "srcport_double.parquet"});
  EXPECT_TRUE(read.records.empty());
  EXPECT_EQ(read.result.stats.malformed, 5u);
  EXPECT_EQ(read.result.stats.lines, 5u);
  std::vector<std::string> seen;
  for (const Diagnostic& d : read.result.diagnostics.items())
    seen.push_back(std::string(SeverityName(d.severity)) + " " + d.path + ": " + d.message);
  EXPECT_EQ(seen, (std::vector<std::string>{"warning columns: unknown fields note are skipped",
                                            "error row group 0, column srcport: type DOUBLE is not supported"}));
}

TEST(FlowLogParquet, FilesWithoutFlowLogColumnsAreUnreadable) {
  Read read = ReadAll({Fixtures() / "no_flow_columns.parquet"});
  EXPECT_EQ(read.result.stats.unreadable_files, 1u);
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  EXPECT_EQ(read.result.diagnostics.items()[0].message, "no column is a flow log field");
}

// A Parquet file built by hand, for what DuckDB does not write: REQUIRED columns (no
// definition levels), one uncompressed PLAIN data page per column, Thrift compact encoded.
class HandMadeParquet {
 public:
  // Adds a REQUIRED column whose one page holds `values` (PLAIN encoded) of `type`.
  void Column(std::string name, ParquetType type, std::string page, int rows) {
    columns_.push_back({std::move(name), type, std::move(page), rows});
  }

  std::string Bytes() const {
    std::string file = "PAR1", footer;
    std::vector<int64_t> offsets, sizes;
    for (const ColumnSpec& c : columns_) {
      std::string header;
      I32(header, 1, 0);  // DATA_PAGE
      I32(header, 1, static_cast<int32_t>(c.page.size()));
      I32(header, 1, static_cast<int32_t>(c.page.size()));
      header += '\x2c';  // field 5 (data_page_header): struct
      I32(header, 1, c.rows), I32(header, 1, 0), I32(header, 1, 3), I32(header, 1, 3);
      header += std::string("\0\0", 2);
      offsets.push_back(static_cast<int64_t>(file.size()));
      sizes.push_back(static_cast<int64_t>(header.size() + c.page.size()));
      file += header + c.page;
    }
    I32(footer, 1, 1);  // version
    footer += '\x19', footer += static_cast<char>((columns_.size() + 1) << 4 | 12);  // schema list
    Binary(footer, 4, "schema"), I32(footer, 1, static_cast<int32_t>(columns_.size())), footer += '\0';
    for (const ColumnSpec& c : columns_)
      I32(footer, 1, static_cast<int32_t>(c.type)), I32(footer, 2, 0), Binary(footer, 1, c.name), footer += '\0';
    I64(footer, 1, columns_.empty() ? 0 : columns_[0].rows);
    footer += "\x19\x1c\x19", footer += static_cast<char>(columns_.size() << 4 | 12);  // one row group
    for (size_t i = 0; i < columns_.size(); ++i) {
      I64(footer, 2, offsets[i]);
      footer += '\x1c';  // meta_data
      I32(footer, 1, static_cast<int32_t>(columns_[i].type));
      footer += std::string("\x19\x15\x00\x19\x18", 5), Varint(footer, columns_[i].name.size()), footer += columns_[i].name;
      I32(footer, 1, 0), I64(footer, 1, columns_[i].rows), I64(footer, 1, sizes[i]), I64(footer, 1, sizes[i]);
      I64(footer, 2, offsets[i]);
      footer += std::string("\0\0", 2);
    }
    I64(footer, 1, 0), I64(footer, 1, columns_.empty() ? 0 : columns_[0].rows), footer += '\0';
    footer += '\0';
    uint32_t length = static_cast<uint32_t>(footer.size());
    return file + footer + std::string(reinterpret_cast<const char*>(&length), 4) + "PAR1";
  }

  static std::string Int32s(std::initializer_list<int32_t> values) {
    std::string out;
    for (int32_t v : values) out.append(reinterpret_cast<const char*>(&v), 4);
    return out;
  }
  static std::string Strings(std::initializer_list<std::string_view> values) {
    std::string out;
    for (std::string_view v : values) {
      uint32_t n = static_cast<uint32_t>(v.size());
      out.append(reinterpret_cast<const char*>(&n), 4).append(v);
    }
    return out;
  }

 private:
  struct ColumnSpec {
    std::string name;
    ParquetType type;
    std::string page;
    int rows;
  };
  static void Varint(std::string& out, uint64_t v) {
    for (; v >= 0x80; v >>= 7) out += static_cast<char>(v | 0x80);
    out += static_cast<char>(v);
  }
  static void I64(std::string& out, int delta, int64_t v) {
    out += static_cast<char>(delta << 4 | 6);
    Varint(out, static_cast<uint64_t>(v) << 1 ^ static_cast<uint64_t>(v >> 63));
  }
  static void I32(std::string& out, int delta, int32_t v) {
    out += static_cast<char>(delta << 4 | 5);
    Varint(out, static_cast<uint64_t>(static_cast<int64_t>(v)) << 1 ^ static_cast<uint64_t>(int64_t{v} >> 63));
  }
  static void Binary(std::string& out, int delta, std::string_view v) {
    out += static_cast<char>(delta << 4 | 8);
    Varint(out, v.size());
    out += v;
  }
  std::vector<ColumnSpec> columns_;
};

TEST(FlowLogParquet, RequiredColumnsHaveNoDefinitionLevels) {
  HandMadeParquet file;
  file.Column("srcport", ParquetType::kInt32, HandMadeParquet::Int32s({22, 443, 70000}), 3);
  file.Column("action", ParquetType::kByteArray, HandMadeParquet::Strings({"ACCEPT", "REJECT", "ACCEPT"}), 3);
  fs::path dir = Scratch("parquet_required");
  Write(dir / "r.parquet", file.Bytes());
  Read read = ReadAll({dir / "r.parquet"});
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[0], (Fields{{"srcport", "22"}, {"action", "ACCEPT"}}));
  EXPECT_EQ(read.records[1], (Fields{{"srcport", "443"}, {"action", "REJECT"}}));
  // Row 3: the text reader's checks apply (ports 0-65535).
  EXPECT_EQ(read.result.stats.malformed, 1u);
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  EXPECT_EQ(read.result.diagnostics.items()[0].path, "row 3");
  EXPECT_EQ(read.result.diagnostics.items()[0].message, "malformed record: bad srcport '70000'");
}

// A page with fewer values than its header announces: the row group's rest is lost, the
// column named.
TEST(FlowLogParquet, ShortPagesLoseTheRestOfTheRowGroup) {
  HandMadeParquet file;
  file.Column("srcport", ParquetType::kInt32, HandMadeParquet::Int32s({22}), 3);
  fs::path dir = Scratch("parquet_short");
  Write(dir / "s.parquet", file.Bytes());
  Read read = ReadAll({dir / "s.parquet"});
  EXPECT_EQ(read.records.size(), 1u);
  EXPECT_EQ(read.result.stats.malformed, 2u);
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  const Diagnostic& d = read.result.diagnostics.items()[0];
  EXPECT_EQ(d.path, "row group 0, column srcport");
  EXPECT_EQ(d.message, "value past the end of the page");
}

TEST(FlowLogParquet, FoldersPickUpParquetFilesAndThreadsAgree) {
  fs::path dir = Scratch("parquet_folder");
  for (const char* name : kFixtures) {
    std::string file = std::string(name) + ".parquet";
    fs::copy_file(Fixtures() / file, dir / file);
  }
  Read one = ReadAll({dir}, KeepAll(5));
  FlowLogReaderOptions options = KeepAll(3);
  options.threads = 3;
  Read three = ReadAll({dir}, options);
  EXPECT_EQ(one.result.stats.files, 4u);
  EXPECT_EQ(one.result.stats, three.result.stats);
  EXPECT_EQ(one.records.size(), 40u + 30u + 20u + 24u);
  std::multiset<Fields> a(one.records.begin(), one.records.end()), b(three.records.begin(), three.records.end());
  EXPECT_EQ(a, b);
}

// Every way of cutting a file short breaks its trailer: a diagnostic, nothing delivered
// past the cut, no crash.
TEST(FlowLogParquet, TruncatedFilesAreDiagnosed) {
  fs::path dir = Scratch("parquet_truncated");
  for (const char* name : kFixtures) {
    std::string bytes = Slurp(Fixtures() / (std::string(name) + ".parquet"));
    for (size_t size = 4; size < bytes.size(); size += 1 + size / 8) {
      Write(dir / "cut.parquet", std::string_view(bytes).substr(0, size));
      Read read = ReadAll({dir / "cut.parquet"});
      EXPECT_EQ(read.result.stats.unreadable_files, 1u) << name << " cut at " << size;
      ASSERT_FALSE(read.result.diagnostics.items().empty()) << name << " cut at " << size;
      EXPECT_EQ(read.result.diagnostics.items()[0].file, (dir / "cut.parquet").string());
    }
  }
}

// Flipped bytes anywhere: the read ends (with the values that still decode), every
// unreadable file or lost row group is named in a diagnostic.
TEST(FlowLogParquet, CorruptedBytesNeverCrash) {
  fs::path dir = Scratch("parquet_flipped");
  size_t diagnosed = 0, runs = 0, column_problems = 0;
  for (const char* name : kFixtures) {
    std::string bytes = Slurp(Fixtures() / (std::string(name) + ".parquet"));
    for (size_t at = 0; at < bytes.size(); at += 1 + bytes.size() / 200) {
      std::string copy = bytes;
      copy[at] = static_cast<char>(copy[at] ^ (at % 3 == 0 ? 0xff : 0x10));
      Write(dir / "flip.parquet", copy);
      Read read = ReadAll({dir / "flip.parquet"}, KeepAll());
      ++runs;
      const FlowLogStats& s = read.result.stats;
      if (s.unreadable_files || s.malformed) {
        ++diagnosed;
        EXPECT_FALSE(read.result.diagnostics.items().empty()) << name << " flipped at " << at;
      }
      for (const Diagnostic& d : read.result.diagnostics.items())
        column_problems += d.severity == Severity::kError && d.path.starts_with("row group ");
    }
  }
  EXPECT_GT(diagnosed, runs / 4);  // most flips hit metadata, sizes or compressed data
  EXPECT_GT(column_problems, 0u);  // some name the row group and column they hit
}

TEST(FlowLogParquet, BadMagicAndTinyFiles) {
  fs::path dir = Scratch("parquet_bad");
  Write(dir / "a.parquet", "PAR1");
  Write(dir / "b.parquet", std::string("PAR1\0\0\0\0\0\0\0\0PAR0", 16));
  Write(dir / "c.parquet", std::string("PAR1\xff\xff\xff\x7f\xff\xff\xff\x7fPAR1", 16));
  Write(dir / "d.parquet", std::string("PAR1\0\0\0\0PAR1", 12));
  Read read = ReadAll({dir});
  EXPECT_EQ(read.result.stats.unreadable_files, 4u);
  std::vector<std::string> messages;
  for (const Diagnostic& d : read.result.diagnostics.items()) messages.push_back(d.message);
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0], "Parquet file of 4 bytes");
  EXPECT_EQ(messages[1], "Parquet file without PAR1 at its end (truncated?)");
  EXPECT_EQ(messages[2], "footer of 2147483647 bytes does not fit the file of 16 bytes");
  EXPECT_EQ(messages[3], "file metadata: thrift byte 0: truncated");
}

}  // namespace
}  // namespace sgscope::ingest
