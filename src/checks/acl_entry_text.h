#pragma once
// How the network-ACL checks name an entry, and which entries AWS fixes itself.

#include <string>

#include "model/network_acl.h"

namespace sgscope {

// "entry 100 (allow tcp 22 from 0.0.0.0/0)": "from" for inbound entries, "to" for outbound.
std::string AclEntryText(const NetworkAclEntry& entry);

// The protocol and ports part alone: "tcp 22", "icmp type 8 code 0", "all traffic".
std::string AclEntryTrafficText(const NetworkAclEntry& entry);

// One of the implicit final denies (32767 for IPv4, 32768 for IPv6) every ACL ends with; the user
// can neither change nor delete them.
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
bool IsImplicitDeny(const NetworkAclEntry& entry);

}  // namespace sgscope
