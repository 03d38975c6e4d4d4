#pragma once
// Security groups and their rules, one rule per peer as AWS's SecurityGroupRule does.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"
#include "net/ip_protocol.h"
#include "net/port_range.h"

namespace sgscope {

enum class Direction : uint8_t { kIngress, kEgress };
const char* DirectionName(Direction d);  // "ingress" / "egress"

// A rule peer that names another security group (possibly in another account or a peered VPC).
struct GroupReference {
  std::string group_id;
  std::string user_id;                   // owning account, "" when not given
  std::string vpc_id;                    // set for references across a peering
  std::string vpc_peering_connection_id;
  std::string peering_status;
  auto operator<=>(const GroupReference&) const = default;
};

// A rule peer that names a managed prefix list (pl-...).
struct PrefixListReference {
  std::string prefix_list_id;
  auto operator<=>(const PrefixListReference&) const = default;
};

using RulePeer = std::variant<IpPrefix, GroupReference, PrefixListReference>;
std::string PeerToString(const RulePeer& peer);
// "cidr", "security-group" or "prefix-list".
const char* PeerKindName(const RulePeer& peer);

// One allow rule: protocol, ports (or ICMP type/code) and exactly one peer. An IpPermission
// with several peers becomes several rules, each pointing at its own JSON path.
struct SecurityGroupRule {
  Direction direction = Direction::kIngress;
  uint32_t index = 0;  // position among the group's rules of this direction
  ProtocolSelector protocol;
  PortRange ports;     // meaningful when protocol.HasPorts()
  IcmpTypeCode icmp;   // meaningful when protocol.HasIcmpTypes()
  RulePeer peer;
  std::string rule_id;  // sgr-..., when the input has it
  std::string description;
  SourceRef source;

  // "tcp 443", "icmp type 8", "all".
  std::string ProtocolPortsText() const;
  // The ports part alone: "443", "1024-65535", "type 8" (ICMP) or "all".
  std::string PortsText() const;
};

// Whether two rules allow the same traffic to the same peer (a group reference by its group
// id alone): how AWS matches a revoke, or a SecurityGroupRule, to an IpPermission's rule.
bool SameTraffic(const SecurityGroupRule& a, const SecurityGroupRule& b);

// A security group: allow-only rule sets for each direction.
struct SecurityGroup {
  std::string id;
  std::string name;
  std::string description;
  std::string vpc_id;
  std::string owner_id;
  std::vector<SecurityGroupRule> ingress;
  std::vector<SecurityGroupRule> egress;
  SourceRef source;

  const std::vector<SecurityGroupRule>& rules(Direction d) const {
    return d == Direction::kIngress ? ingress : egress;
  }
};

}  // namespace sgscope
