// Text forms of security-group rule parts, shared by trace, inventory and later reports,
// and the rule identity AWS uses to match one rule to another.

#include "model/security_group.h"

namespace sgscope {

const char* DirectionName(Direction d) { return d == Direction::kIngress ? "ingress" : "egress"; }

std::string PeerToString(const RulePeer& peer) {
  if (auto* p = std::get_if<IpPrefix>(&peer)) return p->ToString();
  if (auto* g = std::get_if<GroupReference>(&peer)) {
    return g->user_id.empty() ? g->group_id : g->user_id + "/" + g->group_id;
  }
  return std::get<PrefixListReference>(peer).prefix_list_id;
}

const char* PeerKindName(const RulePeer& peer) {
  if (std::holds_alternative<IpPrefix>(peer)) return "cidr";
  return std::holds_alternative<GroupReference>(peer) ? "security-group" : "prefix-list";
}

std::string SecurityGroupRule::PortsText() const {
  if (protocol.HasPorts()) return ports.ToString();
  return protocol.HasIcmpTypes() ? icmp.ToString() : "all";
}

std::string SecurityGroupRule::ProtocolPortsText() const {
  std::string s = protocol.ToString();
  if (protocol.HasPorts()) s += " " + ports.ToString();
  if (protocol.HasIcmpTypes() && !icmp.is_all()) s += " " + icmp.ToString();
  return s;
}

bool SameTraffic(const SecurityGroupRule& a, const SecurityGroupRule& b) {
  auto* ga = std::get_if<GroupReference>(&a.peer);
  auto* gb = std::get_if<GroupReference>(&b.peer);
  bool same_peer = ga || gb ? ga && gb && ga->group_id == gb->group_id : a.peer == b.peer;
  return same_peer && a.protocol == b.protocol && a.ports == b.ports && a.icmp == b.icmp;
}

}  // namespace sgscope
