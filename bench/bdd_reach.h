#pragma once
// An independent oracle for interface-to-interface reachability: every security group and
// network ACL becomes a BDD over (protocol, service, peer address) and a pair's set is their
// conjunction along the routed path, forward and return. It shares no code with sgscope's
// engines (no Trace, evaluators, flow sets or route lookup); only the model is reused.

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <bdd.h>

#include "model/network.h"
#include "service_interval.h"

namespace sgscope::bench {

// What a (source, destination) interface pair lets through, computed symbolically with BuDDy.
// BuDDy is one global package: at most one BddReachability may exist at a time (a second
// constructor throws std::logic_error), and nothing else in the process may use BuDDy meanwhile.
// `network` must outlive it (filters are cached by address of its elements).
class BddReachability {
 public:
  // The answer for one pair. `covered` is false when the path uses something this oracle does
  // not model (transit or VPN gateways, NAT toward a reachable host, appliances, load balancers,
  // Client VPN, the internet); `reason` says what.
  struct Result {
    bool covered = true;
    std::string reason;
    std::vector<ServiceInterval> allowed;  // sorted by (protocol, lo), adjacent runs merged
  };

  explicit BddReachability(const Network& network);
  ~BddReachability();
  BddReachability(const BddReachability&) = delete;
  BddReachability& operator=(const BddReachability&) = delete;

  // The (protocol, service) pairs for which Trace from `src`'s id to `dst`'s primary private
  // IPv4 address is accepted: TCP/UDP by destination port, ICMP by type << 8 | code, other
  // protocols all services or none (ICMPv6 never: Trace refuses it toward IPv4).
  Result Allowed(const NetworkInterface& src, const NetworkInterface& dst);

 private:
  struct Path;
  // Routing (address-only, so done once per leg).
  Path Walk(const Subnet& start, IpAddress dst) const;
  void AcrossPeering(Path& path, const Route& route, const Subnet& subnet, IpAddress dst) const;
  void Deliver(Path& path, const std::string& vpc_id, IpAddress dst, const Subnet* from) const;
  const Route* BestRoute(const RouteTable& table, IpAddress dst) const;
  size_t HolderCount(IpAddress a) const;
  const NatGateway* NatOf(const NetworkInterface& eni) const;
  std::string Unmodelled(const NetworkInterface& eni) const;
  bool Refuses(const NetworkInterface& eni) const;

  // Filters as BDDs.
  bdd GroupFilter(const NetworkInterface& eni, Direction d, const NetworkInterface* sender = nullptr);
  bdd AclFilter(const NetworkAcl& acl, Direction d);
  bdd Peer(const RulePeer& peer, const NetworkInterface* sender);
  bdd Carriers(const std::string& group_id);
  bdd PathAcls(const Path& path, IpAddress src, IpAddress dst);
  bdd AsRequest(const bdd& response) const;

  const Network& net_;
  std::unordered_map<uint32_t, std::vector<const NetworkInterface*>> holders_;  // private IPv4 -> interfaces
  std::map<std::pair<const NetworkInterface*, Direction>, bdd> group_filters_;
  std::map<std::pair<const NetworkAcl*, Direction>, bdd> acl_filters_;
  std::map<std::string, bdd> carriers_;
};

}  // namespace sgscope::bench
