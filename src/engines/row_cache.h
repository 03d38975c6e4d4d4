#pragma once
// Per-row caches of the all-pairs evaluation (compiled_reach.cc): a worker answers one source
// row at a time, and within a row many destinations share answers. Starting a row bumps a
// stamp instead of clearing, so a row costs nothing for what it does not touch.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sgscope {

// A row's answers by destination signature (up to kMaxKey words the caller chooses: which
// skeleton, what each filter answers): destinations of one row that agree on these get the same
// answer, so most pairs cost one probe. Open addressing.
class RowCache {
 public:
  static constexpr size_t kMaxKey = 8;
  struct Key {
    uint32_t size = 0;
    std::array<uint32_t, kMaxKey> words{};
    bool Add(uint32_t w) { return size < kMaxKey ? (words[size++] = w, true) : false; }
    bool operator==(const Key& o) const {
      return size == o.size && std::equal(words.begin(), words.begin() + size, o.words.begin());
    }
  };
  void NewRow() {
    if (++stamp_ == 0) std::fill(slots_.begin(), slots_.end(), Slot{}), stamp_ = 1;
    used_ = 0;
  }
  const uint32_t* Find(const Key& key) const {
    for (size_t at = Hash(key) & mask(); slots_[at].stamp == stamp_; at = (at + 1) & mask())
      if (slots_[at].key == key) return &slots_[at].value;
    return nullptr;
  }
  void Insert(const Key& key, uint32_t value) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    size_t at = Hash(key) & mask();
    while (slots_[at].stamp == stamp_) at = (at + 1) & mask();
    slots_[at] = {stamp_, key, value};
    ++used_;
  }

 private:
  struct Slot {
    uint32_t stamp = 0;
    Key key;
    uint32_t value = 0;
  };
  size_t mask() const { return slots_.size() - 1; }
  static size_t Hash(const Key& key) {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (uint32_t k = 0; k < key.size; ++k) h = (h ^ key.words[k]) * 0xff51afd7ed558ccdull, h ^= h >> 32;
    return h;
  }
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(1024, slots_.size() * 2));
    old.swap(slots_);
    used_ = 0;
    for (Slot& s : old)
      if (s.stamp == stamp_) Insert(s.key, s.value);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  uint32_t stamp_ = 1;
  size_t used_ = 0;
};

// Values computed once per row, indexed densely.
class RowMemo {
 public:
  void NewRow() {
    if (++stamp_ == 0) std::fill(stamps_.begin(), stamps_.end(), 0), stamp_ = 1;
  }
  template <typename Compute>
  uint32_t Get(size_t index, Compute compute) {
    if (index >= stamps_.size()) stamps_.resize(index + 1, 0), values_.resize(index + 1);
    if (stamps_[index] != stamp_) values_[index] = compute(), stamps_[index] = stamp_;
    return values_[index];
  }

 private:
  std::vector<uint32_t> stamps_;
  std::vector<uint32_t> values_;
  uint32_t stamp_ = 1;
};

}  // namespace sgscope
