#include "model/network.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

// A subnet without an explicit association uses its VPC's main route table and default ACL:
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html
TEST(Network, SubnetsFallBackToMainRouteTableAndDefaultAcl) {
  Network n;
  Subnet a, b;
  a.id = "subnet-a", a.vpc_id = "vpc-1", a.cidrs = {*IpPrefix::Parse("10.0.1.0/24")};
  b.id = "subnet-b", b.vpc_id = "vpc-1", b.cidrs = {*IpPrefix::Parse("10.0.2.0/24")};
  n.subnets = {a, b};
  RouteTable main, custom;
  main.id = "rtb-main", main.vpc_id = "vpc-1", main.is_main = true;
  custom.id = "rtb-custom", custom.vpc_id = "vpc-1", custom.subnet_ids = {"subnet-a"};
  n.route_tables = {main, custom};
  NetworkAcl default_acl, custom_acl;
  default_acl.id = "acl-default", default_acl.vpc_id = "vpc-1", default_acl.is_default = true;
  custom_acl.id = "acl-custom", custom_acl.vpc_id = "vpc-1", custom_acl.subnet_ids = {"subnet-b"};
  n.network_acls = {default_acl, custom_acl};
  n.Finalize();
  EXPECT_EQ(n.RouteTableForSubnet(*n.FindSubnet("subnet-a"))->id, "rtb-custom");
  EXPECT_EQ(n.RouteTableForSubnet(*n.FindSubnet("subnet-b"))->id, "rtb-main");
  EXPECT_EQ(n.NetworkAclForSubnet(*n.FindSubnet("subnet-a"))->id, "acl-default");
  EXPECT_EQ(n.NetworkAclForSubnet(*n.FindSubnet("subnet-b"))->id, "acl-custom");
}

TEST(Network, SubnetContainingUsesTheLongestBlock) {
  Network n;
  Subnet wide, narrow, v6;
  wide.id = "subnet-wide", wide.cidrs = {*IpPrefix::Parse("10.0.0.0/16")};
  narrow.id = "subnet-narrow", narrow.cidrs = {*IpPrefix::Parse("10.0.5.0/24")};
  v6.id = "subnet-v6", v6.cidrs = {*IpPrefix::Parse("10.9.0.0/24"), *IpPrefix::Parse("2001:db8:1::/64")};
  n.subnets = {wide, narrow, v6};
  n.Finalize();
  EXPECT_EQ(n.SubnetContaining(*IpAddress::Parse("10.0.5.7"))->id, "subnet-narrow");
  EXPECT_EQ(n.SubnetContaining(*IpAddress::Parse("10.0.6.7"))->id, "subnet-wide");
  EXPECT_EQ(n.SubnetContaining(*IpAddress::Parse("2001:db8:1::9"))->id, "subnet-v6");
  EXPECT_EQ(n.SubnetContaining(*IpAddress::Parse("10.1.0.1")), nullptr);
}

// describe-instances does not order interfaces by device; device index 0 is the primary one.
TEST(Network, PrimaryInterfaceIsDeviceIndexZero) {
  Network n;
  NetworkInterface eth1, eth0;
  eth1.id = "eni-1", eth1.device_index = 1;
  eth0.id = "eni-2", eth0.device_index = 0;
  n.network_interfaces = {eth1, eth0};
  Instance i;
  i.id = "i-1", i.network_interface_ids = {"eni-1", "eni-2"};
  n.instances = {i};
  n.Finalize();
  EXPECT_EQ(n.PrimaryInterface(*n.FindInstance("i-1"))->id, "eni-2");
}

TEST(Network, DanglingReferencesAreWarnings) {
  Network n;
  n.files = {"NetworkInterfaces.json"};
  NetworkInterface eni;
  eni.id = "eni-1", eni.subnet_id = "subnet-missing", eni.group_ids = {"sg-missing"};
  eni.source = {0, "NetworkInterfaces[0]"};
  n.network_interfaces = {eni};
  n.Finalize();
  ASSERT_EQ(n.diagnostics.items().size(), 2u);
  for (auto& d : n.diagnostics.items()) {
    EXPECT_EQ(d.severity, Severity::kWarning);
    EXPECT_EQ(d.file, "NetworkInterfaces.json");
    EXPECT_EQ(d.path, "NetworkInterfaces[0]");
  }
}

}  // namespace
}  // namespace sgscope
