#pragma once
// What the all-pairs evaluation (compiled_reach.cc) computes once per batch of sources: for a
// destination's group set (or kind), one answer per source of the batch, filled together while
// that group set's table is in cache. Starting a batch bumps a stamp instead of clearing, so a
// batch costs nothing for what it does not touch.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sgscope {

// Columns of N values by a dense index, each filled at most once per batch.
template <size_t N>
class BatchColumns {
 public:
  using Column = std::array<uint32_t, N>;
  void NewBatch() {
    if (++stamp_ == 0) std::fill(stamps_.begin(), stamps_.end(), 0), stamp_ = 1;
  }
  // The column at `index`; fill(column) writes it the first time in the batch (and may not use
  // this memo).
  template <typename Fill>
  const Column& Get(size_t index, Fill fill) {
    if (index >= stamps_.size()) stamps_.resize(index + 1, 0), columns_.resize(index + 1);
    if (stamps_[index] != stamp_) fill(columns_[index]), stamps_[index] = stamp_;
    return columns_[index];
  }

 private:
  std::vector<uint32_t> stamps_;
  std::vector<Column> columns_;
  uint32_t stamp_ = 1;
};

}  // namespace sgscope
