// One VPC flow log line -> FlowRecord, without allocating: words are split on runs of
// spaces (an AWS documentation example has a double space), "-" means "not applicable or
// could not be computed" (the field stays absent), numbers and addresses are checked.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html

#include "ingest/flow_log_line.h"

#include <cstring>

namespace sgscope::ingest {

namespace {

// Above this a start/end is taken as milliseconds (10^11 s is the year 5138); some
// exports write milliseconds, and flowlogs-reader normalises them to seconds the same way.
constexpr uint64_t kMillisecondThreshold = 100'000'000'000ull;
// Flow log version 6 is the Transit Gateway flow log format:
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-flow-logs.html
constexpr uint64_t kTransitGatewayVersion = 6;

[[gnu::always_inline]] inline bool ParseUnsigned(std::string_view text, uint64_t max, uint64_t& out) {
  if (text.empty() || text.size() > 20) return false;
  uint64_t value = 0;
  for (char c : text) {
    unsigned digit = static_cast<unsigned char>(c) - '0';
    if (digit > 9) return false;
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  if (value > max) return false;
  out = value;
  return true;
}

template <typename Enum>
bool ParseName(std::string_view text, std::initializer_list<std::pair<std::string_view, Enum>> names, Enum& out) {
  for (const auto& [name, value] : names)
    if (text == name) return (out = value), true;
  return false;
}

bool ParseTime(std::string_view word, int64_t& out) {
  uint64_t value;
  if (!ParseUnsigned(word, UINT64_MAX, value)) return false;
  out = static_cast<int64_t>(value >= kMillisecondThreshold ? value / 1000 : value);
  return true;
}

bool ParseAddress(std::string_view word, IpAddress& out) {
  std::optional<IpAddress> address = IpAddress::Parse(word);
  if (address) out = *address;
  return address.has_value();
}

// Stores `word` (not "-") of `field` in `r`; false when the value is invalid for the field.
bool StoreValue(FlowField field, std::string_view word, uint32_t offset, FlowRecord& r) {
  uint64_t n = 0;
  switch (field) {
    case FlowField::kVersion:
      if (!ParseUnsigned(word, 255, n) || n < 2) return false;
      r.version = static_cast<uint8_t>(n);
      return true;
    case FlowField::kSrcAddr: return ParseAddress(word, r.src);
    case FlowField::kDstAddr: return ParseAddress(word, r.dst);
    case FlowField::kPktSrcAddr: return ParseAddress(word, r.pkt_src);
    case FlowField::kPktDstAddr: return ParseAddress(word, r.pkt_dst);
    case FlowField::kSrcPort: return ParseUnsigned(word, 65535, n) && (r.src_port = static_cast<uint16_t>(n), true);
    case FlowField::kDstPort: return ParseUnsigned(word, 65535, n) && (r.dst_port = static_cast<uint16_t>(n), true);
    case FlowField::kProtocol: return ParseUnsigned(word, 255, n) && (r.protocol = static_cast<uint8_t>(n), true);
    case FlowField::kTcpFlags: return ParseUnsigned(word, 65535, n) && (r.tcp_flags = static_cast<uint16_t>(n), true);
    case FlowField::kTrafficPath:
      return ParseUnsigned(word, 255, n) && n >= 1 && (r.traffic_path = static_cast<uint8_t>(n), true);
    case FlowField::kPackets: return ParseUnsigned(word, UINT64_MAX, r.packets);
    case FlowField::kBytes: return ParseUnsigned(word, UINT64_MAX, r.bytes);
    case FlowField::kStart: return ParseTime(word, r.start);
    case FlowField::kEnd: return ParseTime(word, r.end);
    case FlowField::kAction:
      return ParseName(word, {{"ACCEPT", FlowAction::kAccept}, {"REJECT", FlowAction::kReject}}, r.action);
    case FlowField::kLogStatus:
      return ParseName(word,
                       {{"OK", FlowLogStatus::kOk}, {"NODATA", FlowLogStatus::kNoData},
                        {"SKIPDATA", FlowLogStatus::kSkipData}},
                       r.log_status);
    case FlowField::kFlowDirection:
      return ParseName(word, {{"ingress", FlowDirection::kIngress}, {"egress", FlowDirection::kEgress}}, r.direction);
    case FlowField::kType:
      return ParseName(word,
                       {{"IPv4", FlowTrafficType::kIpv4}, {"IPv6", FlowTrafficType::kIpv6},
                        {"EFA", FlowTrafficType::kEfa}},
                       r.type);
    default: {
      std::optional<FlowText> slot = FlowTextOf(field);
      if (!slot) return false;
      r.text[static_cast<size_t>(*slot)] = {offset, static_cast<uint32_t>(word.size())};
      return true;
    }
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// StoreFlowWord, inlined into the line parser's loop (the text reader's hot path).
[[gnu::always_inline]] inline LineKind StoreWord(FlowField field, std::string_view word, uint32_t offset,
                                                 FlowRecord& record, std::string& error) {
  if (word == "-") return LineKind::kRecord;
  if (field == FlowField::kAccountId && word == "TransitGateway") return LineKind::kTransitGateway;
  if (!StoreValue(field, word, offset, record)) {
    error = "bad " + std::string(FlowFieldName(field)) + " '" + std::string(word.substr(0, 64)) + "'";
    return LineKind::kMalformed;
  }
  record.Set(field);
  if (field == FlowField::kVersion && record.version == kTransitGatewayVersion) return LineKind::kTransitGateway;
  return LineKind::kRecord;
}

}  // namespace

LineKind StoreFlowWord(FlowField field, std::string_view word, uint32_t offset, FlowRecord& record,
                       std::string& error) {
  return StoreWord(field, word, offset, record, error);
}

LineKind ParseFlowLine(std::string_view line, const FlowLogFormat& format, uint32_t line_offset, FlowRecord& record,
                       std::string& error) {
  uint32_t saved_line = record.line;
  record = FlowRecord{};
  record.line = saved_line;
  const char* p = line.data();
  const char* end = p + line.size();
  size_t column = 0;
  for (const std::optional<FlowField>& field : format.columns) {
    while (p < end && IsSpace(*p)) ++p;
    const char* word_start = p;
    while (p < end && !IsSpace(*p)) ++p;
    std::string_view word(word_start, p - word_start);
    if (word.empty()) {
      error = "has " + std::to_string(column) + " fields, the format has " + std::to_string(format.columns.size());
      return LineKind::kMalformed;
    }
    ++column;
    if (!field) continue;
    auto offset = line_offset + static_cast<uint32_t>(word_start - line.data());
    if (LineKind kind = StoreWord(*field, word, offset, record, error); kind != LineKind::kRecord) return kind;
  }
  while (p < end && IsSpace(*p)) ++p;
  if (p != end) {
    error = "has more than the " + std::to_string(format.columns.size()) + " fields of the format";
    return LineKind::kMalformed;
  }
  return LineKind::kRecord;
}

}  // namespace sgscope::ingest
