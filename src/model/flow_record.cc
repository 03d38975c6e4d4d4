// Names and versions of the VPC Flow Logs fields, from the "Available fields" table:
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html#flow-logs-fields
// (v2-v5 also in ../shared/data/vpc_flow_logs/awsdocs/doc_source/flow-logs.md; the ECS
// fields came with v7 in 2024, reject-reason with v8 for VPC Block Public Access).

#include "model/flow_record.h"

namespace sgscope {

namespace {

struct FieldInfo {
  std::string_view name;
  int version;
};

constexpr FieldInfo kFields[kFlowFieldCount] = {
    {"version", 2},          {"account-id", 2},          {"interface-id", 2},
    {"srcaddr", 2},          {"dstaddr", 2},             {"srcport", 2},
    {"dstport", 2},          {"protocol", 2},            {"packets", 2},
    {"bytes", 2},            {"start", 2},               {"end", 2},
    {"action", 2},           {"log-status", 2},          {"vpc-id", 3},
    {"subnet-id", 3},        {"instance-id", 3},         {"tcp-flags", 3},
    {"type", 3},             {"pkt-srcaddr", 3},         {"pkt-dstaddr", 3},
    {"region", 4},           {"az-id", 4},               {"sublocation-type", 4},
    {"sublocation-id", 4},   {"pkt-src-aws-service", 5}, {"pkt-dst-aws-service", 5},
    {"flow-direction", 5},   {"traffic-path", 5},        {"ecs-cluster-arn", 7},
    {"ecs-cluster-name", 7}, {"ecs-container-instance-arn", 7}, {"ecs-container-instance-id", 7},
    {"ecs-container-id", 7}, {"ecs-second-container-id", 7},    {"ecs-service-name", 7},
    {"ecs-task-definition-arn", 7}, {"ecs-task-arn", 7},        {"ecs-task-id", 7},
    {"reject-reason", 8},
};

// FlowField -> FlowText, in FlowField order (kCount where the field is typed).
constexpr FlowText kNotText = FlowText::kCount;
constexpr FlowText kTextSlots[kFlowFieldCount] = {
    kNotText, FlowText::kAccountId, FlowText::kInterfaceId, kNotText, kNotText, kNotText, kNotText, kNotText,
    kNotText, kNotText, kNotText, kNotText, kNotText, kNotText, FlowText::kVpcId, FlowText::kSubnetId,
    FlowText::kInstanceId, kNotText, kNotText, kNotText, kNotText, FlowText::kRegion, FlowText::kAzId,
    FlowText::kSublocationType, FlowText::kSublocationId, FlowText::kPktSrcAwsService,
    FlowText::kPktDstAwsService, kNotText, kNotText, FlowText::kEcsClusterArn, FlowText::kEcsClusterName,
    FlowText::kEcsContainerInstanceArn, FlowText::kEcsContainerInstanceId, FlowText::kEcsContainerId,
    FlowText::kEcsSecondContainerId, FlowText::kEcsServiceName, FlowText::kEcsTaskDefinitionArn,
    FlowText::kEcsTaskArn, FlowText::kEcsTaskId, FlowText::kRejectReason,
};

}  // namespace

std::string_view FlowFieldName(FlowField field) { return kFields[static_cast<size_t>(field)].name; }

int FlowFieldVersion(FlowField field) { return kFields[static_cast<size_t>(field)].version; }

std::optional<FlowField> FlowFieldByName(std::string_view name) {
  for (size_t i = 0; i < kFlowFieldCount; ++i)
    if (kFields[i].name == name) return static_cast<FlowField>(i);
  return std::nullopt;
}

std::optional<FlowText> FlowTextOf(FlowField field) {
  FlowText t = kTextSlots[static_cast<size_t>(field)];
  if (t == kNotText) return std::nullopt;
  return t;
}

std::string FlowFieldText(const FlowBatch& batch, const FlowRecord& r, FlowField field) {
  if (!r.Has(field)) return "-";
  if (std::optional<FlowText> slot = FlowTextOf(field)) return std::string(batch.Text(r, *slot));
  switch (field) {
    case FlowField::kVersion: return std::to_string(r.version);
    case FlowField::kSrcAddr: return r.src.ToString();
    case FlowField::kDstAddr: return r.dst.ToString();
    case FlowField::kPktSrcAddr: return r.pkt_src.ToString();
    case FlowField::kPktDstAddr: return r.pkt_dst.ToString();
    case FlowField::kSrcPort: return std::to_string(r.src_port);
    case FlowField::kDstPort: return std::to_string(r.dst_port);
    case FlowField::kProtocol: return std::to_string(r.protocol);
    case FlowField::kPackets: return std::to_string(r.packets);
    case FlowField::kBytes: return std::to_string(r.bytes);
    case FlowField::kStart: return std::to_string(r.start);
    case FlowField::kEnd: return std::to_string(r.end);
    case FlowField::kTcpFlags: return std::to_string(r.tcp_flags);
    case FlowField::kTrafficPath: return std::to_string(r.traffic_path);
    case FlowField::kAction: return std::string(FlowActionName(r.action));
    case FlowField::kLogStatus: return std::string(FlowLogStatusName(r.log_status));
    case FlowField::kFlowDirection: return std::string(FlowDirectionName(r.direction));
    case FlowField::kType: return std::string(FlowTrafficTypeName(r.type));
    default: return "-";
  }
}

std::string_view FlowActionName(FlowAction a) {
  switch (a) {
    case FlowAction::kAccept: return "ACCEPT";
    case FlowAction::kReject: return "REJECT";
    default: return "-";
  }
}

std::string_view FlowLogStatusName(FlowLogStatus s) {
  switch (s) {
    case FlowLogStatus::kOk: return "OK";
    case FlowLogStatus::kNoData: return "NODATA";
    case FlowLogStatus::kSkipData: return "SKIPDATA";
    default: return "-";
  }
}

std::string_view FlowDirectionName(FlowDirection d) {
  switch (d) {
    case FlowDirection::kIngress: return "ingress";
    case FlowDirection::kEgress: return "egress";
    default: return "-";
  }
}

std::string_view FlowTrafficTypeName(FlowTrafficType t) {
  switch (t) {
    case FlowTrafficType::kIpv4: return "IPv4";
    case FlowTrafficType::kIpv6: return "IPv6";
    case FlowTrafficType::kEfa: return "EFA";
    default: return "-";
  }
}

}  // namespace sgscope
