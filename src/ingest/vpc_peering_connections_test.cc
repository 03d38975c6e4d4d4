#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(VpcPeeringConnectionsTest, BothSidesWithTheirBlocks) {
  Network n = testing::Load(R"({"VpcPeeringConnections":[{"VpcPeeringConnectionId":"pcx-1",
    "Status":{"Code":"active","Message":"Active"},"Tags":[],
    "RequesterVpcInfo":{"VpcId":"vpc-1","OwnerId":"111","Region":"us-east-1","CidrBlock":"10.0.0.0/16",
      "CidrBlockSet":[{"CidrBlock":"10.0.0.0/16"},{"CidrBlock":"10.1.0.0/16"}],
      "Ipv6CidrBlockSet":[{"Ipv6CidrBlock":"2001:db8::/56"}],"PeeringOptions":{"AllowDnsResolutionFromRemoteVpc":false}},
    "AccepterVpcInfo":{"VpcId":"vpc-2","OwnerId":"222","Region":"us-west-2","CidrBlock":"10.2.0.0/16"}},
    {"VpcPeeringConnectionId":"pcx-2","Status":{"Code":"pending-acceptance"}}]})");
  ASSERT_EQ(n.vpc_peering_connections.size(), 2u);
  const VpcPeeringConnection& p = n.vpc_peering_connections[0];
  EXPECT_TRUE(p.active());
  EXPECT_EQ(p.requester.vpc_id, "vpc-1");
  EXPECT_EQ(p.requester.owner_id, "111");
  EXPECT_EQ(p.requester.cidrs.size(), 3u);
  EXPECT_EQ(p.accepter.region, "us-west-2");
  ASSERT_EQ(p.accepter.cidrs.size(), 1u);
  EXPECT_EQ(p.accepter.cidrs[0].ToString(), "10.2.0.0/16");
  EXPECT_EQ(p.PeerOf("vpc-2"), "vpc-1");
  EXPECT_FALSE(n.vpc_peering_connections[1].active());
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
