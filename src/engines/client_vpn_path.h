#pragma once
// The three decisions a Client VPN endpoint makes for a client's packet before it enters the
// VPC: authorization (longest prefix, group scoped), the endpoint's route, and the endpoint
// interface in the route's subnet that source-translates it (aws-semantics.md §6).

#include <optional>
#include <string>
#include <vector>

#include "model/network.h"

namespace sgscope {

// Which authorization rules decided a destination for one client group.
struct ClientVpnAuthorization {
  bool allowed = false;
  std::optional<IpPrefix> decisive_prefix;                // the longest destination containing the address
  std::vector<const ClientVpnAuthorizationRule*> rules;   // every active rule with that destination
  std::vector<const ClientVpnAuthorizationRule*> grants;  // those that grant `group` (or all groups)
};

// Authorization as AWS evaluates it: among the endpoint's active rules whose destination
// contains `destination`, only those with the longest prefix count (0.0.0.0/0 is therefore
// "processed last"), and the client is allowed when one of them grants all groups or its
// `group` (empty: a client in no named group). A more specific rule for another group hides
// a 0.0.0.0/0 grant: https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/ad-group-auth-rules.html
ClientVpnAuthorization AuthorizeClientVpn(const Network& network, const ClientVpnEndpoint& endpoint,
                                          IpAddress destination, const std::string& group);

// The endpoint route for `destination`: longest prefix among its active routes; routes of equal
// prefix through several subnets (one per Availability Zone, for redundancy) resolve to the
// first by subnet id, since which one AWS uses is not documented.
const ClientVpnRoute* LookupClientVpnRoute(const Network& network, const ClientVpnEndpoint& endpoint,
                                           IpAddress destination);

// The endpoint's network interface in `subnet_id` (the target network association's interface),
// or null when the snapshot has none.
const NetworkInterface* ClientVpnInterfaceIn(const Network& network, const ClientVpnEndpoint& endpoint,
                                             const std::string& subnet_id);

// The endpoint whose client CIDR holds `client`, or null.
const ClientVpnEndpoint* ClientVpnEndpointFor(const Network& network, IpAddress client);

}  // namespace sgscope
