#pragma once
// The whole loaded inventory: every resource kind, plus the indexes the engines need.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/client_vpn.h"
#include "model/diagnostic.h"
#include "model/directory.h"
#include "model/efs_mount_target.h"
#include "model/elastic_ip.h"
#include "model/gateways.h"
#include "model/instance.h"
#include "model/interface_link.h"
#include "model/instance_connect_endpoint.h"
#include "model/lambda_function.h"
#include "model/load_balancer.h"
#include "model/network_acl.h"
#include "model/network_interface.h"
#include "model/prefix_list.h"
#include "model/rds_instance.h"
#include "model/route_table.h"
#include "model/security_group.h"
#include "model/subnet.h"
#include "model/target_group.h"
#include "model/transit_gateway.h"
#include "model/vpc.h"
#include "model/vpc_endpoint.h"
#include "model/vpc_peering.h"
#include "model/vpn_connection.h"

namespace sgscope {

// Maps AWS ids to positions in one resource vector. The first definition of an id wins.
class IdIndex {
 public:
  bool Insert(const std::string& id, uint32_t position) { return map_.emplace(id, position).second; }
  const uint32_t* Find(const std::string& id) const {
    auto it = map_.find(id);
    return it == map_.end() ? nullptr : &it->second;
  }
  void Clear() { map_.clear(); }

 private:
  std::unordered_map<std::string, uint32_t> map_;
};

// An account's network as loaded from one snapshot. Ingest fills the vectors and calls
// Finalize(); engines then only read it.
struct Network {
  std::vector<std::string> files;  // snapshot-relative paths; SourceRef::file indexes this
  Diagnostics diagnostics;

  std::vector<Vpc> vpcs;
  std::vector<Subnet> subnets;
  std::vector<SecurityGroup> security_groups;
  std::vector<NetworkAcl> network_acls;
  std::vector<RouteTable> route_tables;
  std::vector<NetworkInterface> network_interfaces;
  std::vector<Instance> instances;
  std::vector<InternetGateway> internet_gateways;
  std::vector<EgressOnlyInternetGateway> egress_only_internet_gateways;
  std::vector<NatGateway> nat_gateways;
  std::vector<VpnGateway> vpn_gateways;
  std::vector<VpnConnection> vpn_connections;
  std::vector<VpcPeeringConnection> vpc_peering_connections;
  std::vector<TransitGateway> transit_gateways;
  std::vector<TransitGatewayAttachment> transit_gateway_attachments;
  std::vector<TransitGatewayRouteTable> transit_gateway_route_tables;
  std::vector<VpcEndpoint> vpc_endpoints;
  std::vector<PrefixList> prefix_lists;
  std::vector<ElasticIp> elastic_ips;
  std::vector<ClientVpnEndpoint> client_vpn_endpoints;
  std::vector<ClientVpnTargetNetwork> client_vpn_target_networks;      // by association id
  std::vector<ClientVpnAuthorizationRule> client_vpn_authorization_rules;  // by endpoint, load order within
  std::vector<ClientVpnRoute> client_vpn_routes;                       // by endpoint, load order within
  std::vector<Directory> directories;
  std::vector<TargetGroup> target_groups;
  std::vector<LoadBalancerTarget> load_balancer_targets;  // by target group, load order within
  std::vector<LoadBalancerAttributes> load_balancer_attributes;
  std::vector<RdsInstance> rds_instances;                 // by DBInstanceArn
  std::vector<LoadBalancer> load_balancers;               // both APIs; by ARN, classic ones by name
  std::vector<LoadBalancerListener> load_balancer_listeners;  // by ListenerArn ("<name>:<port>" classic)
  std::vector<LambdaFunction> lambda_functions;           // in a VPC only
  std::vector<EfsMountTarget> efs_mount_targets;
  std::vector<InstanceConnectEndpoint> instance_connect_endpoints;

  // Sorts for determinism, builds the indexes, and reports dangling references
  // (unknown subnet, group, route target...) as diagnostics.
  void Finalize();

  const Vpc* FindVpc(const std::string& id) const;
  const Subnet* FindSubnet(const std::string& id) const;
  const SecurityGroup* FindSecurityGroup(const std::string& id) const;
  const NetworkAcl* FindNetworkAcl(const std::string& id) const;
  const RouteTable* FindRouteTable(const std::string& id) const;
  const NetworkInterface* FindNetworkInterface(const std::string& id) const;
  const Instance* FindInstance(const std::string& id) const;
  const InternetGateway* FindInternetGateway(const std::string& id) const;
  // The internet gateway attached to `vpc_id` (a VPC has at most one), or null.
  const InternetGateway* InternetGatewayOfVpc(const std::string& vpc_id) const;
  const NatGateway* FindNatGateway(const std::string& id) const;
  const VpnGateway* FindVpnGateway(const std::string& id) const;
  const VpcPeeringConnection* FindVpcPeeringConnection(const std::string& id) const;
  const TransitGateway* FindTransitGateway(const std::string& id) const;
  const TransitGatewayAttachment* FindTransitGatewayAttachment(const std::string& id) const;
  const TransitGatewayRouteTable* FindTransitGatewayRouteTable(const std::string& id) const;
  const VpcEndpoint* FindVpcEndpoint(const std::string& id) const;
  const PrefixList* FindPrefixList(const std::string& id) const;
  const ClientVpnEndpoint* FindClientVpnEndpoint(const std::string& id) const;
  const Directory* FindDirectory(const std::string& id) const;
  const TargetGroup* FindTargetGroup(const std::string& arn) const;
  const LoadBalancerAttributes* FindLoadBalancerAttributes(const std::string& arn) const;
  const RdsInstance* FindRdsInstance(const std::string& id) const;  // DBInstanceArn (else identifier)
  const LoadBalancer* FindLoadBalancer(const std::string& id) const;  // ARN, or a classic one's name
  const LambdaFunction* FindLambdaFunction(const std::string& arn) const;
  const EfsMountTarget* FindEfsMountTarget(const std::string& id) const;
  const InstanceConnectEndpoint* FindInstanceConnectEndpoint(const std::string& id) const;
  // The listeners of a load balancer, by listener id.
  std::vector<const LoadBalancerListener*> ListenersOf(const LoadBalancer& lb) const;

  // A rule naming a group the snapshot lacks is stale: it matches no address
  // (aws-semantics.md §1.3, https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
  bool IsStaleReference(const GroupReference& ref) const { return !FindSecurityGroup(ref.group_id); }

  // The resource the snapshot ties `eni` to (interface_owner.h), as computed in Finalize; null
  // when `eni` is not one of this network's interfaces or Finalize has not run.
  const InterfaceLink* LinkOf(const NetworkInterface& eni) const;

  // The subnet an interface is in, or null when the snapshot lacks it.
  const Subnet* SubnetOf(const NetworkInterface& eni) const;
  // The security groups on an interface that the snapshot has, in the interface's order.
  std::vector<const SecurityGroup*> GroupsOf(const NetworkInterface& eni) const;
  // The instance's primary interface (device index 0), else its first one in the snapshot.
  const NetworkInterface* PrimaryInterface(const Instance& instance) const;
  // The table a subnet uses: its explicit association, else its VPC's main table.
  const RouteTable* RouteTableForSubnet(const Subnet& subnet) const;
  // The subnet's network ACL (every subnet has exactly one), or null if the snapshot lacks it.
  const NetworkAcl* NetworkAclForSubnet(const Subnet& subnet) const;
  // Interfaces holding `a` as a private address (several when VPC CIDRs overlap).
  const std::vector<uint32_t>& InterfacesWithPrivateAddress(IpAddress a) const;
  // The interface a public (auto-assigned or Elastic) IPv4 address maps to.
  const NetworkInterface* InterfaceWithPublicAddress(IpAddress a) const;
  // The subnet whose CIDR blocks contain `a` (the first by id when VPCs overlap), or null.
  const Subnet* SubnetContaining(IpAddress a) const;
  // Name of the file a SourceRef points into.
  const std::string& FileOf(const SourceRef& ref) const;

 private:
  void BuildIndexes();
  void ResolveReferences();
  const Subnet* Canonical(const Subnet& subnet) const;
  template <typename T>
  static int32_t PositionIn(const std::vector<T>& v, const T& item);
  void CheckReferences();
  void CheckManagedServiceReferences();
  void Warn(const SourceRef& ref, std::string message);

  IdIndex vpc_index_, subnet_index_, group_index_, acl_index_, route_table_index_, interface_index_,
      instance_index_, igw_index_, nat_index_, peering_index_, tgw_index_, tgw_attachment_index_,
      tgw_route_table_index_, endpoint_index_, prefix_list_index_, eigw_index_, vgw_index_,
      client_vpn_endpoint_index_, directory_index_, rds_index_, load_balancer_index_, lambda_index_,
      mount_target_index_, instance_connect_index_, target_group_index_, load_balancer_attributes_index_;
  std::unordered_map<std::string, uint32_t> main_route_table_by_vpc_;
  std::unordered_map<std::string, uint32_t> route_table_by_subnet_;
  std::unordered_map<std::string, uint32_t> acl_by_subnet_;
  std::unordered_map<std::string, uint32_t> default_acl_by_vpc_;
  std::unordered_map<IpAddress, std::vector<uint32_t>, IpAddressHash> interfaces_by_private_;
  std::unordered_map<IpAddress, uint32_t, IpAddressHash> interface_by_public_;
  // Subnet blocks by (family, length, network address); lengths in use, longest first.
  std::unordered_map<IpAddress, std::vector<std::pair<int, uint32_t>>, IpAddressHash> subnets_by_block_;
  std::vector<std::pair<IpFamily, int>> subnet_block_lengths_;
  // Resolved once in Finalize (positions, -1 for none) so engines need no string lookups.
  std::vector<int32_t> route_table_of_subnet_, acl_of_subnet_, subnet_of_interface_;
  std::vector<std::vector<int32_t>> groups_of_interface_;
  std::vector<InterfaceLink> link_of_interface_;
};

}  // namespace sgscope
