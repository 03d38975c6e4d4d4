#pragma once
// Who owns an interface: an instance, a gateway, or a managed service.

#include <string>

#include "model/network_interface.h"

namespace sgscope {

// A stable kebab-case label: a managed service's catalogue id ("client-vpn", "rds",
// "nat-gateway", ...; see managed_service.h), else "other-managed" (RequesterManaged),
// "instance" (attached to an instance) or "unattached".
std::string InterfaceOwnerKind(const NetworkInterface& eni);

}  // namespace sgscope
