// BDD reachability oracle (bdd_reach.h). Variables, most significant bit first: protocol (8),
// service (16), peer address (32). Each interface's security groups and each network ACL become
// one BDD with the peer symbolic (group references: the addresses of the interfaces carrying
// the group); a pair fixes the peer to its concrete address and conjoins what its routed path
// meets, forward and back. The rules of the walk follow src/engines/trace.cc, rewritten here.

#include "bdd_reach.h"

#include <algorithm>
#include <stdexcept>

#include "model/interface_owner.h"

namespace sgscope::bench {

namespace {

constexpr int kProtoVar = 0, kServiceVar = 8, kAddressVar = 24, kVarCount = 56;
constexpr int kMaxRouteSteps = 16;
constexpr uint16_t kClientPort = 49152;  // the source port Trace picks by default

bool running = false;  // BuDDy is global: one instance at a time

// The ICMP queries that get an answer (the response leg exists only for them), with the
// reply type that answers each: echo, timestamp, information, address mask (RFC 792, 950)
// and ICMPv6 echo (RFC 4443).
struct IcmpQuery {
  uint8_t protocol, request, reply;
};
constexpr IcmpQuery kIcmpQueries[] = {
    {kProtoIcmp, 8, 0}, {kProtoIcmp, 13, 14}, {kProtoIcmp, 15, 16}, {kProtoIcmp, 17, 18}, {kProtoIcmpv6, 128, 129}};

// The `width` variables from `first` spell `value` (most significant bit first).
bdd Equals(int first, int width, uint32_t value) {
  bdd r = bddtrue;
  for (int i = 0; i < width; ++i) r &= (value >> (width - 1 - i)) & 1 ? bdd_ithvar(first + i) : bdd_nithvar(first + i);
  return r;
}

// lo <= the 16 service variables <= hi, built from the least significant bit up.
bdd ServiceRange(uint16_t lo, uint16_t hi) {
  bdd at_least = bddtrue, at_most = bddtrue;
  for (int i = 15; i >= 0; --i) {
    bdd x = bdd_ithvar(kServiceVar + i);
    at_least = (lo >> (15 - i)) & 1 ? x & at_least : x | at_least;
    at_most = (hi >> (15 - i)) & 1 ? bdd_not(x) | at_most : bdd_not(x) & at_most;
  }
  return at_least & at_most;
}

bdd Protocol(uint8_t number) { return Equals(kProtoVar, 8, number); }
bdd IcmpType(uint8_t type) { return Equals(kServiceVar, 8, type); }
bdd Address(IpAddress a) { return Equals(kAddressVar, 32, a.v4()); }

// IPv6 prefixes never match: this oracle works on primary IPv4 addresses only.
bdd Prefix(const IpPrefix& p) {
  if (!p.address().is_v4()) return bddfalse;
  if (p.length() == 0) return bddtrue;
  return Equals(kAddressVar, p.length(), p.address().v4() >> (32 - p.length()));
}

// Protocol and ports (or ICMP type/code) of a rule or ACL entry. Ports restrict TCP/UDP only,
// type/code ICMP/ICMPv6 only; other protocols and "all" match every service.
bdd Traffic(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp) {
  if (protocol.all) return bddtrue;
  bdd r = Protocol(protocol.number);
  if (protocol.HasPorts()) return r & ServiceRange(ports.from, ports.to);
  if (!protocol.HasIcmpTypes()) return r;
  if (icmp.type > 255 || icmp.code > 255) return bddfalse;
  if (icmp.type >= 0) r &= IcmpType(static_cast<uint8_t>(icmp.type));
  if (icmp.code >= 0) r &= Equals(kServiceVar + 8, 8, static_cast<uint8_t>(icmp.code));
  return r;
}

// ICMP messages nothing answers: Trace evaluates no return leg for them.
bdd Unanswered() {
  bdd queries_v4 = bddfalse, queries_v6 = bddfalse;
  for (const IcmpQuery& q : kIcmpQueries) (q.protocol == kProtoIcmp ? queries_v4 : queries_v6) |= IcmpType(q.request);
  return (Protocol(kProtoIcmp) & !queries_v4) | (Protocol(kProtoIcmpv6) & !queries_v6);
}

// Appends the runs of `f`, a function of the protocol and service variables from `var` on (the
// higher ones fixed to `value`), low half first so runs come sorted; a run that continues the
// previous one of its protocol is merged into it. Runs never span protocols.
void CollectRuns(const bdd& f, int var, uint32_t value, std::vector<ServiceInterval>& out) {
  if (f == bddfalse) return;
  if (f == bddtrue && var >= kServiceVar) {
    int free_bits = kAddressVar - var;
    auto protocol = static_cast<uint8_t>(value >> (var - kServiceVar));
    uint32_t lo = (value << free_bits) & 0xFFFF, hi = lo | ((1u << free_bits) - 1);
    if (!out.empty() && out.back().protocol == protocol && out.back().hi + 1u == lo)
      out.back().hi = static_cast<uint16_t>(hi);
    else
      out.push_back({protocol, static_cast<uint16_t>(lo), static_cast<uint16_t>(hi)});
    return;
  }
  if (f != bddtrue && bdd_var(f) >= kAddressVar) throw std::logic_error("BDD still depends on the address");
  bool split = f != bddtrue && bdd_var(f) == var;
  CollectRuns(split ? bdd_low(f) : f, var + 1, value << 1, out);
  CollectRuns(split ? bdd_high(f) : f, var + 1, value << 1 | 1, out);
}

std::vector<ServiceInterval> Runs(const bdd& allowed) {
  std::vector<ServiceInterval> out;
  CollectRuns(allowed, kProtoVar, 0, out);
  return out;
}

// `filter` with its peer fixed to `a`.
bdd Toward(const bdd& filter, IpAddress a) { return bdd_restrict(filter, Address(a)); }

}  // namespace

// Where one leg's routing takes a packet, and the subnet boundaries (ACLs) it crosses.
struct BddReachability::Path {
  enum class End : uint8_t { kDelivered, kFailed, kUncovered } end = End::kFailed;
  const NetworkInterface* eni = nullptr;  // kDelivered
  const Subnet* subnet = nullptr;         // kDelivered: the interface's subnet, if known
  bool translated = false;                // a NAT gateway rewrote the source on the way
  std::vector<std::pair<const Subnet*, Direction>> acls;
  std::string reason;  // kUncovered
};

BddReachability::BddReachability(const Network& network) : net_(network) {
  if (running) throw std::logic_error("only one BddReachability may exist at a time (BuDDy is global)");
  running = true;
  bdd_init(1 << 20, 1 << 16);
  bdd_setvarnum(kVarCount);
  bdd_gbc_hook(nullptr);  // no garbage-collection chatter on stdout
  for (auto& eni : net_.network_interfaces)
    for (auto& v4 : eni.ipv4)
      if (v4.private_ip.is_v4()) holders_[v4.private_ip.v4()].push_back(&eni);
}

BddReachability::~BddReachability() {
  group_filters_.clear(), acl_filters_.clear(), carriers_.clear();  // release nodes before the package goes
  bdd_done();
  running = false;
}

size_t BddReachability::HolderCount(IpAddress a) const {
  auto it = holders_.find(a.v4());
  return it == holders_.end() ? 0 : it->second.size();
}

// Longest prefix wins; on a tie local beats static beats propagated, then the table's order.
// A prefix-list destination matches with its longest entry containing the address.
const Route* BddReachability::BestRoute(const RouteTable& table, IpAddress dst) const {
  auto rank = [](const Route& r) { return r.target_kind == RouteTargetKind::kLocal ? 2 : r.propagated ? 0 : 1; };
  const Route* best = nullptr;
  int best_length = -1;
  for (auto& route : table.routes) {
    int length = -1;
    if (route.destination_prefix_list_id.empty()) {
      if (route.destination.Contains(dst)) length = route.destination.length();
    } else if (const PrefixList* list = net_.FindPrefixList(route.destination_prefix_list_id)) {
      for (auto& c : list->cidrs)
        if (c.Contains(dst)) length = std::max(length, c.length());
    }
    if (length >= 0 && (length > best_length || (length == best_length && rank(route) > rank(*best))))
      best = &route, best_length = length;
  }
  return best;
}

// Follows routes from `start` toward `dst`, as far as they lead.
BddReachability::Path BddReachability::Walk(const Subnet& start, IpAddress dst) const {
  Path path;
  const Subnet* subnet = &start;
  for (int step = 0; step < kMaxRouteSteps; ++step) {
    const RouteTable* table = net_.RouteTableForSubnet(*subnet);
    const Route* route = table ? BestRoute(*table, dst) : nullptr;
    if (!route || route->blackhole) return path;
    switch (route->target_kind) {
      case RouteTargetKind::kLocal: Deliver(path, subnet->vpc_id, dst, subnet); return path;
      case RouteTargetKind::kVpcPeering: AcrossPeering(path, *route, *subnet, dst); return path;
      case RouteTargetKind::kInternetGateway:
        // The internet routes no private address: the packet dies there whatever it carries.
        if (!IsInternalSpace(IpPrefix::Host(dst)))
          path.end = Path::End::kUncovered, path.reason = "internet gateway toward a public address";
        return path;
      case RouteTargetKind::kNatGateway: {
        // The source is rewritten, so a flow through a NAT gateway reaches no interface as the
        // pair itself; followed only to see whether routing fails after it.
        const NatGateway* nat = net_.FindNatGateway(route->target_id);
        if (!nat || nat->private_ips.empty() || (!nat->state.empty() && nat->state != "available")) return path;
        subnet = net_.FindSubnet(nat->subnet_id);
        if (!subnet) return path;
        path.translated = true;
        continue;
      }
      default:
        path.end = Path::End::kUncovered;
        path.reason = std::string("route to a ") + RouteTargetKindName(route->target_kind);
        return path;
    }
  }
  return path;  // a routing loop
}

// Peering is not transitive: only the peer VPC's own addresses are delivered.
void BddReachability::AcrossPeering(Path& path, const Route& route, const Subnet& subnet, IpAddress dst) const {
  const VpcPeeringConnection* pcx = net_.FindVpcPeeringConnection(route.target_id);
  if (!pcx || !pcx->active()) return;
  const std::string& peer_vpc = pcx->PeerOf(subnet.vpc_id);
  if (peer_vpc.empty()) return;
  path.acls.push_back({&subnet, Direction::kEgress});
  const Vpc* vpc = net_.FindVpc(peer_vpc);
  const std::vector<IpPrefix>& cidrs =
      vpc ? vpc->cidrs : (peer_vpc == pcx->accepter.vpc_id ? pcx->accepter.cidrs : pcx->requester.cidrs);
  if (std::none_of(cidrs.begin(), cidrs.end(), [&](const IpPrefix& c) { return c.Contains(dst); })) return;
  if (!vpc) {
    path.end = Path::End::kUncovered, path.reason = "peer VPC outside the snapshot";
    return;
  }
  Deliver(path, peer_vpc, dst, nullptr);
}

// The first interface of `vpc_id` holding `dst`; ACLs apply only when the packet changes subnet.
void BddReachability::Deliver(Path& path, const std::string& vpc_id, IpAddress dst, const Subnet* from) const {
  auto it = holders_.find(dst.v4());
  if (it == holders_.end()) return;
  auto eni = std::find_if(it->second.begin(), it->second.end(), [&](auto* e) { return e->vpc_id == vpc_id; });
  if (eni == it->second.end()) return;  // nobody, or a NAT gateway's own address: refused
  const Subnet* to = net_.SubnetOf(**eni);
  if (!(from && to && from == to)) {
    if (from) path.acls.push_back({from, Direction::kEgress});
    if (to) path.acls.push_back({to, Direction::kIngress});
  }
  path.end = Path::End::kDelivered, path.eni = *eni, path.subnet = to;
}

const NatGateway* BddReachability::NatOf(const NetworkInterface& eni) const {
  for (auto& nat : net_.nat_gateways)
    if (nat.network_interface_id == eni.id) return &nat;
  return nullptr;
}

// What happens at a destination this oracle does not follow (the flow goes on past it).
std::string BddReachability::Unmodelled(const NetworkInterface& eni) const {
  const ManagedService* service = ServiceOfInterface(net_, eni);
  if (service && service->inbound == InboundUse::kNotConsulted && service->id == "client-vpn")
    return "destination is a Client VPN interface";
  const InterfaceLink* link = net_.LinkOf(eni);
  if (link && link->service && link->service->id == "load-balancer")
    if (const LoadBalancer* lb = net_.FindLoadBalancer(link->resource_id); lb && lb->type != "gateway")
      return "destination is a load balancer node (forwarding is not modelled)";
  return "";
}

// NAT gateways and interfaces whose service only originates accept no connection.
bool BddReachability::Refuses(const NetworkInterface& eni) const {
  const ManagedService* service = ServiceOfInterface(net_, eni);
  return NatOf(eni) || (service && service->inbound == InboundUse::kNotConsulted);
}

// A group reference covers the private IPv4 addresses of every interface carrying the group.
bdd BddReachability::Carriers(const std::string& group_id) {
  auto [it, fresh] = carriers_.try_emplace(group_id, bddfalse);
  if (fresh)
    for (auto& eni : net_.network_interfaces)
      if (std::count(eni.group_ids.begin(), eni.group_ids.end(), group_id))
        for (auto& v4 : eni.ipv4)
          if (v4.private_ip.is_v4()) it->second |= Address(v4.private_ip);
  return it->second;
}

// `sender`: when set, a group reference matches iff the sender carries the group (Trace's
// known sender when its address is held by several interfaces).
bdd BddReachability::Peer(const RulePeer& peer, const NetworkInterface* sender) {
  if (auto* prefix = std::get_if<IpPrefix>(&peer)) return Prefix(*prefix);
  if (auto* ref = std::get_if<GroupReference>(&peer)) {
    if (!sender) return Carriers(ref->group_id);
    return std::count(sender->group_ids.begin(), sender->group_ids.end(), ref->group_id) ? bddtrue : bddfalse;
  }
  bdd r = bddfalse;
  if (const PrefixList* list = net_.FindPrefixList(std::get<PrefixListReference>(peer).prefix_list_id))
    for (auto& c : list->cidrs) r |= Prefix(c);
  return r;
}

// The union of every rule of every group on `eni` in direction `d`; interfaces without
// groups (gateways) filter nothing.
bdd BddReachability::GroupFilter(const NetworkInterface& eni, Direction d, const NetworkInterface* sender) {
  if (eni.group_ids.empty()) return bddtrue;
  auto key = std::make_pair(&eni, d);
  if (!sender)
    if (auto it = group_filters_.find(key); it != group_filters_.end()) return it->second;
  bdd r = bddfalse;
  for (const SecurityGroup* group : net_.GroupsOf(eni))
    for (auto& rule : group->rules(d)) r |= Traffic(rule.protocol, rule.ports, rule.icmp) & Peer(rule.peer, sender);
  if (!sender) group_filters_.emplace(key, r);
  return r;
}

// First match by rule number, implicit deny: folded from the last entry up.
bdd BddReachability::AclFilter(const NetworkAcl& acl, Direction d) {
  auto key = std::make_pair(&acl, d);
  if (auto it = acl_filters_.find(key); it != acl_filters_.end()) return it->second;
  std::vector<const NetworkAclEntry*> entries;
  for (auto& e : acl.entries(d)) entries.push_back(&e);
  std::stable_sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->rule_number < b->rule_number; });
  bdd r = bddfalse;
  for (auto e = entries.rbegin(); e != entries.rend(); ++e)
    r = bdd_ite(Traffic((*e)->protocol, (*e)->ports, (*e)->icmp) & Prefix((*e)->cidr), (*e)->allow ? bddtrue : bddfalse, r);
  return acl_filters_.emplace(key, r).first->second;
}

// The ACLs a leg crosses, for its packet from `src` to `dst` (a subnet without an ACL in the
// snapshot allows everything).
bdd BddReachability::PathAcls(const Path& path, IpAddress src, IpAddress dst) {
  bdd r = bddtrue;
  for (auto [subnet, d] : path.acls)
    if (const NetworkAcl* acl = net_.NetworkAclForSubnet(*subnet))
      r &= Toward(AclFilter(*acl, d), d == Direction::kEgress ? dst : src);
  return r;
}

// Maps what the response leg lets through back onto the request: a TCP/UDP response goes to the
// client port 49152 whatever the service, an ICMP query is answered by its reply type with the
// same code, other protocols answer in kind. Security groups pass responses by connection
// tracking (an untracked flow's response meets the very all-open rule that made it untracked).
bdd BddReachability::AsRequest(const bdd& response) const {
  bdd r = bddfalse;
  for (uint8_t p : {kProtoTcp, kProtoUdp})
    if (bdd_restrict(response, Protocol(p) & Equals(kServiceVar, 16, kClientPort)) == bddtrue) r |= Protocol(p);
  for (const IcmpQuery& q : kIcmpQueries)
    r |= Protocol(q.protocol) & IcmpType(q.request) & bdd_restrict(response, Protocol(q.protocol) & IcmpType(q.reply));
  bdd with_services = Protocol(kProtoTcp) | Protocol(kProtoUdp) | Protocol(kProtoIcmp) | Protocol(kProtoIcmpv6);
  return r | (response & !with_services);
}

BddReachability::Result BddReachability::Allowed(const NetworkInterface& src, const NetworkInterface& dst) {
  Result result;
  auto uncovered = [&](std::string why) {
    result.covered = false, result.reason = std::move(why);
    return result;
  };
  auto from = src.PrimaryIpv4(), to = dst.PrimaryIpv4();
  if (!from || !to || !from->is_v4() || !to->is_v4()) return uncovered("an interface has no IPv4 address");
  const Subnet* start = net_.SubnetOf(src);
  if (!start) return uncovered("the source's subnet is not in the snapshot (Trace refuses the query)");
  if (HolderCount(*to) > 1) return uncovered("several interfaces hold the destination address (Trace refuses)");

  Path forward = Walk(*start, *to);
  if (forward.end == Path::End::kUncovered) return uncovered(forward.reason);
  if (forward.end == Path::End::kFailed) return result;
  if (forward.translated) return uncovered("a NAT gateway translates the flow on its way to an interface");
  const NetworkInterface& target = *forward.eni;
  if (std::string why = Unmodelled(target); !why.empty()) return uncovered(why);
  if (Refuses(target)) return result;
  // Trace's ingress check knows the sender; it matters only when its address is shared.
  const NetworkInterface* sender = HolderCount(*from) > 1 ? &src : nullptr;
  bdd allowed = Toward(GroupFilter(src, Direction::kEgress), *to) & PathAcls(forward, *from, *to) &
                Toward(GroupFilter(target, Direction::kIngress, sender), *from);

  bdd answered = bddfalse;
  if (forward.subnet) {
    Path back = Walk(*forward.subnet, *from);
    if (back.end == Path::End::kUncovered) return uncovered("response: " + back.reason);
    // The response must come back to the source itself, from the address it was sent to.
    if (back.end == Path::End::kDelivered && back.eni == &src && !back.translated && !NatOf(src))
      answered = AsRequest(PathAcls(back, *to, *from));
  }
  allowed &= (Unanswered() | answered) & !Protocol(kProtoIcmpv6);  // ICMPv6 to IPv4: Trace refuses
  result.allowed = Runs(allowed);
  return result;
}

}  // namespace sgscope::bench
