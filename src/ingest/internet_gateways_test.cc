#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(InternetGatewaysTest, AttachedVpcsOfBothKinds) {
  Network n = testing::Load(R"({
    "InternetGateways":[{"InternetGatewayId":"igw-1","OwnerId":"1","Tags":[],
      "Attachments":[{"State":"available","VpcId":"vpc-1"},{"State":"detached","VpcId":"vpc-2"}]},
      {"Attachments":[]}],
    "EgressOnlyInternetGateways":[{"EgressOnlyInternetGatewayId":"eigw-1",
      "Attachments":[{"State":"attached","VpcId":"vpc-1"}]}]})");
  ASSERT_EQ(n.internet_gateways.size(), 1u);
  EXPECT_EQ(n.internet_gateways[0].vpc_ids, std::vector<std::string>{"vpc-1"});
  EXPECT_EQ(n.internet_gateways[0].source.path, "InternetGateways[0]");
  ASSERT_EQ(n.egress_only_internet_gateways.size(), 1u);
  EXPECT_EQ(n.egress_only_internet_gateways[0].vpc_ids, std::vector<std::string>{"vpc-1"});
  EXPECT_EQ(testing::Skipped(n, "internet gateway"), 1u);
}

}  // namespace
}  // namespace sgscope::ingest
