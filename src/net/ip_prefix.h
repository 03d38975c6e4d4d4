#pragma once
// CIDR prefixes (IPv4 and IPv6) and their containment algebra.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "net/ip_address.h"

namespace sgscope {

// A canonical CIDR block: host bits below the length are always zero.
class IpPrefix {
 public:
  IpPrefix() = default;
  // Zeroes the host bits, as AWS canonicalises "100.68.0.18/18" to "100.68.0.0/18".
  IpPrefix(IpAddress address, int length);

  // Parses "a.b.c.d/n" or "x::/n". A bare address is a host prefix (/32 or /128).
  // `had_host_bits` (optional) reports whether canonicalisation changed the address.
  static std::optional<IpPrefix> Parse(std::string_view text, bool* had_host_bits = nullptr);

  static IpPrefix AllV4() { return IpPrefix(IpAddress::V4(0), 0); }
  static IpPrefix AllV6() { return IpPrefix(IpAddress::V6(0), 0); }
  static IpPrefix Host(IpAddress a) { return IpPrefix(a, AddressBits(a.family())); }

  IpAddress address() const { return address_; }
  IpFamily family() const { return address_.family(); }
  int length() const { return length_; }
  bool is_all() const { return length_ == 0; }

  bool Contains(IpAddress a) const;
  bool Contains(const IpPrefix& other) const;
  bool Overlaps(const IpPrefix& other) const;
  IpAddress First() const { return address_; }
  IpAddress Last() const;

  std::string ToString() const;
  auto operator<=>(const IpPrefix&) const = default;

 private:
  IpAddress address_;
  int length_ = 0;
};

// True when `p` lies entirely in space the internet does not route: RFC 1918, shared address
// space (RFC 6598, 100.64.0.0/10), IPv6 unique-local (fc00::/7) and link-local (fe80::/10).
bool IsInternalSpace(const IpPrefix& p);
// Those blocks.
std::span<const IpPrefix> InternalSpace();

// Mask with the top `length` bits (of the family's width) set, in the low bits of a uint128.
uint128 PrefixMask(IpFamily family, int length);

}  // namespace sgscope
