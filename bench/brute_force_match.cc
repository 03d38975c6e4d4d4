// Protocol / port / ICMP matching and the ACL lookup of the brute-force oracles, kept in one
// place so that the trace evaluator and the flow log truth agree on what a rule admits.

#include "brute_force_match.h"

#include <algorithm>

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

bool HasId(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const NetworkAclEntry* FirstAclMatch(const NetworkAcl& acl, Direction d, const Packet& p) {
  IpAddress peer = d == Direction::kIngress ? p.src : p.dst;
  const NetworkAclEntry* first = nullptr;
  for (auto& entry : acl.entries(d))
    if (entry.cidr.Contains(peer) && TrafficMatches(entry.protocol, entry.ports, entry.icmp, p) &&
        (!first || entry.rule_number < first->rule_number))
      first = &entry;
  return first;
}

const NetworkAcl* ScanNetworkAcl(const Network& network, const Subnet& subnet) {
  for (auto& acl : network.network_acls)
    if (HasId(acl.subnet_ids, subnet.id)) return &acl;
  for (auto& acl : network.network_acls)
    if (acl.is_default && acl.vpc_id == subnet.vpc_id) return &acl;
  return nullptr;
}

}  // namespace sgscope::bench
