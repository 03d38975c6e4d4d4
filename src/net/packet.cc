// Packet reversal and printing. Echo requests reverse to echo replies so that a
// NACL evaluated on the response sees the type AWS would see.

#include "net/packet.h"

namespace sgscope {

Packet Packet::Reversed() const {
  Packet r = *this;
  std::swap(r.src, r.dst);
  std::swap(r.src_port, r.dst_port);
  if (protocol == kProtoIcmp && icmp_type == 8) r.icmp_type = 0;
  if (protocol == kProtoIcmpv6 && icmp_type == 128) r.icmp_type = 129;
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
