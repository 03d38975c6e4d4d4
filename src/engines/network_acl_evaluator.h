#pragma once
// Network ACL evaluation: numbered entries, first match wins, implicit deny.

#include "model/network_acl.h"
#include "net/flow_set.h"
#include "net/packet.h"

namespace sgscope {

// The entry that decided, or none when no entry matched (the implicit deny).
struct AclVerdict {
  bool allow = false;
  const NetworkAclEntry* entry = nullptr;
};

// Evaluates `packet` against `acl` in `direction`: the peer address is the source for
// ingress and the destination for egress; IPv4 entries never match IPv6 packets.
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
AclVerdict EvaluateNetworkAcl(const NetworkAcl& acl, Direction direction, const Packet& packet);

// Every (protocol, service, peer address) one direction's entries allow: each entry decides only
// what no lower-numbered entry decided already. The set-valued form of EvaluateNetworkAcl.
FlowSet AclAllowedFlows(const std::vector<NetworkAclEntry>& entries);

}  // namespace sgscope
