#pragma once
// VPC route tables: routes with their target kinds, and subnet/main associations.

#include <cstdint>
#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"

namespace sgscope {

// What a route sends traffic to. Ids are kept as AWS spells them (igw-, nat-, pcx-...).
enum class RouteTargetKind : uint8_t {
  kLocal,
  kInternetGateway,
  kEgressOnlyInternetGateway,
  kVpnGateway,
  kNatGateway,
  kTransitGateway,
  kVpcPeering,
  kNetworkInterface,
  kInstance,
  kGatewayEndpoint,  // vpce- in GatewayId (S3/DynamoDB gateway endpoints)
  kGatewayLoadBalancerEndpoint,
  kLocalGateway,
  kCarrierGateway,
  kCoreNetwork,
  kUnknown,
};
const char* RouteTargetKindName(RouteTargetKind k);

// One route. The destination is a CIDR or a prefix list (then `destination` is unset
// and `destination_prefix_list_id` names it).
struct Route {
  IpPrefix destination;
  std::string destination_prefix_list_id;
  RouteTargetKind target_kind = RouteTargetKind::kUnknown;
  std::string target_id;
  bool blackhole = false;  // State "blackhole"
  bool propagated = false; // Origin "EnableVgwRoutePropagation"
  SourceRef source;
};

// A route table and the subnets that use it. `is_main` marks the VPC's main table,
// used by every subnet without an explicit association.
struct RouteTable {
  std::string id;
  std::string vpc_id;
  bool is_main = false;
  std::vector<std::string> subnet_ids;
  std::vector<std::string> gateway_ids;  // edge associations (igw-/vgw-)
  std::vector<Route> routes;
  SourceRef source;
};

}  // namespace sgscope
