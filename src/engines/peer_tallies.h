#pragma once
// The peers of one security-group rule with their record and byte counts. Every credited record
// updates one, and a busy account's rules hold hundreds of thousands of (rule, peer) pairs, so
// the update is what misses the cache: IPv4 peers (nearly all) sit in an InlineKeyTable, one
// cache line an update; IPv6 peers beside it.

#include <cstdint>
#include <utility>
#include <vector>

#include "engines/flow_tally_map.h"
#include "engines/inline_key_table.h"
#include "net/ip_address.h"

namespace sgscope {

// One peer's share of a rule's traffic.
struct PeerTally {
  uint64_t records = 0, bytes = 0;
};

// Peers by address; entries are never removed.
class PeerTallies {
 public:
  PeerTally* Find(const IpAddress& address);
  PeerTally& FindOrAdd(const IpAddress& address);  // zero when new
  size_t size() const { return v4_.size() + v6_.size(); }
  // Every peer, by address (IPv4 before IPv6).
  std::vector<std::pair<IpAddress, PeerTally>> Entries() const;

 private:
  InlineKeyTable<PeerTally> v4_;
  FlowTallyMap<IpAddress, PeerTally, IpAddressHash> v6_;
};

}  // namespace sgscope
