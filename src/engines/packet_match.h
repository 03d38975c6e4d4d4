#pragma once
// Protocol and port matching shared by security-group rules and network ACL entries.

#include "net/packet.h"
#include "net/port_range.h"

namespace sgscope {

// True when `packet` has the selected protocol and, for TCP/UDP, a destination port in
// `ports`, or, for ICMP/ICMPv6, a type/code matched by `icmp`. Other protocols and "-1"
// ignore ports, as AWS documents for both security groups and ACLs.
inline bool ProtocolAndPortsMatch(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                                  const Packet& packet) {
  if (!protocol.Matches(packet.protocol)) return false;
  if (protocol.HasPorts()) return ports.Contains(packet.dst_port);
  if (protocol.HasIcmpTypes()) return icmp.Matches(packet.icmp_type, packet.icmp_code);
  return true;
}

}  // namespace sgscope
