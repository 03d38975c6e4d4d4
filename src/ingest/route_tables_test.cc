#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;
using testing::Load;
using testing::Skipped;

TEST(RouteTablesTest, LoadsTargetsDestinationsAndFlags) {
  Network n = Load(R"({"RouteTables":[{"RouteTableId":"rtb-1","VpcId":"vpc-1","OwnerId":"1","PropagatingVgws":[],
    "Routes":[
      {"DestinationCidrBlock":"10.0.0.0/16","GatewayId":"local","Origin":"CreateRouteTable","State":"active"},
      {"DestinationCidrBlock":"0.0.0.0/0","GatewayId":"igw-1","Origin":"CreateRoute","State":"active"},
      {"DestinationIpv6CidrBlock":"::/0","EgressOnlyInternetGatewayId":"eigw-1"},
      {"DestinationPrefixListId":"pl-1","GatewayId":"vpce-1"},
      {"DestinationCidrBlock":"1.0.0.0/8","InstanceId":"i-1","InstanceOwnerId":"1","NetworkInterfaceId":"eni-1"},
      {"DestinationCidrBlock":"2.0.0.0/8","InstanceId":"i-2"},
      {"DestinationCidrBlock":"3.0.0.0/8","NatGatewayId":"nat-1","State":"blackhole"},
      {"DestinationCidrBlock":"4.0.0.0/8","GatewayId":"vgw-1","Origin":"EnableVgwRoutePropagation"},
      {"DestinationCidrBlock":"5.0.0.0/8","TransitGatewayId":"tgw-1"},
      {"DestinationCidrBlock":"6.0.0.0/8","VpcPeeringConnectionId":"pcx-1"},
      {"DestinationCidrBlock":"7.0.0.0/8","CoreNetworkArn":"arn:aws:networkmanager::1:core-network/x"},
      {"DestinationCidrBlock":"8.0.0.0/8","LocalGatewayId":"lgw-1"},
      {"DestinationCidrBlock":"9.0.0.0/8","CarrierGatewayId":"cagw-1"}],
    "Associations":[{"Main":true,"RouteTableAssociationId":"a","RouteTableId":"rtb-1","AssociationState":{"State":"associated"}},
                    {"Main":false,"SubnetId":"subnet-1"},{"GatewayId":"igw-1"},
                    {"SubnetId":"subnet-old","AssociationState":{"State":"disassociated"}}]}]})");
  ASSERT_EQ(n.route_tables.size(), 1u);
  const RouteTable& t = n.route_tables[0];
  EXPECT_TRUE(t.is_main);
  EXPECT_EQ(t.subnet_ids, std::vector<std::string>{"subnet-1"});
  EXPECT_EQ(t.gateway_ids, std::vector<std::string>{"igw-1"});
  ASSERT_EQ(t.routes.size(), 13u);
  const RouteTargetKind kinds[] = {
      RouteTargetKind::kLocal, RouteTargetKind::kInternetGateway, RouteTargetKind::kEgressOnlyInternetGateway,
      RouteTargetKind::kGatewayEndpoint, RouteTargetKind::kNetworkInterface, RouteTargetKind::kInstance,
      RouteTargetKind::kNatGateway, RouteTargetKind::kVpnGateway, RouteTargetKind::kTransitGateway,
      RouteTargetKind::kVpcPeering, RouteTargetKind::kCoreNetwork, RouteTargetKind::kLocalGateway,
      RouteTargetKind::kCarrierGateway};
  for (size_t i = 0; i < 13; ++i) EXPECT_EQ(t.routes[i].target_kind, kinds[i]) << i;
  EXPECT_EQ(t.routes[4].target_id, "eni-1");
  EXPECT_EQ(t.routes[2].destination.ToString(), "::/0");
  EXPECT_EQ(t.routes[3].destination_prefix_list_id, "pl-1");
  EXPECT_TRUE(t.routes[6].blackhole);
  EXPECT_TRUE(t.routes[7].propagated);
  EXPECT_FALSE(t.routes[1].propagated);
  EXPECT_EQ(t.routes[5].source.path, "RouteTables[0].Routes[5]");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "RouteTables[0].Associations[3]", "not in state \"associated\""));
  EXPECT_EQ(n.diagnostics.count(Severity::kError), 0u) << testing::Diagnostics(n);
}

TEST(RouteTablesTest, BadDestinationsSkipTheRouteOnly) {
  Network n = Load(R"({"RouteTables":[{"RouteTableId":"rtb-1","Routes":[
      {"GatewayId":"igw-1"},
      {"DestinationCidrBlock":"10.0.0.0/99","GatewayId":"igw-1"},
      {"DestinationCidrBlock":"::/0","GatewayId":"igw-1"},
      {"DestinationCidrBlock":"1.0.0.0/8","DestinationPrefixListId":"pl-1","GatewayId":"igw-1"},
      {"DestinationCidrBlock":"2.0.0.0/8","GatewayId":"weird-1"},
      {"DestinationCidrBlock":"3.0.0.0/8"},
      {"DestinationCidrBlock":"4.0.0.0/8","GatewayId":"igw-1","NatGatewayId":"nat-1"}]}]})");
  const std::string p = "RouteTables[0].Routes[";
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "0]", "route has no destination"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "1].DestinationCidrBlock", "is not a CIDR block"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "2].DestinationCidrBlock", "is not an IPv4 CIDR block"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "3]", "more than one destination"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, p + "4]", "of a kind sgscope does not know"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, p + "5]", "no target sgscope knows"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, p + "6]", "several targets; using igw-1"));
  EXPECT_EQ(Skipped(n, "route"), 4u);
  EXPECT_EQ(n.route_tables.at(0).routes.size(), 3u);
}

TEST(RouteTablesTest, VpceTargetOfAGatewayLoadBalancerEndpointIsResolved) {
  Network n = Load(R"({"RouteTables":[{"RouteTableId":"rtb-1","Routes":[
      {"DestinationCidrBlock":"0.0.0.0/0","GatewayId":"vpce-gwlb"},
      {"DestinationPrefixListId":"pl-1","GatewayId":"vpce-s3"}]}],
    "VpcEndpoints":[{"VpcEndpointId":"vpce-gwlb","VpcEndpointType":"GatewayLoadBalancer"},
                    {"VpcEndpointId":"vpce-s3","VpcEndpointType":"Gateway"}]})");
  const auto& routes = n.route_tables.at(0).routes;
  EXPECT_EQ(routes[0].target_kind, RouteTargetKind::kGatewayLoadBalancerEndpoint);
  EXPECT_EQ(routes[1].target_kind, RouteTargetKind::kGatewayEndpoint);
}

}  // namespace
}  // namespace sgscope::ingest
