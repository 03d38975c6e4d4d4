#pragma once
// The shape of every cross-document merge: entries that describe the same AWS object
// (same id, or same key) are folded into the one entry kept for it, and erased.

#include <string>
#include <unordered_map>
#include <vector>

namespace sgscope::ingest {

// Groups `items` by `key(item)`. Per group, keeps the first element that `secondary`
// rejects (else the first element); folds every other element that `secondary` accepts
// into it with `fold(from, into)`, and drops the other authoritative ones: those are
// repeated definitions of the same object, e.g. a peering connection listed by both of
// its accounts. Keeps the order of what remains.
template <typename T, typename Key, typename Secondary, typename Fold>
void FoldByKey(std::vector<T>& items, Key key, Secondary secondary, Fold fold) {
  std::unordered_map<std::string, size_t> kept;
  for (size_t i = 0; i < items.size(); ++i) {
    auto [it, inserted] = kept.emplace(key(items[i]), i);
    if (!inserted && secondary(items[it->second]) && !secondary(items[i])) it->second = i;
  }
  if (kept.size() == items.size()) return;
  std::vector<bool> erased(items.size(), false);
  for (size_t i = 0; i < items.size(); ++i) {
    size_t into = kept[key(items[i])];
    if (into == i) continue;
    if (secondary(items[i])) fold(items[i], items[into]);
    erased[i] = true;
  }
  size_t out = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (erased[i]) continue;
    if (out != i) items[out] = std::move(items[i]);
    ++out;
  }
  items.resize(out);
}

// FoldByKey keyed by the AWS id.
template <typename T, typename Secondary, typename Fold>
void FoldById(std::vector<T>& items, Secondary secondary, Fold fold) {
  FoldByKey(items, [](const T& item) -> const std::string& { return item.id; }, secondary, fold);
}

// Drops repeated definitions of the same id, keeping the first.
template <typename T>
void DropRepeatedIds(std::vector<T>& items) {
  FoldById(items, [](const T&) { return false; }, [](T&, T&) {});
}

}  // namespace sgscope::ingest
