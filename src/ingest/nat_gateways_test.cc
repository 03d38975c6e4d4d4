#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(NatGatewaysTest, AddressesAndConnectivityType) {
  Network n = testing::Load(R"({"NatGateways":[
    {"NatGatewayId":"nat-1","VpcId":"vpc-1","SubnetId":"subnet-1","State":"available","CreateTime":"t",
     "NatGatewayAddresses":[{"AllocationId":"eipalloc-1","NetworkInterfaceId":"eni-1","PrivateIp":"10.0.1.5",
                             "PublicIp":"198.51.100.5","IsPrimary":true,"Status":"succeeded"},
                            {"PrivateIp":"10.0.1.6"}]},
    {"NatGatewayId":"nat-2","ConnectivityType":"private","State":"deleted"}]})");
  ASSERT_EQ(n.nat_gateways.size(), 2u);
  const NatGateway& g = n.nat_gateways[0];
  EXPECT_EQ(g.connectivity_type, "public");
  EXPECT_EQ(g.state, "available");
  EXPECT_EQ(g.network_interface_id, "eni-1");
  EXPECT_EQ(g.private_ips.size(), 2u);
  EXPECT_EQ(g.public_ips, std::vector<IpAddress>{*IpAddress::Parse("198.51.100.5")});
  EXPECT_EQ(n.nat_gateways[1].connectivity_type, "private");
  EXPECT_EQ(n.nat_gateways[1].state, "deleted");
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
