// Protocol / port / ICMP matching for the brute-force oracles, kept in one place so that
// the trace evaluator and the flow log truth agree on what a rule admits.

#include "brute_force_match.h"

namespace sgscope::bench {

bool TrafficMatches(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                    const Packet& p) {
  if (protocol.all) return true;
  if (protocol.number != p.protocol) return false;
  switch (protocol.number) {
    case kProtoTcp:
    case kProtoUdp: return ports.from <= p.dst_port && p.dst_port <= ports.to;
    case kProtoIcmp:
    case kProtoIcmpv6:
      return (icmp.type < 0 || icmp.type == p.icmp_type) && (icmp.code < 0 || icmp.code == p.icmp_code);
    default: return true;  // other protocols have no ports
  }
}

}  // namespace sgscope::bench
