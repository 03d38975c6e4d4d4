// Selectors and endpoint classes. Two interfaces are alike when they carry the same groups, sit
// in the same subnet, have the same owner, and their addresses fall in the same block of the
// partition of their family's address space cut by every CIDR the snapshot mentions (rules, prefix
// lists, ACL entries, routes, subnets, VPN client ranges): no filter or route can tell them apart.
// An appliance (a route's target) is alone in its class. The internet is cut by the same
// partition, so each internet block is one class.

#include "engines/endpoint_classes.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engines/address_partition.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

// Ids of the interfaces and instances that routes send traffic through (appliances).
std::set<std::string> RouteTargets(const Network& n) {
  std::set<std::string> out;
  for (auto& t : n.route_tables)
    for (auto& r : t.routes)
      if (r.target_kind == RouteTargetKind::kNetworkInterface || r.target_kind == RouteTargetKind::kInstance)
        out.insert(r.target_id);
  return out;
}

// What makes two interfaces of a selection behave differently. An appliance is a class of its
// own: traffic it sends meets no middlebox, while the same traffic from its neighbours may be
// routed through it (an asymmetric return path judged by its groups without connection state).
std::string ClassKey(const Network& n, const AddressPartition& partition, const std::set<std::string>& route_targets,
                     const NetworkInterface& eni) {
  std::vector<std::string> groups = eni.group_ids;
  std::sort(groups.begin(), groups.end());
  // Internet hosts reach an IPv4 interface at the public address of its primary address; an IPv6
  // address is the same inside and out.
  bool is_public = partition.family() == IpFamily::kV4 && PrimaryPublicAddress(eni).has_value();
  // A managed interface forwards or refuses for its own resource (a load balancer's listeners,
  // a Client VPN endpoint's clients); instances' interfaces differ by nothing else.
  std::string owner = ServiceOfInterface(n, eni) ? InterfaceOwnerKind(n, eni) + ":" + LinkedOwner(n, eni).resource_id : "";
  bool appliance = route_targets.count(eni.id) ||
                   (!eni.attached_instance_id.empty() && route_targets.count(eni.attached_instance_id));
  return fmt::format("{}", fmt::join(groups, ",")) + "|" + eni.subnet_id + "|" + std::to_string(partition.BlockOf(*eni.AddressOf(partition.family()))) +
         "|" + owner + "|" + (is_public ? "p" : "") + (eni.deny_all_igw_traffic ? "d" : "") + "|" + (appliance ? eni.id : "");
}

// The classes of `enis` that have an address of `family`.
std::vector<EndpointClass> ClassesOf(const Network& n, std::vector<const NetworkInterface*> enis, IpFamily family) {
  AddressPartition partition(n, family);
  std::set<std::string> route_targets = RouteTargets(n);
  std::sort(enis.begin(), enis.end(), [](auto* a, auto* b) { return a->id < b->id; });
  std::map<std::string, size_t> index;
  std::vector<EndpointClass> out;
  for (const NetworkInterface* eni : enis) {
    if (!eni->AddressOf(family) || !n.SubnetOf(*eni)) continue;  // Trace cannot start there
    auto [it, added] = index.emplace(ClassKey(n, partition, route_targets, *eni), out.size());
    if (added) {
      EndpointClass& c = out.emplace_back();
      c.family = family;
      c.trace_text = c.TraceTextOf(*eni);
    }
    out[it->second].members.push_back(eni);
  }
  for (auto& c : out) c.label = InterfaceClassLabel(c.members.front()->id, c.members.size(), family);
  return out;
}

// Public addresses the account owns: they lead back in to its own interfaces and gateways, so they
// are not internet hosts (trace takes such a source for the interface itself). In IPv6 the VPCs'
// own blocks: an address there is an interface's or a subnet's, never an internet host's.
AddressSet OwnedPublicAddresses(const Network& n) {
  AddressSet out;
  for (auto& v : n.vpcs)
    for (auto& c : v.cidrs)
      if (c.family() == IpFamily::kV6) out = out.Union(AddressSet::Of(c));
  for (auto& s : n.subnets)
    for (auto& c : s.cidrs)
      if (c.family() == IpFamily::kV6) out = out.Union(AddressSet::Of(c));
  for (auto& eni : n.network_interfaces)
    for (auto& a : eni.ipv4)
      if (a.public_ip) out = out.Union(AddressSet::Of(*a.public_ip));
  for (auto& nat : n.nat_gateways)
    for (auto& a : nat.public_ips) out = out.Union(AddressSet::Of(a));
  for (auto& e : n.elastic_ips) out = out.Union(AddressSet::Of(e.public_ip));
  return out;
}

// One class per internet block of the family's partition inside `within`.
std::vector<EndpointClass> InternetClasses(const Network& n, const AddressSet& within, IpFamily family) {
  AddressPartition partition(n, family);
  AddressSet internet = InternetSpace().Intersect(within).Intersect(AddressSet::AllOf(family))
                            .Subtract(OwnedPublicAddresses(n));
  std::vector<EndpointClass> out;
  for (size_t i = 0; i < partition.size(); ++i) {
    AddressSet block = partition.Block(i).Intersect(internet);
    if (block.empty()) continue;
    out.push_back({EndpointClass::Kind::kInternet, {}, block, nullptr, block.ToPrefixes().front().address().ToString(),
                   family == IpFamily::kV4 ? "internet" : "internet6", family});
  }
  return out;
}

template <typename Pred>
std::vector<const NetworkInterface*> InterfacesWhere(const Network& n, Pred pred) {
  std::vector<const NetworkInterface*> out;
  for (auto& eni : n.network_interfaces)
    if (pred(eni)) out.push_back(&eni);
  return out;
}

std::vector<const NetworkInterface*> InterfacesOfId(const Network& n, const std::string& id) {
  if (const NetworkInterface* eni = n.FindNetworkInterface(id)) return {eni};
  if (n.FindInstance(id))
    return InterfacesWhere(n, [&](const NetworkInterface& e) { return e.attached_instance_id == id; });
  if (id.rfind("sg-", 0) == 0 || id.rfind("sg:", 0) == 0) {
    std::string group = id.rfind("sg:", 0) == 0 ? id.substr(3) : id;
    return InterfacesWhere(n, [&](const NetworkInterface& e) {
      return std::find(e.group_ids.begin(), e.group_ids.end(), group) != e.group_ids.end();
    });
  }
  if (n.FindSubnet(id)) return InterfacesWhere(n, [&](const NetworkInterface& e) { return e.subnet_id == id; });
  return InterfacesWhere(n, [&](const NetworkInterface& e) { return e.vpc_id == id; });
}

// The classes of `enis` in every family asked for: IPv4's, then IPv6's.
std::vector<EndpointClass> ClassesIn(const Network& n, const std::vector<const NetworkInterface*>& enis,
                                     EndpointFamilies families) {
  std::vector<EndpointClass> out = ClassesOf(n, enis, IpFamily::kV4);
  if (families == EndpointFamilies::kIpv4AndIpv6)
    for (EndpointClass& c : ClassesOf(n, enis, IpFamily::kV6)) out.push_back(std::move(c));
  return out;
}

// Everything with an address in the prefix: interfaces by their address of its family, then the
// prefix's internet blocks.
EndpointSelection SelectPrefix(const Network& n, const IpPrefix& prefix, const std::string& s) {
  IpFamily family = prefix.family();
  std::vector<EndpointClass> classes = ClassesOf(n, InterfacesWhere(n, [&](const NetworkInterface& e) {
    auto a = e.AddressOf(family);
    return a && prefix.Contains(*a);
  }), family);
  for (EndpointClass& c : InternetClasses(n, AddressSet::Of(prefix), family)) classes.push_back(std::move(c));
  if (classes.empty()) return {{}, "no interface holds an address in " + s + " and it is not internet space"};
  return {classes, ""};
}

EndpointSelection Select(const Network& n, const std::string& s, EndpointFamilies families) {
  bool ipv6 = families == EndpointFamilies::kIpv4AndIpv6;
  if (s == "all") return {ClassesIn(n, InterfacesWhere(n, [](auto&) { return true; }), families), ""};
  if (s == "internet" || s == "internet6") {
    if (s == "internet6" && !ipv6) return {{}, "IPv6 endpoints are not judged here (IPv4 only): " + s};
    std::vector<EndpointClass> out;
    if (s == "internet") out = InternetClasses(n, AddressSet::All(), IpFamily::kV4);
    if (ipv6)
      for (EndpointClass& c : InternetClasses(n, AddressSet::All(), IpFamily::kV6)) out.push_back(std::move(c));
    return {out, ""};
  }
  if (s.rfind("vpn:", 0) == 0) {
    const ClientVpnEndpoint* e = n.FindClientVpnEndpoint(s.substr(4));
    if (!e) return {{}, "no Client VPN endpoint " + s.substr(4) + " in the snapshot"};
    return {{{EndpointClass::Kind::kVpnClients, {}, {}, e, s, s}}, ""};
  }
  if (auto prefix = IpPrefix::Parse(s)) {
    if (prefix->family() == IpFamily::kV6 && !ipv6) return {{}, "IPv6 endpoints are not judged here (IPv4 only): " + s};
    return SelectPrefix(n, *prefix, s);
  }
  auto enis = InterfacesOfId(n, s);
  if (enis.empty()) return {{}, "selector " + s + " names no interface in the snapshot"};
  return {ClassesIn(n, enis, families), ""};
}

}  // namespace

std::optional<IpAddress> PrimaryPublicAddress(const NetworkInterface& eni) {
  auto primary = eni.PrimaryIpv4();
  for (auto& a : eni.ipv4)
    if (primary && a.private_ip == *primary) return a.public_ip;
  return std::nullopt;
}

std::string InterfaceClassLabel(const std::string& first_id, size_t members, IpFamily family) {
  std::vector<std::string> notes;
  if (family == IpFamily::kV6) notes.push_back("IPv6");
  if (members > 1) notes.push_back("+" + std::to_string(members - 1) + " alike");
  return notes.empty() ? first_id : fmt::format("{} ({})", first_id, fmt::join(notes, ", "));
}

std::string EndpointClass::TraceTextOf(const NetworkInterface& member) const {
  if (family == IpFamily::kV4) return member.id;
  auto address = member.AddressOf(family);
  return address ? address->ToString() : member.id;
}

EndpointSelection SelectEndpoints(const Network& network, const std::string& selector, EndpointFamilies families) {
  EndpointSelection out = Select(network, selector, families);
  if (out.error.empty() && out.classes.empty()) out.error = "selector " + selector + " names no usable endpoint";
  return out;
}

}  // namespace sgscope
