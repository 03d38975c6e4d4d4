// First-match evaluation of a network ACL. Entries are sorted by rule number when the
// network is finalised, so the first match in vector order is the one AWS applies.

#include "engines/network_acl_evaluator.h"

#include "engines/packet_match.h"

namespace sgscope {

AclVerdict EvaluateNetworkAcl(const NetworkAcl& acl, Direction direction, const Packet& packet) {
  IpAddress peer = direction == Direction::kIngress ? packet.src : packet.dst;
  for (auto& entry : acl.entries(direction))
    if (entry.cidr.Contains(peer) && ProtocolAndPortsMatch(entry.protocol, entry.ports, entry.icmp, packet))
      return {entry.allow, &entry};
  return {false, nullptr};
}

FlowSet AclAllowedFlows(const std::vector<NetworkAclEntry>& entries) {
  FlowSet allowed, decided;
  for (auto& e : entries) {
    FlowSet mine = FlowSet::Of(e.protocol, e.ports, e.icmp, AddressSet::Of(e.cidr)).Subtract(decided);
    if (e.allow) allowed = allowed.Union(mine);
    decided = decided.Union(mine);
  }
  return allowed;
}

}  // namespace sgscope
