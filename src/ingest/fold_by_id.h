#pragma once
// The shape of every cross-document merge: entries that share an id are folded into the
// one entry kept for that id, and erased.

#include <string>
#include <unordered_map>
#include <vector>

namespace sgscope::ingest {

// Folds each element that `secondary` accepts into the element kept for its id (the
// first one `secondary` rejects, else the first one) with `fold(from, into)`, then erases
// it. Elements that `secondary` rejects are never folded, so duplicates of an
// authoritative entry stay for Network::Finalize to report. Keeps the order of the rest.
template <typename T, typename Secondary, typename Fold>
void FoldById(std::vector<T>& items, Secondary secondary, Fold fold) {
  std::unordered_map<std::string, size_t> kept;
  for (size_t i = 0; i < items.size(); ++i) {
    auto [it, inserted] = kept.emplace(items[i].id, i);
    if (!inserted && secondary(items[it->second]) && !secondary(items[i])) it->second = i;
  }
  if (kept.size() == items.size()) return;
  std::vector<bool> folded(items.size(), false);
  for (size_t i = 0; i < items.size(); ++i) {
    size_t into = kept[items[i].id];
    if (into == i || !secondary(items[i])) continue;
    fold(items[i], items[into]);
    folded[i] = true;
  }
  size_t out = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (folded[i]) continue;
    if (out != i) items[out] = std::move(items[i]);
    ++out;
  }
  items.resize(out);
}

}  // namespace sgscope::ingest
