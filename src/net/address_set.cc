// Address sets. Conversion to prefixes takes, from the low end of each interval, the largest
// aligned block that fits, which yields the minimal CIDR cover of an interval.

#include "net/address_set.h"

#include <algorithm>
#include <bit>

namespace sgscope {

namespace {

// 2^n - 1 in T, for n up to the width of T.
template <typename T>
T LowMask(int n) {
  return n >= static_cast<int>(sizeof(T) * 8) ? ~T{0} : (T{1} << n) - 1;
}

// The number of trailing zero bits of v, and floor(log2(v)) for v > 0, on 64 or 128 bits.
template <typename T>
int TrailingZeros(T v) {
  if constexpr (sizeof(T) > 8)
    if (static_cast<uint64_t>(v) == 0) return 64 + std::countr_zero(static_cast<uint64_t>(v >> 64));
  return std::countr_zero(static_cast<uint64_t>(v));
}
template <typename T>
int FloorLog2(T v) {
  if constexpr (sizeof(T) > 8)
    if (uint64_t high = static_cast<uint64_t>(v >> 64)) return 63 + std::bit_width(high);
  return std::bit_width(static_cast<uint64_t>(v)) - 1;
}

// Calls `f(first, length)` for each of the minimal prefixes covering [lo, hi] in a space of `bits`
// bits, ascending, until `f` returns false; returns false when it did. T is wider than or as wide
// as the space, so lo + 2^k - 1 never overflows for an aligned lo.
template <typename T, typename F>
bool ForEachBlock(T lo, T hi, int bits, F f) {
  while (true) {
    // The block is 2^size addresses from lo: as large as lo's alignment and [lo, hi] allow.
    int fits = hi - lo == ~T{0} ? bits : FloorLog2<T>(hi - lo + 1);
    int size = std::min({bits, fits, lo == 0 ? bits : TrailingZeros(lo)});
    if (!f(lo, bits - size)) return false;
    T last = lo + LowMask<T>(size);
    if (last >= hi) return true;
    lo = last + 1;
  }
}

}  // namespace

AddressSet AddressSet::AllOf(IpFamily family) {
  return family == IpFamily::kV4 ? AddressSet{IntervalSet<uint32_t>::All(), {}}
                                 : AddressSet{{}, IntervalSet<uint128>::All()};
}

AddressSet AddressSet::Of(const IpPrefix& prefix) {
  if (prefix.family() == IpFamily::kV4)
    return {IntervalSet<uint32_t>::Range(prefix.First().v4(), prefix.Last().v4()), {}};
  return {{}, IntervalSet<uint128>::Range(prefix.First().value(), prefix.Last().value())};
}

template <typename F>
void AddressSet::ForEachPrefix(F f) const {
  for (auto& i : v4_.intervals())
    if (!ForEachBlock<uint64_t>(i.lo, i.hi, 32, [&](uint64_t first, int length) {
          return f(IpAddress::V4(static_cast<uint32_t>(first)), length);
        }))
      return;
  for (auto& i : v6_.intervals())
    if (!ForEachBlock<uint128>(i.lo, i.hi, 128,
                               [&](uint128 first, int length) { return f(IpAddress::V6(first), length); }))
      return;
}

std::vector<IpPrefix> AddressSet::ToPrefixes(size_t limit) const {
  std::vector<IpPrefix> out;
  if (limit == 0) return out;
  ForEachPrefix([&](IpAddress first, int length) {
    out.push_back(IpPrefix(first, length));
    return out.size() < limit;
  });
  return out;
}

size_t AddressSet::PrefixCount() const {
  size_t count = 0;
  ForEachPrefix([&](IpAddress, int) { return ++count, true; });
  return count;
}

AddressSet InternetSpace() {
  AddressSet internal;
  for (auto& p : InternalSpace()) internal = internal.Union(AddressSet::Of(p));
  return AddressSet::All().Subtract(internal);
}

std::string AddressSet::ToString() const {
  std::string out;
  for (const IpPrefix& p : ToPrefixes()) out += (out.empty() ? "" : ", ") + p.ToString();
  return out.empty() ? "none" : out;
}

}  // namespace sgscope
