#pragma once
// Gateways a route can point at: internet, egress-only internet, NAT and virtual private.

#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_address.h"

namespace sgscope {

// An internet gateway and the VPCs it is attached to.
struct InternetGateway {
  std::string id;
  std::vector<std::string> vpc_ids;
  SourceRef source;
};

// An egress-only internet gateway (IPv6 outbound only).
struct EgressOnlyInternetGateway {
  std::string id;
  std::vector<std::string> vpc_ids;
  SourceRef source;
};

// A NAT gateway: source-translates to its private address (then, public NAT, to its
// public address at the internet gateway). It has no security group; its subnet's NACL applies.
struct NatGateway {
  std::string id;
  std::string vpc_id;
  std::string subnet_id;
  std::string state;
  std::string connectivity_type = "public";
  std::string network_interface_id;
  std::vector<IpAddress> private_ips;
  std::vector<IpAddress> public_ips;
  SourceRef source;
};

// A virtual private gateway (site-to-site VPN / Direct Connect side of a VPC).
struct VpnGateway {
  std::string id;
  std::vector<std::string> vpc_ids;
  SourceRef source;
};

}  // namespace sgscope
