#pragma once
// What all-pairs workers share (compiled_reach.h): the classes as the tables see them (Side),
// and the skeleton of the path between every pair of path keys, traced once on all cores.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engines/address_partition.h"
#include "engines/endpoint_classes.h"
#include "model/network.h"

namespace sgscope {

// Addresses of one family as the tables see them: an IPv4 address as its 32-bit value, an IPv6
// address as the number of its block in the partition every IPv6 CIDR of the snapshot cuts
// (AddressPartition: no rule, prefix list or ACL entry tells two addresses of a block apart), so
// both families' tables are pieces of one 32-bit axis.
class AddressAxis {
 public:
  AddressAxis(const Network& n, IpFamily family);
  IpFamily family() const { return family_; }
  uint32_t Coordinate(IpAddress a) const {
    return family_ == IpFamily::kV4 ? a.v4() : static_cast<uint32_t>(blocks_->BlockOf(a));
  }
  // An address at a coordinate: the filters answer for it what they answer for the whole block.
  IpAddress Address(uint32_t c) const { return family_ == IpFamily::kV4 ? IpAddress::V4(c) : blocks_->Start(c); }

 private:
  IpFamily family_;
  std::optional<AddressPartition> blocks_;  // IPv6
};

// One end of a pair as the tables see it.
struct Side {
  const NetworkInterface* eni = nullptr;
  const Subnet* subnet = nullptr;
  uint32_t address = 0;   // its address in the tables' family, on their axis (AddressAxis)
  uint32_t groupset = 0;  // the security groups found in the snapshot
  uint32_t kind = 0;      // groupset plus every group id the interface names (references match ids)
  uint32_t path_key = 0;  // (subnet, has groups, refuses, denies IGW traffic, NAT gateway) among the sides' keys
  bool usable = false;    // plain enough for the tables, as a source
  bool usable_destination = false;
  bool refuses = false;   // its service takes no connection, whatever the packet
  bool nat_gateway = false;  // a NAT gateway's interface (trace's ArriveAtNatGateway)
};

// A filter of a skeleton, its peer named by role.
struct SkeletonStep {
  bool groups = false;       // a security group (else a network ACL)
  bool of_source = false;    // groups: the source's (egress) or the destination's (ingress)
  bool references = true;    // groups, ingress: group references may match the sender
  const NetworkAcl* acl = nullptr;
  Direction direction = Direction::kIngress;
  bool peer_is_destination = false;
  bool response = false;
  uint16_t response_port = 0;  // response steps: the client port the filter saw
  auto operator<=>(const SkeletonStep&) const = default;
};

// The filters a flow meets between two path keys, in order; usable false when the tables
// cannot stand for the path (the pair takes the per-pair traces).
struct Skeleton {
  bool usable = false;
  bool protocol_dependent = false;  // a NAT gateway on the path: each protocol class has its own
  std::vector<SkeletonStep> steps;
  bool forward_failed = false, return_failed = false, left_network = false;
  auto operator<=>(const Skeleton&) const = default;
};

// The sides and skeletons for one list of sources and one of destinations, in one address
// family (classes of the other are unusable here); read-only after construction, so workers
// share it.
struct CompiledPaths {
  CompiledPaths(const Network& network, const std::vector<EndpointClass>& sources,
                const std::vector<EndpointClass>& destinations, IpFamily family = IpFamily::kV4);

  // The skeleton of protocol class `c` (ProtocolClasses(family)) between two sides, and its index in
  // `skeletons` (equal skeletons are kept once).
  uint32_t SkeletonIndex(const Side& src, uint32_t destination_key, size_t c) const {
    return skeleton_of[(size_t{src.path_key} * destination_keys.size() + destination_key) * classes + c];
  }

  // Nothing of any protocol gets from the source's key to this destination key, whatever the
  // filters (no route, a refusing service, the path leaves the network).
  bool Dead(const Side& src, uint32_t destination_key) const {
    return dead[size_t{src.path_key} * destination_keys.size() + destination_key];
  }

  const Network& n;
  IpFamily family;
  AddressAxis axis;
  std::vector<Side> sources, destinations;
  std::vector<std::vector<uint32_t>> destinations_by_key;  // usable destinations, by path key
  std::map<std::string, uint32_t> group_numbers;          // every group id the sides name
  std::vector<const NetworkInterface*> groupset_carrier;  // an interface carrying each group set
  std::vector<std::vector<uint32_t>> kind_groups;         // by kind: group numbers, sorted
  // Up to two members of each path key: a skeleton is traced between two different interfaces.
  using Representatives = std::array<const Side*, 2>;
  std::vector<Representatives> source_keys, destination_keys;
  std::vector<Skeleton> skeletons;  // the distinct skeletons
  // (source key * destination keys + destination key) * classes + class -> skeletons index; the
  // classes share the TCP skeleton unless a NAT gateway on it tells them apart.
  std::vector<uint32_t> skeleton_of;
  std::vector<uint8_t> dead;  // source key * destination keys + destination key
  size_t classes;
  // Destination keys in one VPC that no prefix a walk tests before delivery tells apart: a walk
  // that fails or leaves the network on the way to one of them does so for all (RouteClasses).
  std::vector<std::vector<uint32_t>> route_classes;
  // Destination keys whose subnets deliver alike: the same network ACL, groups or none, refusing
  // or not (DeliveryClasses). Within a route class, a walk from another subnet that keeps to
  // direct routes both ways meets the same filters on the way to any of them whose route table
  // sends the response back by the same route (TraceRow).
  std::vector<uint32_t> delivery_class;  // by destination key
  std::vector<const RouteTable*> response_table;  // by destination key: the table a response leaves by
  size_t traces = 0;  // skeleton traces done (the rest shared within a route class)
  double trace_seconds = 0, trace_cpu_seconds = 0;  // tracing them: wall, and the process's CPU

  // A skeleton traced between two keys' representatives, and whether the walk looked the
  // destination up (FilterPath); what every cell would hold without route classes.
  struct Traced {
    Skeleton skeleton;
    bool destination_looked_up = true;
    bool beyond_direct_routes = true;  // a leg took a route to a gateway or appliance (FilterPath)
  };
  Traced TraceBetween(const Representatives& src, const Representatives& dst, size_t protocol_class) const;

 private:
  static constexpr uint32_t kTraced = UINT32_MAX;
  size_t TraceRow(size_t source_key, std::vector<Skeleton>& row, std::vector<uint32_t>& same_as) const;
  void TraceSkeletons();
};

}  // namespace sgscope
