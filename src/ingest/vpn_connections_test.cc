#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(VpnConnectionsTest, StaticRoutesOfAVpnConnection) {
  Network n = testing::Load(R"({"VpnConnections":[{"Category":"VPN","CustomerGatewayConfiguration":"<xml/>",
    "CustomerGatewayId":"cgw-1","Options":{"StaticRoutesOnly":true,"TunnelOptions":[]},
    "Routes":[{"DestinationCidrBlock":"19.168.0.0/16","State":"available","Source":"Static"},
              {"DestinationCidrBlock":"19.169.0.0/16","State":"deleted"}],
    "State":"available","Tags":[],"Type":"ipsec.1","VgwTelemetry":[],"VpnConnectionId":"vpn-1","VpnGatewayId":"vgw-1"},
    {"VpnConnectionId":"vpn-2","TransitGatewayId":"tgw-1","Options":{"StaticRoutesOnly":false}}]})");
  ASSERT_EQ(n.vpn_connections.size(), 2u);
  const VpnConnection& c = n.vpn_connections[0];
  EXPECT_EQ(c.vpn_gateway_id, "vgw-1");
  EXPECT_EQ(c.state, "available");
  EXPECT_TRUE(c.static_routes_only);
  ASSERT_EQ(c.routes.size(), 1u);
  EXPECT_EQ(c.routes[0].ToString(), "19.168.0.0/16");
  EXPECT_EQ(c.source.path, "VpnConnections[0]");
  EXPECT_EQ(n.vpn_connections[1].transit_gateway_id, "tgw-1");
  EXPECT_FALSE(n.vpn_connections[1].static_routes_only);
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
