#pragma once
// The filters one traced flow met, in order: what the reachability engine needs to evaluate the
// same path for every protocol and port at once. Routes depend on addresses only, so a path
// traced with one representative packet is the path of every packet between the same addresses
// of the same protocol class, unless a decision outside the filters looked at the port
// (a load balancer's listener, a VPN tunnel's port, a response meeting rules without state).

#include <vector>

#include "engines/security_group_evaluator.h"
#include "model/network.h"
#include "net/packet.h"

namespace sgscope {

// One security-group or network-ACL evaluation on a traced path.
struct FilterStep {
  enum class Kind : uint8_t { kSecurityGroup, kNetworkAcl };
  Kind kind = Kind::kSecurityGroup;
  bool response = false;  // on the return leg
  Direction direction = Direction::kIngress;
  const NetworkInterface* eni = nullptr;  // kSecurityGroup: whose groups
  const NetworkAcl* acl = nullptr;        // kNetworkAcl
  const Subnet* subnet = nullptr;         // kNetworkAcl: the subnet it guards
  Packet packet;                          // as the filter saw it
  PeerScope scope;                        // kSecurityGroup ingress: who may match group references
};

// Everything Trace records for the reachability engine (TraceQuery::record).
struct FilterPath {
  std::vector<FilterStep> steps;
  // A component other than a filter dropped the packet (no route, a service that takes no
  // connection, ...): nothing of this protocol class gets through, whatever the port.
  bool forward_failed = false;
  bool return_failed = false;
  // The packet left the modelled network (an internet or VPN gateway, a split tunnel) instead of
  // being delivered: it reached an internet destination, or never reached an interface one.
  bool left_network = false;
  // A decision outside the filters depended on the port or ICMP type: the path must be traced
  // per service instead.
  bool service_dependent = false;
  // A decision outside the filters depended on the protocol (a NAT gateway translates TCP, UDP
  // and ICMP only): each protocol class must be traced on its own.
  bool protocol_dependent = false;
  // The forward leg looked its destination address up among the addresses the network holds
  // (delivery in a VPC, the internet's public addresses). Until then the walk tested it against
  // prefixes only (routes, VPC blocks, private space), so a flow that failed or left the network
  // before this would have done the same for any address those prefixes do not tell apart.
  bool destination_looked_up = false;
  // A leg took a route to a gateway or an appliance: the path then depends on where that target
  // is (the subnet it shares with an end, the zone a transit gateway enters by), not only on the
  // tables of the ends' subnets. `local` and VPC peering routes hand the packet straight to the
  // address (a peering connection delivers into the peer VPC as `local` would:
  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html).
  bool beyond_direct_routes = false;
};

}  // namespace sgscope
