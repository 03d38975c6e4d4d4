#pragma once
// One VPC Flow Logs record (every field of versions 2-8) as a compact value type, and the
// batch of records a reader hands to its consumer.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/ip_address.h"

namespace sgscope {

// Every field a VPC flow log record can carry, in the order of the AWS field table:
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html#flow-logs-fields
enum class FlowField : uint8_t {
  kVersion, kAccountId, kInterfaceId, kSrcAddr, kDstAddr, kSrcPort, kDstPort, kProtocol, kPackets, kBytes,
  kStart, kEnd, kAction, kLogStatus,                                                                   // v2
  kVpcId, kSubnetId, kInstanceId, kTcpFlags, kType, kPktSrcAddr, kPktDstAddr,                          // v3
  kRegion, kAzId, kSublocationType, kSublocationId,                                                    // v4
  kPktSrcAwsService, kPktDstAwsService, kFlowDirection, kTrafficPath,                                  // v5
  kEcsClusterArn, kEcsClusterName, kEcsContainerInstanceArn, kEcsContainerInstanceId, kEcsContainerId,  // v7
  kEcsSecondContainerId, kEcsServiceName, kEcsTaskDefinitionArn, kEcsTaskArn, kEcsTaskId,
  kRejectReason,                                                                                        // v8
  kCount
};
inline constexpr size_t kFlowFieldCount = static_cast<size_t>(FlowField::kCount);

// The field's name as written in formats and S3 headers ("pkt-srcaddr").
std::string_view FlowFieldName(FlowField field);
// The flow log version that introduced the field (2-8).
int FlowFieldVersion(FlowField field);
std::optional<FlowField> FlowFieldByName(std::string_view name);

// Fields kept as text: identifiers and names, viewed in the batch's buffer.
enum class FlowText : uint8_t {
  kAccountId, kInterfaceId, kVpcId, kSubnetId, kInstanceId, kRegion, kAzId, kSublocationType, kSublocationId,
  kPktSrcAwsService, kPktDstAwsService, kEcsClusterArn, kEcsClusterName, kEcsContainerInstanceArn,
  kEcsContainerInstanceId, kEcsContainerId, kEcsSecondContainerId, kEcsServiceName, kEcsTaskDefinitionArn,
  kEcsTaskArn, kEcsTaskId, kRejectReason, kCount
};
inline constexpr size_t kFlowTextCount = static_cast<size_t>(FlowText::kCount);
// The text slot of a text field; nullopt for typed fields.
std::optional<FlowText> FlowTextOf(FlowField field);

enum class FlowAction : uint8_t { kAbsent, kAccept, kReject };
enum class FlowLogStatus : uint8_t { kAbsent, kOk, kNoData, kSkipData };
enum class FlowDirection : uint8_t { kAbsent, kIngress, kEgress };
enum class FlowTrafficType : uint8_t { kAbsent, kIpv4, kIpv6, kEfa };

// A piece of the batch's text buffer (offset, length), 8 bytes instead of a 16-byte view.
struct TextSpan {
  uint32_t offset = 0;
  uint32_t length = 0;
};

// One parsed record. A field whose value was "-" (or that the format lacks) is absent:
// Has() is false and the member keeps its zero value. Text fields are spans of the batch
// buffer, so a record is only meaningful together with its FlowBatch.
struct FlowRecord {
  uint64_t present = 0;  // bit i set when FlowField(i) has a value
  IpAddress src, dst, pkt_src, pkt_dst;
  uint64_t packets = 0, bytes = 0;
  int64_t start = 0, end = 0;  // Unix seconds (millisecond inputs are normalised)
  uint32_t line = 0;           // 1-based line of the file (event ordinal in a JSON export)
  uint16_t src_port = 0, dst_port = 0;
  uint16_t tcp_flags = 0;  // OR of the flags seen in the aggregation interval
  uint8_t version = 0, protocol = 0, traffic_path = 0;
  FlowAction action = FlowAction::kAbsent;
  FlowLogStatus log_status = FlowLogStatus::kAbsent;
  FlowDirection direction = FlowDirection::kAbsent;
  FlowTrafficType type = FlowTrafficType::kAbsent;
  std::array<TextSpan, kFlowTextCount> text{};

  bool Has(FlowField f) const { return present >> static_cast<unsigned>(f) & 1; }
  void Set(FlowField f) { present |= uint64_t{1} << static_cast<unsigned>(f); }
  // NODATA and SKIPDATA records describe the capture window, not traffic.
  bool IsTraffic() const { return log_status == FlowLogStatus::kOk || log_status == FlowLogStatus::kAbsent; }
};

// Records parsed from one file, handed to the consumer at once. Valid only during the
// callback: the reader reuses the buffer and vector for the next batch.
struct FlowBatch {
  std::string_view file;    // the path as found (given path, or folder path + relative name)
  std::string_view buffer;  // every TextSpan of `records` points into it
  std::vector<FlowRecord> records;

  std::string_view Text(const FlowRecord& r, FlowText field) const {
    TextSpan s = r.text[static_cast<size_t>(field)];
    return {buffer.data() + s.offset, s.length};  // spans lie in the buffer (the fuzzer checks)
  }
};

// The value of `field` as flow logs write it ("-" when absent), for reports and tests.
std::string FlowFieldText(const FlowBatch& batch, const FlowRecord& record, FlowField field);

std::string_view FlowActionName(FlowAction a);          // "ACCEPT", "REJECT", "-"
std::string_view FlowLogStatusName(FlowLogStatus s);    // "OK", "NODATA", "SKIPDATA", "-"
std::string_view FlowDirectionName(FlowDirection d);    // "ingress", "egress", "-"
std::string_view FlowTrafficTypeName(FlowTrafficType t);  // "IPv4", "IPv6", "EFA", "-"

}  // namespace sgscope
