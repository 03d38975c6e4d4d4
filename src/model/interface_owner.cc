// Interface ownership. Descriptions and types identify most service interfaces, but the
// snapshot can say it outright: describe-client-vpn-target-networks names the subnet and
// groups of a Client VPN association, and ds describe-directories the controllers' addresses
// and group (aws-semantics.md §6-7), so those links are consulted first.

#include "model/interface_owner.h"

#include <algorithm>

namespace sgscope {

namespace {

const ManagedService* ServiceById(std::string_view id) {
  for (auto& s : ManagedServiceCatalogue())
    if (s.id == id) return &s;
  return nullptr;
}

bool SameGroups(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end()), std::sort(b.begin(), b.end());
  return a == b;
}

bool IsClientVpnInterface(const Network& network, const NetworkInterface& eni) {
  return std::any_of(network.client_vpn_target_networks.begin(), network.client_vpn_target_networks.end(),
                     [&](const ClientVpnTargetNetwork& t) { return ServesTargetNetwork(eni, t); });
}

bool HoldsAny(const NetworkInterface& eni, const std::vector<IpAddress>& addresses) {
  return std::any_of(addresses.begin(), addresses.end(), [&](IpAddress a) { return eni.HasPrivateAddress(a); });
}

bool InPlacement(const NetworkInterface& eni, const std::optional<DirectoryPlacement>& placement) {
  if (!placement || !eni.requester_managed) return false;
  auto& subnets = placement->subnet_ids;
  return std::count(subnets.begin(), subnets.end(), eni.subnet_id) &&
         std::count(eni.group_ids.begin(), eni.group_ids.end(), placement->security_group_id);
}

bool IsDirectoryInterface(const Network& network, const NetworkInterface& eni) {
  return std::any_of(network.directories.begin(), network.directories.end(), [&](const Directory& d) {
    return HoldsAny(eni, d.dns_ips) || (d.connector && HoldsAny(eni, d.connector->connect_ips)) ||
           InPlacement(eni, d.vpc) || InPlacement(eni, d.connector);
  });
}

}  // namespace

// The association's groups are often the VPC's default group, which RDS, endpoints and Lambda
// default to as well: an interface whose own type or description names another service is not
// the endpoint's, whatever groups it shares.
bool ServesTargetNetwork(const NetworkInterface& eni, const ClientVpnTargetNetwork& association) {
  if (!eni.requester_managed || association.subnet_id != eni.subnet_id || association.security_group_ids.empty() ||
      !SameGroups(association.security_group_ids, eni.group_ids))
    return false;
  const ManagedService* named = RecogniseService(eni);
  return !named || named->id == "client-vpn";
}

const ManagedService* ServiceOfInterface(const Network& network, const NetworkInterface& eni) {
  if (IsClientVpnInterface(network, eni)) return ServiceById("client-vpn");
  if (IsDirectoryInterface(network, eni)) return ServiceById("directory-service");
  return RecogniseService(eni);
}

std::string InterfaceOwnerKind(const Network& network, const NetworkInterface& eni) {
  if (const ManagedService* service = ServiceOfInterface(network, eni)) return std::string(service->id);
  if (eni.requester_managed) return "other-managed";
  if (!eni.attached_instance_id.empty()) return "instance";
  return "unattached";
}

}  // namespace sgscope
