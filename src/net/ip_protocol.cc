// Protocol spellings. Security groups accept names or numbers, NACLs numbers only;
// both share this parser so one packet protocol matches both the same way.

#include "net/ip_protocol.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace sgscope {

std::optional<ProtocolSelector> ProtocolSelector::Parse(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "-1" || lower == "all") return Any();
  if (lower == "tcp") return Only(kProtoTcp);
  if (lower == "udp") return Only(kProtoUdp);
  if (lower == "icmp") return Only(kProtoIcmp);
  if (lower == "icmpv6") return Only(kProtoIcmpv6);
  int n = -1;
  auto [ptr, ec] = std::from_chars(lower.data(), lower.data() + lower.size(), n);
  if (ec != std::errc() || ptr != lower.data() + lower.size() || n < 0 || n > 255) return std::nullopt;
  return Only(static_cast<uint8_t>(n));
}

std::string ProtocolName(uint8_t protocol) {
  switch (protocol) {
    case kProtoTcp: return "tcp";
    case kProtoUdp: return "udp";
    case kProtoIcmp: return "icmp";
    case kProtoIcmpv6: return "icmpv6";
    default: return std::to_string(protocol);
  }
}

std::string ProtocolSelector::ToString() const { return all ? "all" : ProtocolName(number); }

}  // namespace sgscope
