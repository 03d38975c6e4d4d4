#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

constexpr std::string_view kGateways = R"({"TransitGateways":[{"TransitGatewayId":"tgw-1","OwnerId":"111",
    "State":"available","TransitGatewayArn":"arn","Options":{"AmazonSideAsn":64512,
    "AssociationDefaultRouteTableId":"tgw-rtb-1","PropagationDefaultRouteTableId":"tgw-rtb-2","DnsSupport":"enable"}}],
  "TransitGatewayAttachments":[{"TransitGatewayAttachmentId":"tgw-attach-1","TransitGatewayId":"tgw-1",
    "TransitGatewayOwnerId":"111","ResourceOwnerId":"222","ResourceType":"vpc","ResourceId":"vpc-1","State":"available",
    "Association":{"TransitGatewayRouteTableId":"tgw-rtb-1","State":"associated"}},
    {"TransitGatewayAttachmentId":"tgw-attach-2","ResourceType":"direct-connect-gateway","ResourceId":"dx-1",
    "Association":{"TransitGatewayRouteTableId":"tgw-rtb-1","State":"disassociated"}}]})";

constexpr std::string_view kVpcAttachments = R"({"TransitGatewayVpcAttachments":[
  {"TransitGatewayAttachmentId":"tgw-attach-1","TransitGatewayId":"tgw-1","VpcId":"vpc-1","VpcOwnerId":"222",
   "State":"available","SubnetIds":["subnet-1","subnet-2"],"Options":{"DnsSupport":"enable"}}]})";

// SecurityGroupReferencingSupport: off by default on the gateway, on by default on a VPC attachment.
TEST(TransitGatewaysTest, SecurityGroupReferencingOptions) {
  Network defaults = testing::LoadTwo(kGateways, kVpcAttachments);
  EXPECT_FALSE(defaults.transit_gateways[0].security_group_referencing);
  EXPECT_TRUE(defaults.FindTransitGatewayAttachment("tgw-attach-1")->security_group_referencing);
  Network set = testing::LoadTwo(
      R"({"TransitGateways":[{"TransitGatewayId":"tgw-1","Options":{"SecurityGroupReferencingSupport":"enable"}}]})",
      R"({"TransitGatewayVpcAttachments":[{"TransitGatewayAttachmentId":"tgw-attach-1","TransitGatewayId":"tgw-1",
          "VpcId":"vpc-1","Options":{"SecurityGroupReferencingSupport":"disable"}}]})");
  EXPECT_TRUE(set.transit_gateways[0].security_group_referencing);
  EXPECT_FALSE(set.FindTransitGatewayAttachment("tgw-attach-1")->security_group_referencing);
}

TEST(TransitGatewaysTest, GatewaysAndAttachmentsJoinedAcrossOutputs) {
  for (bool vpc_first : {false, true}) {
    Network n = vpc_first ? testing::LoadTwo(kVpcAttachments, kGateways) : testing::LoadTwo(kGateways, kVpcAttachments);
    ASSERT_EQ(n.transit_gateways.size(), 1u);
    EXPECT_EQ(n.transit_gateways[0].association_default_route_table_id, "tgw-rtb-1");
    EXPECT_EQ(n.transit_gateways[0].propagation_default_route_table_id, "tgw-rtb-2");
    EXPECT_EQ(n.transit_gateways[0].owner_id, "111");
    ASSERT_EQ(n.transit_gateway_attachments.size(), 2u) << vpc_first;
    const TransitGatewayAttachment* a = n.FindTransitGatewayAttachment("tgw-attach-1");
    EXPECT_EQ(a->transit_gateway_id, "tgw-1");
    EXPECT_EQ(a->resource_type, "vpc");
    EXPECT_EQ(a->resource_id, "vpc-1");
    EXPECT_EQ(a->resource_owner_id, "222");
    EXPECT_EQ(a->association_route_table_id, "tgw-rtb-1");
    EXPECT_EQ(a->subnet_ids, (std::vector<std::string>{"subnet-1", "subnet-2"}));
    EXPECT_EQ(n.FindTransitGatewayAttachment("tgw-attach-2")->association_route_table_id, "");
    EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
  }
}

}  // namespace
}  // namespace sgscope::ingest
