#pragma once
// Network ACL evaluation: numbered entries, first match wins, implicit deny.

#include "model/network_acl.h"
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

}  // namespace sgscope
