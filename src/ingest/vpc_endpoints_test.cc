#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(VpcEndpointsTest, InterfaceAndGatewayEndpoints) {
  Network n = testing::Load(R"({"VpcEndpoints":[
    {"VpcEndpointId":"vpce-1","VpcEndpointType":"Interface","VpcId":"vpc-1","ServiceName":"com.amazonaws.us-east-1.ssm",
     "State":"available","SubnetIds":["subnet-1","subnet-2"],"NetworkInterfaceIds":["eni-1","eni-2"],
     "Groups":[{"GroupId":"sg-1","GroupName":"default"}],"PrivateDnsEnabled":true,"DnsEntries":[],"RequesterManaged":false,
     "PolicyDocument":"{}","CreationTimestamp":"t","OwnerId":"1","Tags":[]},
    {"VpcEndpointId":"vpce-2","VpcEndpointType":"Gateway","VpcId":"vpc-1","ServiceName":"com.amazonaws.us-east-1.s3",
     "RouteTableIds":["rtb-1"],"SubnetIds":[7]}]})");
  ASSERT_EQ(n.vpc_endpoints.size(), 2u);
  const VpcEndpoint& e = n.vpc_endpoints[0];
  EXPECT_EQ(e.type, "Interface");
  EXPECT_EQ(e.service_name, "com.amazonaws.us-east-1.ssm");
  EXPECT_EQ(e.subnet_ids, (std::vector<std::string>{"subnet-1", "subnet-2"}));
  EXPECT_EQ(e.network_interface_ids, (std::vector<std::string>{"eni-1", "eni-2"}));
  EXPECT_EQ(e.group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(n.vpc_endpoints[1].route_table_ids, std::vector<std::string>{"rtb-1"});
  EXPECT_TRUE(testing::HasDiagnostic(n, Severity::kError, "VpcEndpoints[1].SubnetIds[0]", "expected a string"));
}

}  // namespace
}  // namespace sgscope::ingest
