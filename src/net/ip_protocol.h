#pragma once
// IP protocol numbers and the spellings AWS accepts for them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sgscope {

inline constexpr uint8_t kProtoIcmp = 1;
inline constexpr uint8_t kProtoTcp = 6;
inline constexpr uint8_t kProtoUdp = 17;
inline constexpr uint8_t kProtoIcmpv6 = 58;

// Which IP protocols a security-group rule or ACL entry matches: all ("-1") or one number.
struct ProtocolSelector {
  bool all = true;
  uint8_t number = 0;

  static ProtocolSelector Any() { return {true, 0}; }
  static ProtocolSelector Only(uint8_t n) { return {false, n}; }

  // Accepts "-1", "all", names tcp/udp/icmp/icmpv6 (any case) and numbers 0-255 as text.
  // AWS returns 1/6/17/58 as names and every other number as digits:
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
  static std::optional<ProtocolSelector> Parse(std::string_view text);

  bool Matches(uint8_t protocol) const { return all || number == protocol; }
  // Ports (or ICMP type/code) restrict the rule only for TCP, UDP, ICMP and ICMPv6;
  // "-1 or a protocol number other than tcp, udp, icmp, or icmpv6 allows traffic on all ports".
  bool HasPorts() const { return !all && (number == kProtoTcp || number == kProtoUdp); }
  bool HasIcmpTypes() const { return !all && (number == kProtoIcmp || number == kProtoIcmpv6); }
  // "all", "tcp", "udp", "icmp", "icmpv6", or the number.
  std::string ToString() const;
  auto operator<=>(const ProtocolSelector&) const = default;
};

// Name of a protocol number as printed in reports ("tcp", "47").
std::string ProtocolName(uint8_t protocol);

}  // namespace sgscope
