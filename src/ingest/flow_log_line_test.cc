// Flow log formats and single lines: the default layout, header and --fields parsing, "-"
// as absent, typed values, millisecond times, Transit Gateway lines and malformed values.

#include "ingest/flow_log_line.h"

#include <random>

#include <gtest/gtest.h>

namespace sgscope::ingest {
namespace {

FlowLogFormat Format(std::string_view fields) {
  std::string error;
  std::optional<FlowLogFormat> format = FlowLogFormat::Parse(fields, error);
  EXPECT_TRUE(format) << error;
  return format.value_or(FlowLogFormat{});
}

LineKind Parse(std::string_view line, const FlowLogFormat& format, FlowRecord& record, std::string& error) {
  return ParseFlowLine(line, format, 0, record, error);
}

TEST(FlowLogFormatTest, DefaultIsTheFourteenVersionTwoFields) {
  FlowLogFormat format = FlowLogFormat::Default();
  ASSERT_EQ(format.columns.size(), 14u);
  EXPECT_EQ(format.columns.front(), FlowField::kVersion);
  EXPECT_EQ(format.columns.back(), FlowField::kLogStatus);
  EXPECT_EQ(Format("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
                   "end action log-status"),
            format);
}

TEST(FlowLogFormatTest, PlaceholdersUnknownFieldsAndErrors) {
  FlowLogFormat format = Format("${version} ${reject-reason} ${resource-id}");
  EXPECT_EQ(format.columns[1], FlowField::kRejectReason);
  EXPECT_EQ(format.columns[2], std::nullopt);
  EXPECT_EQ(format.unknown_fields, std::vector<std::string>{"resource-id"});
  std::string error;
  EXPECT_FALSE(FlowLogFormat::Parse("srcaddr dstaddr srcaddr", error));
  EXPECT_EQ(error, "field 'srcaddr' given twice");
  EXPECT_FALSE(FlowLogFormat::Parse("  ", error));
  EXPECT_TRUE(Format("version resource-type account-id tgw-id").transit_gateway);
}

TEST(FlowLogFormatTest, HeaderLinesStartWithAFieldName) {
  EXPECT_TRUE(FlowLogFormat::IsHeader("version account-id"));
  EXPECT_TRUE(FlowLogFormat::IsHeader("instance-id interface-id srcaddr"));
  EXPECT_FALSE(FlowLogFormat::IsHeader("2 123456789010 eni-1 - - - - - - - 1 2 - NODATA"));
  EXPECT_FALSE(FlowLogFormat::IsHeader("- eni-1235b8ca123456789 10.0.1.5"));
}

TEST(FlowLogFormatTest, EveryFieldHasANameAndVersion) {
  for (size_t i = 0; i < kFlowFieldCount; ++i) {
    FlowField field = static_cast<FlowField>(i);
    EXPECT_EQ(FlowFieldByName(FlowFieldName(field)), field);
    EXPECT_GE(FlowFieldVersion(field), 2);
    EXPECT_LE(FlowFieldVersion(field), 8);
  }
  EXPECT_EQ(FlowFieldVersion(FlowField::kEcsTaskId), 7);
  EXPECT_EQ(FlowFieldVersion(FlowField::kRejectReason), 8);
}

TEST(FlowLogLineTest, DefaultRecordIsTyped) {
  FlowRecord r;
  std::string error;
  ASSERT_EQ(Parse("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 "
                  "1418530070 ACCEPT OK",
                  FlowLogFormat::Default(), r, error),
            LineKind::kRecord)
      << error;
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(r.src, *IpAddress::Parse("172.31.16.139"));
  EXPECT_EQ(r.dst_port, 22);
  EXPECT_EQ(r.protocol, 6);
  EXPECT_EQ(r.bytes, 4249u);
  EXPECT_EQ(r.end, 1418530070);
  EXPECT_EQ(r.action, FlowAction::kAccept);
  EXPECT_EQ(r.log_status, FlowLogStatus::kOk);
  EXPECT_EQ(r.text[static_cast<size_t>(FlowText::kInterfaceId)].offset, 15u);
  EXPECT_FALSE(r.Has(FlowField::kTcpFlags));
}

TEST(FlowLogLineTest, DashesAreAbsentAndMillisecondsBecomeSeconds) {
  FlowRecord r;
  std::string error;
  ASSERT_EQ(Parse("2 123456789010 eni-4b118871 - - - - - - - 1512564058000 1512564059000 - SKIPDATA",
                  FlowLogFormat::Default(), r, error),
            LineKind::kRecord);
  EXPECT_FALSE(r.Has(FlowField::kSrcAddr));
  EXPECT_FALSE(r.Has(FlowField::kAction));
  EXPECT_EQ(r.start, 1512564058);
  EXPECT_EQ(r.end, 1512564059);
  EXPECT_EQ(r.log_status, FlowLogStatus::kSkipData);
  EXPECT_FALSE(r.IsTraffic());
}

TEST(FlowLogLineTest, RunsOfSpacesSeparateOneField) {
  FlowRecord r;
  std::string error;
  EXPECT_EQ(Parse("  10.0.0.62\t 5001  ", Format("srcaddr srcport"), r, error), LineKind::kRecord);
  EXPECT_EQ(r.src_port, 5001);
}

TEST(FlowLogLineTest, V5AndV8Values) {
  FlowRecord r;
  std::string error;
  FlowLogFormat format = Format("flow-direction traffic-path type tcp-flags reject-reason pkt-dst-aws-service");
  ASSERT_EQ(Parse("egress 8 IPv6 19 BPA S3", format, r, error), LineKind::kRecord) << error;
  EXPECT_EQ(r.direction, FlowDirection::kEgress);
  EXPECT_EQ(r.traffic_path, 8);
  EXPECT_EQ(r.type, FlowTrafficType::kIpv6);
  EXPECT_EQ(r.tcp_flags, 19);
  FlowBatch batch{"f", "egress 8 IPv6 19 BPA S3", {r}};
  EXPECT_EQ(batch.Text(r, FlowText::kRejectReason), "BPA");
  EXPECT_EQ(FlowFieldText(batch, r, FlowField::kPktDstAwsService), "S3");
  EXPECT_EQ(FlowFieldText(batch, r, FlowField::kSrcAddr), "-");
}

TEST(FlowLogLineTest, TransitGatewayLinesAreRecognised) {
  FlowRecord r;
  std::string error;
  EXPECT_EQ(Parse("6 TransitGateway eni-102010cd 192.0.2.1 198.51.100.1 49152 443 6 20 1680 1439387263 1439387266 "
                  "REJECT OK",
                  FlowLogFormat::Default(), r, error),
            LineKind::kTransitGateway);
  EXPECT_EQ(Parse("TransitGateway 1", Format("account-id srcport"), r, error), LineKind::kTransitGateway);
}

TEST(FlowLogLineTest, MalformedValuesNameTheField) {
  FlowLogFormat format = FlowLogFormat::Default();
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"2 1 eni-1 10.0.0.1 10.0.0.2 70000 22 6 1 1 1 2 ACCEPT OK", "bad srcport '70000'"},
      {"2 1 eni-1 10.0.0.300 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK", "bad srcaddr '10.0.0.300'"},
      {"2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ALLOW OK", "bad action 'ALLOW'"},
      {"2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT", "has 13 fields, the format has 14"},
      {"2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK x", "has more than the 14 fields of the format"},
      {"2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 -5 1 1 2 ACCEPT OK", "bad packets '-5'"},
      {"2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 99999999999999999999 1 1 2 ACCEPT OK", "bad packets"},
      {"1 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK", "bad version '1'"},
  };
  for (const auto& [line, message] : cases) {
    FlowRecord r;
    std::string error;
    EXPECT_EQ(Parse(line, format, r, error), LineKind::kMalformed) << line;
    EXPECT_NE(error.find(message), std::string::npos) << error;
  }
}

// The default layout's fast path must give what the general path gives, record and error
// alike: every line is parsed both ways (the general path by a format that is the default
// one but not marked so) and every field compared as flow logs write it.
class FastPathTest : public ::testing::Test {
 protected:
  void ExpectSameAsGeneralPath(std::string_view line) {
    FlowLogFormat general = FlowLogFormat::Default();
    general.default_layout = false;
    FlowRecord fast, slow;
    fast.line = slow.line = 7;
    std::string fast_error, slow_error;
    LineKind fast_kind = ParseFlowLine(line, FlowLogFormat::Default(), 3, fast, fast_error);
    LineKind slow_kind = ParseFlowLine(line, general, 3, slow, slow_error);
    ASSERT_EQ(fast_kind, slow_kind) << line;
    ASSERT_EQ(fast_error, slow_error) << line;
    if (fast_kind != LineKind::kRecord) return;
    std::string buffer = "   " + std::string(line);
    FlowBatch batch{"f", buffer, {}};
    EXPECT_EQ(fast.present, slow.present) << line;
    EXPECT_EQ(fast.line, 7u);
    for (size_t i = 0; i < kFlowFieldCount; ++i) {
      FlowField field = static_cast<FlowField>(i);
      EXPECT_EQ(FlowFieldText(batch, fast, field), FlowFieldText(batch, slow, field))
          << line << " / " << FlowFieldName(field);
    }
    EXPECT_EQ(fast.src, slow.src) << line;
    EXPECT_EQ(fast.dst, slow.dst) << line;
  }
};

// Replaces, drops or adds (a byte of `alphabet`) one byte of non-empty `text`.
void RandomEdit(std::string& text, std::string_view alphabet, std::mt19937& rng) {
  size_t at = rng() % text.size();
  char c = alphabet[rng() % alphabet.size()];
  switch (rng() % 3) {
    case 0: text[at] = c; break;
    case 1: text.erase(at, 1); break;
    default: text.insert(at, 1, c); break;
  }
}

constexpr std::string_view kPlainLine =
    "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 "
    "ACCEPT OK";

TEST_F(FastPathTest, PlainRecordsAndEveryLineTheFastPathLeavesToTheGeneralOne) {
  const std::string_view lines[] = {
      kPlainLine,
      "9 1 eni-1 0.0.0.0 255.255.255.255 0 65535 255 0 18446744073709551615 1512564058000 1512564059999 REJECT OK",
      "2 123456789010 eni-1 2001:db8::1 fe80::2 443 49152 6 1 40 1 2 ACCEPT OK",  // IPv6
      "2 123456789010 eni-1 ::ffff:10.0.0.1 10.0.0.2 443 49152 6 1 40 1 2 ACCEPT OK",
      "2 123456789010 eni-4b118871 - - - - - - - 1512564058 1512564059 - NODATA",  // '-' fields
      "2 - eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "2 1 - 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT SKIPDATA",
      "2  1\teni-1 \t10.0.0.1   10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK  ",  // runs of spaces and tabs
      "2\t1\teni-1\t10.0.0.1\t10.0.0.2\t1\t2\t6\t1\t1\t1\t2\tACCEPT\tOK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK ",
      "\t 2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK\r",  // CRLF's \r left on the line
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT\r OK",
      "6 TransitGateway eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",  // Transit Gateway
      "2 TransitGateway eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "02 1 eni-1 10.0.0.1 10.0.0.2 007 022 06 01 01 01 02 ACCEPT OK",  // leading zeros
      "10 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "1 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",  // bad values
      "x 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.01 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.256 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 65536 2 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 123456 6 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 256 1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 18446744073709551616 1 1 2 ACCEPT OK",  // overlong numbers
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 99999999999999999999 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 123456789012345678901 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 +1 1 1 2 ACCEPT OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 accept OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPTED OK",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT ok",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT",  // 13 and 15 fields
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK extra",
      "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK extra more words",
      "", " ", "garbage", "\x01\xff\x80 \x00 binary",
  };
  for (std::string_view line : lines) ExpectSameAsGeneralPath(line);
}

TEST_F(FastPathTest, LongLinesAndLongWords) {
  std::string long_id(300, 'a');  // past the fast path's 255 bytes
  ExpectSameAsGeneralPath("2 1 eni-" + long_id + " 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK");
  for (size_t length = 100; length <= 260; ++length) {  // around the 64-byte words of the separator bitmap
    std::string line = "2 1 eni-" + std::string(length - 60, 'b') + " 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK";
    ExpectSameAsGeneralPath(line);
    ExpectSameAsGeneralPath(line + " ");
    ExpectSameAsGeneralPath(line + " x");
  }
}

TEST_F(FastPathTest, RandomEditsOfValidLines) {
  std::mt19937 rng(6);
  const std::string_view alphabet = " \t-:.0123456789ACEJKOPRTx\r";
  for (int i = 0; i < 20000; ++i) {
    std::string line(kPlainLine);
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) RandomEdit(line, alphabet, rng);
    ExpectSameAsGeneralPath(line);
  }
}

TEST_F(FastPathTest, NumbersOfEveryLengthWithAStrayByteAnywhere) {
  // Numbers are read eight digits at a time where the line leaves room, digit by digit
  // near its end: every length, in the middle of the line and as its last words.
  for (size_t length = 1; length <= 21; ++length) {
    std::string digits;
    for (size_t i = 0; i < length; ++i) digits += static_cast<char>('1' + i % 9);
    for (std::string number : {digits, std::string(length, '0'), std::string(length, '9')}) {
      ExpectSameAsGeneralPath("2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 " + number + " " + number + " " + number + " " +
                              number + " ACCEPT OK");
      ExpectSameAsGeneralPath("2 1 eni-1 10.0.0.1 10.0.0.2 " + number + " " + number + " " + number +
                              " 1 1 1 2 ACCEPT OK");
      for (size_t at = 0; at < length; ++at)
        for (char stray : {'/', ':', 'a', ' ', '\x80'}) {
          std::string bad = number;
          bad[at] = stray;
          ExpectSameAsGeneralPath("2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 " + bad + " 1 1 ACCEPT OK");
          ExpectSameAsGeneralPath("2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 " + bad + " ACCEPT OK");
        }
    }
  }
}

TEST_F(FastPathTest, AddressesOfEveryOctetShapeWithAStrayByteAnywhere) {
  // Dotted quads are read with SSE2 compares and the octets weighed side by side: octets of
  // 0-4 digits, leading zeros, values past 255, a byte changed, dropped or added anywhere
  // (dots too, so three dots become two or four), as srcaddr and as dstaddr.
  const std::string_view octets[] = {"",   "0",   "1",   "9",   "00",  "01",  "10",  "99",   "000",
                                     "010", "100", "199", "255", "256", "299", "999", "0255", "1000"};
  const std::string_view alphabet = " .:/09a\x80";
  std::mt19937 rng(4);
  for (int i = 0; i < 20000; ++i) {
    std::string address;
    for (int o = 0; o < 4; ++o) address += (o ? "." : "") + std::string(octets[rng() % std::size(octets)]);
    if (rng() % 3 == 0 && !address.empty()) RandomEdit(address, alphabet, rng);
    ExpectSameAsGeneralPath("2 1 eni-1 " + address + " 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK");
    ExpectSameAsGeneralPath("2 1 eni-1 10.0.0.1 " + address + " 1 2 6 1 1 1 2 REJECT OK");
  }
}

}  // namespace
}  // namespace sgscope::ingest
