#pragma once
// Packet matching and lookups shared by the brute-force oracles (bench_trace's evaluator,
// the flow log generator's ground truth): written from aws-semantics.md, independent of
// src/engines, every lookup a linear scan.

#include <string>
#include <vector>

#include "model/network.h"
#include "net/packet.h"
#include "net/port_range.h"

namespace sgscope::bench {

// Whether a rule or ACL entry's protocol, ports and ICMP type/code admit `p`. Ports (the
// destination port) restrict TCP and UDP only, ICMP type/code (-1 = any) ICMP and ICMPv6;
// "-1 or a protocol number other than tcp, udp, icmp, or icmpv6 allows traffic on all
// ports" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
bool TrafficMatches(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                    const Packet& p);

// The item whose `id` is `id`, by a scan of `items`; null when there is none.
template <typename T>
const T* ById(const std::vector<T>& items, const std::string& id) {
  for (auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

// Whether `id` is one of `ids`.
bool HasId(const std::vector<std::string>& ids, const std::string& id);

// The entry of `acl` that decides `p` in direction `d` (the peer is the source of an inbound
// packet, the destination of an outbound one): the matching entry with the lowest rule
// number, not relying on the model's order; null when none matches (the implicit deny).
const NetworkAclEntry* FirstAclMatch(const NetworkAcl& acl, Direction d, const Packet& p);

// The subnet's network ACL: the one associated with it, else its VPC's default ACL.
const NetworkAcl* ScanNetworkAcl(const Network& network, const Subnet& subnet);

}  // namespace sgscope::bench
