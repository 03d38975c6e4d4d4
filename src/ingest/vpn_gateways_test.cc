#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(VpnGatewaysTest, AttachedVpcs) {
  Network n = testing::Load(R"({"VpnGateways":[{"VpnGatewayId":"vgw-1","State":"available","Type":"ipsec.1",
    "AmazonSideAsn":64512,"VpcAttachments":[{"State":"attached","VpcId":"vpc-1"},{"State":"detaching","VpcId":"vpc-2"}]}]})");
  ASSERT_EQ(n.vpn_gateways.size(), 1u);
  EXPECT_EQ(n.vpn_gateways[0].id, "vgw-1");
  EXPECT_EQ(n.vpn_gateways[0].vpc_ids, std::vector<std::string>{"vpc-1"});
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
