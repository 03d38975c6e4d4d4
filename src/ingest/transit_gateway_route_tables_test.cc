#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

// The shapes of Batfish's TransitGatewayRouteTables / TransitGatewayStaticRoutes /
// TransitGatewayPropagations files.
constexpr std::string_view kTables = R"({"TransitGatewayRouteTables":[
  {"TransitGatewayRouteTableId":"tgw-rtb-1","TransitGatewayId":"tgw-1","State":"available",
   "DefaultAssociationRouteTable":true,"DefaultPropagationRouteTable":true,"Tags":[],"CreationTime":"t"},
  {"TransitGatewayRouteTableId":"tgw-rtb-gone","TransitGatewayId":"tgw-1","State":"deleted"}],
  "TransitGatewayAttachments":[{"TransitGatewayAttachmentId":"tgw-attach-1",
   "Association":{"TransitGatewayRouteTableId":"tgw-rtb-1","State":"associated"}}]})";

constexpr std::string_view kRoutes = R"({"TransitGatewayStaticRoutes":[{"TransitGatewayRouteTableId":"tgw-rtb-1",
  "AdditionalRoutesAvailable":false,"Routes":[
   {"DestinationCidrBlock":"1.1.1.1/32","State":"active","Type":"static",
    "TransitGatewayAttachments":[{"ResourceId":"vpc-1","ResourceType":"vpc","TransitGatewayAttachmentId":"tgw-attach-1"}]},
   {"DestinationCidrBlock":"10.0.0.0/16","State":"active","Type":"propagated",
    "TransitGatewayAttachments":[{"TransitGatewayAttachmentId":"tgw-attach-1"}]},
   {"DestinationCidrBlock":"192.168.0.0/16","State":"blackhole","Type":"static"},
   {"PrefixListId":"pl-1","State":"active","Type":"static","TransitGatewayAttachments":[{"TransitGatewayAttachmentId":"tgw-attach-2"}]},
   {"DestinationCidrBlock":"172.16.0.0/12","State":"deleted","Type":"static"},
   {"State":"active"}]}],
 "TransitGatewayPropagations":[{"TransitGatewayRouteTableId":"tgw-rtb-1","TransitGatewayRouteTablePropagations":[
   {"ResourceId":"vpc-1","ResourceType":"vpc","State":"enabled","TransitGatewayAttachmentId":"tgw-attach-1"},
   {"ResourceId":"vpc-2","ResourceType":"vpc","State":"not-enabled","TransitGatewayAttachmentId":"tgw-attach-3"}]}]})";

TEST(TransitGatewayRouteTablesTest, RoutesPropagationsAndAssociationsMeetTheirTable) {
  for (bool routes_first : {false, true}) {
    Network n = routes_first ? testing::LoadTwo(kRoutes, kTables) : testing::LoadTwo(kTables, kRoutes);
    ASSERT_EQ(n.transit_gateway_route_tables.size(), 1u) << routes_first;
    const TransitGatewayRouteTable& t = n.transit_gateway_route_tables[0];
    EXPECT_EQ(t.id, "tgw-rtb-1");
    EXPECT_EQ(t.transit_gateway_id, "tgw-1");
    EXPECT_EQ(t.source.path, "TransitGatewayRouteTables[0]");
    EXPECT_EQ(t.associated_attachment_ids, std::vector<std::string>{"tgw-attach-1"});
    EXPECT_EQ(t.propagating_attachment_ids, std::vector<std::string>{"tgw-attach-1"});
    ASSERT_EQ(t.routes.size(), 4u);
    EXPECT_EQ(t.routes[0].destination.ToString(), "1.1.1.1/32");
    EXPECT_EQ(t.routes[0].attachment_ids, std::vector<std::string>{"tgw-attach-1"});
    EXPECT_EQ(t.routes[0].source.path, "TransitGatewayStaticRoutes[0].Routes[0]");
    EXPECT_TRUE(t.routes[1].propagated);
    EXPECT_TRUE(t.routes[2].blackhole);
    EXPECT_TRUE(t.routes[2].attachment_ids.empty());
    EXPECT_EQ(t.routes[3].destination_prefix_list_id, "pl-1");
    EXPECT_TRUE(testing::HasDiagnostic(n, Severity::kInfo, "TransitGatewayRouteTables[1]", "route table is deleted"));
    EXPECT_TRUE(testing::HasDiagnostic(n, Severity::kError, "TransitGatewayStaticRoutes[0].Routes[5]", "no destination"));
  }
}

TEST(TransitGatewayRouteTablesTest, TruncatedRouteSearchIsAWarning) {
  Network n = testing::Load(R"({"TransitGatewayStaticRoutes":[{"TransitGatewayRouteTableId":"tgw-rtb-1",
    "AdditionalRoutesAvailable":true,"Routes":[]}]})");
  EXPECT_TRUE(testing::HasDiagnostic(n, Severity::kWarning, "TransitGatewayStaticRoutes[0]", "truncated"));
  EXPECT_EQ(n.transit_gateway_route_tables.size(), 1u);
}

}  // namespace
}  // namespace sgscope::ingest
