#pragma once
// The protocol part of a security-group rule or network ACL entry: protocol, ports, and
// ICMP type/code, read and checked against AWS's rules for each protocol.

#include <optional>

#include "ingest/json_cursor.h"
#include "model/security_group.h"
#include "net/ip_address.h"
#include "net/ip_protocol.h"
#include "net/port_range.h"

namespace sgscope::ingest {

// What a rule matches besides addresses. `ports` is meaningful for TCP/UDP only and
// `icmp` for ICMP/ICMPv6 only; both stay "all" otherwise, so equal rules compare equal.
struct TrafficMatch {
  ProtocolSelector protocol;
  PortRange ports = PortRange::All();
  IcmpTypeCode icmp;
};

// IpProtocol / FromPort / ToPort of an IpPermission or a SecurityGroupRule. Reports the
// problem and returns nullopt when the rule cannot be loaded.
std::optional<TrafficMatch> ReadSecurityGroupTraffic(JsonCursor& rule);

// Protocol / PortRange / IcmpTypeCode of a NetworkAclEntry whose CIDR has `family`.
std::optional<TrafficMatch> ReadNetworkAclTraffic(JsonCursor& entry, IpFamily family);

// A security-group rule with `match`, appended as rule `index` of `direction`.
SecurityGroupRule MakeRule(const TrafficMatch& match, Direction direction, uint32_t index, RulePeer peer);

}  // namespace sgscope::ingest
