#pragma once
// Transit gateways: attachments, route tables, associations and propagations.

#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"

namespace sgscope {

// A transit gateway.
struct TransitGateway {
  std::string id;
  std::string owner_id;
  std::string state;
  std::string association_default_route_table_id;
  std::string propagation_default_route_table_id;
  // Options.SecurityGroupReferencingSupport: rules may reference groups of VPCs attached to
  // this gateway (inbound only). Off unless the snapshot says "enable".
  bool security_group_referencing = false;
  SourceRef source;
};

// An attachment of a VPC (or VPN, peering, Direct Connect gateway...) to a transit gateway.
// For VPC attachments, `subnet_ids` are the subnets where the attachment's ENIs live.
struct TransitGatewayAttachment {
  std::string id;
  std::string transit_gateway_id;
  std::string resource_type;  // "vpc", "vpn", "peering", "direct-connect-gateway", ...
  std::string resource_id;
  std::string resource_owner_id;
  std::string state;
  std::string association_route_table_id;
  std::vector<std::string> subnet_ids;
  // VPC attachment Options.SecurityGroupReferencingSupport (default enable).
  bool security_group_referencing = true;
  SourceRef source;
};

// One route of a transit gateway route table; a blackhole route has no attachment.
struct TransitGatewayRoute {
  IpPrefix destination;
  std::string destination_prefix_list_id;
  std::vector<std::string> attachment_ids;
  bool blackhole = false;
  bool propagated = false;
  SourceRef source;
};

// A transit gateway route table with its associated and propagating attachments.
struct TransitGatewayRouteTable {
  std::string id;
  std::string transit_gateway_id;
  std::vector<std::string> associated_attachment_ids;
  std::vector<std::string> propagating_attachment_ids;
  std::vector<TransitGatewayRoute> routes;
  SourceRef source;
};

}  // namespace sgscope
