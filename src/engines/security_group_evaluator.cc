// Evaluates the security groups of one interface against a packet. Rules have no order
// and no deny: the packet passes iff any rule of any attached group matches, so this
// returns all matches (reports show every rule that allows, not an arbitrary first one).

#include "engines/security_group_evaluator.h"

#include "engines/packet_match.h"

namespace sgscope {

bool RulePeerMatcher::Covers(const RulePeer& rule_peer) {
  if (auto* prefix = std::get_if<IpPrefix>(&rule_peer)) return prefix->Contains(peer_);
  if (auto* ref = std::get_if<GroupReference>(&rule_peer)) return HeldByMemberOf(ref->group_id);
  const PrefixList* list = network_.FindPrefixList(std::get<PrefixListReference>(rule_peer).prefix_list_id);
  if (!list) return false;
  for (auto& c : list->cidrs)
    if (c.Contains(peer_)) return true;
  return false;
}

// The interfaces a group reference may match: the known sender if it holds the address
// (overlapping VPCs can hold it twice), none when references do not apply.
bool RulePeerMatcher::HeldByMemberOf(const std::string& group_id) {
  if (!looked_up_) {
    looked_up_ = true;
    if (!scope_.references_usable) {
      holder_count_ = 0;
    } else if (scope_.peer && scope_.peer->HasPrivateAddress(peer_)) {
      known_sender_ = static_cast<uint32_t>(scope_.peer - network_.network_interfaces.data());
      holders_ = &known_sender_;
      holder_count_ = 1;
    } else {
      const std::vector<uint32_t>& all = network_.InterfacesWithPrivateAddress(peer_);
      holders_ = all.data();
      holder_count_ = all.size();
    }
  }
  for (size_t i = 0; i < holder_count_; ++i)
    for (auto& g : network_.network_interfaces[holders_[i]].group_ids)
      if (g == group_id) return true;
  return false;
}

namespace {

// Every rule of `eni`'s groups in `direction` whose peer covers `peer` and that `also` accepts;
// a template so the per-packet path pays no indirect call per rule.
template <typename Also>
std::vector<SecurityGroupMatch> MatchPeers(const Network& network, const NetworkInterface& eni, Direction direction,
                                           IpAddress peer, const PeerScope& scope, Also also) {
  std::vector<SecurityGroupMatch> matches;
  RulePeerMatcher matcher(network, peer, scope);
  for (const SecurityGroup* group : network.GroupsOf(eni))
    for (auto& rule : group->rules(direction))
      if (also(rule) && matcher.Covers(rule.peer)) matches.push_back({group, &rule});
  return matches;
}

}  // namespace

std::vector<SecurityGroupMatch> MatchSecurityGroups(const Network& network, const NetworkInterface& eni,
                                                    Direction direction, const Packet& packet,
                                                    const PeerScope& scope) {
  IpAddress peer = direction == Direction::kIngress ? packet.src : packet.dst;
  return MatchPeers(network, eni, direction, peer, scope, [&](const SecurityGroupRule& rule) {
    return ProtocolAndPortsMatch(rule.protocol, rule.ports, rule.icmp, packet);
  });
}

std::vector<SecurityGroupMatch> MatchSecurityGroupPeers(const Network& network, const NetworkInterface& eni,
                                                        Direction direction, IpAddress peer, const PeerScope& scope) {
  return MatchPeers(network, eni, direction, peer, scope, [](const SecurityGroupRule&) { return true; });
}

}  // namespace sgscope
