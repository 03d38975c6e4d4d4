// Interface ownership. Descriptions and types identify most service interfaces, but the
// snapshot can say it outright, and then also says which resource owns the interface: a Client
// VPN association's subnet and groups, a directory's controller addresses and group
// (aws-semantics.md §6-7), an EFS mount target's or Instance Connect Endpoint's interface ids,
// a load balancer's name in the ELB description, an RDS instance's subnet group and groups, a
// Lambda function's name in its interface's description. Those links are consulted first.

#include "model/interface_owner.h"

#include <algorithm>

namespace sgscope {

namespace {

const ManagedService* ServiceById(std::string_view id) {
  for (auto& s : ManagedServiceCatalogue())
    if (s.id == id) return &s;
  return nullptr;
}

// The id of the first item of `items` (sorted by id) that `owns` the interface, or null.
template <typename T, typename Owns>
const std::string* FirstOwner(const std::vector<T>& items, Owns owns) {
  auto it = std::find_if(items.begin(), items.end(), owns);
  return it == items.end() ? nullptr : &it->id;
}

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool SameGroups(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end()), std::sort(b.begin(), b.end());
  return a == b;
}

// The association whose interface this is (see ServesTargetNetwork).
const std::string* ClientVpnAssociationOf(const Network& network, const NetworkInterface& eni) {
  return FirstOwner(network.client_vpn_target_networks,
                    [&](const ClientVpnTargetNetwork& t) { return ServesTargetNetwork(eni, t); });
}

bool HoldsAny(const NetworkInterface& eni, const std::vector<IpAddress>& addresses) {
  return std::any_of(addresses.begin(), addresses.end(), [&](IpAddress a) { return eni.HasPrivateAddress(a); });
}

bool InPlacement(const NetworkInterface& eni, const std::optional<DirectoryPlacement>& placement) {
  if (!placement || !eni.requester_managed) return false;
  return Contains(placement->subnet_ids, eni.subnet_id) && Contains(eni.group_ids, placement->security_group_id);
}

const std::string* DirectoryOf(const Network& network, const NetworkInterface& eni) {
  return FirstOwner(network.directories, [&](const Directory& d) {
    return HoldsAny(eni, d.dns_ips) || (d.connector && HoldsAny(eni, d.connector->connect_ips)) ||
           InPlacement(eni, d.vpc) || InPlacement(eni, d.connector);
  });
}

const std::string* MountTargetOf(const Network& network, const NetworkInterface& eni) {
  return FirstOwner(network.efs_mount_targets,
                    [&](const EfsMountTarget& m) { return m.network_interface_id == eni.id; });
}

const std::string* ConnectEndpointOf(const Network& network, const NetworkInterface& eni) {
  return FirstOwner(network.instance_connect_endpoints,
                    [&](const InstanceConnectEndpoint& e) { return Contains(e.network_interface_ids, eni.id); });
}

// ELB interfaces are described "ELB <type>/<name>/<id>" for elbv2, the tail of the load
// balancer's ARN (":loadbalancer/app/<name>/<id>"), and "ELB <name>" for a Classic Load
// Balancer (aws-semantics.md §5.3, OBSERVED).
const std::string* LoadBalancerOf(const Network& network, const NetworkInterface& eni) {
  constexpr std::string_view kPrefix = "ELB ";
  std::string_view named = eni.description;
  if (!named.starts_with(kPrefix)) return nullptr;
  named.remove_prefix(kPrefix.size());
  bool v2 = named.starts_with("app/") || named.starts_with("net/") || named.starts_with("gwy/");
  std::string arn_tail = ":loadbalancer/" + std::string(named);
  return FirstOwner(network.load_balancers, [&](const LoadBalancer& lb) {
    return v2 ? std::string_view(lb.id).ends_with(arn_tail) : lb.type == "classic" && lb.name == named;
  });
}

// RDS describes every interface alike, so the instance is the one whose DB subnet group holds
// the interface's subnet and which shares a VPC security group with it.
const std::string* DbInstanceOf(const Network& network, const NetworkInterface& eni) {
  if (eni.description != "RDSNetworkInterface") return nullptr;
  return FirstOwner(network.rds_instances, [&](const RdsInstance& db) {
    return Contains(db.subnet_ids, eni.subnet_id) &&
           std::any_of(db.security_groups.begin(), db.security_groups.end(),
                       [&](const RdsSecurityGroup& g) { return Contains(eni.group_ids, g.group_id); });
  });
}

// "AWS Lambda VPC ENI-<function name>-<uuid>" (aws-semantics.md §5.3; the exact form is
// UNCONFIRMED): the loaded function with the longest name that the description continues with
// "-" (function names may contain "-" themselves).
const std::string* FunctionOf(const Network& network, const NetworkInterface& eni) {
  constexpr std::string_view kPrefix = "AWS Lambda VPC ENI-";
  std::string_view named = eni.description;
  if (!named.starts_with(kPrefix)) return nullptr;
  named.remove_prefix(kPrefix.size());
  const LambdaFunction* best = nullptr;
  for (auto& f : network.lambda_functions)
    if (named.size() > f.name.size() && named.starts_with(f.name) && named[f.name.size()] == '-' &&
        (!best || f.name.size() > best->name.size()))
      best = &f;
  return best ? &best->id : nullptr;
}

// One snapshot link per service; exact interface ids first.
struct Linker {
  std::string_view service_id;
  const std::string* (*owner)(const Network&, const NetworkInterface&);
};
constexpr Linker kLinkers[] = {
    {"efs", MountTargetOf},         {"ec2-instance-connect-endpoint", ConnectEndpointOf},
    {"client-vpn", ClientVpnAssociationOf}, {"directory-service", DirectoryOf},
    {"load-balancer", LoadBalancerOf},      {"rds", DbInstanceOf},
    {"lambda", FunctionOf},
};

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

InterfaceLink LinkedOwner(const Network& network, const NetworkInterface& eni) {
  if (const InterfaceLink* cached = network.LinkOf(eni)) return *cached;
  return FindLinkedOwner(network, eni);
}

InterfaceLink FindLinkedOwner(const Network& network, const NetworkInterface& eni) {
  for (auto& linker : kLinkers)
    if (const std::string* id = linker.owner(network, eni)) return {ServiceById(linker.service_id), *id};
  return {};
}

const ManagedService* ServiceOfInterface(const Network& network, const NetworkInterface& eni) {
  // The cached link, read in place: trace asks this for every interface a packet reaches.
  const InterfaceLink* cached = network.LinkOf(eni);
  const ManagedService* linked = cached ? cached->service : FindLinkedOwner(network, eni).service;
  return linked ? linked : RecogniseService(eni);
}

std::string InterfaceOwnerKind(const Network& network, const NetworkInterface& eni) {
  if (const ManagedService* service = ServiceOfInterface(network, eni)) return std::string(service->id);
  if (eni.requester_managed) return "other-managed";
  if (!eni.attached_instance_id.empty()) return "instance";
  return "unattached";
}

}  // namespace sgscope
