#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

// The shape of elb describe-load-balancers (API_LoadBalancerDescription), with its inline listeners.
TEST(ClassicLoadBalancersTest, DescriptionWithListenersAndInstances) {
  Network n = testing::Load(R"({
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"}],
    "SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1"}],
    "Reservations":[{"Instances":[{"InstanceId":"i-1","VpcId":"vpc-1","SubnetId":"subnet-1"}]}],
    "LoadBalancerDescriptions":[{"LoadBalancerName":"my-load-balancer",
      "DNSName":"my-load-balancer-1234567890.us-west-2.elb.amazonaws.com","Scheme":"internet-facing",
      "VPCId":"vpc-1","Subnets":["subnet-1"],"SecurityGroups":["sg-1"],"AvailabilityZones":["us-west-2a"],
      "CanonicalHostedZoneNameID":"Z3D","CreatedTime":"2015-03-19T03:24:02.650Z",
      "HealthCheck":{"Target":"HTTP:80/png","Interval":30,"Timeout":3,"UnhealthyThreshold":2,"HealthyThreshold":2},
      "SourceSecurityGroup":{"OwnerAlias":"123456789012","GroupName":"my-security-group"},
      "Instances":[{"InstanceId":"i-1"}],
      "ListenerDescriptions":[
        {"Listener":{"Protocol":"HTTP","LoadBalancerPort":80,"InstanceProtocol":"HTTP","InstancePort":80},"PolicyNames":[]},
        {"Listener":{"Protocol":"HTTPS","LoadBalancerPort":443,"InstanceProtocol":"HTTP","InstancePort":8080,
                     "SSLCertificateId":"arn:aws:iam::123456789012:server-certificate/my-server-cert"},
         "PolicyNames":["ELBSecurityPolicy-2015-03"]}]}]})");
  EXPECT_EQ(n.diagnostics.count(Severity::kWarning) + n.diagnostics.count(Severity::kError), 0u) << Diagnostics(n);
  const LoadBalancer* lb = n.FindLoadBalancer("my-load-balancer");
  ASSERT_NE(lb, nullptr);
  EXPECT_EQ(lb->type, "classic");
  EXPECT_EQ(lb->name, "my-load-balancer");
  EXPECT_EQ(lb->scheme, "internet-facing");
  EXPECT_EQ(lb->vpc_id, "vpc-1");
  EXPECT_EQ(lb->subnet_ids, std::vector<std::string>{"subnet-1"});
  EXPECT_EQ(lb->security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(lb->instance_ids, std::vector<std::string>{"i-1"});
  auto listeners = n.ListenersOf(*lb);
  ASSERT_EQ(listeners.size(), 2u);
  EXPECT_EQ(listeners[1]->id, "my-load-balancer:80");  // sorted by id
  EXPECT_EQ(listeners[0]->id, "my-load-balancer:443");
  EXPECT_EQ(listeners[0]->port, 443);
  EXPECT_EQ(listeners[0]->protocol, "HTTPS");
  EXPECT_EQ(listeners[0]->instance_port, 8080);
  EXPECT_EQ(listeners[0]->instance_protocol, "HTTP");
  EXPECT_EQ(listeners[0]->source.path, "LoadBalancerDescriptions[0].ListenerDescriptions[1].Listener");
}

TEST(ClassicLoadBalancersTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({"LoadBalancerDescriptions":[{"DNSName":"x"},
    {"LoadBalancerName":"lb","VPCId":"vpc-9","Instances":[{"InstanceId":"i-9"}],
     "ListenerDescriptions":[{"PolicyNames":[]},{"Listener":{"Protocol":"TCP","LoadBalancerPort":-1}}]}]})");
  ASSERT_EQ(n.load_balancers.size(), 1u);
  EXPECT_TRUE(n.load_balancer_listeners.empty());
  EXPECT_EQ(testing::Skipped(n, "load balancer"), 1u);
  EXPECT_EQ(testing::Skipped(n, "listener"), 1u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "LoadBalancerDescriptions[0].LoadBalancerName", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "LoadBalancerDescriptions[1].ListenerDescriptions[0].Listener", ""))
      << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError,
                            "LoadBalancerDescriptions[1].ListenerDescriptions[1].Listener.LoadBalancerPort", "-1"));
  for (const char* what : {"VPC vpc-9", "instance i-9"})
    EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "LoadBalancerDescriptions[1]", what)) << what;
}

}  // namespace
}  // namespace sgscope::ingest
