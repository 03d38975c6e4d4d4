#pragma once
// How the network-ACL checks name an entry.

#include <string>

#include "model/network_acl.h"

namespace sgscope {

// "entry 100 (allow tcp 22 from 0.0.0.0/0)": "from" for inbound entries, "to" for outbound.
std::string AclEntryText(const NetworkAclEntry& entry);

// The protocol and ports part alone: "tcp 22", "icmp type 8 code 0", "all traffic".
std::string AclEntryTrafficText(const NetworkAclEntry& entry);

}  // namespace sgscope
