// Set-valued filters: for fixed peer addresses a security group or network ACL decides by
// protocol and port alone, so its verdict for every service at once is an interval set.
// Peer matching is the evaluators' own (MatchSecurityGroupPeers, the ACL's CIDR test), so the
// sets agree with what Trace decides packet by packet.

#include "engines/filter_services.h"

#include <vector>

namespace sgscope {

namespace {

// The ICMP requests of protocol `p` whose reply passes: a request's response is its reply type
// with the same code; types without a reply need nothing back.
ServiceSet IcmpResponsesPass(const ServiceSet& passes, uint8_t p) {
  ServiceSet out;
  for (int type = 0; type < 256; ++type) {
    int reply = IcmpReplyType(p, static_cast<uint8_t>(type));
    auto base = static_cast<uint16_t>(type << 8);
    if (reply < 0) {
      out = out.Union(ServiceSet::Services(p, {base, uint16_t(base | 0xff)}));
      continue;
    }
    auto reply_base = static_cast<uint16_t>(reply << 8);
    ServiceSet replies = passes.Intersect(ServiceSet::Services(p, {reply_base, uint16_t(reply_base | 0xff)}));
    for (auto& i : replies.intervals())
      out = out.Union(ServiceSet::Services(p, {uint16_t((i.lo & 0xff) | base), uint16_t((i.hi & 0xff) | base)}));
  }
  return out;
}

}  // namespace

const std::vector<ProtocolClass>& ProtocolClasses(IpFamily family) {
  auto classes = [](uint8_t icmp, uint8_t echo) {
    ServiceSet other = ServiceSet::All();
    for (uint8_t p : {kProtoTcp, kProtoUdp, kProtoIcmp, kProtoIcmpv6}) other = other.Subtract(ServiceSet::Protocol(p));
    return std::vector<ProtocolClass>{{ServiceSet::Protocol(kProtoTcp), kProtoTcp},
                                      {ServiceSet::Protocol(kProtoUdp), kProtoUdp},
                                      {ServiceSet::Protocol(icmp), icmp, echo},  // echo: has a response
                                      {other, 47}};
  };
  static const std::vector<ProtocolClass> kIpv4 = classes(kProtoIcmp, 8), kIpv6 = classes(kProtoIcmpv6, 128);
  return family == IpFamily::kV4 ? kIpv4 : kIpv6;
}

ServiceSet SecurityGroupServices(const Network& network, const NetworkInterface& eni, Direction direction,
                                 IpAddress peer, const PeerScope& scope) {
  ServiceSet out;
  for (auto& m : MatchSecurityGroupPeers(network, eni, direction, peer, scope))
    out = out.Union(ServiceSet::Of(m.rule->protocol, m.rule->ports, m.rule->icmp));
  return out;
}

ServiceSet NetworkAclServices(const NetworkAcl& acl, Direction direction, IpAddress peer) {
  ServiceSet allowed, decided;
  for (auto& entry : acl.entries(direction)) {
    if (!entry.cidr.Contains(peer)) continue;
    ServiceSet mine = ServiceSet::Of(entry.protocol, entry.ports, entry.icmp).Subtract(decided);
    if (entry.allow) allowed = allowed.Union(mine);
    decided = decided.Union(mine);
    if (decided.is_all()) break;
  }
  return allowed;
}

ServiceSet StepServices(const Network& network, const FilterStep& step) {
  IpAddress peer = step.direction == Direction::kIngress ? step.packet.src : step.packet.dst;
  if (step.kind == FilterStep::Kind::kNetworkAcl) return NetworkAclServices(*step.acl, step.direction, peer);
  return SecurityGroupServices(network, *step.eni, step.direction, peer, step.scope);
}

// Forward services of `universe` whose response gets past a response filter that lets
// `passes` through; `response` is the representative's response as the filter saw it. TCP and
// UDP responses go to the client's port whatever the service; other protocols carry no port.
ServiceSet ResponsePasses(const ServiceSet& passes, const Packet& response, const ServiceSet& universe) {
  ServiceSet out;
  std::vector<uint32_t> whole;  // protocols whose every service passes, ascending
  for (auto& i : universe.intervals())
    for (uint32_t q = i.lo >> 16; q <= i.hi >> 16; ++q) {
      auto p = static_cast<uint8_t>(q);
      if (p == kProtoIcmp || p == kProtoIcmpv6) out = out.Union(IcmpResponsesPass(passes, p));
      else if ((whole.empty() || whole.back() != q) &&
               passes.Contains(p, p == kProtoTcp || p == kProtoUdp ? response.dst_port : 0))
        whole.push_back(q);
    }
  for (size_t a = 0, b = 0; a < whole.size(); a = b) {  // runs of consecutive protocols, one union each
    for (b = a + 1; b < whole.size() && whole[b] == whole[b - 1] + 1;) ++b;
    out = out.Union(ServiceSet::Keys(ServiceSet::KeyOf(uint8_t(whole[a]), 0), ServiceSet::KeyOf(uint8_t(whole[b - 1]), 65535)));
  }
  return out.Intersect(universe);
}

// Forward services of `universe` that need no response (ICMP types without a reply).
ServiceSet WithoutResponse(const ServiceSet& universe) { return ResponsePasses(ServiceSet(), Packet{}, universe); }


}  // namespace sgscope
