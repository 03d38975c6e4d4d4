#pragma once
// Sets of IPv4 and IPv6 addresses, canonical (see interval_set.h), with conversion from and to
// CIDR prefixes so results can be printed the way AWS rules are written.

#include <cstdint>
#include <string>
#include <vector>

#include "net/interval_set.h"
#include "net/ip_prefix.h"

namespace sgscope {

// Any set of addresses of both families.
class AddressSet {
 public:
  AddressSet() = default;
  static AddressSet All() { return {IntervalSet<uint32_t>::All(), IntervalSet<uint128>::All()}; }
  static AddressSet AllOf(IpFamily family);
  static AddressSet Of(const IpPrefix& prefix);
  static AddressSet Of(IpAddress address) { return Of(IpPrefix::Host(address)); }
  static AddressSet RangeV4(uint32_t lo, uint32_t hi) { return {IntervalSet<uint32_t>::Range(lo, hi), {}}; }
  static AddressSet RangeV6(uint128 lo, uint128 hi) { return {{}, IntervalSet<uint128>::Range(lo, hi)}; }

  bool empty() const { return v4_.empty() && v6_.empty(); }
  bool Contains(IpAddress a) const { return a.is_v4() ? v4_.Contains(a.v4()) : v6_.Contains(a.value()); }
  bool Contains(const AddressSet& o) const { return v4_.Contains(o.v4_) && v6_.Contains(o.v6_); }
  bool Intersects(const AddressSet& o) const { return v4_.Intersects(o.v4_) || v6_.Intersects(o.v6_); }

  AddressSet Union(const AddressSet& o) const { return {v4_.Union(o.v4_), v6_.Union(o.v6_)}; }
  AddressSet Intersect(const AddressSet& o) const { return {v4_.Intersect(o.v4_), v6_.Intersect(o.v6_)}; }
  AddressSet Subtract(const AddressSet& o) const { return {v4_.Subtract(o.v4_), v6_.Subtract(o.v6_)}; }

  // The fewest CIDR prefixes whose union is exactly this set, IPv4 first, ascending; the first
  // `limit` of them.
  std::vector<IpPrefix> ToPrefixes(size_t limit = SIZE_MAX) const;
  // How many prefixes ToPrefixes() gives, without building them.
  size_t PrefixCount() const;
  // "10.0.0.0/16, 192.0.2.7/32", or "none".
  std::string ToString() const;

  bool operator==(const AddressSet&) const = default;
  size_t Hash() const { return v4_.Hash() * 31 + v6_.Hash(); }

 private:
  // Calls `f(first address, length)` for each prefix of ToPrefixes() until `f` returns false.
  template <typename F>
  void ForEachPrefix(F f) const;
  AddressSet(IntervalSet<uint32_t> v4, IntervalSet<uint128> v6) : v4_(std::move(v4)), v6_(std::move(v6)) {}
  IntervalSet<uint32_t> v4_;
  IntervalSet<uint128> v6_;
};

// Every address the internet routes: all of both families but InternalSpace() (ip_prefix.h).
AddressSet InternetSpace();

}  // namespace sgscope
