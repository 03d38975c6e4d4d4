#pragma once
// A memo from 64-bit keys to 32-bit values with open addressing (linear probing). The compiled
// all-pairs evaluation (compiled_reach.cc) probes its set-operation memos several times a pair;
// std::unordered_map's node per entry and modulo cost more there than the work they save.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sgscope {

// Keys are any 64-bit values; an entry is never removed.
class MemoMap {
 public:
  const uint32_t* Find(uint64_t key) const {
    for (size_t at = Home(key); slots_[at].used; at = (at + 1) & mask())
      if (slots_[at].key == key) return &slots_[at].value;
    return nullptr;
  }
  // `key` must not be present yet.
  void Insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t at = Home(key);
    while (slots_[at].used) at = (at + 1) & mask();
    slots_[at] = {key, value, true};
    ++size_;
  }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
    bool used = false;
  };
  size_t mask() const { return slots_.size() - 1; }
  size_t Home(uint64_t key) const {
    key *= 0x9e3779b97f4a7c15ull;
    return (key ^ key >> 29) & mask();
  }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    size_ = 0;
    for (const Slot& s : old)
      if (s.used) Insert(s.key, s.value);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(16);
  size_t size_ = 0;
};

}  // namespace sgscope
