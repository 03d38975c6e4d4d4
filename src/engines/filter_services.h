#pragma once
// The services a security group or network ACL lets through between two fixed addresses: the
// set-valued form of the evaluators, for the reachability engine.

#include "engines/filter_path.h"
#include "net/service_set.h"

#include <vector>

namespace sgscope {

// Flows of one protocol class take one path (only a NAT gateway tells protocols apart): TCP, UDP,
// ICMP (ICMPv6 in IPv6), and every other protocol; `protocol` and `icmp_type` make its
// representative packet. ICMP is IPv4's and ICMPv6 IPv6's alone (Trace refuses either across).
struct ProtocolClass {
  ServiceSet universe;
  uint8_t protocol;
  uint8_t icmp_type = 0;
};
const std::vector<ProtocolClass>& ProtocolClasses(IpFamily family);

// Services `eni`'s groups allow in `direction` with `peer` on the other side (the union of every
// rule whose peer covers it).
ServiceSet SecurityGroupServices(const Network& network, const NetworkInterface& eni, Direction direction,
                                 IpAddress peer, const PeerScope& scope);

// Services `acl` allows in `direction` with `peer` on the other side: each entry decides what no
// lower-numbered entry matching the peer decided already.
ServiceSet NetworkAclServices(const NetworkAcl& acl, Direction direction, IpAddress peer);

// The services a recorded step lets through, with the step's own packet addresses.
ServiceSet StepServices(const Network& network, const FilterStep& step);

// Forward services of `universe` whose response gets past a response filter that lets `passes`
// through; `response` is a representative response as the filter saw it. TCP and UDP responses
// go to the client's port whatever the service; an ICMP request's response is its reply type
// with the same code, and types without a reply need nothing back.
ServiceSet ResponsePasses(const ServiceSet& passes, const Packet& response, const ServiceSet& universe);

// Forward services of `universe` that need no response (ICMP types without a reply).
ServiceSet WithoutResponse(const ServiceSet& universe);

}  // namespace sgscope
