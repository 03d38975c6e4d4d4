#pragma once
// The decisions a Client VPN endpoint makes for a client's packet before it enters the VPC:
// authorization (longest prefix, group scoped), the endpoint's route, and the endpoint interface
// in the route's subnet that source-translates it (aws-semantics.md §6).

#include <optional>
#include <string>
#include <vector>

#include "model/network.h"

namespace sgscope {

// Which authorization rules decided a destination for a client in some groups.
struct ClientVpnAuthorization {
  bool allowed = false;
  std::optional<IpPrefix> decisive_prefix;                // the longest destination containing the address
  std::vector<const ClientVpnAuthorizationRule*> rules;   // every active rule with that destination
  std::vector<const ClientVpnAuthorizationRule*> grants;  // those that grant one of the groups (or all groups)
};

// Authorization as AWS evaluates it: among the endpoint's active rules whose destination
// contains `destination`, only those with the longest prefix count (0.0.0.0/0 is therefore
// "processed last"), and the client is allowed when one of them grants all groups or one of its
// `groups` (none: a client in no named group). A more specific rule for another group hides a
// 0.0.0.0/0 grant: https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/auth-rule-example-scenarios.html
ClientVpnAuthorization AuthorizeClientVpn(const Network& network, const ClientVpnEndpoint& endpoint,
                                          IpAddress destination, const std::vector<std::string>& groups);

// The endpoint routes for `destination`: the active routes of the longest matching prefix,
// ordered by target subnet. Several mean one route per associated subnet (one per Availability
// Zone, for redundancy); which one a client's session uses is not documented.
std::vector<const ClientVpnRoute*> LookupClientVpnRoutes(const Network& network, const ClientVpnEndpoint& endpoint,
                                                         IpAddress destination);

// The endpoint's interface in `subnet_id`, or why there is none to send from.
struct ClientVpnInterface {
  const NetworkInterface* eni = nullptr;
  std::string problem;  // when `eni` is null: which input is missing or not ready
};
ClientVpnInterface ClientVpnInterfaceIn(const Network& network, const ClientVpnEndpoint& endpoint,
                                        const std::string& subnet_id);

// The endpoints (not deleted) whose client CIDR holds `client`; several when CIDRs overlap.
std::vector<const ClientVpnEndpoint*> ClientVpnEndpointsFor(const Network& network, IpAddress client);

// The endpoint whose target network association `eni` serves, or null.
const ClientVpnEndpoint* ClientVpnEndpointOfInterface(const Network& network, const NetworkInterface& eni);

// The `n`-th host address of the client CIDR (its first address for /31 and /32).
IpAddress ClientVpnHost(const IpPrefix& client_cidr, int n);

}  // namespace sgscope
