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

  // Its first block of the family, or null (an IPv4-only subnet has no IPv6 block).
  const IpPrefix* BlockOf(IpFamily family) const {
    for (const IpPrefix& c : cidrs)
      if (c.family() == family) return &c;
    return nullptr;
  }
};

}  // namespace sgscope
