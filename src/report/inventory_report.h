#pragma once
// `sgscope inventory`: what was loaded, and every problem found in the input.

#include <ostream>

#include "model/network.h"

namespace sgscope {

void WriteInventoryText(const Network& network, std::ostream& out);
// Stable fields: counts.{vpcs,subnets,security_groups,network_interfaces,instances,
// network_acls,route_tables,...}, interfaces_by_owner, skipped, diagnostics[] (docs/inventory.md).
void WriteInventoryJson(const Network& network, std::ostream& out);

}  // namespace sgscope
