#pragma once
// What a load balancer does with a packet that reaches one of its interfaces: the listener that
// takes it, the target it forwards to, and how the addresses change on the way.

#include <optional>
#include <string>
#include <vector>

#include "model/network.h"
#include "net/packet.h"

namespace sgscope {

// The listener of `lb` for the packet's protocol and destination port, or null. TCP listeners
// (and TLS, HTTP, HTTPS, SSL, which run over TCP) take TCP; UDP takes UDP; TCP_UDP both.
const LoadBalancerListener* FindListener(const Network& network, const LoadBalancer& lb, const Packet& packet);

// The target a load balancer node forwards a new flow to, and why that one.
struct LoadBalancerForward {
  const NetworkInterface* target = nullptr;  // the target's interface (instance's primary, or the IP's holder)
  IpAddress address;                         // the target address the packet is sent to
  uint16_t port = 0;                         // the target port
  std::string target_id;                     // instance id or IP, as registered
  std::vector<std::string> others;           // the other eligible targets, not traced
  bool preserves_client_ip = false;          // the source stays the client's address
  bool fail_open = false;                    // no healthy target: all targets are used
  std::string problem;                       // when `target` is null: why nothing is forwarded
  std::vector<std::string> assumptions;      // defaults used for settings the snapshot lacks
};

// Chooses the target for a flow arriving at `node` (the load balancer's interface in one zone):
// healthy targets of the listener's first target group (all of them when none is healthy, as
// elbv2 fails open), restricted to the node's Availability Zone unless cross-zone load balancing
// is on, the first by id. Classic load balancers forward to their registered instances on the
// listener's instance port.
LoadBalancerForward ChooseTarget(const Network& network, const LoadBalancer& lb, const LoadBalancerListener& listener,
                                 const NetworkInterface& node);

// The load balancer whose node `eni` is (linked by the snapshot), or null.
const LoadBalancer* LoadBalancerOfInterface(const Network& network, const NetworkInterface& eni);

}  // namespace sgscope
