#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

// The documented Ec2InstanceConnectEndpoint shape (ec2 describe-instance-connect-endpoints).
TEST(InstanceConnectEndpointsTest, Endpoint) {
  Network n = testing::Load(R"({
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"}],
    "SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1"}],
    "NetworkInterfaces":[{"NetworkInterfaceId":"eni-1","SubnetId":"subnet-1","VpcId":"vpc-1",
      "Groups":[{"GroupId":"sg-1"}],"PrivateIpAddresses":[{"PrivateIpAddress":"10.0.1.7","Primary":true}]}],
    "InstanceConnectEndpoints":[{"OwnerId":"111122223333","InstanceConnectEndpointId":"eice-0123456789example",
      "InstanceConnectEndpointArn":"arn:aws:ec2:us-east-1:111122223333:instance-connect-endpoint/eice-0123456789example",
      "State":"create-complete","StateMessage":"",
      "DnsName":"eice-0123456789example.b67b86ba.ec2-instance-connect-endpoint.us-east-1.amazonaws.com",
      "FipsDnsName":"eice-0123456789example.b67b86ba.fips.ec2-instance-connect-endpoint.us-east-1.amazonaws.com",
      "NetworkInterfaceIds":["eni-1"],"VpcId":"vpc-1","AvailabilityZone":"us-east-1a",
      "CreatedAt":"2023-04-07T15:43:53.000Z","SubnetId":"subnet-1","PreserveClientIp":true,
      "SecurityGroupIds":["sg-1"],"Tags":[]}]})");
  EXPECT_TRUE(n.diagnostics.items().empty()) << Diagnostics(n);
  const InstanceConnectEndpoint* e = n.FindInstanceConnectEndpoint("eice-0123456789example");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->vpc_id, "vpc-1");
  EXPECT_EQ(e->subnet_id, "subnet-1");
  EXPECT_EQ(e->state, "create-complete");
  EXPECT_EQ(e->network_interface_ids, std::vector<std::string>{"eni-1"});
  EXPECT_EQ(e->security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_TRUE(e->preserve_client_ip);
  EXPECT_EQ(e->availability_zone, "us-east-1a");
  EXPECT_NE(e->fips_dns_name.find(".fips."), std::string::npos);
}

TEST(InstanceConnectEndpointsTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({"InstanceConnectEndpoints":[{"SubnetId":"subnet-1"},
    {"InstanceConnectEndpointId":"eice-2","SubnetId":"subnet-9","PreserveClientIp":"yes",
     "NetworkInterfaceIds":["eni-9"],"SecurityGroupIds":["sg-9"]}]})");
  ASSERT_EQ(n.instance_connect_endpoints.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "Instance Connect Endpoint"), 1u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "InstanceConnectEndpoints[0].InstanceConnectEndpointId", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "InstanceConnectEndpoints[1].PreserveClientIp", ""))
      << Diagnostics(n);
  EXPECT_FALSE(n.instance_connect_endpoints[0].preserve_client_ip);
  for (const char* what : {"subnet subnet-9", "security group sg-9", "network interface eni-9"})
    EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "InstanceConnectEndpoints[1]", what)) << what;
}

}  // namespace
}  // namespace sgscope::ingest
