#pragma once
// Security-group evaluation for one interface: the union of every rule of every group.

#include <vector>

#include "model/network.h"
#include "net/packet.h"

namespace sgscope {

// A rule that allows a packet, with the group it belongs to.
struct SecurityGroupMatch {
  const SecurityGroup* group = nullptr;
  const SecurityGroupRule* rule = nullptr;
};

// What the path says about a packet's peer, for group references. A reference matches only
// the private addresses of member interfaces, and not at all for traffic that crossed a
// middlebox or (by default) a transit gateway:
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
struct PeerScope {
  bool references_usable = true;
  const NetworkInterface* peer = nullptr;  // the interface that sent the packet, when known
};

// Decides whether rule peers cover one address: CIDRs and prefix lists by containment, group
// references by the groups of the interfaces holding it as a private address (looked up once,
// when a reference first asks).
class RulePeerMatcher {
 public:
  RulePeerMatcher(const Network& network, IpAddress peer, const PeerScope& scope = {})
      : network_(network), peer_(peer), scope_(scope) {}
  bool Covers(const RulePeer& rule_peer);
  IpAddress peer() const { return peer_; }

 private:
  bool HeldByMemberOf(const std::string& group_id);

  const Network& network_;
  IpAddress peer_;
  PeerScope scope_;
  bool looked_up_ = false;
  const uint32_t* holders_ = nullptr;  // the interfaces holding the peer, by index
  size_t holder_count_ = 0;
  uint32_t known_sender_ = 0;
};

// Every rule on `eni`'s groups in `direction` that allows `packet` (the peer is the source
// for ingress, the destination for egress). Empty means denied: groups are allow-only.
std::vector<SecurityGroupMatch> MatchSecurityGroups(const Network& network, const NetworkInterface& eni,
                                                    Direction direction, const Packet& packet,
                                                    const PeerScope& scope = {});

// Every rule on `eni`'s groups in `direction` whose peer covers `peer`, whatever its protocol and ports.
std::vector<SecurityGroupMatch> MatchSecurityGroupPeers(const Network& network, const NetworkInterface& eni,
                                                        Direction direction, IpAddress peer, const PeerScope& scope);

}  // namespace sgscope
