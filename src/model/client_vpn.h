#pragma once
// AWS Client VPN: endpoints and, each from its own describe-client-vpn-* call, their
// subnet associations (target networks), authorization rules and routes. Client traffic
// enters the VPC through endpoint-owned interfaces in the associated subnets, with the
// association's security groups and the interface address as source (SNAT);
// see shared/docs/aws-semantics.md §6.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_address.h"
#include "net/ip_prefix.h"

namespace sgscope {

// A Client VPN endpoint (describe-client-vpn-endpoints).
struct ClientVpnEndpoint {
  std::string id;                               // ClientVpnEndpointId, "cvpn-endpoint-..."
  std::string vpc_id;                           // the VPC its associated subnets are in
  std::optional<IpPrefix> client_cidr;          // ClientCidrBlock: addresses handed to clients
  std::vector<std::string> security_group_ids;  // SecurityGroupIds, applied to its interfaces
  bool split_tunnel = false;                    // true: only the endpoint's routes go through the VPN
  std::string status;                           // Status.Code: pending-associate|available|deleting|deleted
  std::string transport_protocol;               // "udp" or "tcp"
  std::optional<int64_t> vpn_port;              // 443 or 1194
  std::vector<IpAddress> dns_servers;           // DnsServers pushed to clients
  SourceRef source;
};

// A subnet associated with an endpoint (describe-client-vpn-target-networks).
struct ClientVpnTargetNetwork {
  std::string id;                               // AssociationId, "cvpn-assoc-..."
  std::string endpoint_id;                      // ClientVpnEndpointId
  std::string subnet_id;                        // TargetNetworkId
  std::string vpc_id;
  std::vector<std::string> security_group_ids;  // SecurityGroups of the association
  std::string status;                           // Status.Code: associating|associated|disassociating|...
  SourceRef source;
};

// An ingress authorization rule (describe-client-vpn-authorization-rules): which client
// group may reach `destination`. Allow-only; longest prefix wins.
struct ClientVpnAuthorizationRule {
  std::string endpoint_id;              // ClientVpnEndpointId
  std::optional<IpPrefix> destination;  // DestinationCidr
  std::string group_id;                 // GroupId (AD group SID / SAML group); empty with access_all
  bool access_all = false;              // AccessAll: every client is authorized
  std::string description;
  std::string status;                   // Status.Code: authorizing|active|failed|revoking
  SourceRef source;
};

// A route of an endpoint's route table (describe-client-vpn-routes).
struct ClientVpnRoute {
  std::string endpoint_id;              // ClientVpnEndpointId
  std::optional<IpPrefix> destination;  // DestinationCidr
  std::string target_subnet_id;         // TargetSubnet: an associated subnet, or "local"
  std::string type;                     // Type: Nat|Local|...
  std::string origin;                   // Origin: associate|add-route
  std::string status;                   // Status.Code: creating|active|failed|deleting
  std::string description;
  SourceRef source;
};

}  // namespace sgscope
