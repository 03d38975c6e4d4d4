#pragma once
// Network ACLs: numbered, first-match, stateless entries per direction.

#include <cstdint>
#include <string>
#include <vector>

#include "model/security_group.h"
#include "model/source_ref.h"
#include "net/ip_prefix.h"
#include "net/ip_protocol.h"
#include "net/port_range.h"

namespace sgscope {

// One numbered entry. The implicit final deny appears in describe output as 32767 (IPv4)
// and 32768 (IPv6); it is loaded like any other entry.
struct NetworkAclEntry {
  uint32_t rule_number = 0;
  Direction direction = Direction::kIngress;
  bool allow = false;
  ProtocolSelector protocol;
  IpPrefix cidr;
  PortRange ports;    // TCP/UDP only
  IcmpTypeCode icmp;  // ICMP/ICMPv6 only
  SourceRef source;

  // One of the implicit final denies (32767 for IPv4, 32768 for IPv6) every ACL ends with; the
  // user can neither change nor delete them. https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
  bool is_implicit_deny() const { return rule_number >= 32767; }
};

// A network ACL; `ingress` and `egress` are sorted by rule number.
struct NetworkAcl {
  std::string id;
  std::string vpc_id;
  bool is_default = false;
  std::vector<std::string> subnet_ids;
  std::vector<NetworkAclEntry> ingress;
  std::vector<NetworkAclEntry> egress;
  SourceRef source;

  const std::vector<NetworkAclEntry>& entries(Direction d) const {
    return d == Direction::kIngress ? ingress : egress;
  }
};

}  // namespace sgscope
