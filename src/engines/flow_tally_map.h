#pragma once
// A hash map for the per-record tallies of flow logs: open addressing (linear probing) over an
// index of 32-bit entry numbers, entries kept densely in insertion order. Every traffic record
// updates a few of these; std::unordered_map's node per entry costs a cache miss and an
// allocation each, and its iteration order depends on the bucket count.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sgscope {

// Keys are compared with ==; entries are never removed. Iteration is in insertion order.
template <typename Key, typename Value, typename Hash>
class FlowTallyMap {
 public:
  using Entry = std::pair<Key, Value>;

  const Value* Find(const Key& key) const {
    if (index_.empty()) return nullptr;
    uint32_t entry = index_[At(key)];
    return entry ? &entries_[entry - 1].second : nullptr;
  }
  Value* Find(const Key& key) { return const_cast<Value*>(std::as_const(*this).Find(key)); }
  // The key's value, value-initialised when new; `added` says whether it was.
  Value& FindOrAdd(const Key& key, bool& added) { return entries_[FindOrAddEntry(key, added)].second; }
  // The same as the entry's number: its place in insertion order, for value_at.
  size_t FindOrAddEntry(const Key& key, bool& added) {
    if (index_.empty()) index_.assign(8, 0);
    size_t at = At(key);
    added = !index_[at];
    if (!added) return index_[at] - 1;
    entries_.emplace_back(key, Value{});
    index_[at] = static_cast<uint32_t>(entries_.size());
    if (entries_.size() * 2 > index_.size()) Grow();
    return entries_.size() - 1;
  }
  Value& value_at(size_t entry) { return entries_[entry].second; }
  Value& FindOrAdd(const Key& key) {
    bool added;
    return FindOrAdd(key, added);
  }
  size_t size() const { return entries_.size(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  size_t mask() const { return index_.size() - 1; }
  // The key's place in the index, or the empty place where it would go.
  size_t At(const Key& key) const {
    size_t at = Hash{}(key) & mask();
    while (index_[at] && !(entries_[index_[at] - 1].first == key)) at = (at + 1) & mask();
    return at;
  }
  void Grow() {
    index_.assign(index_.size() * 2, 0);
    for (uint32_t i = 0; i < entries_.size(); ++i) {
      size_t at = Hash{}(entries_[i].first) & mask();
      while (index_[at]) at = (at + 1) & mask();
      index_[at] = i + 1;
    }
  }
  std::vector<uint32_t> index_;  // entry number + 1, 0 for none; allocated on the first add
  std::vector<Entry> entries_;
};

// For integer keys: their low bits alone would crowd the index.
struct FlowTallyIntHash {
  size_t operator()(uint64_t k) const {
    k *= 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(k ^ (k >> 29));
  }
};

}  // namespace sgscope
