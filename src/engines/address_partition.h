#pragma once
// The blocks that every CIDR a snapshot mentions (rules, prefix lists, ACL entries, routes,
// subnets, VPCs, VPN and Client VPN ranges) cuts one address family's space into. No filter or
// route tells two addresses of one block apart, so endpoint classes and the compiled reach
// tables work block by block.

#include <algorithm>
#include <vector>

#include "model/network.h"
#include "net/address_set.h"

namespace sgscope {

// One family's blocks, numbered in address order from 0.
class AddressPartition {
 public:
  AddressPartition(const Network& n, IpFamily family);

  size_t BlockOf(IpAddress a) const {
    return std::upper_bound(starts_.begin(), starts_.end(), a.value()) - starts_.begin() - 1;
  }
  IpAddress Start(size_t i) const {
    return family_ == IpFamily::kV4 ? IpAddress::V4(static_cast<uint32_t>(starts_[i])) : IpAddress::V6(starts_[i]);
  }
  AddressSet Block(size_t i) const;
  size_t size() const { return starts_.size(); }
  IpFamily family() const { return family_; }

 private:
  uint128 Last() const { return family_ == IpFamily::kV4 ? uint128{0xffffffffu} : ~uint128{0}; }

  IpFamily family_;
  std::vector<uint128> starts_;  // ascending, from 0
};

}  // namespace sgscope
