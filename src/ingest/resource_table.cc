// The table of top-level keys. Keys are AWS's response member names (and Batfish's
// file-level names for the few it invented: TransitGatewayStaticRoutes,
// TransitGatewayPropagations, LoadBalancerListeners...). Adding a resource family is one row here
// plus one loader file. Kept sorted by key (checked at compile time) for binary search.

#include "ingest/resource_table.h"

#include <algorithm>

#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr KeyTreatment kLoad = KeyTreatment::kLoad;
constexpr KeyTreatment kNotModelled = KeyTreatment::kNotModelled;
constexpr KeyTreatment kSilent = KeyTreatment::kSilent;

constexpr ResourceKind kKinds[] = {
    {"AdditionalRoutesAvailable", kSilent},  // search-transit-gateway-routes paging flag
    {"Addresses", kLoad, LoadAddresses},
    {"AuthorizationRules", kLoad, LoadClientVpnAuthorizationRules},  // describe-client-vpn-authorization-rules
    {"AvailabilityZones", kNotModelled},
    {"CarrierGateways", kNotModelled},
    {"ClientVpnEndpoints", kLoad, LoadClientVpnEndpoints},
    {"ClientVpnTargetNetworks", kLoad, LoadClientVpnTargetNetworks},
    {"Connections", kNotModelled},  // describe-client-vpn-connections
    {"CustomerGateways", kNotModelled},
    {"DBClusters", kNotModelled},
    {"DBInstances", kLoad, LoadDbInstances},  // rds describe-db-instances (Batfish: RdsInstances.json)
    {"DBSubnetGroups", kNotModelled},
    {"DhcpOptions", kNotModelled},
    {"DirectConnectGatewayAssociations", kNotModelled},
    {"DirectConnectGateways", kNotModelled},
    {"DirectoryDescriptions", kLoad, LoadDirectories},
    {"DomainStatusList", kNotModelled},  // es/opensearch describe-domains
    {"EgressOnlyInternetGateways", kLoad, LoadEgressOnlyInternetGateways},
    {"ElasticsearchDomains", kNotModelled},
    {"Entries", kLoad, LoadPrefixListEntries},  // get-managed-prefix-list-entries
    {"FlowLogs", kNotModelled},
    {"Functions", kLoad, LoadLambdaFunctions},  // lambda list-functions
    {"Hosts", kNotModelled},
    {"Images", kNotModelled},
    {"InstanceConnectEndpoints", kLoad, LoadInstanceConnectEndpoints},
    {"InstanceStatuses", kNotModelled},
    {"Instances", kNotModelled},  // describe-classic-link-instances
    {"InternetGateways", kLoad, LoadInternetGateways},
    {"IsTruncated", kSilent},
    {"KeyPairs", kNotModelled},
    {"LaunchTemplates", kNotModelled},
    {"Listeners", kLoad, LoadListeners},  // elbv2 describe-listeners
    {"LoadBalancerAttributes", kLoad, LoadLoadBalancerAttributes},  // Batfish: attributes beside their ARN
    {"LoadBalancerDescriptions", kLoad, LoadClassicLoadBalancers},  // elb (classic) describe-load-balancers
    {"LoadBalancerListeners", kLoad, LoadLoadBalancerListeners},  // Batfish: describe-listeners per LB
    {"LoadBalancerTargetHealth", kLoad, LoadLoadBalancerTargetHealth},  // Batfish: target health beside its group
    {"LoadBalancers", kLoad, LoadLoadBalancers},  // elbv2 describe-load-balancers
    {"LocalGatewayRouteTables", kNotModelled},
    {"LocalGateways", kNotModelled},
    {"ManagedPrefixLists", kLoad, LoadPrefixLists},  // some collectors' name for describe-managed-prefix-lists
    {"Marker", kSilent},
    {"MountTargets", kLoad, LoadEfsMountTargets},  // efs describe-mount-targets
    {"MovingAddressStatuses", kNotModelled},
    {"NatGateways", kLoad, LoadNatGateways},
    {"NetworkAcls", kLoad, LoadNetworkAcls},
    {"NetworkInsightsPaths", kNotModelled},
    {"NetworkInterfacePermissions", kNotModelled},
    {"NetworkInterfaces", kLoad, LoadNetworkInterfaces},
    {"NextMarker", kSilent},
    {"NextToken", kSilent},
    {"PlacementGroups", kNotModelled},
    {"PrefixListId", kSilent},  // names the list of a get-managed-prefix-list-entries file
    {"PrefixLists", kLoad, LoadPrefixLists},
    {"RdsInstances", kNotModelled},
    {"Regions", kNotModelled},
    {"Reservations", kLoad, LoadReservations},
    {"ResponseMetadata", kSilent},  // boto3 raw responses
    {"RouteTables", kLoad, LoadRouteTables},
    {"Routes", kLoad, LoadRoutes},  // describe-client-vpn-routes / search-transit-gateway-routes
    {"SecurityGroupForVpcs", kNotModelled},
    {"SecurityGroupReferenceSet", kNotModelled},
    {"SecurityGroupRules", kLoad, LoadSecurityGroupRules},
    {"SecurityGroupVpcAssociations", kNotModelled},
    {"SecurityGroups", kLoad, LoadSecurityGroups},
    {"SecurityGroupsReferenceSet", kNotModelled},  // as the AWS CLI examples spell it
    {"ServiceDetails", kNotModelled},  // describe-vpc-endpoint-services
    {"ServiceNames", kNotModelled},
    {"Snapshots", kNotModelled},
    {"StaleSecurityGroupSet", kNotModelled},
    {"Subnets", kLoad, LoadSubnets},
    {"Tags", kNotModelled},
    {"TargetGroups", kLoad, LoadTargetGroups},
    {"TargetHealthDescriptions", kNotModelled},  // describe-target-health alone: no target group ARN
    {"TrafficMirrorSessions", kNotModelled},
    {"TransitGatewayAttachments", kLoad, LoadTransitGatewayAttachments},
    {"TransitGatewayConnects", kNotModelled},
    {"TransitGatewayMulticastDomains", kNotModelled},
    {"TransitGatewayPeeringAttachments", kNotModelled},
    {"TransitGatewayPropagations", kLoad, LoadTransitGatewayPropagations},
    {"TransitGatewayRouteTablePropagations", kNotModelled},  // does not name its table
    {"TransitGatewayRouteTables", kLoad, LoadTransitGatewayRouteTables},
    {"TransitGatewayStaticRoutes", kLoad, LoadTransitGatewayStaticRoutes},
    {"TransitGatewayVpcAttachments", kLoad, LoadTransitGatewayVpcAttachments},
    {"TransitGateways", kLoad, LoadTransitGateways},
    {"Trusts", kNotModelled},  // ds describe-trusts
    {"VirtualInterfaces", kNotModelled},
    {"Volumes", kNotModelled},
    {"VpcEndpointConnections", kNotModelled},
    {"VpcEndpointServices", kNotModelled},
    {"VpcEndpoints", kLoad, LoadVpcEndpoints},
    {"VpcPeeringConnections", kLoad, LoadVpcPeeringConnections},
    {"Vpcs", kLoad, LoadVpcs},
    {"VpnConnections", kLoad, LoadVpnConnections},
    {"VpnGateways", kLoad, LoadVpnGateways},
};

constexpr bool KeyLess(const ResourceKind& a, const ResourceKind& b) { return a.key < b.key; }
static_assert(std::ranges::is_sorted(kKinds, KeyLess), "keep kKinds sorted by key");

}  // namespace

const ResourceKind* FindResourceKind(std::string_view key) {
  auto it = std::lower_bound(std::begin(kKinds), std::end(kKinds), key,
                             [](const ResourceKind& kind, std::string_view k) { return kind.key < k; });
  return it != std::end(kKinds) && it->key == key ? &*it : nullptr;
}

}  // namespace sgscope::ingest
