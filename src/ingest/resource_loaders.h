#pragma once
// Entry points of the per-family parsers (one .cc each) and of the passes that join what
// one resource spread over several documents. resource_table.cc maps top-level keys to
// the loaders; document_merge.cc runs the merges.

#include "ingest/json_cursor.h"
#include "model/network.h"

namespace sgscope::ingest {

// Each loader gets the value of its top-level key (normally an array of resources).
void LoadVpcs(JsonCursor& list);
void LoadSubnets(JsonCursor& list);
void LoadSecurityGroups(JsonCursor& list);
void LoadSecurityGroupRules(JsonCursor& list);
void LoadNetworkAcls(JsonCursor& list);
void LoadRouteTables(JsonCursor& list);
void LoadNetworkInterfaces(JsonCursor& list);
void LoadReservations(JsonCursor& list);
void LoadInternetGateways(JsonCursor& list);
void LoadEgressOnlyInternetGateways(JsonCursor& list);
void LoadNatGateways(JsonCursor& list);
void LoadVpnGateways(JsonCursor& list);
void LoadVpnConnections(JsonCursor& list);
void LoadVpcPeeringConnections(JsonCursor& list);
void LoadTransitGateways(JsonCursor& list);
void LoadTransitGatewayAttachments(JsonCursor& list);
void LoadTransitGatewayVpcAttachments(JsonCursor& list);
void LoadTransitGatewayRouteTables(JsonCursor& list);
void LoadTransitGatewayStaticRoutes(JsonCursor& list);
void LoadTransitGatewayPropagations(JsonCursor& list);
void LoadVpcEndpoints(JsonCursor& list);
void LoadPrefixLists(JsonCursor& list);
void LoadPrefixListEntries(JsonCursor& list);
void LoadAddresses(JsonCursor& list);
void LoadClientVpnEndpoints(JsonCursor& list);
void LoadClientVpnTargetNetworks(JsonCursor& list);
void LoadClientVpnAuthorizationRules(JsonCursor& list);
// `Routes`: describe-client-vpn-routes elements are loaded, the rest (search-transit-
// gateway-routes) reported as not modelled.
void LoadRoutes(JsonCursor& list);
void LoadDirectories(JsonCursor& list);
void LoadTargetGroups(JsonCursor& list);
void LoadLoadBalancerTargetHealth(JsonCursor& list);
void LoadLoadBalancerAttributes(JsonCursor& list);
void LoadDbInstances(JsonCursor& list);
void LoadLoadBalancers(JsonCursor& list);
void LoadListeners(JsonCursor& list);
// Batfish's LoadBalancerListeners.json: [{LoadBalancerArn, Listeners: [Listener...]}].
void LoadLoadBalancerListeners(JsonCursor& list);
void LoadClassicLoadBalancers(JsonCursor& list);
void LoadLambdaFunctions(JsonCursor& list);
void LoadEfsMountTargets(JsonCursor& list);
void LoadInstanceConnectEndpoints(JsonCursor& list);

// One info diagnostic at `list` that `n` items of known kind `key` are not modelled yet,
// and counts them as skipped; nothing when `n` is 0.
void ReportNotModelled(JsonCursor& list, std::string_view key, size_t n);

// Reads the NetworkInterface shape, shared by describe-network-interfaces and the
// NetworkInterfaces[] of describe-instances. Returns false (reported) when unusable.
bool ReadNetworkInterface(JsonCursor& object, NetworkInterface& eni);

// Appends the rules of one IpPermission (one per peer) to `rules`, numbered from its size;
// shared by describe-security-groups and the simulator's authorize/revoke events.
void ReadIpPermission(JsonCursor& permission, Direction direction, std::vector<SecurityGroupRule>& rules);
// Reads one NetworkAclEntry (describe-network-acls, create-network-acl-entry); nullopt
// when it is unusable (reported).
std::optional<NetworkAclEntry> ReadNetworkAclEntry(JsonCursor& entry);

// Merges across documents; each is idempotent, so they may run after every document.
void MergeInstanceInterfaces(Network& network);
void MergeSecurityGroupRules(Network& network);
void MergePrefixLists(Network& network);
void MergeTransitGatewayAttachments(Network& network);
void MergeTransitGatewayRouteTables(Network& network);
void ResolveEndpointRouteTargets(Network& network);
void MergeElasticIps(Network& network);
void DropRepeatedDefinitions(Network& network);

}  // namespace sgscope::ingest
