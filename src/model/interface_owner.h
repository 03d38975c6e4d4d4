#pragma once
// Who owns an interface: an instance, a managed service, another AWS owner, or nobody.

#include <string>

#include "model/managed_service.h"
#include "model/network.h"

namespace sgscope {

// The managed service that owns `eni`. Cross-links in the snapshot decide first: a Client VPN
// target network's subnet and groups, a directory's controller addresses (DnsIpAddrs, an AD
// Connector's ConnectIps) or its subnets and controllers group. Then the interface's own
// InterfaceType / Description / RequesterId patterns (RecogniseService).
const ManagedService* ServiceOfInterface(const Network& network, const NetworkInterface& eni);

// Whether `eni` is the interface of a Client VPN target network association: requester-managed,
// in the associated subnet, carrying exactly the association's groups, and not described as
// another service's interface.
bool ServesTargetNetwork(const NetworkInterface& eni, const ClientVpnTargetNetwork& association);

// A stable kebab-case label: the owning service's catalogue id ("client-vpn", "rds",
// "nat-gateway", ...; see managed_service.h), else "other-managed" (RequesterManaged),
// "instance" (attached to an instance) or "unattached".
std::string InterfaceOwnerKind(const Network& network, const NetworkInterface& eni);

}  // namespace sgscope
