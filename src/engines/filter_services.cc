// Set-valued filters: for fixed peer addresses a security group or network ACL decides by
// protocol and port alone, so its verdict for every service at once is an interval set.
// Peer matching is the evaluators' own (MatchSecurityGroupPeers, the ACL's CIDR test), so the
// sets agree with what Trace decides packet by packet.

#include "engines/filter_services.h"

namespace sgscope {

ServiceSet SecurityGroupServices(const Network& network, const NetworkInterface& eni, Direction direction,
                                 IpAddress peer, const PeerScope& scope) {
  ServiceSet out;
  for (auto& m : MatchSecurityGroupPeers(network, eni, direction, peer, scope))
    out = out.Union(ServiceSet::Of(m.rule->protocol, m.rule->ports, m.rule->icmp));
  return out;
}

ServiceSet NetworkAclServices(const NetworkAcl& acl, Direction direction, IpAddress peer) {
  ServiceSet allowed, decided;
  for (auto& entry : acl.entries(direction)) {
    if (!entry.cidr.Contains(peer)) continue;
    ServiceSet mine = ServiceSet::Of(entry.protocol, entry.ports, entry.icmp).Subtract(decided);
    if (entry.allow) allowed = allowed.Union(mine);
    decided = decided.Union(mine);
    if (decided.is_all()) break;
  }
  return allowed;
}

ServiceSet StepServices(const Network& network, const FilterStep& step) {
  IpAddress peer = step.direction == Direction::kIngress ? step.packet.src : step.packet.dst;
  if (step.kind == FilterStep::Kind::kNetworkAcl) return NetworkAclServices(*step.acl, step.direction, peer);
  return SecurityGroupServices(network, *step.eni, step.direction, peer, step.scope);
}

}  // namespace sgscope
