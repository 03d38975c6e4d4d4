#pragma once
// IPv4 and IPv6 addresses as one small value type (family + 128-bit value).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sgscope {

enum class IpFamily : uint8_t { kV4, kV6 };

using uint128 = unsigned __int128;

// An IPv4 or IPv6 address. IPv4 values live in the low 32 bits.
class IpAddress {
 public:
  constexpr IpAddress() = default;
  static constexpr IpAddress V4(uint32_t value) { return IpAddress(IpFamily::kV4, value); }
  static constexpr IpAddress V6(uint128 value) { return IpAddress(IpFamily::kV6, value); }

  // Accepts dotted-quad IPv4 or RFC 4291 IPv6 text (with "::" and embedded IPv4).
  static std::optional<IpAddress> Parse(std::string_view text);
  // The same, into `out` (unchanged on failure): spares hot loops the optional's copy.
  static bool Parse(std::string_view text, IpAddress& out);

  IpFamily family() const { return family_; }
  bool is_v4() const { return family_ == IpFamily::kV4; }
  bool is_v6() const { return family_ == IpFamily::kV6; }
  uint128 value() const { return value_; }
  uint32_t v4() const { return static_cast<uint32_t>(value_); }

  // Canonical text: dotted quad, or RFC 5952 compressed IPv6.
  std::string ToString() const;

  auto operator<=>(const IpAddress&) const = default;

 private:
  constexpr IpAddress(IpFamily family, uint128 value) : family_(family), value_(value) {}
  IpFamily family_ = IpFamily::kV4;
  uint128 value_ = 0;
};

int AddressBits(IpFamily family);

// Hash for unordered containers keyed by address.
struct IpAddressHash {
  size_t operator()(const IpAddress& a) const {
    uint64_t lo = static_cast<uint64_t>(a.value()), hi = static_cast<uint64_t>(a.value() >> 64);
    uint64_t h = (lo ^ (hi * 0x9E3779B97F4A7C15ull) ^ static_cast<uint64_t>(a.family())) * 0xBF58476D1CE4E5B9ull;
    return static_cast<size_t>(h ^ (h >> 31));
  }
};

}  // namespace sgscope
