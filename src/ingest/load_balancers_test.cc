#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

constexpr char kArn[] = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
constexpr char kPlacement[] = R"(
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"},
               {"SubnetId":"subnet-2","VpcId":"vpc-1","CidrBlock":"10.0.2.0/24"}],
    "SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1"}],)";

TEST(LoadBalancersTest, LoadBalancersAndCliListeners) {
  Network n = testing::Load(std::string("{") + kPlacement + R"(
    "LoadBalancers":[
      {"LoadBalancerArn":")" + kArn + R"(","LoadBalancerName":"web","Type":"application",
       "DNSName":"web-1.us-east-1.elb.amazonaws.com","Scheme":"internet-facing","VpcId":"vpc-1",
       "CanonicalHostedZoneId":"Z35","IpAddressType":"ipv4","State":{"Code":"active"},"SecurityGroups":["sg-1"],
       "AvailabilityZones":[{"ZoneName":"us-east-1a","SubnetId":"subnet-1"},{"ZoneName":"us-east-1b","SubnetId":"subnet-2"}]},
      {"LoadBalancerArn":"arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/nlb/1","LoadBalancerName":"nlb",
       "Type":"network","Scheme":"internal","VpcId":"vpc-1","State":{"Code":"provisioning","Reason":"x"},
       "AvailabilityZones":[{"SubnetId":"subnet-1","LoadBalancerAddresses":[{"PrivateIPv4Address":"10.0.1.9"}]}]}],
    "Listeners":[{"ListenerArn":")" + kArn + R"(/1","LoadBalancerArn":")" + kArn + R"(","Port":443,
      "Protocol":"HTTPS","SslPolicy":"ELBSecurityPolicy-2016-08","DefaultActions":[{"Type":"forward"}]}]})");
  EXPECT_TRUE(n.diagnostics.items().empty()) << Diagnostics(n);
  ASSERT_EQ(n.load_balancers.size(), 2u);
  const LoadBalancer* web = n.FindLoadBalancer(kArn);
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->name, "web");
  EXPECT_EQ(web->type, "application");
  EXPECT_EQ(web->dns_name, "web-1.us-east-1.elb.amazonaws.com");
  EXPECT_EQ(web->scheme, "internet-facing");
  EXPECT_EQ(web->vpc_id, "vpc-1");
  EXPECT_EQ(web->subnet_ids, (std::vector<std::string>{"subnet-1", "subnet-2"}));
  EXPECT_EQ(web->security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(web->state, "active");
  EXPECT_TRUE(web->addresses.empty());
  const LoadBalancer& nlb = n.load_balancers[1];  // sorted by ARN: "…/app/…" before "…/net/…"
  EXPECT_EQ(nlb.type, "network");
  EXPECT_EQ(nlb.state, "provisioning");
  EXPECT_TRUE(nlb.security_group_ids.empty());
  ASSERT_EQ(nlb.addresses.size(), 1u);
  EXPECT_EQ(nlb.addresses[0].subnet_id, "subnet-1");
  EXPECT_EQ(nlb.addresses[0].private_ip, IpAddress::Parse("10.0.1.9"));
  EXPECT_FALSE(nlb.addresses[0].ip);

  auto listeners = n.ListenersOf(*web);
  ASSERT_EQ(listeners.size(), 1u);
  EXPECT_EQ(listeners[0]->port, 443);
  EXPECT_EQ(listeners[0]->protocol, "HTTPS");
  EXPECT_EQ(listeners[0]->source.path, "Listeners[0]");
  EXPECT_TRUE(n.ListenersOf(nlb).empty());
}

// Batfish's LoadBalancerListeners.json groups each load balancer's listeners under its ARN.
// A listener's forward actions name its target groups: one TargetGroupArn, or a weighted
// ForwardConfig; redirects and fixed responses forward nothing.
TEST(LoadBalancersTest, ListenerForwardActions) {
  Network n = testing::Load(R"({"Listeners":[
    {"ListenerArn":"l-1","LoadBalancerArn":"lb","Port":80,"Protocol":"HTTP","DefaultActions":[
      {"Type":"redirect","Order":1,"RedirectConfig":{"Protocol":"HTTPS","Port":"443","StatusCode":"HTTP_301"}}]},
    {"ListenerArn":"l-2","LoadBalancerArn":"lb","Port":443,"Protocol":"HTTPS","DefaultActions":[
      {"Type":"forward","TargetGroupArn":"tg-a","ForwardConfig":{"TargetGroups":[
        {"TargetGroupArn":"tg-a","Weight":1},{"TargetGroupArn":"tg-b","Weight":3}]}}]}]})");
  ASSERT_EQ(n.load_balancer_listeners.size(), 2u) << Diagnostics(n);
  EXPECT_TRUE(n.load_balancer_listeners[0].target_group_ids.empty());
  EXPECT_EQ(n.load_balancer_listeners[1].target_group_ids, (std::vector<std::string>{"tg-a", "tg-b"}));
}

TEST(LoadBalancersTest, BatfishListenerGroups) {
  Network n = testing::Load(std::string(R"({"LoadBalancerListeners":[{"LoadBalancerArn":")") + kArn + R"(",
    "Listeners":[{"ListenerArn":"l-1","LoadBalancerArn":")" + kArn + R"(","Port":80,"Protocol":"TCP"},
                 {"ListenerArn":"l-2","Port":8080,"Protocol":"TCP"}]}]})");
  ASSERT_EQ(n.load_balancer_listeners.size(), 2u);
  for (auto& l : n.load_balancer_listeners) EXPECT_EQ(l.load_balancer_id, kArn);
  EXPECT_EQ(n.load_balancer_listeners[1].port, 8080);
  EXPECT_EQ(n.load_balancer_listeners[1].source.path, "LoadBalancerListeners[0].Listeners[1]");
  // The load balancer itself is not in this snapshot.
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "LoadBalancerListeners[0].Listeners[0]", "names load balancer"));
}

TEST(LoadBalancersTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({
    "LoadBalancers":[{"LoadBalancerName":"x"},
      {"LoadBalancerArn":"lb-2","VpcId":"vpc-9","SecurityGroups":["sg-9"],
       "AvailabilityZones":[{"ZoneName":"a"},{"SubnetId":"subnet-9","LoadBalancerAddresses":[{"IpAddress":"1.2.3"}]}]}],
    "Listeners":[{"ListenerArn":"l-1","Port":80},{"ListenerArn":"l-2","LoadBalancerArn":"lb-2","Port":0},
                 {"ListenerArn":"l-3","LoadBalancerArn":"lb-2","Port":22}]})");
  ASSERT_EQ(n.load_balancers.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "load balancer"), 1u);
  EXPECT_EQ(testing::Skipped(n, "listener"), 2u);
  ASSERT_EQ(n.load_balancer_listeners.size(), 1u);
  EXPECT_EQ(n.load_balancer_listeners[0].id, "l-3");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "LoadBalancers[0].LoadBalancerArn", "")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "LoadBalancers[1].AvailabilityZones[0].SubnetId", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError,
                            "LoadBalancers[1].AvailabilityZones[1].LoadBalancerAddresses[0].IpAddress", "1.2.3"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "Listeners[0].LoadBalancerArn", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "Listeners[1].Port", "outside 1-65535"));
  for (const char* what : {"VPC vpc-9", "subnet subnet-9", "security group sg-9"})
    EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "LoadBalancers[1]", what)) << what << "\n" << Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
