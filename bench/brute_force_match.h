#pragma once
// Packet matching shared by the brute-force oracles (bench_trace's evaluator, the flow log
// generator's ground truth): written from aws-semantics.md, independent of src/engines.

#include "net/packet.h"
#include "net/port_range.h"

namespace sgscope::bench {

// Whether a rule or ACL entry's protocol, ports and ICMP type/code admit `p`. Ports (the
// destination port) restrict TCP and UDP only, ICMP type/code (-1 = any) ICMP and ICMPv6;
// "-1 or a protocol number other than tcp, udp, icmp, or icmpv6 allows traffic on all
// ports" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
bool TrafficMatches(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                    const Packet& p);

}  // namespace sgscope::bench
