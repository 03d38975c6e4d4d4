// Brute-force forward evaluation for bench_trace. The path follows aws-semantics.md and
// the hop order of docs/trace.md: the source's groups (egress), the subnet's route table
// (longest prefix; local, then static, then propagated on ties), network ACLs where the
// packet leaves and enters a subnet (first match by rule number), gateways with their
// translations, the destination's groups (ingress). Every lookup scans the whole model,
// so it is slow by design and shares neither code nor indexes with the engines.

#include "brute_force_evaluator.h"

#include <algorithm>
#include <optional>

#include "brute_force_match.h"

namespace sgscope::bench {

namespace {

constexpr int kMaxRouteSteps = 16;

bool OnlyOriginates(const NetworkInterface& eni) {
  if (eni.interface_type == "lambda" || eni.interface_type == "ec2_instance_connect_endpoint") return true;
  return eni.requester_managed && (eni.description.rfind("AWS Lambda VPC ENI", 0) == 0 ||
                                   eni.description.rfind("ClientVPN Endpoint", 0) == 0);
}

bool HoldsPrivate(const NetworkInterface& eni, IpAddress a) {
  for (auto& v4 : eni.ipv4)
    if (v4.private_ip == a) return true;
  return std::find(eni.ipv6.begin(), eni.ipv6.end(), a) != eni.ipv6.end();
}

// Addresses the internet does not route (RFC 1918, shared space, IPv6 ULA and link-local).
bool InPrivateSpace(IpAddress a) {
  static const char* const kRanges[] = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                        "100.64.0.0/10", "fc00::/7", "fe80::/10"};
  for (const char* range : kRanges)
    if (IpPrefix::Parse(range)->Contains(a)) return true;
  return false;
}

// One forward walk; fills the verdict as it goes.
class Walk {
 public:
  Walk(const Network& network, BruteForceVerdict& verdict) : net_(network), v_(verdict) {}
  void Run(const TraceQuery& query);

 private:
  // Lookups: every one a scan of the whole model (ById and the ACL's in brute_force_match.h).
  const NetworkInterface* InterfaceHolding(IpAddress a, const std::string& vpc_id) const;
  bool IsPublicAddressInSnapshot(IpAddress a) const;
  const NatGateway* NatWithPrivate(IpAddress a) const;
  const NatGateway* NatOfInterface(const NetworkInterface& eni) const;
  const RouteTable* RouteTableOf(const Subnet& subnet) const;
  const Route* BestRoute(const RouteTable& table, IpAddress dst) const;
  int RouteMatchLength(const Route& route, IpAddress dst) const;
  bool PrefixListContains(const std::string& id, IpAddress a, int* longest) const;
  bool PeerMatches(const RulePeer& peer, IpAddress a) const;
  bool GroupsAllow(const NetworkInterface& eni, Direction d, const Packet& p) const;
  std::optional<IpAddress> PublicAddressOf(const std::string& vpc_id, IpAddress private_ip) const;
  std::optional<Packet> FirstPacket(const NetworkInterface& src, const TraceQuery& query);

  // Steps of the walk.
  void GroupStep(const NetworkInterface& eni, Direction d, const Packet& p);
  void AclStep(const Subnet& subnet, Direction d, const Packet& p);
  void Cross(const Subnet* from, const Subnet* to, const Packet& p);
  void RouteFrom(const Subnet* subnet, Packet p);
  void Deliver(const std::string& vpc_id, const Packet& p, const Subnet* from);
  void ViaInternetGateway(const Route& route, const Subnet& subnet, Packet p);
  void ViaPeering(const Route& route, const Subnet& subnet, const Packet& p);
  const Subnet* ThroughNat(const Route& route, const Subnet& subnet, Packet& p);
  void Exit(const Subnet& subnet, const Packet& p);

  // Outcomes: the first blocker decides; the walk goes on after a filter denies and ends
  // when forwarding fails or the packet arrives.
  void Settle(const char* code) {
    if (v_.disposition.empty()) v_.disposition = code;
  }
  void Stop(const char* code) { Settle(code), stopped_ = true; }
  void Uncovered(std::string reason) { v_.covered = false, v_.uncovered_reason = std::move(reason), stopped_ = true; }

  const Network& net_;
  BruteForceVerdict& v_;
  bool stopped_ = false;
};

const NetworkInterface* Walk::InterfaceHolding(IpAddress a, const std::string& vpc_id) const {
  for (auto& eni : net_.network_interfaces)
    if ((vpc_id.empty() || eni.vpc_id == vpc_id) && HoldsPrivate(eni, a)) return &eni;
  return nullptr;
}

bool Walk::IsPublicAddressInSnapshot(IpAddress a) const {
  for (auto& eni : net_.network_interfaces)
    for (auto& v4 : eni.ipv4)
      if (v4.public_ip == a) return true;
  for (auto& nat : net_.nat_gateways)
    if (std::count(nat.public_ips.begin(), nat.public_ips.end(), a)) return true;
  return a.is_v6() && InterfaceHolding(a, "");  // IPv6 addresses are reachable as they are
}

const NatGateway* Walk::NatWithPrivate(IpAddress a) const {
  for (auto& nat : net_.nat_gateways)
    if (std::count(nat.private_ips.begin(), nat.private_ips.end(), a)) return &nat;
  return nullptr;
}

const NatGateway* Walk::NatOfInterface(const NetworkInterface& eni) const {
  for (auto& nat : net_.nat_gateways)
    if (nat.network_interface_id == eni.id) return &nat;
  return nullptr;
}

// The explicitly associated table, else the VPC's main table.
const RouteTable* Walk::RouteTableOf(const Subnet& subnet) const {
  for (auto& table : net_.route_tables)
    if (HasId(table.subnet_ids, subnet.id)) return &table;
  for (auto& table : net_.route_tables)
    if (table.is_main && table.vpc_id == subnet.vpc_id) return &table;
  return nullptr;
}

bool Walk::PrefixListContains(const std::string& id, IpAddress a, int* longest) const {
  const PrefixList* list = ById(net_.prefix_lists, id);
  bool found = false;
  if (list)
    for (auto& cidr : list->cidrs)
      if (cidr.Contains(a)) found = true, *longest = std::max(*longest, cidr.length());
  return found;
}

int Walk::RouteMatchLength(const Route& route, IpAddress dst) const {
  if (route.destination_prefix_list_id.empty()) return route.destination.Contains(dst) ? route.destination.length() : -1;
  int longest = -1;
  PrefixListContains(route.destination_prefix_list_id, dst, &longest);
  return longest;
}

const Route* Walk::BestRoute(const RouteTable& table, IpAddress dst) const {
  auto rank = [](const Route& r) { return r.target_kind == RouteTargetKind::kLocal ? 2 : r.propagated ? 0 : 1; };
  const Route* best = nullptr;
  int best_length = -1;
  for (auto& route : table.routes) {
    int length = RouteMatchLength(route, dst);
    if (length < 0) continue;
    if (!best || length > best_length || (length == best_length && rank(route) > rank(*best)))
      best = &route, best_length = length;
  }
  return best;
}

// A group reference covers the private addresses of every interface that carries the group.
bool Walk::PeerMatches(const RulePeer& peer, IpAddress a) const {
  if (auto* prefix = std::get_if<IpPrefix>(&peer)) return prefix->Contains(a);
  if (auto* ref = std::get_if<GroupReference>(&peer)) {
    for (auto& eni : net_.network_interfaces)
      if (HoldsPrivate(eni, a) && HasId(eni.group_ids, ref->group_id)) return true;
    return false;
  }
  int unused = -1;
  return PrefixListContains(std::get<PrefixListReference>(peer).prefix_list_id, a, &unused);
}

bool Walk::GroupsAllow(const NetworkInterface& eni, Direction d, const Packet& p) const {
  IpAddress peer = d == Direction::kIngress ? p.src : p.dst;
  for (auto& group_id : eni.group_ids)
    if (const SecurityGroup* group = ById(net_.security_groups, group_id))
      for (auto& rule : group->rules(d))
        if (TrafficMatches(rule.protocol, rule.ports, rule.icmp, p) && PeerMatches(rule.peer, peer)) return true;
  return false;
}

std::optional<IpAddress> Walk::PublicAddressOf(const std::string& vpc_id, IpAddress private_ip) const {
  if (const NetworkInterface* eni = InterfaceHolding(private_ip, vpc_id)) {
    for (auto& v4 : eni->ipv4)
      if (v4.private_ip == private_ip && v4.public_ip) return v4.public_ip;
    if (const NatGateway* nat = NatOfInterface(*eni); nat && !nat->public_ips.empty()) return nat->public_ips.front();
  }
  if (const NatGateway* nat = NatWithPrivate(private_ip); nat && !nat->public_ips.empty()) return nat->public_ips.front();
  return std::nullopt;
}

void Walk::GroupStep(const NetworkInterface& eni, Direction d, const Packet& p) {
  if (eni.group_ids.empty()) return;  // interfaces without groups (NAT, NLB) filter nothing
  bool allow = GroupsAllow(eni, d, p);
  v_.hops.push_back({"security-group", "", DirectionName(d), allow ? "allow" : "deny", ""});
  if (!allow) Settle(d == Direction::kEgress ? "DENIED_SG_EGRESS" : "DENIED_SG_INGRESS");
}

void Walk::AclStep(const Subnet& subnet, Direction d, const Packet& p) {
  const NetworkAcl* acl = ScanNetworkAcl(net_, subnet);
  if (!acl) return;
  const NetworkAclEntry* entry = FirstAclMatch(*acl, d, p);
  bool allow = entry && entry->allow;
  v_.hops.push_back({"network-acl", acl->id, DirectionName(d), allow ? "allow" : "deny", ""});
  if (!allow) Settle(d == Direction::kEgress ? "DENIED_NACL_EGRESS" : "DENIED_NACL_INGRESS");
}

// ACLs apply where the packet leaves one subnet and enters another, never within one.
void Walk::Cross(const Subnet* from, const Subnet* to, const Packet& p) {
  if (from && to && from->id == to->id) return;
  if (from) AclStep(*from, Direction::kEgress, p);
  if (to) AclStep(*to, Direction::kIngress, p);
}

void Walk::RouteFrom(const Subnet* subnet, Packet p) {
  for (int step = 0; step < kMaxRouteSteps && !stopped_; ++step) {
    const RouteTable* table = RouteTableOf(*subnet);
    if (!table) return Stop("NO_ROUTE");
    const Route* route = BestRoute(*table, p.dst);
    if (!route) {
      v_.hops.push_back({"route-table", table->id, "", "drop", ""});
      return Stop("NO_ROUTE");
    }
    v_.hops.push_back({"route-table", table->id, "", route->blackhole ? "drop" : "forward", route->target_id});
    if (route->blackhole) return Stop("BLACKHOLE_ROUTE");
    switch (route->target_kind) {
      case RouteTargetKind::kLocal: return Deliver(subnet->vpc_id, p, subnet);
      case RouteTargetKind::kInternetGateway: return ViaInternetGateway(*route, *subnet, p);
      case RouteTargetKind::kVpcPeering: return ViaPeering(*route, *subnet, p);
      case RouteTargetKind::kEgressOnlyInternetGateway:
      case RouteTargetKind::kGatewayEndpoint: return Exit(*subnet, p);
      case RouteTargetKind::kNatGateway: subnet = ThroughNat(*route, *subnet, p); break;
      default: return Uncovered(std::string("route target kind ") + RouteTargetKindName(route->target_kind));
    }
  }
  if (!stopped_) Stop("LOOP");
}

void Walk::Deliver(const std::string& vpc_id, const Packet& p, const Subnet* from) {
  if (const NetworkInterface* eni = InterfaceHolding(p.dst, vpc_id)) {
    Cross(from, ById(net_.subnets, eni->subnet_id), p);
    if (NatOfInterface(*eni)) return Stop("DENIED_BY_NAT_GATEWAY");  // accepts no new connection
    // Interfaces that only originate (Lambda: "not in the other direction"), or that a service
    // reaches from the AWS side, take no connection (docs/managed-services.md).
    if (OnlyOriginates(*eni)) return Stop("DENIED_BY_MANAGED_SERVICE");
    GroupStep(*eni, Direction::kIngress, p);
    return Stop("ACCEPTED");
  }
  if (const NatGateway* nat = NatWithPrivate(p.dst); nat && nat->vpc_id == vpc_id) {
    Cross(from, ById(net_.subnets, nat->subnet_id), p);
    return Stop("DENIED_BY_NAT_GATEWAY");
  }
  Stop("UNKNOWN_ADDRESS");
}

// Private IPv4 sources are translated 1:1 to their public address; IPv6 passes as is.
void Walk::ViaInternetGateway(const Route& route, const Subnet& subnet, Packet p) {
  const InternetGateway* igw = ById(net_.internet_gateways, route.target_id);
  if (!igw || !HasId(igw->vpc_ids, subnet.vpc_id)) return Stop("NO_ROUTE");
  AclStep(subnet, Direction::kEgress, p);
  if (p.src.is_v4()) {
    auto public_ip = PublicAddressOf(subnet.vpc_id, p.src);
    if (!public_ip) return Stop("NO_PUBLIC_ADDRESS");
    p.src = *public_ip;
  }
  if (IsPublicAddressInSnapshot(p.dst)) return Uncovered("the packet re-enters the network from the internet");
  Stop(InPrivateSpace(p.dst) ? "NO_ROUTE" : "EXITS_NETWORK");
}

// Peering is not transitive: the destination must lie in the peer VPC itself.
void Walk::ViaPeering(const Route& route, const Subnet& subnet, const Packet& p) {
  const VpcPeeringConnection* pcx = ById(net_.vpc_peering_connections, route.target_id);
  if (!pcx || pcx->status != "active") return Stop("BLACKHOLE_ROUTE");
  const PeeringSide* other = pcx->requester.vpc_id == subnet.vpc_id  ? &pcx->accepter
                             : pcx->accepter.vpc_id == subnet.vpc_id ? &pcx->requester
                                                                     : nullptr;
  if (!other) return Stop("NO_ROUTE");
  AclStep(subnet, Direction::kEgress, p);
  const Vpc* vpc = ById(net_.vpcs, other->vpc_id);
  if (!vpc) return Uncovered("peer VPC outside the snapshot");
  if (std::none_of(vpc->cidrs.begin(), vpc->cidrs.end(), [&](const IpPrefix& c) { return c.Contains(p.dst); }))
    return Stop("NO_ROUTE");
  Deliver(vpc->id, p, nullptr);
}

// Returns the NAT gateway's subnet, where routing goes on, or null when the walk ended.
const Subnet* Walk::ThroughNat(const Route& route, const Subnet& subnet, Packet& p) {
  const NatGateway* nat = ById(net_.nat_gateways, route.target_id);
  if (!nat || nat->private_ips.empty()) return Stop("NO_ROUTE"), nullptr;
  if (!nat->state.empty() && nat->state != "available") return Stop("BLACKHOLE_ROUTE"), nullptr;
  const Subnet* nat_subnet = ById(net_.subnets, nat->subnet_id);
  Cross(&subnet, nat_subnet, p);
  if (p.protocol != kProtoTcp && p.protocol != kProtoUdp && p.protocol != kProtoIcmp)
    return Stop("DENIED_BY_NAT_GATEWAY"), nullptr;
  p.src = nat->private_ips.front();
  if (!nat_subnet) return Stop("NO_ROUTE"), nullptr;
  return nat_subnet;
}

void Walk::Exit(const Subnet& subnet, const Packet& p) {
  AclStep(subnet, Direction::kEgress, p);
  Stop("EXITS_NETWORK");
}

// The packet Trace would build: the source's address of the destination's family.
std::optional<Packet> Walk::FirstPacket(const NetworkInterface& src, const TraceQuery& query) {
  std::optional<IpAddress> dst;
  if (const NetworkInterface* eni = ById(net_.network_interfaces, query.to)) {
    for (auto& v4 : eni->ipv4)
      if (v4.primary || !dst) dst = v4.private_ip;
  } else {
    dst = IpAddress::Parse(query.to);
  }
  std::optional<IpAddress> from;
  if (dst && dst->is_v4())
    for (auto& v4 : src.ipv4)
      if (v4.primary || !from) from = v4.private_ip;
  if (dst && dst->is_v6() && !src.ipv6.empty()) from = src.ipv6.front();
  if (!dst || !from) return std::nullopt;
  return Packet{*from, *dst, query.protocol, query.src_port ? query.src_port : uint16_t{49152},
                query.dst_port, query.icmp_type, query.icmp_code};
}

void Walk::Run(const TraceQuery& query) {
  const NetworkInterface* src = ById(net_.network_interfaces, query.from);
  if (!src) return Uncovered("the source is not an interface id");
  std::optional<Packet> packet = FirstPacket(*src, query);
  if (!packet) return Uncovered("no address of the destination's family");
  if (IsPublicAddressInSnapshot(packet->dst) && !InterfaceHolding(packet->dst, ""))
    return Uncovered("destination is a public address");
  const Subnet* subnet = ById(net_.subnets, src->subnet_id);
  if (!subnet) return Uncovered("the source's subnet is not in the snapshot");
  GroupStep(*src, Direction::kEgress, *packet);
  RouteFrom(subnet, *packet);
}

}  // namespace

std::string CheckedHop::ToString() const {
  std::string text = kind;
  for (const std::string* part : {&component, &direction, &action, &target})
    if (!part->empty()) text += " " + *part;
  return text;
}

BruteForceVerdict EvaluateByBruteForce(const Network& network, const TraceQuery& query) {
  BruteForceVerdict verdict;
  Walk(network, verdict).Run(query);
  return verdict;
}

}  // namespace sgscope::bench
