#pragma once
// Who owns an interface: an instance, a gateway, or a managed service.

#include <string>

#include "model/network_interface.h"

namespace sgscope {

// Classifies an interface by InterfaceType, then Description and RequesterId (many service
// interfaces are plain "interface" + RequesterManaged). Returns a stable kebab-case label:
// "instance", "nat-gateway", "load-balancer", "vpc-endpoint", "transit-gateway", "lambda",
// "client-vpn", "directory-service", "rds", "efs", "unattached", or "other-managed".
// Patterns: aws-semantics.md §5.3.
std::string InterfaceOwnerKind(const NetworkInterface& eni);

}  // namespace sgscope
