#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

TEST(LambdaFunctionsTest, OnlyFunctionsInAVpcAreKept) {
  Network n = testing::Load(R"({
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"}],
    "SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1"}],
    "Functions":[
      {"FunctionName":"plain","FunctionArn":"arn:aws:lambda:us-east-1:111122223333:function:plain","Runtime":"python3.12"},
      {"FunctionName":"empty","FunctionArn":"arn:aws:lambda:us-east-1:111122223333:function:empty",
       "VpcConfig":{"SubnetIds":[],"SecurityGroupIds":[],"VpcId":""}},
      {"FunctionName":"in-vpc","FunctionArn":"arn:aws:lambda:us-east-1:111122223333:function:in-vpc",
       "Runtime":"nodejs20.x","Role":"arn:aws:iam::111122223333:role/r","Handler":"index.handler",
       "VpcConfig":{"SubnetIds":["subnet-1"],"SecurityGroupIds":["sg-1"],"VpcId":"vpc-1",
                    "Ipv6AllowedForDualStack":false}}]})");
  ASSERT_EQ(n.lambda_functions.size(), 1u) << Diagnostics(n);
  const LambdaFunction* f = n.FindLambdaFunction("arn:aws:lambda:us-east-1:111122223333:function:in-vpc");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "in-vpc");
  EXPECT_EQ(f->vpc_id, "vpc-1");
  EXPECT_EQ(f->subnet_ids, std::vector<std::string>{"subnet-1"});
  EXPECT_EQ(f->security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(f->source.path, "Functions[2]");
  EXPECT_EQ(testing::Skipped(n, "Lambda function outside a VPC"), 2u);
  ASSERT_EQ(n.diagnostics.items().size(), 1u) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "Functions[0]", "not in a VPC")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "Functions[0]", "(2 times)")) << Diagnostics(n);
}

TEST(LambdaFunctionsTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({"Functions":[{"FunctionName":"x"},
    {"FunctionArn":"arn:f","FunctionName":"f","VpcConfig":{"SubnetIds":["subnet-9"],"SecurityGroupIds":"sg-1"}}]})");
  ASSERT_EQ(n.lambda_functions.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "Lambda function"), 1u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "Functions[0].FunctionArn", "")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "Functions[1].VpcConfig.SecurityGroupIds", "")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "Functions[1]", "subnet subnet-9"));
}

}  // namespace
}  // namespace sgscope::ingest
