#pragma once
// A subnet: one IPv4 block (and optional IPv6 blocks) in one VPC and zone.

#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"

namespace sgscope {

// A subnet. Its route table and network ACL are resolved by Network (associations live there).
struct Subnet {
  std::string id;
  std::string vpc_id;
  std::string availability_zone;
  std::vector<IpPrefix> cidrs;  // IPv4 CidrBlock first, then IPv6 associations
  bool map_public_ip_on_launch = false;
  SourceRef source;
};

}  // namespace sgscope
