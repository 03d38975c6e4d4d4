#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(SubnetsTest, LoadsIpv4AndAssociatedIpv6Blocks) {
  Network n = testing::Load(R"({"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24","AvailabilityZone":"us-east-1a",
      "AvailabilityZoneId":"use1-az1","AvailableIpAddressCount":250,"MapPublicIpOnLaunch":true,"State":"available",
      "SubnetArn":"arn","Ipv6CidrBlockAssociationSet":[
        {"AssociationId":"a","Ipv6CidrBlock":"2001:db8:0:1::/64","Ipv6CidrBlockState":{"State":"associated"}},
        {"Ipv6CidrBlock":"2001:db8:0:2::/64","Ipv6CidrBlockState":{"State":"disassociating"}}]},
      {"SubnetId":"subnet-v6","VpcId":"vpc-1","Ipv6Native":true,"Ipv6CidrBlockAssociationSet":[
        {"Ipv6CidrBlock":"2001:db8:0:3::/64"}]}]})");
  ASSERT_EQ(n.subnets.size(), 2u);
  const Subnet& s = n.subnets[0];
  EXPECT_EQ(s.vpc_id, "vpc-1");
  EXPECT_EQ(s.availability_zone, "us-east-1a");
  EXPECT_TRUE(s.map_public_ip_on_launch);
  ASSERT_EQ(s.cidrs.size(), 2u);
  EXPECT_EQ(s.cidrs[0].ToString(), "10.0.1.0/24");
  EXPECT_EQ(s.cidrs[1].ToString(), "2001:db8:0:1::/64");
  EXPECT_EQ(s.source.path, "Subnets[0]");
  ASSERT_EQ(n.subnets[1].cidrs.size(), 1u);
  EXPECT_EQ(n.subnets[1].cidrs[0].family(), IpFamily::kV6);
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
