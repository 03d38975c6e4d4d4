#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

TEST(ClientVpnTest, EndpointWithTargetNetworkRulesAndRoutes) {
  Network n = testing::Load(R"({
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"}],
    "SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1"}],
    "ClientVpnEndpoints":[{"ClientVpnEndpointId":"cvpn-endpoint-1","ClientCidrBlock":"172.16.0.0/22",
      "VpcId":"vpc-1","SecurityGroupIds":["sg-1"],"SplitTunnel":true,"Status":{"Code":"available"},
      "TransportProtocol":"tcp","VpnPort":1194,"DnsServers":["10.0.0.2"],"Tags":[]}],
    "ClientVpnTargetNetworks":[{"AssociationId":"cvpn-assoc-1","ClientVpnEndpointId":"cvpn-endpoint-1",
      "TargetNetworkId":"subnet-1","VpcId":"vpc-1","SecurityGroups":["sg-1"],"Status":{"Code":"associated"}}],
    "AuthorizationRules":[{"ClientVpnEndpointId":"cvpn-endpoint-1","DestinationCidr":"10.0.0.0/16",
      "GroupId":"S-1-5-21","AccessAll":false,"Description":"admins","Status":{"Code":"active"}}],
    "Routes":[{"ClientVpnEndpointId":"cvpn-endpoint-1","DestinationCidr":"10.0.0.0/16","TargetSubnet":"subnet-1",
      "Type":"Nat","Origin":"associate","Status":{"Code":"active","Message":"ok"},"Description":"Default Route"}]})");
  EXPECT_TRUE(n.diagnostics.items().empty()) << Diagnostics(n);
  const ClientVpnEndpoint* e = n.FindClientVpnEndpoint("cvpn-endpoint-1");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->client_cidr->ToString(), "172.16.0.0/22");
  EXPECT_EQ(e->vpc_id, "vpc-1");
  EXPECT_EQ(e->security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_TRUE(e->split_tunnel);
  EXPECT_EQ(e->status, "available");
  EXPECT_EQ(e->transport_protocol, "tcp");
  EXPECT_EQ(e->vpn_port, 1194);
  ASSERT_EQ(e->dns_servers.size(), 1u);
  EXPECT_EQ(e->dns_servers[0], IpAddress::Parse("10.0.0.2"));
  EXPECT_EQ(e->source.path, "ClientVpnEndpoints[0]");

  ASSERT_EQ(n.client_vpn_target_networks.size(), 1u);
  const ClientVpnTargetNetwork& t = n.client_vpn_target_networks[0];
  EXPECT_EQ(t.id, "cvpn-assoc-1");
  EXPECT_EQ(t.endpoint_id, "cvpn-endpoint-1");
  EXPECT_EQ(t.subnet_id, "subnet-1");
  EXPECT_EQ(t.security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(t.status, "associated");

  ASSERT_EQ(n.client_vpn_authorization_rules.size(), 1u);
  const ClientVpnAuthorizationRule& r = n.client_vpn_authorization_rules[0];
  EXPECT_EQ(r.destination->ToString(), "10.0.0.0/16");
  EXPECT_EQ(r.group_id, "S-1-5-21");
  EXPECT_FALSE(r.access_all);
  EXPECT_EQ(r.description, "admins");
  EXPECT_EQ(r.status, "active");
  EXPECT_EQ(r.source.path, "AuthorizationRules[0]");

  ASSERT_EQ(n.client_vpn_routes.size(), 1u);
  const ClientVpnRoute& route = n.client_vpn_routes[0];
  EXPECT_EQ(route.destination->ToString(), "10.0.0.0/16");
  EXPECT_EQ(route.target_subnet_id, "subnet-1");
  EXPECT_EQ(route.type, "Nat");
  EXPECT_EQ(route.origin, "associate");
  EXPECT_EQ(route.description, "Default Route");
  EXPECT_EQ(route.status, "active");
}

TEST(ClientVpnTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({
    "ClientVpnEndpoints":[{"ClientCidrBlock":"172.16.0.0/22"},
      {"ClientVpnEndpointId":"cvpn-endpoint-2","ClientCidrBlock":"nope","DnsServers":["x",3],"Surprise":1}],
    "ClientVpnTargetNetworks":[{"AssociationId":"cvpn-assoc-2","ClientVpnEndpointId":"cvpn-endpoint-2",
      "TargetNetworkId":"subnet-9"}],
    "AuthorizationRules":[{"ClientVpnEndpointId":"cvpn-endpoint-2"}, 7],
    "Routes":[{"ClientVpnEndpointId":"cvpn-endpoint-9","DestinationCidr":"10.0.0.0/8","TargetSubnet":"subnet-9"}]})");
  EXPECT_EQ(n.client_vpn_endpoints.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "Client VPN endpoint"), 1u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "ClientVpnEndpoints[0].ClientVpnEndpointId", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "ClientVpnEndpoints[1].ClientCidrBlock", "nope"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "ClientVpnEndpoints[1].DnsServers[0]", "not an IP address"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "ClientVpnEndpoints[1].DnsServers[1]", "expected a string"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "ClientVpnEndpoints[1].Surprise", "")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "ClientVpnTargetNetworks[0]", "subnet subnet-9"));
  EXPECT_EQ(n.client_vpn_authorization_rules.size(), 0u);
  EXPECT_EQ(testing::Skipped(n, "Client VPN authorization rule"), 2u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "AuthorizationRules[0].DestinationCidr", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "Routes[0]", "Client VPN endpoint cvpn-endpoint-9"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "Routes[0]", "subnet subnet-9"));
}

TEST(ClientVpnTest, TransitGatewayRoutesStayNotModelled) {
  Network n = testing::Load(R"({"Routes":[{"DestinationCidrBlock":"10.0.0.0/16","Type":"static","State":"active"},
    {"DestinationCidrBlock":"10.1.0.0/16","Type":"propagated","State":"active"}],"AdditionalRoutesAvailable":false})");
  EXPECT_TRUE(n.client_vpn_routes.empty());
  EXPECT_EQ(testing::Skipped(n, "Routes"), 2u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "Routes", "not modelled yet; 2 items skipped")) << Diagnostics(n);
  EXPECT_EQ(n.diagnostics.items().size(), 1u) << Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
