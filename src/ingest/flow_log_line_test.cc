// Flow log formats and single lines: the default layout, header and --fields parsing, "-"
// as absent, typed values, millisecond times, Transit Gateway lines and malformed values.

#include "ingest/flow_log_line.h"

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

}  // namespace
}  // namespace sgscope::ingest
