// Who can reach a group's carriers. Reach (reach.h) from every interface, every internet block and
// every Client VPN endpoint's clients to the carriers, with the carriers' own security-group
// ingress open (ReachQuery::open_destination_ingress), since the question is whether the network
// delivers it, not whether the group already admits it. That reach is computed once for all the
// destinations asked about (DeliveryTable) and each group reads its carriers' columns. Space that
// a carrier's route table sends outside the snapshot's VPCs (peering, transit gateway, VPN...)
// cannot be traced from its far end, so it is taken as reaching with every service: never
// narrowed away. AWS service ranges that a gateway endpoint route sends to (S3, DynamoDB) and NAT
// gateways' own addresses open no connections toward the carriers: not judged, and kept in a
// proposal.

#include "engines/reachable_sources.h"

#include <algorithm>
#include <map>

#include "engines/reach.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

// Client VPN translates a client's address to the endpoint's interface in the VPC (SNAT,
// aws-semantics.md §6): a carrier's rules see those interfaces' addresses as the clients'.
AddressSet VpnInterfaceAddresses(const Network& n, const ClientVpnEndpoint& e) {
  AddressSet out;
  for (auto& t : n.client_vpn_target_networks)
    if (t.endpoint_id == e.id)
      for (auto& eni : n.network_interfaces)
        if (ServesTargetNetwork(eni, t)) out = out.Union(PrivateIpv4Of(eni));
  return out;
}

// A NAT gateway's own address opens no connection toward the VPC it sits in, and reach cannot
// trace one from it (Trace: no connection addressed to a NAT gateway), so it is not judged.
bool IsNatGateway(const Network& n, const NetworkInterface& eni) { return InterfaceOwnerKind(n, eni) == "nat-gateway"; }

SourceReach SourceOf(const Network& n, const EndpointClass& c) {
  SourceReach s;
  s.label = c.label;
  if (c.kind == EndpointClass::Kind::kInternet) {
    s.kind = SourceReach::Kind::kInternet, s.addresses = s.judged = c.addresses;
  } else if (c.kind == EndpointClass::Kind::kVpnClients) {
    s.kind = SourceReach::Kind::kVpnClients;
    if (c.client_vpn->client_cidr) s.addresses = s.judged = AddressSet::Of(*c.client_vpn->client_cidr);
    s.addresses = s.addresses.Union(VpnInterfaceAddresses(n, *c.client_vpn));
  } else {
    s.members = c.members;
    for (auto* m : c.members) {
      s.addresses = s.addresses.Union(PrivateIpv4Of(*m));
      if (!IsNatGateway(n, *m)) s.judged = s.judged.Union(AddressSet::Of(*m->PrimaryIpv4()));
    }
  }
  return s;
}

// Route targets that may bring traffic from addresses outside the snapshot's VPCs: not the VPC
// itself, not gateways that carry only outbound-initiated or internet traffic (the internet is
// traced as its own source).
bool MayBringOutsiders(const Route& r) {
  switch (r.target_kind) {
    case RouteTargetKind::kLocal:
    case RouteTargetKind::kInternetGateway:
    case RouteTargetKind::kEgressOnlyInternetGateway:
    case RouteTargetKind::kNatGateway:
    case RouteTargetKind::kGatewayEndpoint:
      return false;
    default:
      return !r.blackhole;
  }
}

// A subnet whose route table the export lacks (a partial export) says nothing about reachability:
// its interfaces are taken as reaching and reached, so nothing is narrowed on missing data.
bool HasRouteTable(const Network& n, const NetworkInterface& eni) {
  const Subnet* subnet = n.SubnetOf(eni);
  return subnet && n.RouteTableForSubnet(*subnet);
}

// The IPv4 destinations of a route: its CIDR, or its prefix list's entries.
std::vector<IpPrefix> DestinationsOf(const Network& n, const Route& r) {
  std::vector<IpPrefix> out{r.destination};
  if (!r.destination_prefix_list_id.empty()) {
    const PrefixList* list = n.FindPrefixList(r.destination_prefix_list_id);
    out = list ? list->cidrs : std::vector<IpPrefix>{};
  }
  std::erase_if(out, [](const IpPrefix& p) { return !p.address().is_v4(); });
  return out;
}

// The union of many sets, pairwise: each address interval is merged about log(n) times instead
// of once per set, which matters for a peer such as 0.0.0.0/0 that thousands of sources meet.
AddressSet UnionAll(std::vector<AddressSet> parts) {
  if (parts.empty()) return {};
  for (size_t step = 1; step < parts.size(); step *= 2)
    for (size_t i = 0; i + step < parts.size(); i += 2 * step) parts[i] = parts[i].Union(parts[i + step]);
  return std::move(parts.front());
}

}  // namespace

AddressSet PrivateIpv4Of(const NetworkInterface& eni) {
  AddressSet out;
  for (auto& a : eni.ipv4) out = out.Union(AddressSet::Of(a.private_ip));
  return out;
}

DeliveryTable::DeliveryTable(const Network& network, const std::string& to) {
  EndpointSelection destinations = SelectEndpoints(network, to, EndpointFamilies::kIpv4);
  if (!destinations.error.empty()) return;
  Add(network, "all", {}, destinations.classes);
  Add(network, "internet", {}, destinations.classes);
  for (auto& e : network.client_vpn_endpoints) {
    // Clients in any directory group the endpoint authorizes: the widest any client can be.
    std::vector<std::string> groups;
    for (auto& r : network.client_vpn_authorization_rules)
      if (r.endpoint_id == e.id && !r.group_id.empty()) groups.push_back(r.group_id);
    Add(network, "vpn:" + e.id, groups, destinations.classes);
  }
}

// Internet blocks are not merged here as reach merges them for a report: blocks that every
// destination treats alike only come out as more sources labelled "internet", with the same
// addresses and services in all.
void DeliveryTable::Add(const Network& n, const std::string& from, const std::vector<std::string>& vpn_groups,
                        const std::vector<EndpointClass>& destinations) {
  EndpointSelection sources = SelectEndpoints(n, from, EndpointFamilies::kIpv4);
  if (!sources.error.empty()) return;
  ReachQuery q;
  q.vpn_groups = vpn_groups, q.open_destination_ingress = true;
  Population p{ReachAllPairs(n, std::move(sources.classes), destinations, q), {}, {}, {}};
  for (auto& c : p.matrix.sources) {
    p.sources.push_back(SourceOf(n, c));
    p.unknown.push_back(!c.members.empty() && !HasRouteTable(n, *c.members.front()));
  }
  for (size_t j = 0; j < p.matrix.destinations.size(); ++j)
    for (auto* m : p.matrix.destinations[j].members) p.destination_of[m] = j;
  populations_.push_back(std::move(p));
}

CarrierReach::CarrierReach(const Network& network, const std::string& group_id,
                           const std::vector<const NetworkInterface*>& carriers, const DeliveryTable& delivery)
    : group_id_(group_id), carriers_(carriers) {
  known_ = std::all_of(carriers.begin(), carriers.end(), [&](auto* eni) { return HasRouteTable(network, *eni); });
  if (!known_) return;
  for (auto& population : delivery.populations()) AddReach(population);
  AddRouted(network);
  for (auto& eni : network.network_interfaces)
    if (IsNatGateway(network, eni)) unjudged_ = unjudged_.Union(PrivateIpv4Of(eni));
}

// A source is one that meets a judged carrier (a class whose representative is one). What it
// reaches is the union over those carriers of what the network delivers to them.
void CarrierReach::AddReach(const DeliveryTable::Population& p) {
  std::vector<size_t> judged;
  for (auto* eni : carriers_) {
    auto it = p.destination_of.find(eni);
    if (it == p.destination_of.end()) continue;
    auto* front = p.matrix.destinations[it->second].members.front();
    if (std::find(carriers_.begin(), carriers_.end(), front) != carriers_.end() &&
        std::find(judged.begin(), judged.end(), it->second) == judged.end())
      judged.push_back(it->second);
  }
  for (size_t i = 0; i < p.matrix.sources.size(); ++i) {
    SourceReach* source = nullptr;
    for (size_t j : judged) {
      const ServiceSet* delivered = p.matrix.At(i, j);
      if (!delivered) continue;  // a class with itself, alone in it
      if (!source) source = &sources_.emplace_back(p.sources[i]);
      source->reaches = source->reaches.Union(p.unknown[i] ? ServiceSet::All() : *delivered);
    }
  }
}

void CarrierReach::AddRouted(const Network& n) {
  AddressSet inside;  // answered by the traced sources
  for (auto& v : n.vpcs)
    for (auto& c : v.cidrs) inside = inside.Union(AddressSet::Of(c));
  for (auto& e : n.client_vpn_endpoints)
    if (e.client_cidr) inside = inside.Union(AddressSet::Of(*e.client_cidr));
  std::map<std::string, AddressSet> by_target;
  for (auto* eni : carriers_) {
    const Subnet* subnet = n.SubnetOf(*eni);
    const RouteTable* table = subnet ? n.RouteTableForSubnet(*subnet) : nullptr;
    if (!table) continue;
    for (auto& r : table->routes) {
      for (auto& d : DestinationsOf(n, r)) {
        if (r.target_kind == RouteTargetKind::kGatewayEndpoint) unjudged_ = unjudged_.Union(AddressSet::Of(d));
        if (MayBringOutsiders(r)) by_target[r.target_id] = by_target[r.target_id].Union(AddressSet::Of(d).Subtract(inside));
      }
    }
  }
  for (auto& [target, space] : by_target) {
    if (space.empty()) continue;
    SourceReach s{SourceReach::Kind::kRouted, "routed via " + target, space, space, {}, ServiceSet::All()};
    sources_.push_back(std::move(s));
  }
}

PeerReach CarrierReach::For(const AddressSet& peer, const ServiceSet& services) const {
  PeerReach out;
  std::vector<AddressSet> admitted_parts, reachable_parts;
  for (auto& s : sources_) {
    // `judged` lies inside `addresses`: a source outside the peer is neither admitted nor reaching.
    if (!s.addresses.Intersects(peer)) continue;
    AddressSet admitted = s.judged.Intersect(peer).Subtract(unjudged_);
    AddressSet reachable = s.addresses.Intersect(peer);
    bool reaches = !s.reaches.Intersect(services).empty();
    if (!reaches && !admitted.empty()) out.unreached.push_back(&s);
    admitted_parts.push_back(std::move(admitted));
    if (!reaches) continue;
    reachable_parts.push_back(std::move(reachable));
    out.from.push_back(&s);
    if (s.kind != SourceReach::Kind::kInterfaces) out.only_interfaces = false;
    for (auto* m : s.members)
      if (PrivateIpv4Of(*m).Intersects(peer)) out.interfaces.push_back(m);
  }
  out.admitted_sources = UnionAll(std::move(admitted_parts));
  out.reachable = UnionAll(std::move(reachable_parts));
  out.unjudged = unjudged_.Intersect(peer);
  std::sort(out.interfaces.begin(), out.interfaces.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return out;
}

}  // namespace sgscope
