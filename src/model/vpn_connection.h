#pragma once
// Site-to-site VPN connections: what lies behind a virtual private gateway.

#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"

namespace sgscope {

// A VPN connection on a virtual private gateway (or transit gateway). With static routing,
// `routes` are the on-premises prefixes; with BGP the prefixes are not in the snapshot.
struct VpnConnection {
  std::string id;
  std::string vpn_gateway_id;
  std::string transit_gateway_id;
  std::string state;
  bool static_routes_only = false;
  std::vector<IpPrefix> routes;
  SourceRef source;
};

}  // namespace sgscope
