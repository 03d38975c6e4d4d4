#pragma once
// A VPC with every CIDR block associated with it.

#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"

namespace sgscope {

// A VPC. `cidrs` holds the associated IPv4 and IPv6 blocks (disassociated ones are dropped).
struct Vpc {
  std::string id;
  std::string owner_id;
  std::string account;  // from the snapshot layout, else owner_id
  std::string region;   // from the snapshot layout, "" when unknown
  bool is_default = false;
  std::vector<IpPrefix> cidrs;
  SourceRef source;
};

}  // namespace sgscope
