// Finishing a loaded Network: deterministic order, id indexes, subnet -> route table /
// ACL resolution (explicit association, else the VPC's main table / default ACL, as
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html says), and a
// diagnostic for every reference that points at nothing in the snapshot.

#include "model/network.h"

#include <algorithm>

namespace sgscope {

namespace {

template <typename T>
void SortById(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
}

template <typename T>
void Index(const std::vector<T>& v, IdIndex& index) {
  index.Clear();
  for (uint32_t i = 0; i < v.size(); ++i) index.Insert(v[i].id, i);
}

template <typename T>
const T* Lookup(const std::vector<T>& v, const IdIndex& index, const std::string& id) {
  const uint32_t* i = index.Find(id);
  return i ? &v[*i] : nullptr;
}

void SortAclEntries(std::vector<NetworkAclEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const NetworkAclEntry& a, const NetworkAclEntry& b) { return a.rule_number < b.rule_number; });
}

}  // namespace

void Network::Finalize() {
  SortById(vpcs), SortById(subnets), SortById(security_groups), SortById(network_acls);
  SortById(route_tables), SortById(network_interfaces), SortById(instances), SortById(internet_gateways);
  SortById(egress_only_internet_gateways), SortById(nat_gateways), SortById(vpn_gateways), SortById(vpn_connections);
  SortById(vpc_peering_connections), SortById(transit_gateways), SortById(transit_gateway_attachments);
  SortById(transit_gateway_route_tables), SortById(vpc_endpoints), SortById(prefix_lists);
  for (auto& acl : network_acls) SortAclEntries(acl.ingress), SortAclEntries(acl.egress);
  BuildIndexes();
  CheckReferences();
  diagnostics.Sort();
}

void Network::BuildIndexes() {
  Index(vpcs, vpc_index_), Index(subnets, subnet_index_), Index(security_groups, group_index_);
  Index(network_acls, acl_index_), Index(route_tables, route_table_index_);
  Index(network_interfaces, interface_index_), Index(instances, instance_index_);
  Index(internet_gateways, igw_index_), Index(nat_gateways, nat_index_);
  Index(vpc_peering_connections, peering_index_), Index(transit_gateways, tgw_index_);
  Index(transit_gateway_attachments, tgw_attachment_index_);
  Index(transit_gateway_route_tables, tgw_route_table_index_), Index(vpc_endpoints, endpoint_index_);
  Index(prefix_lists, prefix_list_index_), Index(egress_only_internet_gateways, eigw_index_);
  Index(vpn_gateways, vgw_index_);
  main_route_table_by_vpc_.clear(), route_table_by_subnet_.clear(), acl_by_subnet_.clear();
  default_acl_by_vpc_.clear(), interfaces_by_private_.clear(), interface_by_public_.clear();
  interfaces_by_group_.clear(), subnets_by_block_.clear(), subnet_block_lengths_.clear();
  for (uint32_t i = 0; i < subnets.size(); ++i)
    for (auto& cidr : subnets[i].cidrs) {
      subnets_by_block_[cidr.address()].emplace_back(cidr.length(), i);
      subnet_block_lengths_.emplace_back(cidr.family(), cidr.length());
    }
  std::sort(subnet_block_lengths_.begin(), subnet_block_lengths_.end(),
            [](auto& x, auto& y) { return x.second != y.second ? x.second > y.second : x.first < y.first; });
  subnet_block_lengths_.erase(std::unique(subnet_block_lengths_.begin(), subnet_block_lengths_.end()),
                              subnet_block_lengths_.end());

  for (uint32_t i = 0; i < route_tables.size(); ++i) {
    if (route_tables[i].is_main) main_route_table_by_vpc_.emplace(route_tables[i].vpc_id, i);
    for (auto& s : route_tables[i].subnet_ids) route_table_by_subnet_.emplace(s, i);
  }
  for (uint32_t i = 0; i < network_acls.size(); ++i) {
    if (network_acls[i].is_default) default_acl_by_vpc_.emplace(network_acls[i].vpc_id, i);
    for (auto& s : network_acls[i].subnet_ids) acl_by_subnet_.emplace(s, i);
  }
  for (uint32_t i = 0; i < network_interfaces.size(); ++i) {
    const NetworkInterface& eni = network_interfaces[i];
    for (auto& a : eni.ipv4) {
      interfaces_by_private_[a.private_ip].push_back(i);
      if (a.public_ip) interface_by_public_.emplace(*a.public_ip, i);
    }
    for (auto& a : eni.ipv6) interfaces_by_private_[a].push_back(i);
    for (auto& g : eni.group_ids) interfaces_by_group_[g].push_back(i);
  }
}

void Network::Warn(const SourceRef& ref, std::string message) {
  diagnostics.Add(Severity::kWarning, FileOf(ref), ref.path, std::move(message));
}

void Network::CheckReferences() {
  for (auto& s : subnets)
    if (!FindVpc(s.vpc_id)) Warn(s.source, "subnet " + s.id + " names VPC " + s.vpc_id + ", which is not in the snapshot");
  for (auto& eni : network_interfaces) {
    if (!FindSubnet(eni.subnet_id))
      Warn(eni.source, "interface " + eni.id + " names subnet " + eni.subnet_id + ", which is not in the snapshot");
    for (auto& g : eni.group_ids)
      if (!FindSecurityGroup(g))
        Warn(eni.source, "interface " + eni.id + " names security group " + g + ", which is not in the snapshot");
  }
  for (auto& sg : security_groups)
    for (auto* rules : {&sg.ingress, &sg.egress})
      for (auto& rule : *rules) {
        if (auto* ref = std::get_if<GroupReference>(&rule.peer); ref && !FindSecurityGroup(ref->group_id))
          Warn(rule.source, "rule references security group " + ref->group_id +
                                ", which is not in the snapshot; it matches no address here");
        if (auto* pl = std::get_if<PrefixListReference>(&rule.peer)) {
          const PrefixList* list = FindPrefixList(pl->prefix_list_id);
          if (!list || !list->entries_known)
            Warn(rule.source, "rule references prefix list " + pl->prefix_list_id +
                                  " whose entries are not in the snapshot; it matches no address here");
        }
      }
  for (auto& rt : route_tables)
    for (auto& route : rt.routes) {
      const std::string& t = route.target_id;
      bool known = true;
      switch (route.target_kind) {
        case RouteTargetKind::kInternetGateway: known = FindInternetGateway(t); break;
        case RouteTargetKind::kNatGateway: known = FindNatGateway(t); break;
        case RouteTargetKind::kVpcPeering: known = FindVpcPeeringConnection(t); break;
        case RouteTargetKind::kTransitGateway: known = FindTransitGateway(t); break;
        case RouteTargetKind::kNetworkInterface: known = FindNetworkInterface(t); break;
        case RouteTargetKind::kInstance: known = FindInstance(t); break;
        case RouteTargetKind::kEgressOnlyInternetGateway: known = eigw_index_.Find(t); break;
        case RouteTargetKind::kVpnGateway: known = vgw_index_.Find(t); break;
        default: break;
      }
      if (!known && !route.blackhole)
        Warn(route.source, std::string("route target ") + t + " (" + RouteTargetKindName(route.target_kind) +
                               ") is not in the snapshot");
    }
}

const Vpc* Network::FindVpc(const std::string& id) const { return Lookup(vpcs, vpc_index_, id); }
const Subnet* Network::FindSubnet(const std::string& id) const { return Lookup(subnets, subnet_index_, id); }
const SecurityGroup* Network::FindSecurityGroup(const std::string& id) const {
  return Lookup(security_groups, group_index_, id);
}
const NetworkAcl* Network::FindNetworkAcl(const std::string& id) const { return Lookup(network_acls, acl_index_, id); }
const RouteTable* Network::FindRouteTable(const std::string& id) const {
  return Lookup(route_tables, route_table_index_, id);
}
const NetworkInterface* Network::FindNetworkInterface(const std::string& id) const {
  return Lookup(network_interfaces, interface_index_, id);
}
const Instance* Network::FindInstance(const std::string& id) const { return Lookup(instances, instance_index_, id); }
const InternetGateway* Network::FindInternetGateway(const std::string& id) const {
  return Lookup(internet_gateways, igw_index_, id);
}
const NatGateway* Network::FindNatGateway(const std::string& id) const { return Lookup(nat_gateways, nat_index_, id); }
const VpcPeeringConnection* Network::FindVpcPeeringConnection(const std::string& id) const {
  return Lookup(vpc_peering_connections, peering_index_, id);
}
const TransitGateway* Network::FindTransitGateway(const std::string& id) const {
  return Lookup(transit_gateways, tgw_index_, id);
}
const TransitGatewayAttachment* Network::FindTransitGatewayAttachment(const std::string& id) const {
  return Lookup(transit_gateway_attachments, tgw_attachment_index_, id);
}
const TransitGatewayRouteTable* Network::FindTransitGatewayRouteTable(const std::string& id) const {
  return Lookup(transit_gateway_route_tables, tgw_route_table_index_, id);
}
const VpcEndpoint* Network::FindVpcEndpoint(const std::string& id) const {
  return Lookup(vpc_endpoints, endpoint_index_, id);
}
const PrefixList* Network::FindPrefixList(const std::string& id) const {
  return Lookup(prefix_lists, prefix_list_index_, id);
}

const RouteTable* Network::RouteTableForSubnet(const Subnet& subnet) const {
  if (auto it = route_table_by_subnet_.find(subnet.id); it != route_table_by_subnet_.end())
    return &route_tables[it->second];
  if (auto it = main_route_table_by_vpc_.find(subnet.vpc_id); it != main_route_table_by_vpc_.end())
    return &route_tables[it->second];
  return nullptr;
}

const NetworkAcl* Network::NetworkAclForSubnet(const Subnet& subnet) const {
  if (auto it = acl_by_subnet_.find(subnet.id); it != acl_by_subnet_.end()) return &network_acls[it->second];
  if (auto it = default_acl_by_vpc_.find(subnet.vpc_id); it != default_acl_by_vpc_.end())
    return &network_acls[it->second];
  return nullptr;
}

const std::vector<uint32_t>& Network::InterfacesWithPrivateAddress(IpAddress a) const {
  static const std::vector<uint32_t> kNone;
  auto it = interfaces_by_private_.find(a);
  return it == interfaces_by_private_.end() ? kNone : it->second;
}

const NetworkInterface* Network::InterfaceWithPublicAddress(IpAddress a) const {
  auto it = interface_by_public_.find(a);
  return it == interface_by_public_.end() ? nullptr : &network_interfaces[it->second];
}

const std::vector<uint32_t>& Network::InterfacesWithGroup(const std::string& group_id) const {
  static const std::vector<uint32_t> kNone;
  auto it = interfaces_by_group_.find(group_id);
  return it == interfaces_by_group_.end() ? kNone : it->second;
}

const Subnet* Network::SubnetContaining(IpAddress a) const {
  for (auto [family, length] : subnet_block_lengths_) {
    if (family != a.family()) continue;
    auto it = subnets_by_block_.find(IpPrefix(a, length).address());
    if (it == subnets_by_block_.end()) continue;
    for (auto [block_length, index] : it->second)
      if (block_length == length) return &subnets[index];
  }
  return nullptr;
}

const std::string& Network::FileOf(const SourceRef& ref) const {
  static const std::string kUnknown = "";
  return ref.file < files.size() ? files[ref.file] : kUnknown;
}

}  // namespace sgscope
