// Protocol, port and ICMP checks shared by security-group rules and NACL entries.
// Security groups: "specifying -1 or a protocol number other than tcp, udp, icmp, or
// icmpv6 allows traffic on all ports, regardless of any port range you specify. For tcp,
// udp, and icmp, you must specify a port range. For icmpv6, the port range is optional"
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
// NACLs: PortRange is "Required if specifying protocol 6 (TCP) or 17 (UDP)", IcmpTypeCode
// "Required if specifying protocol 1 (ICMP) or protocol 58 (ICMPv6) with an IPv6 CIDR
// block" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html).

#include "ingest/rule_traffic.h"

namespace sgscope::ingest {

namespace {

// Reports a member that the protocol needs: missing, unless it was there with a wrong
// type (already reported).
void ReportNeeded(JsonCursor& at, std::string_view key, const ProtocolSelector& protocol) {
  if (!at.Has(key)) at.ErrorAt(key, "required for protocol " + protocol.ToString() + " but missing");
}

std::optional<ProtocolSelector> ReadProtocol(JsonCursor& at, std::string_view key) {
  std::optional<std::string_view> text = at.String(key, Need::kRequired);
  if (!text) return std::nullopt;
  std::optional<ProtocolSelector> protocol = ProtocolSelector::Parse(*text);
  if (!protocol)
    at.ErrorAt(key, "\"" + std::string(*text) + "\" is not a protocol (tcp, udp, icmp, icmpv6, 0-255 or -1)");
  return protocol;
}

// TCP/UDP ports `from`-`to` read from members `from_key`/`to_key` of `at`.
std::optional<PortRange> CheckPorts(JsonCursor& at, const ProtocolSelector& protocol, std::string_view from_key,
                                    std::optional<int64_t> from, std::string_view to_key, std::optional<int64_t> to) {
  if (!from || !to) {
    if (!from) ReportNeeded(at, from_key, protocol);
    if (!to) ReportNeeded(at, to_key, protocol);
    return std::nullopt;
  }
  for (auto [key, port] : {std::pair{from_key, *from}, std::pair{to_key, *to}})
    if (port < 0 || port > 65535) {
      at.ErrorAt(key, "port " + std::to_string(port) + " is outside 0-65535");
      return std::nullopt;
    }
  if (*from > *to) {
    at.ErrorAt(from_key, "port range " + std::to_string(*from) + "-" + std::to_string(*to) + " is empty");
    return std::nullopt;
  }
  return PortRange{static_cast<uint16_t>(*from), static_cast<uint16_t>(*to)};
}

// ICMP type/code; -1 means all. "If the start port is -1 (all ICMP types), then the end
// port must be -1 (all ICMP codes)."
std::optional<IcmpTypeCode> CheckIcmp(JsonCursor& at, const ProtocolSelector& protocol, std::string_view type_key,
                                      std::optional<int64_t> type, std::string_view code_key,
                                      std::optional<int64_t> code) {
  if (!type || !code) {
    if (!type) ReportNeeded(at, type_key, protocol);
    if (!code) ReportNeeded(at, code_key, protocol);
    return std::nullopt;
  }
  for (auto [key, value] : {std::pair{type_key, *type}, std::pair{code_key, *code}})
    if (value < -1 || value > 255) {
      at.ErrorAt(key, "ICMP type/code " + std::to_string(value) + " is outside -1-255");
      return std::nullopt;
    }
  if (*type == -1 && *code != -1) {
    at.ErrorAt(code_key, "ICMP code " + std::to_string(*code) + " given with type -1 (all types); AWS requires -1");
    return std::nullopt;
  }
  return IcmpTypeCode{static_cast<int>(*type), static_cast<int>(*code)};
}

// The required object `key` of a NACL entry ({From, To} or {Type, Code}), checked with
// `check` (CheckPorts or CheckIcmp).
template <typename Check>
auto ReadPair(JsonCursor& entry, std::string_view key, std::string_view first, std::string_view second,
              const ProtocolSelector& protocol, Check check) -> decltype(check(entry, protocol, first, {}, second, {})) {
  decltype(check(entry, protocol, first, {}, second, {})) result;
  entry.Object(key, [&](JsonCursor& pair) {
    std::optional<int64_t> a = pair.Int(first), b = pair.Int(second);
    result = check(pair, protocol, first, a, second, b);
    pair.CheckFields(key, {});
  }, Need::kRequired);
  return result;
}

}  // namespace

std::optional<TrafficMatch> ReadSecurityGroupTraffic(JsonCursor& rule) {
  std::optional<ProtocolSelector> protocol = ReadProtocol(rule, "IpProtocol");
  std::optional<int64_t> from = rule.Int("FromPort"), to = rule.Int("ToPort");
  if (!protocol) return std::nullopt;
  TrafficMatch match;
  match.protocol = *protocol;
  if (protocol->HasPorts()) {
    std::optional<PortRange> ports = CheckPorts(rule, *protocol, "FromPort", from, "ToPort", to);
    if (!ports) return std::nullopt;
    match.ports = *ports;
  } else if (protocol->HasIcmpTypes()) {
    if (protocol->number == kProtoIcmpv6 && !from && !to && !rule.Has("FromPort") && !rule.Has("ToPort"))
      return match;
    std::optional<IcmpTypeCode> icmp = CheckIcmp(rule, *protocol, "FromPort", from, "ToPort", to);
    if (!icmp) return std::nullopt;
    match.icmp = *icmp;
  } else if ((from && *from != -1) || (to && *to != -1)) {
    rule.ReportAt("FromPort", Severity::kInfo,
                  "ports are ignored for protocol " + protocol->ToString() + ": AWS allows all ports");
  }
  return match;
}

std::optional<TrafficMatch> ReadNetworkAclTraffic(JsonCursor& entry, IpFamily family) {
  std::optional<ProtocolSelector> protocol = ReadProtocol(entry, "Protocol");
  if (!protocol) return std::nullopt;
  TrafficMatch match;
  match.protocol = *protocol;
  if (protocol->HasPorts()) {
    std::optional<PortRange> ports = ReadPair(entry, "PortRange", "From", "To", *protocol, CheckPorts);
    if (!ports) return std::nullopt;
    match.ports = *ports;
  } else if (protocol->number == kProtoIcmp || (protocol->number == kProtoIcmpv6 && family == IpFamily::kV6)) {
    std::optional<IcmpTypeCode> icmp = ReadPair(entry, "IcmpTypeCode", "Type", "Code", *protocol, CheckIcmp);
    if (!icmp) return std::nullopt;
    match.icmp = *icmp;
  }
  // Other protocols (and ICMPv6 with an IPv4 block) match all ports, "regardless of any
  // ports or ICMP types or codes that you specify": the members are read but not used.
  entry.Has("PortRange"), entry.Has("IcmpTypeCode");
  return match;
}

SecurityGroupRule MakeRule(const TrafficMatch& match, Direction direction, uint32_t index, RulePeer peer) {
  SecurityGroupRule rule;
  rule.direction = direction;
  rule.index = index;
  rule.protocol = match.protocol;
  rule.ports = match.ports;
  rule.icmp = match.icmp;
  rule.peer = std::move(peer);
  return rule;
}

}  // namespace sgscope::ingest
