#pragma once
// A hash table of 32-bit keys whose slots hold key and value together (open addressing, linear
// probing, at most three quarters full): a lookup reads one cache line, where an index of entry
// numbers beside an entry array reads two. Flow attribution reads or updates several for every
// record (a rule's peers and services, an address's member groups), and that is what misses the cache.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "engines/flow_tally_map.h"

namespace sgscope {

// Keys are any uint32_t; entries are never removed; iteration is in slot order (callers sort).
template <typename Value>
class InlineKeyTable {
 public:
  const Value* Find(uint32_t key) const {
    if (slots_.empty()) return nullptr;
    const Slot& slot = slots_[SlotOf(key)];
    return slot.key ? &slot.value : nullptr;
  }
  Value* Find(uint32_t key) { return const_cast<Value*>(std::as_const(*this).Find(key)); }
  // The key's value, value-initialised when new; `added` says whether it was.
  Value& FindOrAdd(uint32_t key, bool& added) {
    if ((count_ + 1) * 4 > slots_.size() * 3) Grow();
    Slot& slot = slots_[SlotOf(key)];
    added = !slot.key;
    if (added) slot.key = kUsed | key, ++count_;
    return slot.value;
  }
  Value& FindOrAdd(uint32_t key) {
    bool added;
    return FindOrAdd(key, added);
  }
  size_t size() const { return count_; }
  // f(key, value) for every entry.
  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& slot : slots_)
      if (slot.key) f(static_cast<uint32_t>(slot.key), slot.value);
  }

 private:
  struct Slot {
    uint64_t key = 0;  // kUsed | the key; 0 when free
    [[no_unique_address]] Value value{};
  };
  static constexpr uint64_t kUsed = uint64_t{1} << 32;

  // The key's slot, or the free one it would take.
  size_t SlotOf(uint32_t key) const {
    size_t mask = slots_.size() - 1;
    size_t at = FlowTallyIntHash{}(key) & mask;
    while (slots_[at].key && slots_[at].key != (kUsed | key)) at = (at + 1) & mask;
    return at;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    for (const Slot& slot : old)
      if (slot.key) slots_[SlotOf(static_cast<uint32_t>(slot.key))] = slot;
  }

  std::vector<Slot> slots_;  // a power of two in size
  size_t count_ = 0;
};

}  // namespace sgscope
