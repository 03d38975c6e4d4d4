#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(RepeatedDefinitionsTest, AnObjectListedByTwoAccountsLoadsOnce) {
  constexpr std::string_view kPeerings = R"({"VpcPeeringConnections":[
    {"VpcPeeringConnectionId":"pcx-1","Status":{"Code":"active"}},
    {"VpcPeeringConnectionId":"pcx-2","Status":{"Code":"deleted"}}],
    "Vpcs":[{"VpcId":"vpc-shared"}],"SecurityGroups":[{"GroupId":"sg-1"}]})";
  Network n = testing::LoadTwo(kPeerings, kPeerings);
  EXPECT_EQ(n.vpc_peering_connections.size(), 2u);
  EXPECT_EQ(n.vpcs.size(), 1u);
  EXPECT_EQ(n.security_groups.size(), 1u);
  EXPECT_EQ(n.FileOf(n.vpcs[0].source), "a.json");
}

TEST(RepeatedDefinitionsTest, EachEndOfATransitGatewayPeeringAttachmentStays) {
  Network n = testing::LoadTwo(
      R"({"TransitGatewayAttachments":[{"TransitGatewayAttachmentId":"tgw-attach-p","TransitGatewayId":"tgw-a",
          "ResourceType":"peering","ResourceId":"tgw-b",
          "Association":{"TransitGatewayRouteTableId":"tgw-rtb-a","State":"associated"}}]})",
      R"({"TransitGatewayAttachments":[{"TransitGatewayAttachmentId":"tgw-attach-p","TransitGatewayId":"tgw-b",
          "ResourceType":"peering","ResourceId":"tgw-a",
          "Association":{"TransitGatewayRouteTableId":"tgw-rtb-b","State":"associated"}}]})");
  ASSERT_EQ(n.transit_gateway_attachments.size(), 2u);
  for (const TransitGatewayAttachment& a : n.transit_gateway_attachments)
    EXPECT_EQ(a.association_route_table_id, a.transit_gateway_id == "tgw-a" ? "tgw-rtb-a" : "tgw-rtb-b");
}

}  // namespace
}  // namespace sgscope::ingest
