#pragma once
// VPC peering connections between two VPCs, possibly in other accounts or regions.

#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"

namespace sgscope {

// One side of a peering connection.
struct PeeringSide {
  std::string vpc_id;
  std::string owner_id;
  std::string region;
  std::vector<IpPrefix> cidrs;
};

// A peering connection; only status "active" carries traffic.
struct VpcPeeringConnection {
  std::string id;
  std::string status;
  PeeringSide requester;
  PeeringSide accepter;
  SourceRef source;

  bool active() const { return status == "active"; }
  // The VPC on the other side from `vpc_id`, or "" if `vpc_id` is neither side.
  const std::string& PeerOf(const std::string& vpc_id) const;
};

}  // namespace sgscope
