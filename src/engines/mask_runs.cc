// Builds the runs by sweeping toggles: once each bit's ranges are merged into disjoint,
// non-adjacent ones, the bit flips on at each range's first coordinate and off after its last,
// so a running XOR of the flips is the set.

#include "engines/mask_runs.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace sgscope {

MaskRuns::MaskRuns(std::vector<BitRange> ranges) {
  std::erase_if(ranges, [](const BitRange& r) { return r.range.first > r.range.last; });
  std::sort(ranges.begin(), ranges.end(),
            [](const BitRange& a, const BitRange& b) { return std::tie(a.bit, a.range.first) < std::tie(b.bit, b.range.first); });
  std::vector<std::pair<uint32_t, uint64_t>> flips;  // coordinate, bits flipping there
  for (size_t i = 0; i < ranges.size(); ++i) {  // join a bit's overlapping and adjacent ranges
    BitRange joined = ranges[i];
    for (; i + 1 < ranges.size() && ranges[i + 1].bit == joined.bit &&
           uint64_t{ranges[i + 1].range.first} <= uint64_t{joined.range.last} + 1;
         ++i)
      joined.range.last = std::max(joined.range.last, ranges[i + 1].range.last);
    flips.emplace_back(joined.range.first, uint64_t{1} << joined.bit);
    if (joined.range.last != UINT32_MAX) flips.emplace_back(joined.range.last + 1, uint64_t{1} << joined.bit);
  }
  std::sort(flips.begin(), flips.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<uint32_t> starts{0};
  std::vector<uint64_t> masks{0};
  uint64_t mask = 0;
  for (size_t i = 0; i < flips.size();) {
    uint32_t at = flips[i].first;
    for (; i < flips.size() && flips[i].first == at; ++i) mask ^= flips[i].second;
    if (mask == masks.back()) continue;  // the flips cancelled: the run goes on
    if (at == 0) masks.back() = mask;
    else starts.push_back(at), masks.push_back(mask);
  }
  packed_ = {static_cast<uint32_t>(starts.size())};
  packed_.insert(packed_.end(), starts.begin(), starts.end());
  for (uint64_t m : masks) packed_.push_back(static_cast<uint32_t>(m)), packed_.push_back(static_cast<uint32_t>(m >> 32));
}

}  // namespace sgscope
