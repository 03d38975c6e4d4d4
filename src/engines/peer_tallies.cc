// IPv4 peers in an InlineKeyTable, IPv6 ones in a FlowTallyMap. Reports sort the peers (by
// traffic, by address), so the tables keep no order.

#include "engines/peer_tallies.h"

#include <algorithm>

namespace sgscope {

PeerTally* PeerTallies::Find(const IpAddress& address) {
  return address.is_v4() ? v4_.Find(address.v4()) : v6_.Find(address);
}

PeerTally& PeerTallies::FindOrAdd(const IpAddress& address) {
  return address.is_v4() ? v4_.FindOrAdd(address.v4()) : v6_.FindOrAdd(address);
}

std::vector<std::pair<IpAddress, PeerTally>> PeerTallies::Entries() const {
  std::vector<std::pair<IpAddress, PeerTally>> out(v6_.begin(), v6_.end());
  v4_.ForEach([&](uint32_t address, const PeerTally& tally) { out.emplace_back(IpAddress::V4(address), tally); });
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first < b.first; });
  return out;
}

}  // namespace sgscope
