#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(VpcsTest, OnlyAssociatedBlocksAndTheLayoutsAccountAndRegion) {
  Network n;
  LoadDocument(n, "v.json", R"({"Vpcs":[{"VpcId":"vpc-1","OwnerId":"222","IsDefault":true,"State":"available",
    "CidrBlock":"10.0.0.0/16","DhcpOptionsId":"dopt-1","InstanceTenancy":"default",
    "CidrBlockAssociationSet":[{"AssociationId":"a","CidrBlock":"10.0.0.0/16","CidrBlockState":{"State":"associated"}},
                               {"CidrBlock":"10.1.0.0/16","CidrBlockState":{"State":"disassociated"}},
                               {"CidrBlock":"10.2.0.0/16","CidrBlockState":{"State":"associating"}},
                               {"CidrBlock":"10.3.0.0/16"}],
    "Ipv6CidrBlockAssociationSet":[{"Ipv6CidrBlock":"2001:db8::/56","Ipv6CidrBlockState":{"State":"associated"},
                                    "NetworkBorderGroup":"us-east-1","Ipv6Pool":"Amazon"}]},
    {"VpcId":"vpc-old","OwnerId":"333","CidrBlock":"172.16.0.0/12"}]})", "111", "eu-west-1");
  n.Finalize();
  ASSERT_EQ(n.vpcs.size(), 2u);
  const Vpc& v = n.vpcs[0];
  EXPECT_EQ(v.owner_id, "222");
  EXPECT_EQ(v.account, "111");
  EXPECT_EQ(v.region, "eu-west-1");
  EXPECT_TRUE(v.is_default);
  std::vector<std::string> cidrs;
  for (auto& c : v.cidrs) cidrs.push_back(c.ToString());
  EXPECT_EQ(cidrs, (std::vector<std::string>{"10.0.0.0/16", "10.3.0.0/16", "2001:db8::/56"}));
  ASSERT_EQ(n.vpcs[1].cidrs.size(), 1u);
  EXPECT_EQ(n.vpcs[1].cidrs[0].ToString(), "172.16.0.0/12");
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

TEST(VpcsTest, AccountFallsBackToOwnerId) {
  Network n;
  LoadDocument(n, "v.json", R"({"Vpcs":[{"VpcId":"vpc-1","OwnerId":"222"}]})");
  EXPECT_EQ(n.vpcs.at(0).account, "222");
  EXPECT_EQ(n.vpcs.at(0).region, "");
}

TEST(VpcsTest, BadBlocksAreSkippedButTheVpcLoads) {
  Network n = testing::Load(R"({"Vpcs":[{"VpcId":"vpc-1","CidrBlockAssociationSet":[{"CidrBlock":"10.0.0.0/16"},
    {"CidrBlock":"nope"}]},{"CidrBlock":"10.0.0.0/8"}]})");
  ASSERT_EQ(n.vpcs.size(), 1u);
  EXPECT_EQ(n.vpcs[0].cidrs.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "CIDR block"), 1u);
  EXPECT_EQ(testing::Skipped(n, "VPC"), 1u);
}

}  // namespace
}  // namespace sgscope::ingest
