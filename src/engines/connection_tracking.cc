// Connection-tracking classification (aws-semantics.md §2). The untracked predicate
// follows AWS's worked example; where several rules match, any all-open allowing rule
// counts (UNCONFIRMED in AWS's text, flagged by the caller as an assumption).

#include "engines/connection_tracking.h"

namespace sgscope {

namespace {

bool IsWholeFamily(const RulePeer& peer, IpFamily family) {
  auto* prefix = std::get_if<IpPrefix>(&peer);
  return prefix && prefix->is_all() && prefix->family() == family;
}

// A rule in the response direction that allows every port of the flow's protocol to the whole family.
bool AllowsAllResponses(const SecurityGroupRule& rule, uint8_t protocol, IpFamily family) {
  if (!IsWholeFamily(rule.peer, family)) return false;
  if (rule.protocol.all) return true;
  return rule.protocol.number == protocol && rule.ports.is_all();
}

}  // namespace

TrackingDecision ClassifyTracking(const Network& network, const NetworkInterface& eni, Direction initiating,
                                  const Packet& packet, const std::vector<SecurityGroupMatch>& allowing,
                                  bool automatically_tracked) {
  if (packet.is_icmp()) return {Tracking::kTracked, "ICMP is always tracked"};
  if (!packet.has_ports()) return {Tracking::kTracked, "only TCP and UDP flows can be untracked"};
  if (automatically_tracked) return {Tracking::kTracked, "automatically tracked (the path uses a tracked gateway)"};
  IpFamily family = packet.src.family();
  bool open_initiator = false;
  for (auto& m : allowing) open_initiator |= IsWholeFamily(m.rule->peer, family);
  if (!open_initiator) return {Tracking::kTracked, "tracked: no allowing rule is open to the whole address family"};
  Direction response = initiating == Direction::kIngress ? Direction::kEgress : Direction::kIngress;
  for (const SecurityGroup* group : network.GroupsOf(eni))
    for (auto& rule : group->rules(response))
      if (AllowsAllResponses(rule, packet.protocol, family))
        return {Tracking::kUntracked, "untracked: open to all addresses in both directions", group, &rule};
  return {Tracking::kTracked, "tracked: no rule in the other direction allows all responses"};
}

std::string TrackingDecision::Reason() const {
  if (!response_rule) return why;
  return std::string(why) + "; the response is allowed by " + response_group->id + " " +
         DirectionName(response_rule->direction) + " rule " + std::to_string(response_rule->index);
}

}  // namespace sgscope
