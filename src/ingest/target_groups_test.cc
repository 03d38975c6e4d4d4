#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Load;
using testing::LoadTwo;

// Shapes of Batfish's test-load-balancer snapshot (TargetGroups.json, LoadBalancerTargetHealth.json,
// LoadBalancerAttributes.json), trimmed.
constexpr const char* kTargetGroups = R"({"TargetGroups": [{
  "HealthCheckEnabled": true, "HealthCheckPort": "traffic-port", "HealthCheckProtocol": "TCP",
  "LoadBalancerArns": ["arn:aws:elasticloadbalancing:us-east-2:1:loadbalancer/net/test-lb/725b"],
  "Port": 80, "Protocol": "TCP", "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-2:1:targetgroup/tg/8e89",
  "TargetGroupName": "tg", "TargetType": "instance", "VpcId": "vpc-1"}]})";

TEST(TargetGroupsTest, GroupsTargetsAndAttributes) {
  Network n = LoadTwo(kTargetGroups, R"({"LoadBalancerTargetHealth": [{
      "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-2:1:targetgroup/tg/8e89",
      "TargetHealthDescriptions": [
        {"HealthCheckPort": "22", "Target": {"Id": "i-2", "Port": 22}, "TargetHealth": {"State": "healthy"}},
        {"Target": {"Id": "10.0.0.5", "Port": 8080, "AvailabilityZone": "all"},
         "TargetHealth": {"State": "unhealthy", "Reason": "Target.FailedHealthChecks"}},
        {"Target": {"Port": 22}},
        "garbage"]}],
    "LoadBalancerAttributes": [{"LoadBalancerArn": "arn:lb", "Attributes": [
        {"Key": "load_balancing.cross_zone.enabled", "Value": "true"}, {"Key": "deletion_protection.enabled", "Value": "false"}]}]})");
  ASSERT_EQ(n.target_groups.size(), 1u) << testing::Diagnostics(n);
  const TargetGroup& g = n.target_groups[0];
  EXPECT_EQ(g.name, "tg");
  EXPECT_EQ(g.protocol, "TCP");
  EXPECT_EQ(*g.port, 80);
  EXPECT_EQ(g.target_type, "instance");
  ASSERT_EQ(g.load_balancer_arns.size(), 1u);
  ASSERT_EQ(n.load_balancer_targets.size(), 2u);
  EXPECT_EQ(n.load_balancer_targets[0].id, "i-2");
  EXPECT_EQ(*n.load_balancer_targets[0].port, 22);
  EXPECT_EQ(n.load_balancer_targets[0].state, "healthy");
  EXPECT_EQ(n.load_balancer_targets[1].availability_zone, "all");
  EXPECT_EQ(n.load_balancer_targets[1].source.path, "LoadBalancerTargetHealth[0].TargetHealthDescriptions[1]");
  // A target without an id and a non-object are reported and skipped; the rest loads.
  EXPECT_EQ(n.diagnostics.skipped().at("load balancer target"), 2u);
  ASSERT_NE(n.FindLoadBalancerAttributes("arn:lb"), nullptr);
  EXPECT_TRUE(*n.FindLoadBalancerAttributes("arn:lb")->cross_zone);
}

TEST(TargetGroupsTest, TargetsOfAnUnknownGroupAreWarnedAbout) {
  Network n = Load(R"({"LoadBalancerTargetHealth": [{"TargetGroupArn": "arn:nope",
      "TargetHealthDescriptions": [{"Target": {"Id": "i-1"}}]}]})");
  EXPECT_EQ(n.load_balancer_targets.size(), 1u);
  EXPECT_TRUE(testing::HasDiagnostic(n, Severity::kWarning, "LoadBalancerTargetHealth[0].TargetHealthDescriptions[0]",
                                     "target group arn:nope"));
}

}  // namespace
}  // namespace sgscope::ingest
