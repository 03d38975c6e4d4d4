// CIDR prefix parsing and containment. Prefixes are kept canonical (host bits zero)
// so that equal blocks compare equal and containment is one mask-and-compare.

#include "net/ip_prefix.h"

#include <charconv>

namespace sgscope {

uint128 PrefixMask(IpFamily family, int length) {
  int bits = AddressBits(family);
  if (length <= 0) return 0;
  uint128 width = bits == 128 ? ~uint128{0} : (uint128{1} << bits) - 1;
  uint128 host = length >= bits ? 0 : (uint128{1} << (bits - length)) - 1;
  return width & ~host;
}

IpPrefix::IpPrefix(IpAddress address, int length) : length_(length) {
  uint128 masked = address.value() & PrefixMask(address.family(), length);
  address_ = address.is_v4() ? IpAddress::V4(static_cast<uint32_t>(masked)) : IpAddress::V6(masked);
}

std::optional<IpPrefix> IpPrefix::Parse(std::string_view text, bool* had_host_bits) {
  size_t slash = text.find('/');
  auto address = IpAddress::Parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  int length = AddressBits(address->family());
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
    if (length < 0 || length > AddressBits(address->family())) return std::nullopt;
  }
  IpPrefix prefix(*address, length);
  if (had_host_bits) *had_host_bits = prefix.address() != *address;
  return prefix;
}

bool IpPrefix::Contains(IpAddress a) const {
  return a.family() == family() && (a.value() & PrefixMask(family(), length_)) == address_.value();
}

bool IpPrefix::Contains(const IpPrefix& other) const {
  return other.family() == family() && other.length_ >= length_ && Contains(other.address_);
}

bool IpPrefix::Overlaps(const IpPrefix& other) const {
  return Contains(other) || other.Contains(*this);
}

IpAddress IpPrefix::Last() const {
  uint128 host = ~PrefixMask(family(), length_);
  if (family() == IpFamily::kV4) return IpAddress::V4(static_cast<uint32_t>(address_.value() | host));
  return IpAddress::V6(address_.value() | host);
}

std::string IpPrefix::ToString() const { return address_.ToString() + "/" + std::to_string(length_); }

std::span<const IpPrefix> InternalSpace() {
  static const IpPrefix kInternal[] = {*IpPrefix::Parse("10.0.0.0/8"),     *IpPrefix::Parse("172.16.0.0/12"),
                                       *IpPrefix::Parse("192.168.0.0/16"), *IpPrefix::Parse("100.64.0.0/10"),
                                       *IpPrefix::Parse("fc00::/7"),       *IpPrefix::Parse("fe80::/10")};
  return kInternal;
}

bool IsInternalSpace(const IpPrefix& p) {
  for (auto& internal : InternalSpace())
    if (internal.Contains(p)) return true;
  return false;
}

}  // namespace sgscope
