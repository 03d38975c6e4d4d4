#pragma once
// Turns what a user typed for --from/--to (address, eni-, i-, vpn:cvpn-endpoint-…, "internet",
// "internet6") into an endpoint.

#include <optional>
#include <string>

#include "model/network.h"

namespace sgscope {

// Where a trace starts or ends.
struct Endpoint {
  enum class Kind : uint8_t { kInterface, kSubnetAddress, kInternet, kVpnClient };
  Kind kind = Kind::kInternet;
  const NetworkInterface* eni = nullptr;  // kInterface
  const Subnet* subnet = nullptr;         // kInterface and kSubnetAddress
  IpAddress address;                      // the address the packet carries
  const Instance* instance = nullptr;     // named by its instance id
  bool public_address = false;            // named by a public address of `eni`
  const ClientVpnEndpoint* client_vpn = nullptr;  // kVpnClient: the endpoint the client is connected to
};

// "i-… eni-… (10.0.0.5)", "eni-… (public 203.0.113.7)", "internet (203.0.113.10)", …
std::string DescribeEndpoint(const Endpoint& endpoint);

struct EndpointResolution {
  std::optional<Endpoint> endpoint;
  std::string error;
};

// The address an "internet" endpoint uses when none is given: 203.0.113.10, from the
// documentation range of RFC 5737, so it can never be a real host of the account.
IpAddress DefaultInternetAddress(IpFamily family);

// Resolves a destination. A public address of an interface stays public (the packet is
// addressed to it and is translated at the internet gateway). An id or "internet" takes
// the family the source is written in (an IPv6 address or "internet6"), else IPv4.
EndpointResolution ResolveDestination(const Network& network, const std::string& text, const std::string& source_text);

// Resolves a source; `family` is the destination's, so an interface sends from an address
// of the same family. A public address of an interface means that interface. An address in a
// Client VPN endpoint's client CIDR, or "vpn:<endpoint id>", is a client of that endpoint.
EndpointResolution ResolveSource(const Network& network, const std::string& text, IpFamily family);

}  // namespace sgscope
