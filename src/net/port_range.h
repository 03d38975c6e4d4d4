#pragma once
// Inclusive port ranges and ICMP type/code selectors.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sgscope {

// An inclusive range of TCP/UDP ports; [0, 65535] is "all ports".
struct PortRange {
  uint16_t from = 0;
  uint16_t to = 65535;

  static constexpr PortRange All() { return {0, 65535}; }
  static constexpr PortRange Single(uint16_t p) { return {p, p}; }
  bool is_all() const { return from == 0 && to == 65535; }
  bool Contains(uint16_t port) const { return from <= port && port <= to; }
  bool Contains(const PortRange& o) const { return from <= o.from && o.to <= to; }
  // "22", "1024-65535", or "all".
  std::string ToString() const;
  // The inverse of ToString ("22", "1024-65535", "all"); nullopt for anything else.
  static std::optional<PortRange> Parse(std::string_view text);
  auto operator<=>(const PortRange&) const = default;
};

// ICMP type and code; -1 is AWS's wildcard for "all types" / "all codes".
struct IcmpTypeCode {
  int type = -1;
  int code = -1;

  bool Matches(uint8_t packet_type, uint8_t packet_code) const {
    return (type < 0 || type == packet_type) && (code < 0 || code == packet_code);
  }
  bool is_all() const { return type < 0 && code < 0; }
  // "all", "type 8", "type 3 code 4".
  std::string ToString() const;
  auto operator<=>(const IcmpTypeCode&) const = default;
};

}  // namespace sgscope
