// Finishing a loaded Network: deterministic order, id indexes, subnet -> route table /
// ACL resolution (explicit association, else the VPC's main table / default ACL, as
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html says), and a
// diagnostic for every reference that points at nothing in the snapshot.
// On large networks the independent halves of the work run on two threads; each half
// fills its own members, so the result is the same as doing it in one.

#include "model/network.h"

#include <algorithm>
#include <exception>
#include <string_view>
#include <thread>

#include "model/interface_owner.h"

namespace sgscope {

namespace {

// Below this many interfaces + groups, a second thread costs more than it saves.
constexpr size_t kParallelFrom = 2000;

// Runs `a` on a second thread and `b` on this one (both here when `parallel` is false
// or no thread can start); rethrows what either threw.
template <typename A, typename B>
void BothAtOnce(bool parallel, A a, B b) {
  std::exception_ptr error;
  std::thread thread;
  if (parallel) {
    try {
      thread = std::thread([&] {
        try {
          a();
        } catch (...) {
          error = std::current_exception();
        }
      });
    } catch (const std::system_error&) {
      parallel = false;
    }
  }
  if (!parallel) a();
  b();
  if (thread.joinable()) thread.join();
  if (error) std::rethrow_exception(error);
}

// A stable sort by id that moves each element once: resources are large, and a merge
// sort moving them at every level cost more than the comparisons.
template <typename T>
void SortById(std::vector<T>& v) {
  auto less = [](const T& a, const T& b) { return a.id < b.id; };
  if (std::is_sorted(v.begin(), v.end(), less)) return;
  std::vector<std::pair<std::string_view, uint32_t>> keys;
  keys.reserve(v.size());
  for (uint32_t i = 0; i < v.size(); ++i) keys.emplace_back(v[i].id, i);
  std::sort(keys.begin(), keys.end());  // ties keep input order: the index decides
  std::vector<T> sorted;
  sorted.reserve(v.size());
  for (auto& [id, i] : keys) sorted.push_back(std::move(v[i]));
  v = std::move(sorted);
}

// Client VPN rules and routes have no id: grouped by endpoint, in load order within one.
template <typename T>
void SortByEndpoint(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.endpoint_id < b.endpoint_id; });
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


using BlockIndex = std::unordered_map<IpAddress, std::vector<std::pair<int, uint32_t>>, IpAddressHash>;

void IndexSubnetBlocks(const std::vector<Subnet>& subnets, BlockIndex& by_block,
                       std::vector<std::pair<IpFamily, int>>& lengths) {
  by_block.clear(), lengths.clear();
  for (uint32_t i = 0; i < subnets.size(); ++i)
    for (auto& cidr : subnets[i].cidrs) {
      by_block[cidr.address()].emplace_back(cidr.length(), i);
      lengths.emplace_back(cidr.family(), cidr.length());
    }
  std::sort(lengths.begin(), lengths.end(),
            [](auto& x, auto& y) { return x.second != y.second ? x.second > y.second : x.first < y.first; });
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
}

bool IsVpcDefault(const RouteTable& table) { return table.is_main; }
bool IsVpcDefault(const NetworkAcl& acl) { return acl.is_default; }

// Route tables or ACLs: the VPC's main / default one, and the explicit subnet associations.
template <typename T>
void IndexSubnetAssociations(const std::vector<T>& items, std::unordered_map<std::string, uint32_t>& by_vpc,
                             std::unordered_map<std::string, uint32_t>& by_subnet) {
  by_vpc.clear(), by_subnet.clear();
  for (uint32_t i = 0; i < items.size(); ++i) {
    if (IsVpcDefault(items[i])) by_vpc.emplace(items[i].vpc_id, i);
    for (auto& s : items[i].subnet_ids) by_subnet.emplace(s, i);
  }
}

void IndexInterfaces(const std::vector<NetworkInterface>& interfaces,
                     std::unordered_map<IpAddress, std::vector<uint32_t>, IpAddressHash>& by_private,
                     std::unordered_map<IpAddress, uint32_t, IpAddressHash>& by_public) {
  by_private.clear(), by_public.clear();
  for (uint32_t i = 0; i < interfaces.size(); ++i) {
    const NetworkInterface& eni = interfaces[i];
    for (auto& a : eni.ipv4) {
      by_private[a.private_ip].push_back(i);
      if (a.public_ip) by_public.emplace(*a.public_ip, i);
    }
    for (auto& a : eni.ipv6) by_private[a].push_back(i);
  }
}

}  // namespace

void Network::Finalize() {
  bool parallel = network_interfaces.size() + security_groups.size() >= kParallelFrom;
  BothAtOnce(
      parallel,
      [&] {  // interfaces and instances: about half of a typical snapshot's items
        SortById(network_interfaces), SortById(instances);
      },
      [&] {
        SortById(vpcs), SortById(subnets), SortById(security_groups), SortById(network_acls);
        SortById(route_tables), SortById(internet_gateways), SortById(egress_only_internet_gateways);
        SortById(nat_gateways), SortById(vpn_gateways), SortById(vpn_connections);
        SortById(vpc_peering_connections), SortById(transit_gateways), SortById(transit_gateway_attachments);
        SortById(transit_gateway_route_tables), SortById(vpc_endpoints), SortById(prefix_lists);
        SortById(client_vpn_endpoints), SortById(client_vpn_target_networks), SortById(directories);
        SortById(rds_instances), SortById(load_balancers), SortById(load_balancer_listeners);
        SortById(lambda_functions), SortById(efs_mount_targets), SortById(instance_connect_endpoints);
        SortByEndpoint(client_vpn_authorization_rules), SortByEndpoint(client_vpn_routes);
        SortById(target_groups), SortById(load_balancer_attributes);
        std::stable_sort(load_balancer_targets.begin(), load_balancer_targets.end(),
                         [](auto& a, auto& b) { return a.target_group_id < b.target_group_id; });
        for (auto& acl : network_acls) SortAclEntries(acl.ingress), SortAclEntries(acl.egress);
      });
  BuildIndexes();
  CheckReferences();
  diagnostics.Sort();
}

void Network::BuildIndexes() {
  BothAtOnce(
      network_interfaces.size() + security_groups.size() >= kParallelFrom,
      [&] {
        Index(vpcs, vpc_index_), Index(subnets, subnet_index_), Index(security_groups, group_index_);
        Index(network_acls, acl_index_), Index(route_tables, route_table_index_);
        Index(network_interfaces, interface_index_), Index(instances, instance_index_);
        Index(internet_gateways, igw_index_), Index(nat_gateways, nat_index_);
        Index(vpc_peering_connections, peering_index_), Index(transit_gateways, tgw_index_);
        Index(transit_gateway_attachments, tgw_attachment_index_);
        Index(transit_gateway_route_tables, tgw_route_table_index_), Index(vpc_endpoints, endpoint_index_);
        Index(prefix_lists, prefix_list_index_), Index(egress_only_internet_gateways, eigw_index_);
        Index(vpn_gateways, vgw_index_), Index(client_vpn_endpoints, client_vpn_endpoint_index_);
        Index(directories, directory_index_), Index(target_groups, target_group_index_);
        Index(load_balancer_attributes, load_balancer_attributes_index_);
        Index(directories, directory_index_), Index(rds_instances, rds_index_);
        Index(load_balancers, load_balancer_index_), Index(lambda_functions, lambda_index_);
        Index(efs_mount_targets, mount_target_index_), Index(instance_connect_endpoints, instance_connect_index_);
      },
      [&] {
        IndexSubnetBlocks(subnets, subnets_by_block_, subnet_block_lengths_);
        IndexSubnetAssociations(route_tables, main_route_table_by_vpc_, route_table_by_subnet_);
        IndexSubnetAssociations(network_acls, default_acl_by_vpc_, acl_by_subnet_);
        IndexInterfaces(network_interfaces, interfaces_by_private_, interface_by_public_);
      });
  ResolveReferences();
}

template <typename T>
int32_t Network::PositionIn(const std::vector<T>& v, const T& item) {
  return &item >= v.data() && &item < v.data() + v.size() ? static_cast<int32_t>(&item - v.data()) : -1;
}

void Network::ResolveReferences() {
  route_table_of_subnet_.assign(subnets.size(), -1), acl_of_subnet_.assign(subnets.size(), -1);
  subnet_of_interface_.assign(network_interfaces.size(), -1);
  groups_of_interface_.assign(network_interfaces.size(), {});
  for (size_t i = 0; i < subnets.size(); ++i) {
    if (auto it = route_table_by_subnet_.find(subnets[i].id); it != route_table_by_subnet_.end())
      route_table_of_subnet_[i] = it->second;
    else if (auto main = main_route_table_by_vpc_.find(subnets[i].vpc_id); main != main_route_table_by_vpc_.end())
      route_table_of_subnet_[i] = main->second;
    if (auto it = acl_by_subnet_.find(subnets[i].id); it != acl_by_subnet_.end())
      acl_of_subnet_[i] = it->second;
    else if (auto def = default_acl_by_vpc_.find(subnets[i].vpc_id); def != default_acl_by_vpc_.end())
      acl_of_subnet_[i] = def->second;
  }
  for (size_t i = 0; i < network_interfaces.size(); ++i) {
    if (const uint32_t* s = subnet_index_.Find(network_interfaces[i].subnet_id)) subnet_of_interface_[i] = *s;
    for (auto& g : network_interfaces[i].group_ids)
      if (const uint32_t* index = group_index_.Find(g)) groups_of_interface_[i].push_back(*index);
  }
  // Ownership links need every index above; kept per interface so engines never rescan the
  // service resources for each packet.
  std::vector<InterfaceLink> links;
  links.reserve(network_interfaces.size());
  link_of_interface_.clear();
  for (auto& eni : network_interfaces) links.push_back(FindLinkedOwner(*this, eni));
  link_of_interface_ = std::move(links);
}

const InterfaceLink* Network::LinkOf(const NetworkInterface& eni) const {
  int32_t i = PositionIn(network_interfaces, eni);
  return i < 0 || static_cast<size_t>(i) >= link_of_interface_.size() ? nullptr : &link_of_interface_[i];
}

const Subnet* Network::SubnetOf(const NetworkInterface& eni) const {
  int32_t i = PositionIn(network_interfaces, eni);
  if (i < 0 || static_cast<size_t>(i) >= subnet_of_interface_.size()) return FindSubnet(eni.subnet_id);
  return subnet_of_interface_[i] < 0 ? nullptr : &subnets[subnet_of_interface_[i]];
}

std::vector<const SecurityGroup*> Network::GroupsOf(const NetworkInterface& eni) const {
  std::vector<const SecurityGroup*> groups;
  int32_t i = PositionIn(network_interfaces, eni);
  if (i >= 0 && static_cast<size_t>(i) < groups_of_interface_.size()) {
    for (int32_t g : groups_of_interface_[i]) groups.push_back(&security_groups[g]);
    return groups;
  }
  for (auto& id : eni.group_ids)
    if (const SecurityGroup* g = FindSecurityGroup(id)) groups.push_back(g);
  return groups;
}

void Network::Warn(const SourceRef& ref, std::string message) {
  diagnostics.Add(Severity::kWarning, FileOf(ref), ref.path, std::move(message));
}

void Network::CheckReferences() {
  for (auto& s : subnets)
    if (!FindVpc(s.vpc_id)) Warn(s.source, "subnet " + s.id + " names VPC " + s.vpc_id + ", which is not in the snapshot");
  for (auto& eni : network_interfaces) {
    const Subnet* subnet = FindSubnet(eni.subnet_id);
    if (!subnet)
      Warn(eni.source, "interface " + eni.id + " names subnet " + eni.subnet_id + ", which is not in the snapshot");
    else if (eni.vpc_id != subnet->vpc_id)  // trace delivers by the interface's own VpcId
      Warn(eni.source, "interface " + eni.id + " names VPC " + (eni.vpc_id.empty() ? "(none)" : eni.vpc_id) +
                           " but its subnet " + subnet->id + " is in " + subnet->vpc_id);
    for (auto& g : eni.group_ids)
      if (!FindSecurityGroup(g))
        Warn(eni.source, "interface " + eni.id + " names security group " + g + ", which is not in the snapshot");
  }
  for (auto& sg : security_groups)
    for (auto* rules : {&sg.ingress, &sg.egress})
      for (auto& rule : *rules) {
        if (auto* ref = std::get_if<GroupReference>(&rule.peer); ref && IsStaleReference(*ref))
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
        case RouteTargetKind::kVpnGateway: known = FindVpnGateway(t); break;
        default: break;
      }
      if (!known && !route.blackhole)
        Warn(route.source, std::string("route target ") + t + " (" + RouteTargetKindName(route.target_kind) +
                               ") is not in the snapshot");
    }
  CheckManagedServiceReferences();
}

namespace {

// Warns about the ids a managed service's resource names that the snapshot lacks.
class MissingReferences {
 public:
  explicit MissingReferences(Network& network) : n_(network) {}

  void Report(const SourceRef& ref, const std::string& who, const char* what, const std::string& id) {
    n_.diagnostics.Add(Severity::kWarning, n_.FileOf(ref), ref.path,
                       who + " names " + what + " " + id + ", which is not in the snapshot");
  }
  // The VPC, subnets and security groups a service places its interfaces with; an empty VPC or
  // group id is an absent field.
  void Placement(const SourceRef& ref, const std::string& who, const std::string& vpc_id,
                 const std::vector<std::string>& subnet_ids, const std::vector<std::string>& group_ids) {
    if (!vpc_id.empty() && !n_.FindVpc(vpc_id)) Report(ref, who, "VPC", vpc_id);
    for (auto& s : subnet_ids)
      if (!n_.FindSubnet(s)) Report(ref, who, "subnet", s);
    for (auto& g : group_ids)
      if (!g.empty() && !n_.FindSecurityGroup(g)) Report(ref, who, "security group", g);
  }
  void Interfaces(const SourceRef& ref, const std::string& who, const std::vector<std::string>& ids) {
    for (auto& id : ids)
      if (!id.empty() && !n_.FindNetworkInterface(id)) Report(ref, who, "network interface", id);
  }
  void ClientVpnEndpoint(const SourceRef& ref, const std::string& who, const std::string& id) {
    if (!n_.FindClientVpnEndpoint(id)) Report(ref, who, "Client VPN endpoint", id);
  }

 private:
  Network& n_;
};

void CheckClientVpnAndDirectories(const Network& n, MissingReferences& check) {
  for (auto& e : n.client_vpn_endpoints)
    check.Placement(e.source, "Client VPN endpoint " + e.id, e.vpc_id, {}, e.security_group_ids);
  for (auto& t : n.client_vpn_target_networks) {
    std::string who = "Client VPN target network " + t.id;
    check.ClientVpnEndpoint(t.source, who, t.endpoint_id);
    check.Placement(t.source, who, "", {t.subnet_id}, t.security_group_ids);
  }
  for (auto& r : n.client_vpn_authorization_rules)
    check.ClientVpnEndpoint(r.source, "Client VPN authorization rule", r.endpoint_id);
  for (auto& r : n.client_vpn_routes) {
    check.ClientVpnEndpoint(r.source, "Client VPN route", r.endpoint_id);
    if (r.target_subnet_id != "local" && !r.target_subnet_id.empty())
      check.Placement(r.source, "Client VPN route", "", {r.target_subnet_id}, {});
  }
  for (auto& d : n.directories)
    for (auto* p : {&d.vpc, &d.connector})  // a shared directory's owner VPC is in another account
      if (*p) check.Placement(d.source, "directory " + d.id, (*p)->vpc_id, (*p)->subnet_ids, {(*p)->security_group_id});
}

void CheckDatabasesAndLoadBalancers(const Network& n, MissingReferences& check) {
  for (auto& db : n.rds_instances) {
    std::vector<std::string> groups;
    for (auto& g : db.security_groups) groups.push_back(g.group_id);
    check.Placement(db.source, "DB instance " + db.identifier, db.vpc_id, db.subnet_ids, groups);
  }
  for (auto& lb : n.load_balancers) {
    std::string who = "load balancer " + lb.name;
    check.Placement(lb.source, who, lb.vpc_id, lb.subnet_ids, lb.security_group_ids);
    for (auto& i : lb.instance_ids)
      if (!n.FindInstance(i)) check.Report(lb.source, who, "instance", i);
  }
  for (auto& l : n.load_balancer_listeners)
    if (!n.FindLoadBalancer(l.load_balancer_id))
      check.Report(l.source, "listener " + l.id, "load balancer", l.load_balancer_id);
  for (auto& t : n.load_balancer_targets)
    if (!n.FindTargetGroup(t.target_group_id))
      check.Report(t.source, "load balancer target " + t.id, "target group", t.target_group_id);
}

void CheckFunctionsAndEndpoints(const Network& n, MissingReferences& check) {
  for (auto& f : n.lambda_functions)
    check.Placement(f.source, "Lambda function " + f.name, f.vpc_id, f.subnet_ids, f.security_group_ids);
  for (auto& m : n.efs_mount_targets) {
    std::string who = "EFS mount target " + m.id;
    check.Placement(m.source, who, m.vpc_id, {m.subnet_id}, {});
    check.Interfaces(m.source, who, {m.network_interface_id});
  }
  for (auto& e : n.instance_connect_endpoints) {
    std::string who = "Instance Connect Endpoint " + e.id;
    check.Placement(e.source, who, e.vpc_id, {e.subnet_id}, e.security_group_ids);
    check.Interfaces(e.source, who, e.network_interface_ids);
  }
}

}  // namespace

void Network::CheckManagedServiceReferences() {
  MissingReferences check(*this);
  CheckClientVpnAndDirectories(*this, check);
  CheckDatabasesAndLoadBalancers(*this, check);
  CheckFunctionsAndEndpoints(*this, check);
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
const InternetGateway* Network::InternetGatewayOfVpc(const std::string& vpc_id) const {
  for (auto& igw : internet_gateways)
    if (std::count(igw.vpc_ids.begin(), igw.vpc_ids.end(), vpc_id)) return &igw;
  return nullptr;
}
const NatGateway* Network::FindNatGateway(const std::string& id) const { return Lookup(nat_gateways, nat_index_, id); }
const VpnGateway* Network::FindVpnGateway(const std::string& id) const {
  return Lookup(vpn_gateways, vgw_index_, id);
}
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
const ClientVpnEndpoint* Network::FindClientVpnEndpoint(const std::string& id) const {
  return Lookup(client_vpn_endpoints, client_vpn_endpoint_index_, id);
}
const Directory* Network::FindDirectory(const std::string& id) const {
  return Lookup(directories, directory_index_, id);
}
const TargetGroup* Network::FindTargetGroup(const std::string& arn) const {
  return Lookup(target_groups, target_group_index_, arn);
}
const LoadBalancerAttributes* Network::FindLoadBalancerAttributes(const std::string& arn) const {
  return Lookup(load_balancer_attributes, load_balancer_attributes_index_, arn);
}
const RdsInstance* Network::FindRdsInstance(const std::string& id) const {
  return Lookup(rds_instances, rds_index_, id);
}
const LoadBalancer* Network::FindLoadBalancer(const std::string& id) const {
  return Lookup(load_balancers, load_balancer_index_, id);
}
const LambdaFunction* Network::FindLambdaFunction(const std::string& arn) const {
  return Lookup(lambda_functions, lambda_index_, arn);
}
const EfsMountTarget* Network::FindEfsMountTarget(const std::string& id) const {
  return Lookup(efs_mount_targets, mount_target_index_, id);
}
const InstanceConnectEndpoint* Network::FindInstanceConnectEndpoint(const std::string& id) const {
  return Lookup(instance_connect_endpoints, instance_connect_index_, id);
}

std::vector<const LoadBalancerListener*> Network::ListenersOf(const LoadBalancer& lb) const {
  std::vector<const LoadBalancerListener*> out;
  for (auto& l : load_balancer_listeners)
    if (l.load_balancer_id == lb.id) out.push_back(&l);
  return out;
}

const NetworkInterface* Network::PrimaryInterface(const Instance& instance) const {
  const NetworkInterface* first = nullptr;
  for (auto& id : instance.network_interface_ids)
    if (const NetworkInterface* eni = FindNetworkInterface(id)) {
      if (eni->device_index == 0) return eni;
      if (!first) first = eni;
    }
  return first;
}

// A subnet object that is not one of `subnets` (or before Finalize) is looked up by id.
const Subnet* Network::Canonical(const Subnet& subnet) const {
  int32_t i = PositionIn(subnets, subnet);
  if (i >= 0 && static_cast<size_t>(i) < route_table_of_subnet_.size()) return &subnet;
  return FindSubnet(subnet.id);
}

const RouteTable* Network::RouteTableForSubnet(const Subnet& subnet) const {
  const Subnet* s = Canonical(subnet);
  if (!s || route_table_of_subnet_.empty()) return nullptr;
  int32_t table = route_table_of_subnet_[s - subnets.data()];
  return table < 0 ? nullptr : &route_tables[table];
}

const NetworkAcl* Network::NetworkAclForSubnet(const Subnet& subnet) const {
  const Subnet* s = Canonical(subnet);
  if (!s || acl_of_subnet_.empty()) return nullptr;
  int32_t acl = acl_of_subnet_[s - subnets.data()];
  return acl < 0 ? nullptr : &network_acls[acl];
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
