#pragma once
// A concrete packet header: what one trace step evaluates.

#include <cstdint>
#include <string>

#include "net/ip_address.h"
#include "net/ip_protocol.h"

namespace sgscope {

// ICMP request type -> reply type (RFC 792, RFC 950; RFC 4443 for ICMPv6 echo), or -1 for
// types that get no reply.
int IcmpReplyType(uint8_t protocol, uint8_t type);

// One direction of a flow. For ICMP/ICMPv6, `icmp_type`/`icmp_code` replace the ports.
struct Packet {
  IpAddress src;
  IpAddress dst;
  uint8_t protocol = kProtoTcp;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint8_t icmp_type = 0;
  uint8_t icmp_code = 0;

  bool is_icmp() const { return protocol == kProtoIcmp || protocol == kProtoIcmpv6; }
  bool has_ports() const { return protocol == kProtoTcp || protocol == kProtoUdp; }
  // The response a stateful peer sends back: addresses and ports swapped; ICMP echo
  // request (8, or 128 for ICMPv6) answered by echo reply (0, or 129).
  Packet Reversed() const;
  // False for ICMP messages nothing answers (errors, replies, unknown types): their trace
  // has no return leg. Echo, timestamp, information and address-mask requests are answered.
  bool HasResponse() const;
  // The ICMP query this message belongs to: a reply's request type (0 -> 8, 129 -> 128),
  // otherwise its own type. Connection tracking files a reply with its request.
  uint8_t IcmpQueryType() const;
  // "tcp 10.0.0.5:40000 -> 10.0.1.9:443", "icmp 10.0.0.5 -> 8.8.8.8 type 8 code 0".
  std::string ToString() const;
};

}  // namespace sgscope
