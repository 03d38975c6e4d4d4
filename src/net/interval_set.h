#pragma once
// Sets of unsigned integers as sorted, disjoint, non-adjacent closed intervals: the canonical
// form behind address sets and port sets. Two sets are equal exactly when their interval lists
// are, so sets can be compared, hashed and shared.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace sgscope {

// A set of values of unsigned type T; every operation keeps the canonical form.
template <typename T>
class IntervalSet {
 public:
  struct Interval {
    T lo, hi;  // inclusive
    bool operator==(const Interval&) const = default;
  };

  IntervalSet() = default;
  static IntervalSet All() { return Range(0, std::numeric_limits<T>::max()); }
  static IntervalSet Range(T lo, T hi) {
    IntervalSet s;
    if (lo <= hi) s.intervals_.push_back({lo, hi});
    return s;
  }

  bool empty() const { return intervals_.empty(); }
  bool is_all() const { return *this == All(); }
  const std::vector<Interval>& intervals() const { return intervals_; }
  bool Contains(T v) const {
    auto it = std::upper_bound(intervals_.begin(), intervals_.end(), v, [](T x, const Interval& i) { return x < i.lo; });
    return it != intervals_.begin() && v <= std::prev(it)->hi;
  }
  // Whether every value of `o` is in this set.
  bool Contains(const IntervalSet& o) const { return o.Subtract(*this).empty(); }
  bool Intersects(const IntervalSet& o) const {
    for (size_t a = 0, b = 0; a < intervals_.size() && b < o.intervals_.size();) {
      const Interval &x = intervals_[a], &y = o.intervals_[b];
      if (std::max(x.lo, y.lo) <= std::min(x.hi, y.hi)) return true;
      (x.hi < y.hi) ? ++a : ++b;
    }
    return false;
  }

  IntervalSet Union(const IntervalSet& o) const {
    std::vector<Interval> all;
    all.reserve(intervals_.size() + o.intervals_.size());
    std::merge(intervals_.begin(), intervals_.end(), o.intervals_.begin(), o.intervals_.end(), std::back_inserter(all),
               [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
    IntervalSet out;
    for (const Interval& i : all) out.AppendSorted(i);
    return out;
  }

  IntervalSet Intersect(const IntervalSet& o) const {
    IntervalSet out;
    size_t a = 0, b = 0;
    while (a < intervals_.size() && b < o.intervals_.size()) {
      const Interval &x = intervals_[a], &y = o.intervals_[b];
      T lo = std::max(x.lo, y.lo), hi = std::min(x.hi, y.hi);
      if (lo <= hi) out.intervals_.push_back({lo, hi});
      (x.hi < y.hi) ? ++a : ++b;
    }
    return out;
  }

  IntervalSet Complement() const {
    IntervalSet out;
    T next = 0;
    bool open = true;  // [next, ...] not yet covered
    for (const Interval& i : intervals_) {
      if (i.lo > next) out.intervals_.push_back({next, static_cast<T>(i.lo - 1)});
      if (i.hi == std::numeric_limits<T>::max()) {
        open = false;
        break;
      }
      next = i.hi + 1;
    }
    if (open) out.intervals_.push_back({next, std::numeric_limits<T>::max()});
    return out;
  }

  IntervalSet Subtract(const IntervalSet& o) const { return Intersect(o.Complement()); }

  bool operator==(const IntervalSet&) const = default;

  size_t Hash() const {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (const Interval& i : intervals_) h = Mix(Mix(h, i.lo), i.hi);
    return static_cast<size_t>(h);
  }

 private:
  // Appends an interval whose lo is >= every lo already present, merging overlap and adjacency.
  void AppendSorted(const Interval& i) {
    if (!intervals_.empty()) {
      Interval& last = intervals_.back();
      if (last.hi == std::numeric_limits<T>::max() || i.lo <= last.hi + 1) {
        last.hi = std::max(last.hi, i.hi);
        return;
      }
    }
    intervals_.push_back(i);
  }
  static uint64_t Mix(uint64_t h, T v) {
    if constexpr (sizeof(T) > 8) return MixWord(MixWord(h, static_cast<uint64_t>(v >> 64)), static_cast<uint64_t>(v));
    return MixWord(h, static_cast<uint64_t>(v));
  }
  static uint64_t MixWord(uint64_t h, uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0xBF58476D1CE4E5B9ull;
  }

  std::vector<Interval> intervals_;
};

}  // namespace sgscope
