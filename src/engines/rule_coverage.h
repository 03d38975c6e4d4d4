#pragma once
// Exact set algebra over allow rules: is everything one rule allows also allowed by others?

#include <span>
#include <string>
#include <vector>

#include "net/ip_prefix.h"
#include "net/ip_protocol.h"
#include "net/port_range.h"

namespace sgscope {

// The traffic one allow rule admits, with its peer resolved for set algebra: addresses (a CIDR
// or a prefix list's entries) or a symbolic group reference, never both.
struct RuleTraffic {
  ProtocolSelector protocol;
  PortRange ports = PortRange::All();  // meaningful when protocol.HasPorts()
  IcmpTypeCode icmp;                   // meaningful when protocol.HasIcmpTypes()
  std::vector<IpPrefix> addresses;     // address peers; IPv4 and IPv6 are disjoint sets
  std::string group_id;                // a group-reference peer (then `addresses` is empty)
  bool peer_known = true;              // false: a prefix list whose entries the snapshot lacks
};

// True when every packet `candidate` admits is admitted by some rule in `others`. A group
// reference is covered only by a rule naming the same group or by address rules covering all of
// 0.0.0.0/0 and ::/0; a candidate whose peer is unknown is never covered.
bool IsCovered(const RuleTraffic& candidate, std::span<const RuleTraffic> others);

// True when `other` admits part of `candidate`'s traffic in the sense IsCovered uses: a group
// reference helps only a candidate naming the same group; address rules help a group reference.
bool HelpsCover(const RuleTraffic& candidate, const RuleTraffic& other);

}  // namespace sgscope
