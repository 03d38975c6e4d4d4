#pragma once
// How reports print sets of internet addresses: as CIDR blocks, or as "any internet address"
// (except a few blocks) when that is shorter than the dozens of blocks around private ranges.

#include <string>

#include "net/address_set.h"

namespace sgscope {

// Whether `addresses` is every internet address of `family`.
bool IsWholeInternet(const AddressSet& addresses, IpFamily family);

// "any internet address", "any internet address except 198.51.100.0/24", "203.0.113.0/24, …".
std::string InternetAddressesText(const AddressSet& addresses, IpFamily family);

// An internet endpoint of reach or diff: "internet (…)", or "internet6 (…)" for IPv6 addresses.
std::string InternetEndpointText(const AddressSet& addresses, IpFamily family);

}  // namespace sgscope
