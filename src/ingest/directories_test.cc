#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

TEST(DirectoriesTest, ManagedAdAndAdConnector) {
  Network n = testing::Load(R"({
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"},
               {"SubnetId":"subnet-2","VpcId":"vpc-1","CidrBlock":"10.0.2.0/24"}],
    "SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1"}],
    "DirectoryDescriptions":[
      {"DirectoryId":"d-2","Name":"corp.example.com","Type":"ADConnector","Stage":"Active","Size":"Small",
       "DnsIpAddrs":["192.168.0.10"],
       "ConnectSettings":{"VpcId":"vpc-1","SubnetIds":["subnet-1","subnet-2"],"SecurityGroupId":"sg-1",
         "CustomerUserName":"admin","CustomerDnsIps":["192.168.0.10"],"ConnectIps":["10.0.1.5","10.0.2.5"],
         "AvailabilityZones":["us-east-1a","us-east-1b"]}},
      {"DirectoryId":"d-1","Name":"ad.example.com","Type":"MicrosoftAD","Edition":"Enterprise","Stage":"Active",
       "DnsIpAddrs":["10.0.1.10","10.0.2.10"],
       "VpcSettings":{"VpcId":"vpc-1","SubnetIds":["subnet-1","subnet-2"],"SecurityGroupId":"sg-1",
         "AvailabilityZones":["us-east-1a","us-east-1b"]}}]})");
  ASSERT_EQ(n.directories.size(), 2u);
  const Directory& ad = n.directories[0];  // sorted by id
  EXPECT_EQ(ad.id, "d-1");
  EXPECT_EQ(ad.name, "ad.example.com");
  EXPECT_EQ(ad.type, "MicrosoftAD");
  EXPECT_EQ(ad.edition, "Enterprise");
  EXPECT_EQ(ad.stage, "Active");
  ASSERT_EQ(ad.dns_ips.size(), 2u);
  EXPECT_EQ(ad.dns_ips[1], IpAddress::Parse("10.0.2.10"));
  ASSERT_TRUE(ad.vpc);
  EXPECT_FALSE(ad.connector);
  EXPECT_EQ(ad.vpc->security_group_id, "sg-1");
  EXPECT_EQ(ad.vpc->subnet_ids, (std::vector<std::string>{"subnet-1", "subnet-2"}));
  EXPECT_EQ(ad.source.path, "DirectoryDescriptions[1]");

  const Directory* connector = n.FindDirectory("d-2");
  ASSERT_NE(connector, nullptr);
  ASSERT_TRUE(connector->connector);
  EXPECT_EQ(connector->connector->vpc_id, "vpc-1");
  ASSERT_EQ(connector->connector->connect_ips.size(), 2u);
  EXPECT_EQ(connector->connector->connect_ips[0], IpAddress::Parse("10.0.1.5"));
  EXPECT_EQ(connector->connector->customer_dns_ips.at(0), IpAddress::Parse("192.168.0.10"));
  EXPECT_EQ(connector->connector->availability_zones.size(), 2u);
  // CustomerUserName is the only field not read: one info, nothing else.
  ASSERT_EQ(n.diagnostics.items().size(), 1u) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "DirectoryDescriptions[0].ConnectSettings.CustomerUserName", ""))
      << Diagnostics(n);
}

TEST(DirectoriesTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({"DirectoryDescriptions":[{"Name":"x"}, "d-1",
    {"DirectoryId":"d-3","DnsIpAddrs":["10.0.0.300"],"VpcSettings":{"VpcId":"vpc-9","SubnetIds":["subnet-9"],
     "SecurityGroupId":"sg-9"}}]})");
  ASSERT_EQ(n.directories.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "directory"), 2u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "DirectoryDescriptions[0].DirectoryId", "")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "DirectoryDescriptions[2].DnsIpAddrs[0]", "not an IP address"));
  EXPECT_TRUE(n.directories[0].dns_ips.empty());
  for (const char* what : {"VPC vpc-9", "subnet subnet-9", "security group sg-9"})
    EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "DirectoryDescriptions[2]", what)) << what;
}

}  // namespace
}  // namespace sgscope::ingest
