#pragma once
// Who owns an interface: an instance, a managed service, another AWS owner, or nobody.

#include <string>

#include "model/interface_link.h"
#include "model/managed_service.h"
#include "model/network.h"

namespace sgscope {

// The snapshot's link for `eni`, tried in this order: an EFS mount target's or Instance Connect
// Endpoint's NetworkInterfaceId(s); a Client VPN target network's subnet and exact groups; a
// directory's controller addresses (DnsIpAddrs, an AD Connector's ConnectIps) or its subnets and
// controllers group; the load balancer an "ELB ..." description names; the DB instance whose subnet
// group and groups an "RDSNetworkInterface" matches; the Lambda function an "AWS Lambda VPC ENI-..."
// description names. When several resources match, the first by id. Network::Finalize computes it
// once per interface (FindLinkedOwner); LinkedOwner answers from there.
InterfaceLink LinkedOwner(const Network& network, const NetworkInterface& eni);
InterfaceLink FindLinkedOwner(const Network& network, const NetworkInterface& eni);

// The managed service that owns `eni`: the snapshot's link (LinkedOwner) when there is one, else
// the interface's own InterfaceType / Description / RequesterId patterns (RecogniseService).
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
