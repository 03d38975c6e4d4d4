#pragma once
// Endpoint classes for `reach` and `diff`: what a selector names (an id, an address or prefix,
// sg:…, subnet-…, vpc-…, internet, vpn:…, all), grouped into classes whose members every
// filter, route and service treats alike, so one representative answers for all of them.

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
  std::string label;       // "eni-… (+3 alike)", "vpn:cvpn-…"; "internet" (reports print the block)
};

// The endpoint classes a selector names, sorted by label; an error text instead when the
// selector is malformed or names nothing.
struct EndpointSelection {
  std::vector<EndpointClass> classes;
  std::string error;
};
EndpointSelection SelectEndpoints(const Network& network, const std::string& selector);

// The public IPv4 address of the interface's primary private address: where internet hosts reach
// it (trace finds no public address for a public IP of a secondary address).
std::optional<IpAddress> PrimaryPublicAddress(const NetworkInterface& eni);

}  // namespace sgscope
