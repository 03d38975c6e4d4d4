// Endpoint resolution for trace. Ids name interfaces or instances; addresses are looked
// up as private addresses, then public ones, then subnet ranges; anything else is a host
// on the internet. Ambiguity (overlapping VPCs) is an error that lists the candidates.

#include "engines/endpoint_resolver.h"

#include <algorithm>

#include "engines/client_vpn_path.h"

namespace sgscope {

namespace {

EndpointResolution InterfaceEndpoint(const Network& network, const NetworkInterface& eni, IpFamily family) {
  auto address = eni.AddressOf(family);
  if (!address)
    return {std::nullopt, "interface " + eni.id + " has no " + (family == IpFamily::kV4 ? "IPv4" : "IPv6") +
                              " address"};
  return {Endpoint{Endpoint::Kind::kInterface, &eni, network.SubnetOf(eni), *address}, ""};
}

// eni-... or i-...: the interface itself, or the instance's primary interface.
std::optional<EndpointResolution> ResolveId(const Network& network, const std::string& text, IpFamily family) {
  if (const NetworkInterface* eni = network.FindNetworkInterface(text)) return InterfaceEndpoint(network, *eni, family);
  if (const Instance* instance = network.FindInstance(text)) {
    const NetworkInterface* eni = network.PrimaryInterface(*instance);
    if (!eni) return EndpointResolution{std::nullopt, "instance " + text + " has no network interface in the snapshot"};
    auto r = InterfaceEndpoint(network, *eni, family);
    if (r.endpoint) r.endpoint->instance = instance;
    return r;
  }
  if (text.rfind("eni-", 0) == 0 || text.rfind("i-", 0) == 0)
    return EndpointResolution{std::nullopt, "no interface or instance " + text + " in the snapshot"};
  return std::nullopt;
}

std::optional<EndpointResolution> ResolvePrivate(const Network& network, IpAddress a) {
  const auto& holders = network.InterfacesWithPrivateAddress(a);
  if (holders.empty()) return std::nullopt;
  if (holders.size() > 1) {
    std::string ids;
    for (uint32_t i : holders) ids += " " + network.network_interfaces[i].id;
    return EndpointResolution{std::nullopt, a.ToString() + " is held by several interfaces (overlapping VPCs):" +
                                                ids + "; name one by its id"};
  }
  const NetworkInterface& eni = network.network_interfaces[holders.front()];
  return EndpointResolution{Endpoint{Endpoint::Kind::kInterface, &eni, network.SubnetOf(eni), a}, ""};
}

Endpoint VpnClient(const ClientVpnEndpoint& endpoint, IpAddress a) {
  Endpoint e{Endpoint::Kind::kVpnClient, nullptr, nullptr, a};
  e.client_vpn = &endpoint;
  return e;
}

// "vpn:cvpn-endpoint-…": a client holding the first host address of the client CIDR as a source,
// the second as a destination (so client-to-client never names one client twice); which
// address a client gets is up to AWS.
EndpointResolution ResolveVpnClient(const Network& network, const std::string& id, bool as_source) {
  const ClientVpnEndpoint* endpoint = network.FindClientVpnEndpoint(id);
  if (!endpoint) return {std::nullopt, "no Client VPN endpoint " + id + " in the snapshot"};
  if (!endpoint->client_cidr) return {std::nullopt, "Client VPN endpoint " + id + " has no client CIDR in the snapshot"};
  return {VpnClient(*endpoint, ClientVpnHost(*endpoint->client_cidr, as_source ? 1 : 2)), ""};
}

// An address in client CIDRs: the preferred endpoint's client (the source's own endpoint, for
// client-to-client traffic), else the only endpoint whose CIDR holds it.
std::optional<EndpointResolution> ResolveClientAddress(const Network& network, IpAddress a,
                                                       const ClientVpnEndpoint* preferred) {
  auto endpoints = ClientVpnEndpointsFor(network, a);
  if (endpoints.empty()) return std::nullopt;
  if (preferred && std::count(endpoints.begin(), endpoints.end(), preferred)) return {{VpnClient(*preferred, a), ""}};
  if (endpoints.size() == 1) return {{VpnClient(*endpoints.front(), a), ""}};
  std::string ids;
  for (auto* e : endpoints) ids += " " + e->id;
  return {{std::nullopt, a.ToString() + " is in the client CIDR of several Client VPN endpoints:" + ids +
                             "; name one as vpn:<endpoint id>"}};
}

EndpointResolution ResolveAddress(const Network& network, IpAddress a, bool as_source,
                                  const ClientVpnEndpoint* preferred) {
  if (auto r = ResolvePrivate(network, a)) return *r;
  if (auto r = ResolveClientAddress(network, a, preferred)) return *r;
  if (const NetworkInterface* eni = network.InterfaceWithPublicAddress(a)) {
    auto private_ip = eni->PrivateForPublic(a);
    Endpoint e{Endpoint::Kind::kInterface, eni, network.SubnetOf(*eni), as_source ? *private_ip : a};
    e.public_address = !as_source;
    return {e, ""};
  }
  if (const Subnet* subnet = network.SubnetContaining(a))
    return {Endpoint{Endpoint::Kind::kSubnetAddress, nullptr, subnet, a}, ""};
  return {Endpoint{Endpoint::Kind::kInternet, nullptr, nullptr, a}, ""};
}

EndpointResolution Resolve(const Network& network, const std::string& text, IpFamily family, bool as_source,
                           const ClientVpnEndpoint* preferred = nullptr) {
  if (text == "internet" || text == "internet6") {
    IpAddress a = DefaultInternetAddress(text == "internet6" ? IpFamily::kV6 : family);
    return {Endpoint{Endpoint::Kind::kInternet, nullptr, nullptr, a}, ""};
  }
  if (text.rfind("vpn:", 0) == 0) return ResolveVpnClient(network, text.substr(4), as_source);
  if (auto r = ResolveId(network, text, family)) return *r;
  auto address = IpAddress::Parse(text);
  if (!address) return {std::nullopt, "'" + text + "' is not an address, an eni-/i- id, vpn:<Client VPN endpoint id>, or 'internet'"};
  return ResolveAddress(network, *address, as_source, preferred);
}

}  // namespace

std::string DescribeEndpoint(const Endpoint& e) {
  std::string address = e.address.ToString();
  switch (e.kind) {
    case Endpoint::Kind::kInternet: return "internet (" + address + ")";
    case Endpoint::Kind::kSubnetAddress: return address + " (in " + e.subnet->id + ", held by no interface)";
    case Endpoint::Kind::kVpnClient: return "VPN client " + address + " of " + e.client_vpn->id;
    case Endpoint::Kind::kInterface: break;
  }
  std::string text = e.eni->id + (e.public_address ? " (public " + address + ")" : " (" + address + ")");
  return e.instance ? e.instance->id + " " + text : text;
}

IpAddress DefaultInternetAddress(IpFamily family) {
  // 2001:db8::/32 is the IPv6 documentation prefix (RFC 3849).
  return family == IpFamily::kV4 ? *IpAddress::Parse("203.0.113.10") : *IpAddress::Parse("2001:db8:ffff::10");
}

EndpointResolution ResolveDestination(const Network& network, const std::string& text, const std::string& source_text) {
  auto source_address = IpAddress::Parse(source_text);
  bool v6 = text == "internet6" || source_text == "internet6" || (source_address && source_address->is_v6());
  IpFamily family = v6 ? IpFamily::kV6 : IpFamily::kV4;
  if (auto a = IpAddress::Parse(text)) family = a->family();
  // A VPN client source's own endpoint wins for client addresses (client-to-client traffic).
  const ClientVpnEndpoint* preferred = nullptr;
  if (source_text.rfind("vpn:", 0) == 0) preferred = network.FindClientVpnEndpoint(source_text.substr(4));
  if (auto clients = source_address ? ClientVpnEndpointsFor(network, *source_address)
                                    : std::vector<const ClientVpnEndpoint*>{};
      clients.size() == 1)
    preferred = clients.front();
  return Resolve(network, text, family, /*as_source=*/false, preferred);
}

EndpointResolution ResolveSource(const Network& network, const std::string& text, IpFamily family) {
  auto r = Resolve(network, text, family, /*as_source=*/true);
  if (r.endpoint && r.endpoint->address.family() != family)
    return {std::nullopt, "source " + text + " and destination are of different address families"};
  return r;
}

}  // namespace sgscope
