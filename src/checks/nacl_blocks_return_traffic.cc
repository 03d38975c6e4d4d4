// nacl-blocks-return-traffic (docs/checks/nacl-blocks-return-traffic.md): flows that security
// groups and the forward network ACLs admit between real endpoints (or from the internet), whose
// responses a network ACL drops. ACLs are stateless, so a response needs its own allow entry for
// the client's ephemeral port (1024-65535 in AWS's guidance:
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html). The judgement is
// `reach`'s: its response blockers name the ACL and the forward services whose responses it drops.
// Reach explains only the pairs where, in bulk, ACLs stop something groups and routes let through
// and a return-leg ACL does not pass every response to the other side anyway.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "checks/acl_entry_text.h"
#include "checks/reach_evidence.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "engines/network_acl_evaluator.h"
#include "engines/reach.h"

namespace sgscope {

namespace {

constexpr PortRange kEphemeral{1024, 65535};
constexpr uint16_t kClientPort = 49152;  // where trace and reach judge responses

// The responses a stateless filter must let back, whoever the peer: client ports of TCP and
// UDP, echo replies. Other protocols' responses are judged by reach too, but an ACL that passes
// these is taken to pass them (documented).
const FlowSet& ResponseFlows() {
  static const FlowSet flows = [] {
    auto of = [](uint8_t protocol, PortRange ports, IcmpTypeCode icmp) {
      ProtocolSelector p;
      p.all = false, p.number = protocol;
      return FlowSet::Of(p, ports, icmp, AddressSet::All());
    };
    return FlowSet::UnionOf({of(kProtoTcp, kEphemeral, {}), of(kProtoUdp, kEphemeral, {}), of(kProtoIcmp, {}, {0, 0}),
                             of(kProtoIcmpv6, {}, {129, 0})});
  }();
  return flows;
}

// Whether one direction of an ACL passes every response exchanged with a peer subnet (null: the
// internet), memoized per ACL, direction and peer.
class ResponseGate {
 public:
  bool PassesAll(const NetworkAcl* acl, Direction d, const Subnet* peer) {
    if (!acl) return true;
    auto [it, added] = memo_.try_emplace({acl, d, peer}, false);
    if (added) it->second = ResponseFlows().RestrictAddresses(PeerSpace(peer)).Subtract(Allowed(*acl, d)).empty();
    return it->second;
  }

 private:
  static AddressSet PeerSpace(const Subnet* peer) {
    if (!peer) return InternetSpace();
    AddressSet out;
    for (const IpPrefix& c : peer->cidrs) out = out.Union(AddressSet::Of(c));
    return out;
  }
  const FlowSet& Allowed(const NetworkAcl& acl, Direction d) {
    auto it = allowed_.find({&acl, d});
    if (it == allowed_.end()) it = allowed_.emplace(std::pair{&acl, d}, AclAllowedFlows(acl.entries(d))).first;
    return it->second;
  }
  std::map<std::tuple<const NetworkAcl*, Direction, const Subnet*>, bool> memo_;
  std::map<std::pair<const NetworkAcl*, Direction>, FlowSet> allowed_;
};

// One finding in the making: the entry that drops responses, and the flows it drops them for.
struct Dropper {
  const NetworkAcl* acl = nullptr;
  Direction direction = Direction::kIngress;
  const NetworkAclEntry* entry = nullptr;  // null: no entry matched (the implicit deny was not loaded)
  std::vector<std::string> flows;
  ServiceRun first{};
  IpPrefix peer;  // the addresses the missing allow should name
  std::vector<std::string> notes;  // UNCONFIRMED assumptions on the flows' paths
};
using DropperKey = std::tuple<std::string, Direction, uint32_t>;

IpAddress AddressOf(const EndpointClass& c) {
  if (c.kind == EndpointClass::Kind::kInterfaces) return c.members.front()->PrimaryIpv4().value_or(IpAddress());
  return c.addresses.ToPrefixes(1).front().address();
}

// The response of the first dropped service, as the ACL at `direction` sees it.
Packet ResponseOf(const ServiceRun& run, IpAddress server, IpAddress client) {
  Packet p{server, client, run.protocol};
  if (p.has_ports()) p.src_port = run.lo, p.dst_port = kClientPort;
  if (run.protocol == kProtoIcmp) p.icmp_type = (run.lo >> 8) == 8 ? 0 : run.lo >> 8;
  if (run.protocol == kProtoIcmpv6) p.icmp_type = (run.lo >> 8) == 128 ? 129 : run.lo >> 8;
  return p;
}

// The client's side of a server-side egress entry, or the server's of a client-side ingress one.
IpPrefix PeerPrefix(const Network& n, const EndpointClass& c) {
  if (c.kind != EndpointClass::Kind::kInterfaces) return IpPrefix::AllV4();  // an internet client: any address
  const Subnet* s = n.SubnetOf(*c.members.front());
  return s && !s->cidrs.empty() ? s->cidrs.front() : IpPrefix::Host(AddressOf(c));
}

void Collect(const Network& n, const ReachAnswer& answer, std::map<DropperKey, Dropper>& out) {
  for (const ReachPair& pair : answer.pairs) {
    ServiceSet forward_blocked;
    for (const ReachBlocker& b : pair.blockers)
      if (!b.response) forward_blocked = forward_blocked.Union(b.denies);
    ServiceSet admitted = pair.examined.Subtract(forward_blocked);
    const EndpointClass &client = answer.sources[pair.from], &server = answer.destinations[pair.to];
    for (const ReachBlocker& b : pair.blockers) {
      if (!b.response || b.kind != "network-acl") continue;
      ServiceSet dropped = b.denies.Intersect(admitted);
      const NetworkAcl* acl = n.FindNetworkAcl(b.component);
      if (dropped.empty() || !acl) continue;
      Direction d = b.direction == "ingress" ? Direction::kIngress : Direction::kEgress;
      ServiceRun first = dropped.Runs().front();
      AclVerdict verdict = EvaluateNetworkAcl(*acl, d, ResponseOf(first, AddressOf(server), AddressOf(client)));
      Dropper& x = out[{acl->id, d, verdict.entry ? verdict.entry->rule_number : 0}];
      if (!x.acl) {
        x.acl = acl, x.direction = d, x.entry = verdict.entry, x.first = first;
        x.peer = d == Direction::kEgress ? PeerPrefix(n, client) : PeerPrefix(n, server);
        // A deny narrower than the peer's subnet (one host) is answered with an allow as narrow.
        if (x.entry && x.entry->cidr.length() > x.peer.length() && x.peer.Contains(x.entry->cidr.address()))
          x.peer = x.entry->cidr;
      }
      // Internet blocks the bulk pass keeps apart read alike ("internet"): one line for them.
      std::string flow = fmt::format("{} -> {}: {} admitted; responses dropped at {}", client.label, server.label,
                                     dropped.ToString(), b.at);
      if (std::find(x.flows.begin(), x.flows.end(), flow) == x.flows.end()) x.flows.push_back(std::move(flow));
      AddUnconfirmedNotes(pair, x.notes);
    }
  }
}

// The highest rule number below `limit` that the direction does not use, or 0.
uint32_t FreeNumberBelow(const NetworkAcl& acl, Direction d, uint32_t limit) {
  for (uint32_t n = limit - 1; n > 0; --n) {
    bool used = false;
    for (const NetworkAclEntry& e : acl.entries(d)) used = used || e.rule_number == n;
    if (!used) return n;
  }
  return 0;
}

std::string Fix(const Dropper& x) {
  uint32_t number = FreeNumberBelow(*x.acl, x.direction, x.entry ? x.entry->rule_number : 32767);
  if (number == 0) return "";
  ProtocolSelector protocol;
  protocol.all = false, protocol.number = x.first.protocol;
  IcmpTypeCode reply{x.first.protocol == kProtoIcmpv6 ? 129 : 0, -1};
  return CreateAclAllowCommand(*x.acl, x.direction, number, protocol, kEphemeral, reply, x.peer);
}

Finding Write(const Dropper& x) {
  Finding f;
  f.check = "nacl-blocks-return-traffic", f.severity = FindingSeverity::kMedium, f.resource = x.acl->id;
  f.acl = x.acl, f.acl_entry = x.entry, f.source = x.entry ? x.entry->source : x.acl->source;
  f.message = fmt::format("{} {} drops the responses of {} admitted flow{}", DirectionName(x.direction),
                          x.entry ? AclEntryText(*x.entry) : "(no entry matches: implicit deny)", x.flows.size(),
                          x.flows.size() == 1 ? "" : "s");
  for (size_t i = 0; i < x.flows.size() && i < 8; ++i) f.evidence.push_back(x.flows[i]);
  if (x.flows.size() > 8) f.evidence.push_back(fmt::format("... and {} more", x.flows.size() - 8));
  std::string side = fmt::format("{} {}", x.direction == Direction::kEgress ? "to the client side" : "from the server side",
                                 x.peer.ToString());
  bool ports = x.first.protocol == kProtoTcp || x.first.protocol == kProtoUdp;
  f.evidence.push_back(ports ? fmt::format("ACLs are stateless: the response needs an allow for the client's ephemeral "
                                           "ports ({}, AWS's guidance; judged at port {}) {}",
                                           kEphemeral.ToString(), kClientPort, side)
                             : "ACLs are stateless: the response (the echo reply) needs its own allow " + side);
  f.evidence.insert(f.evidence.end(), x.notes.begin(), x.notes.end());
  f.remediation = Fix(x);
  return f;
}

// The network with every ACL entry turned into an allow and a final allow-all per family: what
// groups and routes alone let through. CIDRs stay, so the endpoint classes stay the same.
Network WithOpenAcls(const Network& n) {
  Network open = n;
  for (NetworkAcl& acl : open.network_acls)
    for (Direction d : {Direction::kIngress, Direction::kEgress}) {
      std::vector<NetworkAclEntry>& entries = d == Direction::kIngress ? acl.ingress : acl.egress;
      for (NetworkAclEntry& e : entries) e.allow = true;
      for (IpPrefix all : {IpPrefix::AllV4(), IpPrefix::AllV6()}) {
        NetworkAclEntry e;
        e.rule_number = 32769, e.direction = d, e.allow = true, e.cidr = all, e.source = acl.source;
        entries.push_back(e);
      }
    }
  return open;
}

// Every interface class and internet block as sources, every interface class as destinations.
ReachMatrix AllPairs(const Network& n) {
  std::vector<EndpointClass> sources = SelectEndpoints(n, "all", EndpointFamilies::kIpv4).classes, destinations = sources;
  for (EndpointClass& c : SelectEndpoints(n, "internet", EndpointFamilies::kIpv4).classes) sources.push_back(std::move(c));
  return ReachAllPairs(n, std::move(sources), std::move(destinations));
}

bool SameClasses(const std::vector<EndpointClass>& a, const std::vector<EndpointClass>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const EndpointClass& x, const EndpointClass& y) { return x.label == y.label; });
}

// Whether an ACL on the pair's way back can drop a response at all (the subnets' return legs).
bool ReturnLegFilters(const Network& n, ResponseGate& gate, const EndpointClass& client, const EndpointClass& server) {
  const Subnet* server_subnet = n.SubnetOf(*server.members.front());
  const Subnet* client_subnet =
      client.kind == EndpointClass::Kind::kInterfaces ? n.SubnetOf(*client.members.front()) : nullptr;
  if (!server_subnet || server_subnet == client_subnet) return false;  // no ACL between them
  if (!gate.PassesAll(n.NetworkAclForSubnet(*server_subnet), Direction::kEgress, client_subnet)) return true;
  return client_subnet && !gate.PassesAll(n.NetworkAclForSubnet(*client_subnet), Direction::kIngress, server_subnet);
}

// Two bulk passes find the pairs where some ACL stops something groups and routes let through;
// only those, when a return-leg ACL can drop responses, are explained by reach.
std::vector<Finding> Run(CheckContext& context) {
  const Network& n = context.network();
  ReachMatrix real = AllPairs(n), opened = AllPairs(WithOpenAcls(n));
  bool aligned = SameClasses(real.sources, opened.sources) && SameClasses(real.destinations, opened.destinations);
  ResponseGate gate;
  std::map<DropperKey, Dropper> found;
  for (size_t i = 0; i < real.sources.size(); ++i)
    for (size_t j = 0; j < real.destinations.size(); ++j) {
      const ServiceSet *through = real.At(i, j), *without_acls = aligned ? opened.At(i, j) : through;
      if (!through || (aligned && (!without_acls || without_acls->Subtract(*through).empty()))) continue;
      if (!ReturnLegFilters(n, gate, real.sources[i], real.destinations[j])) continue;
      Collect(n, ReachBetween(n, {real.sources[i]}, {real.destinations[j]}, ReachQuery{}), found);
    }
  std::vector<Finding> out;
  for (auto& [key, x] : found) out.push_back(Write(x));
  return out;
}

}  // namespace

Check NaclBlocksReturnTrafficCheck() {
  return {"nacl-blocks-return-traffic", FindingSeverity::kMedium, "Network ACL drops the responses of admitted flows",
          "Security groups and the forward network ACLs admit a flow between real endpoints (or from the internet), but "
          "an ACL on the way back drops its response, usually because it lacks an allow for the client's ephemeral "
          "ports (1024-65535). ACLs are stateless; add an allow entry for the return traffic, numbered before the "
          "entry that drops it.",
          Run};
}

}  // namespace sgscope
