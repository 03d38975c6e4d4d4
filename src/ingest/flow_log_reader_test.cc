// The flow log reader over the real samples in ../shared/data/vpc_flow_logs (values from
// flowlogs_reader/expected_parse.json and the AWS documentation examples), gzip files
// written here with libdeflate (several members, lines cut across members), CloudWatch
// Logs JSON exports, malformed lines, folders and threads.

#include "ingest/flow_log_reader.h"

#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "ingest/flow_log_input.h"
#include "ingest/flow_log_line.h"
#include "ingest/flow_log_test_support.h"
#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

namespace fs = std::filesystem;
using ingest::testing::Fields;
using ingest::testing::Read;
using ingest::testing::ReadAll;
using ingest::testing::Scratch;
using ingest::testing::SharedData;
using ingest::testing::Slurp;
using ingest::testing::Write;

fs::path Samples() { return SharedData() / "vpc_flow_logs"; }

#define REQUIRE_SAMPLES()                                          \
  if (!fs::is_directory(Samples())) {                              \
    GTEST_SKIP() << "no samples at " << Samples();                 \
  }

// expected_parse.json's key "src_port" is field "src-port"; numbers become their digits.
Fields ExpectedFields(simdjson::ondemand::object object, bool& subset) {
  Fields fields;
  subset = false;
  for (auto member : object) {
    std::string key(std::string_view(member.unescaped_key()));
    if (key == "_note") {
      subset = true;
      continue;
    }
    std::replace(key.begin(), key.end(), '_', '-');
    simdjson::ondemand::value value = member.value();
    if (value.type() == simdjson::ondemand::json_type::number)
      fields[key] = std::to_string(int64_t(value.get_int64()));
    else
      fields[key] = std::string(std::string_view(value.get_string()));
  }
  return fields;
}

void ExpectFields(const Fields& expected, const Fields& actual, bool subset, const std::string& where) {
  for (const auto& [key, value] : expected) {
    auto it = actual.find(key);
    EXPECT_TRUE(it != actual.end() && it->second == value) << where << " " << key << " expected " << value;
  }
  if (!subset) {
    EXPECT_EQ(actual.size(), expected.size()) << where;
  }
}

TEST(FlowLogReaderTest, FlowlogsReaderSamplesParseToTheirExpectedValues) {
  REQUIRE_SAMPLES();
  fs::path dir = Samples() / "flowlogs_reader";
  simdjson::padded_string json = simdjson::padded_string::load((dir / "expected_parse.json").string());
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc = parser.iterate(json);
  FlowLogReaderOptions options;
  options.keep_status_records = true;
  size_t checked = 0;
  for (auto member : doc.get_object()) {
    std::string key(std::string_view(member.unescaped_key()));
    if (key == "_note") continue;
    std::string file = key.substr(0, key.find('#'));
    Read read = ReadAll({dir / file}, options);
    EXPECT_EQ(read.result.stats.malformed, 0u) << file;
    simdjson::ondemand::value value = member.value();
    if (value.type() == simdjson::ondemand::json_type::array) {
      // The whole file, record by record.
      size_t i = 0;
      for (auto element : value.get_array()) {
        bool subset;
        Fields expected = ExpectedFields(element.get_object(), subset);
        ASSERT_LT(i, read.records.size()) << key;
        ExpectFields(expected, read.records[i], subset, key + "[" + std::to_string(i) + "]");
        ++i, ++checked;
      }
      EXPECT_EQ(i, read.records.size()) << key;
    } else if (value.type() == simdjson::ondemand::json_type::object) {
      uint32_t line = std::stoul(key.substr(key.find('#') + 1));
      auto at = std::find(read.lines.begin(), read.lines.end(), line);
      ASSERT_NE(at, read.lines.end()) << key;
      bool subset;
      Fields expected = ExpectedFields(value.get_object(), subset);
      ExpectFields(expected, read.records[at - read.lines.begin()], subset, key);
      ++checked;
    } else if (key == "cwl_v2_records_mixed_tgw.log#3") {
      // "is NOT a VPC v2 record": skipped and counted; the other four lines are records.
      EXPECT_EQ(read.result.stats.transit_gateway, 1u);
      EXPECT_EQ(read.lines, (std::vector<uint32_t>{1, 2, 4, 5}));
      ++checked;
    }
  }
  EXPECT_EQ(checked, 10u);
}

TEST(FlowLogReaderTest, NoDataAndSkipDataAreCountedNotDelivered) {
  REQUIRE_SAMPLES();
  Read read = ReadAll({Samples() / "flowlogs_reader/cwl_v2_records.log"});
  EXPECT_EQ(read.result.stats.records, 5u);
  EXPECT_EQ(read.result.stats.no_data, 1u);
  EXPECT_EQ(read.result.stats.skip_data, 1u);
  EXPECT_EQ(read.result.stats.delivered, 3u);
  EXPECT_EQ(read.lines, (std::vector<uint32_t>{1, 2, 3}));
}

TEST(FlowLogReaderTest, AwsDocumentationExamples) {
  REQUIRE_SAMPLES();
  fs::path dir = Samples() / "awsdocs";
  // "SSH traffic (dst port 22, TCP) to eni-1235b8ca123456789 in account 123456789010 was
  // allowed"; "RDP traffic (dst port 3389, TCP) ... was rejected"; an IPv6 SSH record.
  Read v2 = ReadAll({dir / "default_v2_examples.log"});
  EXPECT_EQ(v2.result.stats.headers, 1u);
  EXPECT_EQ(v2.result.stats.records, 7u);
  EXPECT_EQ(v2.result.stats.no_data, 1u);
  EXPECT_EQ(v2.result.stats.skip_data, 1u);
  ASSERT_EQ(v2.records.size(), 5u);
  EXPECT_EQ(v2.records[0].at("dstport"), "22");
  EXPECT_EQ(v2.records[0].at("action"), "ACCEPT");
  EXPECT_EQ(v2.records[0].at("interface-id"), "eni-1235b8ca123456789");
  EXPECT_EQ(v2.records[0].at("account-id"), "123456789010");
  EXPECT_EQ(v2.records[1].at("dstport"), "3389");
  EXPECT_EQ(v2.records[1].at("action"), "REJECT");
  EXPECT_EQ(v2.records[2].at("protocol"), "1");  // the ping and its blocked response
  EXPECT_EQ(v2.records[3].at("action"), "REJECT");
  EXPECT_EQ(v2.records[4].at("srcaddr"), "2001:db8:1234:a100:8d6e:3477:df66:f105");
  EXPECT_EQ(v2.lines, (std::vector<uint32_t>{2, 3, 6, 7, 8}));

  // TCP flags 2 (SYN), 18 (SYN-ACK), 1 (FIN), 3 (SYN+FIN), 19 (SYN-ACK+FIN); the last line
  // has a double space in the documentation.
  Read flags = ReadAll({dir / "custom_v3_tcp_flags.log"});
  std::vector<std::string> seen;
  for (const Fields& f : flags.records) seen.push_back(f.at("tcp-flags"));
  EXPECT_EQ(seen, (std::vector<std::string>{"2", "18", "2", "18", "1", "1", "3", "19"}));
  EXPECT_EQ(flags.records.back().at("pkt-dstaddr"), "52.213.180.42");

  // The NAT gateway's interface has no instance and sees the original addresses in pkt-*.
  Read nat = ReadAll({dir / "custom_nat_gateway.log"});
  ASSERT_EQ(nat.records.size(), 6u);
  EXPECT_EQ(nat.records[0].count("instance-id"), 0u);
  EXPECT_EQ(nat.records[0].at("dstaddr"), "10.0.0.220");
  EXPECT_EQ(nat.records[0].at("pkt-dstaddr"), "203.0.113.5");
  EXPECT_EQ(nat.records[4].at("instance-id"), "i-01234567890123456");

  Read tgw = ReadAll({dir / "custom_v3_transit_gateway.log"});
  ASSERT_EQ(tgw.records.size(), 4u);
  EXPECT_EQ(tgw.records[2].count("instance-id"), 0u);
  EXPECT_EQ(tgw.records[2].at("pkt-srcaddr"), "10.20.33.164");
  EXPECT_EQ(tgw.records[2].at("srcaddr"), "10.40.1.175");

  // Ingress from S3 (no traffic path), egress to S3 through an internet gateway (8).
  Read v5 = ReadAll({dir / "custom_v5_traffic_path.log"});
  ASSERT_EQ(v5.records.size(), 2u);
  EXPECT_EQ(v5.records[0].at("pkt-src-aws-service"), "S3");
  EXPECT_EQ(v5.records[0].at("flow-direction"), "ingress");
  EXPECT_EQ(v5.records[0].count("traffic-path"), 0u);
  EXPECT_EQ(v5.records[0].count("sublocation-type"), 0u);
  EXPECT_EQ(v5.records[1].at("traffic-path"), "8");
  EXPECT_EQ(v5.records[1].at("pkt-dst-aws-service"), "S3");
  EXPECT_EQ(v5.records[1].at("az-id"), "apse2-az3");
  EXPECT_EQ(v5.records[1].size(), 26u);  // 29 columns, three of them "-"
}

TEST(FlowLogReaderTest, EverySampleFileInTheFolderReadsWithoutMalformedLines) {
  REQUIRE_SAMPLES();
  FlowLogReaderOptions options;
  options.keep_status_records = true;
  Read read = ReadAll({Samples()}, options);
  const FlowLogStats& s = read.result.stats;
  EXPECT_EQ(s.files, 12u);  // 11 logs and expected_parse.json (*.md are not flow logs)
  EXPECT_EQ(s.unreadable_files, 1u);
  EXPECT_EQ(s.malformed, 0u);
  EXPECT_EQ(s.headers, 8u);
  EXPECT_EQ(s.records, 43u);
  EXPECT_EQ(s.delivered, 43u);
  EXPECT_EQ(s.transit_gateway, 1u);
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  EXPECT_NE(read.result.diagnostics.items()[0].file.find("expected_parse.json"), std::string::npos);
  EXPECT_EQ(read.result.diagnostics.items()[0].message, "JSON without an events[] array of log events");
}

TEST(FlowLogReaderTest, GzipWithSeveralMembersCutMidLineReadsLikeThePlainFile) {
  REQUIRE_SAMPLES();
  fs::path dir = Scratch("gzip");
  std::string text = Slurp(Samples() / "awsdocs/custom_v3_tcp_flags.log");
  size_t cut = text.size() / 2 + 7;  // inside a line
  Write(dir / "two.log.gz", GzipMember(text.substr(0, cut)) + GzipMember(text.substr(cut)) + std::string(8, '\0'));
  // Two S3 objects concatenated: each member starts with its own header.
  std::string nat = Slurp(Samples() / "awsdocs/custom_nat_gateway.log");
  Write(dir / "objects.gz", GzipMember(text) + GzipMember(nat));

  Read plain = ReadAll({Samples() / "awsdocs/custom_v3_tcp_flags.log"});
  Read gzip = ReadAll({dir / "two.log.gz"});
  EXPECT_EQ(gzip.records, plain.records);
  EXPECT_EQ(gzip.lines, plain.lines);
  EXPECT_EQ(gzip.result.stats.malformed, 0u);
  EXPECT_EQ(gzip.result.stats.bytes, text.size());
  EXPECT_TRUE(gzip.result.diagnostics.items().empty());

  Read objects = ReadAll({dir / "objects.gz"});
  EXPECT_EQ(objects.result.stats.headers, 2u);
  EXPECT_EQ(objects.records.size(), 8u + 6u);
  EXPECT_EQ(objects.records.back().at("instance-id"), "i-01234567890123456");
  EXPECT_EQ(objects.lines.back(), 9u + 7u);
}

TEST(FlowLogReaderTest, CorruptGzipIsADiagnosticNotAFailure) {
  fs::path dir = Scratch("corrupt");
  std::string member = GzipMember("2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK\n");
  Write(dir / "a.gz", member + member.substr(0, member.size() - 5));
  Write(dir / "b.log", "2 1 eni-2 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK\n");
  Read read = ReadAll({dir});
  EXPECT_EQ(read.result.stats.unreadable_files, 1u);
  EXPECT_EQ(read.records.size(), 2u);  // the first member of a.gz, and b.log
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  const Diagnostic& d = read.result.diagnostics.items()[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_NE(d.file.find("a.gz"), std::string::npos);
  EXPECT_NE(d.message.find("byte " + std::to_string(member.size())), std::string::npos) << d.message;
}

TEST(FlowLogReaderTest, GzipChecksumAndSizeAreCheckedAndABadMemberDeliversNothing) {
  fs::path dir = Scratch("checksum");
  std::string good = GzipMember("2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK\n");
  std::string bad_crc = GzipMember("2 1 eni-2 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK\n"), bad_size = bad_crc;
  bad_crc[bad_crc.size() - 8] ^= 1;   // CRC-32, then ISIZE, close the member
  bad_size[bad_size.size() - 4] ^= 1;
  Write(dir / "crc.gz", good + bad_crc);
  Write(dir / "size.gz", good + bad_size);
  for (const char* name : {"crc.gz", "size.gz"}) {
    Read read = ReadAll({dir / name});
    EXPECT_EQ(read.result.stats.unreadable_files, 1u) << name;
    ASSERT_EQ(read.records.size(), 1u) << name;
    EXPECT_EQ(read.records[0].at("interface-id"), "eni-1");
    ASSERT_EQ(read.result.diagnostics.items().size(), 1u) << name;
    EXPECT_EQ(read.result.diagnostics.items()[0].message,
              "byte " + std::to_string(good.size()) + ": corrupt or truncated gzip member");
  }
}

TEST(FlowLogReaderTest, AGzipMemberLargerThanTheFirstBufferIsReadWhole) {
  // The buffer starts at 8 MB or the last member's size: a larger first member grows it.
  fs::path dir = Scratch("large");
  std::string text;
  for (int i = 0; i < 160'000; ++i)
    text += "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 " + std::to_string(i) + " 1 2 ACCEPT OK\n";
  ASSERT_GT(text.size(), 8u << 20);
  Write(dir / "large.gz", GzipMember(text, 1) + GzipMember("2 1 eni-2 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK\n"));
  uint64_t records = 0, bytes = 0;
  FlowLogReadResult result = ReadFlowLogs(std::vector<fs::path>{dir / "large.gz"}, {},
                                          [&](const FlowBatch& batch, unsigned) {
                                            for (const FlowRecord& r : batch.records) ++records, bytes += r.bytes;
                                          });
  EXPECT_EQ(result.stats.unreadable_files, 0u);
  EXPECT_EQ(result.stats.bytes, text.size() + 53);
  EXPECT_EQ(records, 160'001u);
  EXPECT_EQ(bytes, 159'999ull * 160'000 / 2 + 1);
}

TEST(FlowLogReaderTest, MalformedLinesAreCountedAndTheFirstOnesReported) {
  fs::path dir = Scratch("malformed");
  Write(dir / "bad.log",
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
        "log-status\n"
        "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK\r\n"
        "2 1 eni-1 10.0.0.1 10.0.0.2 1 99999 6 1 1 1 2 ACCEPT OK\n"
        "\n"
        "garbage\n"
        "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 MAYBE OK\n"
        "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 REJECT OK");
  FlowLogReaderOptions options;
  options.max_diagnostics = 2;
  Read read = ReadAll({dir / "bad.log"}, options);
  EXPECT_EQ(read.result.stats.malformed, 3u);
  EXPECT_EQ(read.result.stats.lines, 7u);
  EXPECT_EQ(read.lines, (std::vector<uint32_t>{2, 7}));
  ASSERT_EQ(read.result.diagnostics.items().size(), 2u);
  EXPECT_EQ(read.result.diagnostics.items()[0].path, "line 3");
  EXPECT_EQ(read.result.diagnostics.items()[0].message, "malformed record: bad dstport '99999'");
  EXPECT_EQ(read.result.diagnostics.items()[1].path, "line 5");
  EXPECT_EQ(read.result.diagnostics.items()[1].message, "malformed record: bad version 'garbage'");
}

TEST(FlowLogReaderTest, CloudWatchLogsJsonExport) {
  fs::path dir = Scratch("cwl");
  // The shape of `aws logs filter-log-events` output (FilteredLogEvent).
  Write(dir / "events.json", R"({"events": [
    {"logStreamName": "eni-102010ab-all", "timestamp": 1439387263000,
     "message": "2 123456789010 eni-102010ab 198.51.100.1 192.0.2.1 443 49152 6 10 840 1439387263 1439387264 ACCEPT OK",
     "ingestionTime": 1439387300000, "eventId": "1"},
    {"logStreamName": "eni-102010ab-all", "timestamp": 1439387263000, "message": "2 123456789010 eni-102010ab nope",
     "ingestionTime": 1439387300000, "eventId": "2"}],
   "searchedLogStreams": []})");
  Read read = ReadAll({dir / "events.json"});
  ASSERT_EQ(read.records.size(), 1u);
  EXPECT_EQ(read.records[0].at("bytes"), "840");
  EXPECT_EQ(read.result.stats.malformed, 1u);
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  EXPECT_EQ(read.result.diagnostics.items()[0].path, "events[1].message");
}

TEST(FlowLogReaderTest, ExplicitFieldsApplyUntilAHeader) {
  fs::path dir = Scratch("fields");
  Write(dir / "custom.log", "10.0.0.1 443\nsrcport srcaddr\n80 10.0.0.2\n");
  FlowLogReaderOptions options;
  std::string error;
  options.fields = FlowLogFormat::Parse("${srcaddr} ${srcport}", error);
  Read read = ReadAll({dir / "custom.log"}, options);
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[0], (Fields{{"srcaddr", "10.0.0.1"}, {"srcport", "443"}}));
  EXPECT_EQ(read.records[1], (Fields{{"srcaddr", "10.0.0.2"}, {"srcport", "80"}}));
}

TEST(FlowLogReaderTest, ThreadsAndSmallBatchesChangeNothing) {
  fs::path dir = Scratch("threads");
  for (int f = 0; f < 6; ++f) {
    std::string text;
    for (int i = 0; i < 50 + f; ++i)
      text += "2 1 eni-" + std::to_string(f) + " 10.0.0.1 10.0.0.2 " + std::to_string(i) +
              (i % 7 == 3 ? " x" : "") + " 22 6 1 1 1 2 ACCEPT OK\n";
    Write(dir / ("f" + std::to_string(f) + (f % 2 ? ".log.gz" : ".log")), f % 2 ? GzipMember(text) : text);
  }
  FlowLogReaderOptions one;
  one.max_diagnostics = 5;
  FlowLogReaderOptions many = one;
  many.threads = 3;
  many.batch_records = 4;
  Read a = ReadAll({dir}, one), b = ReadAll({dir}, many);
  EXPECT_EQ(a.result.stats, b.result.stats);
  EXPECT_EQ(a.result.stats.malformed, 45u);  // i % 7 == 3: seven in 50-52 lines, eight in 53-55
  EXPECT_EQ(a.result.stats.records, 315u - 45u);
  ASSERT_EQ(b.result.diagnostics.items().size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(a.result.diagnostics.items()[i].file, b.result.diagnostics.items()[i].file);
    EXPECT_EQ(a.result.diagnostics.items()[i].path, b.result.diagnostics.items()[i].path);
  }
  EXPECT_NE(b.result.diagnostics.items()[0].file.find("f0.log"), std::string::npos);
  std::multiset<Fields> sa(a.records.begin(), a.records.end()), sb(b.records.begin(), b.records.end());
  EXPECT_EQ(sa, sb);
}

// Every member of two records alike, text fields compared as the text they view.
void ExpectSameRecord(const FlowBatch& a, const FlowRecord& x, const FlowBatch& b, const FlowRecord& y) {
  auto values = [](const FlowRecord& r) {
    return std::tie(r.present, r.src, r.dst, r.pkt_src, r.pkt_dst, r.packets, r.bytes, r.start, r.end, r.line,
                    r.src_port, r.dst_port, r.tcp_flags, r.version, r.protocol, r.traffic_path, r.action,
                    r.log_status, r.direction, r.type);
  };
  EXPECT_TRUE(values(x) == values(y)) << "line " << x.line;
  for (size_t t = 0; t < kFlowTextCount; ++t)
    EXPECT_EQ(a.Text(x, static_cast<FlowText>(t)), b.Text(y, static_cast<FlowText>(t))) << "line " << x.line;
}

TEST(FlowLogReaderTest, ReusedRecordsKeepNothingOfTheLinesParsedIntoThemBefore) {
  // The reader parses text lines into the records of the batch before: a record must hold
  // what the same line parsed into a fresh record holds, whatever a custom-format, NODATA,
  // malformed or general-path line wrote there (small batches reuse each record often).
  fs::path dir = Scratch("reuse");
  const std::string custom = "version vpc-id instance-id pkt-srcaddr pkt-dstaddr tcp-flags flow-direction srcaddr "
                             "dstaddr start\n";
  const std::string v2 = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                         "start end action log-status\n";
  std::string text;
  for (int round = 0; round < 3; ++round) {
    text += custom;
    for (int i = 0; i < 5; ++i)
      text += "5 vpc-1 i-" + std::to_string(i) + " 10.0.0.9 10.0.0.8 2 ingress 10.0.0.1 10.0.0.2 1700000000\n";
    text += v2;
    for (int i = 0; i < 7; ++i) {
      text += "2 1 eni-" + std::to_string(i) + " 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK\n";
      if (i == 2) text += "2 1 eni-x - - - - - - - 1 2 - NODATA\n";
      if (i == 4) text += "2 1 eni-x 10.0.0.1 10.0.0.2 1 99999 6 1 1 1 2 ACCEPT OK\n";
      if (i == 5) text += "2 1 eni-y  2001:db8::1 10.0.0.2 1 22 6 1 1 1 2 REJECT OK\n";
    }
  }
  Write(dir / "mixed.log", text);
  std::vector<std::string> lines;
  for (size_t at = 0, next; at < text.size(); at = next + 1) {
    next = text.find('\n', at);
    lines.push_back(text.substr(at, next - at));
  }
  FlowLogReaderOptions options;
  options.batch_records = 3;
  size_t records = 0;
  ReadFlowLogs(std::vector<fs::path>{dir / "mixed.log"}, options, [&](const FlowBatch& batch, unsigned) {
    for (const FlowRecord& r : batch.records) {
      size_t header = r.line - 1;
      while (!lines[header].starts_with("version")) --header;
      std::string error;
      FlowLogFormat format = *FlowLogFormat::Parse(lines[header], error);
      FlowBatch fresh{batch.file, lines[r.line - 1], {FlowRecord{}}};
      fresh.records[0].line = r.line;
      ASSERT_EQ(ParseFlowLine(lines[r.line - 1], format, 0, fresh.records[0], error), LineKind::kRecord);
      ExpectSameRecord(batch, r, fresh, fresh.records[0]);
      ++records;
    }
  });
  EXPECT_EQ(records, 3u * (5 + 7 + 1));
}

TEST(FlowLogReaderTest, MissingInputIsADiagnostic) {
  Read read = ReadAll({"/nonexistent/flow.log"});
  EXPECT_EQ(read.result.stats.files, 0u);
  ASSERT_EQ(read.result.diagnostics.items().size(), 1u);
  EXPECT_EQ(read.result.diagnostics.items()[0].message, "no such file or folder");
}

}  // namespace
}  // namespace sgscope::ingest
