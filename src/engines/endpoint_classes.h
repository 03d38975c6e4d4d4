#pragma once
// Endpoint classes for `reach` and `diff`: what a selector names (an id, an address or prefix,
// sg:…, subnet-…, vpc-…, internet, internet6, vpn:…, all), grouped into classes whose members
// every filter, route and service treats alike, so one representative answers for all of them.
// A class is of one address family: an interface with IPv6 addresses is in an IPv4 class and an
// IPv6 class, and only classes of one family make a pair.

#include <optional>
#include <string>
#include <vector>

#include "model/network.h"
#include "net/address_set.h"

namespace sgscope {

// Interfaces that behave identically as sources and destinations (same groups, subnet, address
// block, owner), one internet address block, or a Client VPN endpoint's clients.
struct EndpointClass {
  enum class Kind : uint8_t { kInterfaces, kInternet, kVpnClients };
  Kind kind = Kind::kInterfaces;
  std::vector<const NetworkInterface*> members;  // kInterfaces, by id; the first represents them
  AddressSet addresses;                          // kInternet: the block
  const ClientVpnEndpoint* client_vpn = nullptr;
  std::string trace_text;  // how Trace names the representative: "eni-…", an address, "vpn:…"
  std::string label;       // "eni-… (+3 alike)", "eni-… (IPv6)", "vpn:cvpn-…"; "internet" (reports print the block)
  // IPv4: interfaces by their primary private address; IPv6: by their first IPv6 address.
  IpFamily family = IpFamily::kV4;

  // How Trace names a member: its id for IPv4 (Trace takes the primary address), else its address.
  std::string TraceTextOf(const NetworkInterface& member) const;
};

// Which families a selection takes interfaces and the internet in. The checks and `why` judge
// IPv4 (their documented scope); `reach` and `diff` take both.
enum class EndpointFamilies : uint8_t { kIpv4, kIpv4AndIpv6 };

// The endpoint classes a selector names, sorted by label; an error text instead when the
// selector is malformed or names nothing.
struct EndpointSelection {
  std::vector<EndpointClass> classes;
  std::string error;
};
EndpointSelection SelectEndpoints(const Network& network, const std::string& selector, EndpointFamilies families);

// How reports name a class of interfaces: "eni-…", "eni-… (+3 alike)", "eni-… (IPv6, +3 alike)".
std::string InterfaceClassLabel(const std::string& first_id, size_t members, IpFamily family);

// The public IPv4 address of the interface's primary private address: where internet hosts reach
// it (trace finds no public address for a public IP of a secondary address).
std::optional<IpAddress> PrimaryPublicAddress(const NetworkInterface& eni);

}  // namespace sgscope
