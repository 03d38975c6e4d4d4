// Linear probing over slots that carry their key, grown to twice the size when three quarters
// are used. Reports sort the peers (by traffic, by address), so the table keeps no order.

#include "engines/peer_tallies.h"

#include <algorithm>

namespace sgscope {

size_t PeerTallies::SlotOf(uint32_t address) const {
  size_t mask = slots_.size() - 1;
  size_t at = FlowTallyIntHash{}(address) & mask;
  while (slots_[at].key && slots_[at].key != (kUsed | address)) at = (at + 1) & mask;
  return at;
}

PeerTally* PeerTallies::Find(const IpAddress& address) {
  if (!address.is_v4()) return v6_.Find(address);
  if (slots_.empty()) return nullptr;
  Slot& slot = slots_[SlotOf(address.v4())];
  return slot.key ? &slot.tally : nullptr;
}

PeerTally& PeerTallies::FindOrAdd(const IpAddress& address) {
  if (!address.is_v4()) return v6_.FindOrAdd(address);
  if ((v4_count_ + 1) * 4 > slots_.size() * 3) Grow();
  Slot& slot = slots_[SlotOf(address.v4())];
  if (!slot.key) slot.key = kUsed | address.v4(), ++v4_count_;
  return slot.tally;
}

void PeerTallies::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<size_t>(16, old.size() * 2), Slot{});
  for (const Slot& slot : old)
    if (slot.key) slots_[SlotOf(static_cast<uint32_t>(slot.key))] = slot;
}

std::vector<std::pair<IpAddress, PeerTally>> PeerTallies::Entries() const {
  std::vector<std::pair<IpAddress, PeerTally>> out(v6_.begin(), v6_.end());
  for (const Slot& slot : slots_)
    if (slot.key) out.emplace_back(IpAddress::V4(static_cast<uint32_t>(slot.key)), slot.tally);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first < b.first; });
  return out;
}

}  // namespace sgscope
