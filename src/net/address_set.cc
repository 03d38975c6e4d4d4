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

// Appends the minimal prefixes covering [lo, hi] in a space of `bits` bits (T wider than or as
// wide as the space, so lo + 2^k - 1 never overflows for an aligned lo).
template <typename T>
void AppendPrefixes(T lo, T hi, int bits, IpFamily family, std::vector<IpPrefix>& out) {
  while (true) {
    // The block is 2^size addresses from lo: as large as lo's alignment and [lo, hi] allow.
    int fits = hi - lo == ~T{0} ? bits : FloorLog2<T>(hi - lo + 1);
    int size = std::min({bits, fits, lo == 0 ? bits : TrailingZeros(lo)});
    uint128 value = static_cast<uint128>(lo);
    IpAddress first = family == IpFamily::kV4 ? IpAddress::V4(static_cast<uint32_t>(value)) : IpAddress::V6(value);
    out.push_back(IpPrefix(first, bits - size));
    T last = lo + LowMask<T>(size);
    if (last >= hi) return;
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

std::vector<IpPrefix> AddressSet::ToPrefixes() const {
  std::vector<IpPrefix> out;
  for (auto& i : v4_.intervals()) AppendPrefixes<uint64_t>(i.lo, i.hi, 32, IpFamily::kV4, out);
  for (auto& i : v6_.intervals()) AppendPrefixes<uint128>(i.lo, i.hi, 128, IpFamily::kV6, out);
  return out;
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
