// Evaluates the security groups of one interface against a packet. Rules have no order
// and no deny: the packet passes iff any rule of any attached group matches, so this
// returns all matches (reports show every rule that allows, not an arbitrary first one).

#include "engines/security_group_evaluator.h"

#include "engines/packet_match.h"

namespace sgscope {

bool PeerCovers(const Network& network, const RulePeer& rule_peer, IpAddress peer) {
  if (auto* prefix = std::get_if<IpPrefix>(&rule_peer)) return prefix->Contains(peer);
  if (auto* ref = std::get_if<GroupReference>(&rule_peer)) {
    for (uint32_t i : network.InterfacesWithPrivateAddress(peer)) {
      const auto& groups = network.network_interfaces[i].group_ids;
      for (auto& g : groups)
        if (g == ref->group_id) return true;
    }
    return false;
  }
  const PrefixList* list = network.FindPrefixList(std::get<PrefixListReference>(rule_peer).prefix_list_id);
  if (!list) return false;
  for (auto& c : list->cidrs)
    if (c.Contains(peer)) return true;
  return false;
}

std::vector<SecurityGroupMatch> MatchSecurityGroups(const Network& network, const NetworkInterface& eni,
                                                    Direction direction, const Packet& packet) {
  std::vector<SecurityGroupMatch> matches;
  IpAddress peer = direction == Direction::kIngress ? packet.src : packet.dst;
  for (auto& group_id : eni.group_ids) {
    const SecurityGroup* group = network.FindSecurityGroup(group_id);
    if (!group) continue;
    for (auto& rule : group->rules(direction))
      if (ProtocolAndPortsMatch(rule.protocol, rule.ports, rule.icmp, packet) && PeerCovers(network, rule.peer, peer))
        matches.push_back({group, &rule});
  }
  return matches;
}

}  // namespace sgscope
