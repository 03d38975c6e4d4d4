#pragma once
// `sgscope interfaces`: every network interface with its owner and whether its groups' inbound
// rules are consulted for the owner's traffic.

#include <ostream>
#include <string>

#include "model/network.h"

namespace sgscope {

// Interfaces sorted by id; `owner` (a kind such as "client-vpn" or "instance") keeps only those.
void WriteInterfacesText(const Network& network, const std::string& owner, std::ostream& out);
// Stable fields: interfaces[] with id, vpc_id, subnet_id, private_ips, public_ips, ipv6, groups,
// owner, service, inbound_rules, assumption, description, requester_id, source (docs/interfaces.md).
void WriteInterfacesJson(const Network& network, const std::string& owner, std::ostream& out);

}  // namespace sgscope
