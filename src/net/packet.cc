// Packet reversal and printing. Echo requests reverse to echo replies so that a
// NACL evaluated on the response sees the type AWS would see.

#include "net/packet.h"

namespace sgscope {

int IcmpReplyType(uint8_t protocol, uint8_t type) {
  if (protocol == kProtoIcmpv6) return type == 128 ? 129 : -1;
  switch (type) {
    case 8: return 0;    // echo
    case 13: return 14;  // timestamp
    case 15: return 16;  // information
    case 17: return 18;  // address mask
    default: return -1;
  }
}

bool Packet::HasResponse() const { return !is_icmp() || IcmpReplyType(protocol, icmp_type) >= 0; }

uint8_t Packet::IcmpQueryType() const {
  for (int request = 0; request < 256; ++request)
    if (IcmpReplyType(protocol, static_cast<uint8_t>(request)) == icmp_type) return static_cast<uint8_t>(request);
  return icmp_type;
}

Packet Packet::Reversed() const {
  Packet r = *this;
  std::swap(r.src, r.dst);
  std::swap(r.src_port, r.dst_port);
  if (is_icmp() && IcmpReplyType(protocol, icmp_type) >= 0) r.icmp_type = static_cast<uint8_t>(IcmpReplyType(protocol, icmp_type));
  return r;
}

std::string Packet::ToString() const {
  std::string s = ProtocolName(protocol) + " ";
  auto endpoint = [&](IpAddress a, uint16_t port) {
    std::string text = a.is_v6() ? "[" + a.ToString() + "]" : a.ToString();
    return has_ports() ? text + ":" + std::to_string(port) : text;
  };
  s += endpoint(src, src_port) + " -> " + endpoint(dst, dst_port);
  if (is_icmp()) s += " type " + std::to_string(icmp_type) + " code " + std::to_string(icmp_code);
  return s;
}

}  // namespace sgscope
