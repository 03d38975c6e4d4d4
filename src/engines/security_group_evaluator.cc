// Evaluates the security groups of one interface against a packet. Rules have no order
// and no deny: the packet passes iff any rule of any attached group matches, so this
// returns all matches (reports show every rule that allows, not an arbitrary first one).

#include "engines/security_group_evaluator.h"

#include "engines/packet_match.h"

namespace sgscope {

namespace {

bool HasGroup(const Network& network, const std::vector<uint32_t>& holders, const std::string& group_id) {
  for (uint32_t i : holders)
    for (auto& g : network.network_interfaces[i].group_ids)
      if (g == group_id) return true;
  return false;
}

// `holders` are the interfaces holding `peer` as a private address, looked up once per
// evaluation rather than once per group-reference rule.
bool Covers(const Network& network, const RulePeer& rule_peer, IpAddress peer, const std::vector<uint32_t>& holders) {
  if (auto* prefix = std::get_if<IpPrefix>(&rule_peer)) return prefix->Contains(peer);
  if (auto* ref = std::get_if<GroupReference>(&rule_peer)) return HasGroup(network, holders, ref->group_id);
  const PrefixList* list = network.FindPrefixList(std::get<PrefixListReference>(rule_peer).prefix_list_id);
  if (!list) return false;
  for (auto& c : list->cidrs)
    if (c.Contains(peer)) return true;
  return false;
}

// The interfaces a group reference may match for `peer`: the known sender if it holds the
// address (overlapping VPCs can hold it twice), none when references do not apply.
std::vector<uint32_t> Holders(const Network& network, IpAddress peer, const PeerScope& scope) {
  if (!scope.references_usable) return {};
  if (scope.peer && scope.peer->HasPrivateAddress(peer))
    return {static_cast<uint32_t>(scope.peer - network.network_interfaces.data())};
  return network.InterfacesWithPrivateAddress(peer);
}


// Every rule of `eni`'s groups in `direction` whose peer covers `peer` and that `also` accepts;
// a template so the per-packet path pays no indirect call per rule.
template <typename Also>
std::vector<SecurityGroupMatch> MatchPeers(const Network& network, const NetworkInterface& eni, Direction direction,
                                           IpAddress peer, const PeerScope& scope, Also also) {
  std::vector<SecurityGroupMatch> matches;
  const std::vector<uint32_t> holders = Holders(network, peer, scope);
  for (const SecurityGroup* group : network.GroupsOf(eni))
    for (auto& rule : group->rules(direction))
      if (also(rule) && Covers(network, rule.peer, peer, holders)) matches.push_back({group, &rule});
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
