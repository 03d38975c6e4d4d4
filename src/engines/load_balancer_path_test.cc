#include "engines/load_balancer_path.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

Subnet MakeSubnet(const char* id, const char* zone) {
  Subnet s;
  s.id = id, s.availability_zone = zone, s.vpc_id = "vpc-1";
  return s;
}

NetworkInterface Eni(const char* id, const char* subnet, const char* ip, const char* instance = "") {
  NetworkInterface e;
  e.id = id, e.subnet_id = subnet, e.vpc_id = "vpc-1", e.attached_instance_id = instance, e.device_index = 0;
  e.ipv4 = {{Ip(ip), true, std::nullopt, ""}};
  return e;
}

Instance MakeInstance(const char* id, const char* eni) {
  Instance i;
  i.id = id, i.network_interface_ids = {eni};
  return i;
}

LoadBalancerTarget Target(const char* id, const char* state, int port = 8080) {
  LoadBalancerTarget t;
  t.target_group_id = "tg", t.id = id, t.state = state, t.port = port;
  return t;
}

// An NLB with a node in each of two zones and instance targets in both.
struct Fixture {
  Network n;
  Fixture(const char* type, std::vector<LoadBalancerTarget> targets, std::optional<bool> cross_zone) {
    n.subnets = {MakeSubnet("subnet-a", "us-east-1a"), MakeSubnet("subnet-b", "us-east-1b")};
    n.network_interfaces = {Eni("eni-node-a", "subnet-a", "10.0.1.5"), Eni("eni-node-b", "subnet-b", "10.0.2.5"),
                            Eni("eni-t1", "subnet-a", "10.0.1.10", "i-1"), Eni("eni-t2", "subnet-b", "10.0.2.10", "i-2")};
    n.instances = {MakeInstance("i-1", "eni-t1"), MakeInstance("i-2", "eni-t2")};
    LoadBalancer lb;
    lb.id = "lb", lb.name = "front", lb.type = type, lb.vpc_id = "vpc-1";
    n.load_balancers = {lb};
    LoadBalancerListener listener;
    listener.id = "l", listener.load_balancer_id = "lb", listener.port = 443, listener.protocol = "TCP";
    listener.target_group_ids = {"tg"};
    n.load_balancer_listeners = {listener};
    TargetGroup group;
    group.id = "tg", group.name = "tg", group.target_type = "instance", group.port = 80;
    n.target_groups = {group};
    n.load_balancer_targets = std::move(targets);
    if (cross_zone) {
      LoadBalancerAttributes a;
      a.id = "lb", a.cross_zone = cross_zone;
      n.load_balancer_attributes = {a};
    }
    n.Finalize();
  }
  LoadBalancerForward From(const char* node) {
    return ChooseTarget(n, n.load_balancers[0], n.load_balancer_listeners[0], *n.FindNetworkInterface(node));
  }
};

TEST(LoadBalancerPath, ListenersTakeTheirTransport) {
  Fixture f("network", {Target("i-1", "healthy")}, true);
  Packet tcp{Ip("10.0.9.9"), Ip("10.0.1.5"), kProtoTcp, 50000, 443, 0, 0};
  Packet udp = tcp, other_port = tcp;
  udp.protocol = kProtoUdp, other_port.dst_port = 444;
  EXPECT_NE(FindListener(f.n, f.n.load_balancers[0], tcp), nullptr);
  EXPECT_EQ(FindListener(f.n, f.n.load_balancers[0], udp), nullptr);
  EXPECT_EQ(FindListener(f.n, f.n.load_balancers[0], other_port), nullptr);
}

TEST(LoadBalancerPath, HealthyTargetsInTheNodesZoneWithoutCrossZone) {
  Fixture f("network", {Target("i-1", "healthy"), Target("i-2", "healthy")}, std::nullopt);
  LoadBalancerForward b = f.From("eni-node-b");  // NLB default: cross-zone off
  ASSERT_NE(b.target, nullptr) << b.problem;
  EXPECT_EQ(b.target_id, "i-2");
  EXPECT_EQ(b.address, Ip("10.0.2.10"));
  EXPECT_EQ(b.port, 8080);
  EXPECT_TRUE(b.others.empty());
  EXPECT_TRUE(b.preserves_client_ip);  // instance targets keep the client's address
  EXPECT_EQ(b.assumptions.size(), 2u);  // cross-zone default and client IP preservation default
  Fixture g("network", {Target("i-1", "healthy"), Target("i-2", "healthy")}, true);
  LoadBalancerForward any = g.From("eni-node-b");
  EXPECT_EQ(any.target_id, "i-1");
  EXPECT_EQ(any.others, std::vector<std::string>{"i-2"});
}

TEST(LoadBalancerPath, UnhealthyTargetsAreSkippedAndAllUnhealthyFailsOpen) {
  Fixture f("network", {Target("i-1", "unhealthy"), Target("i-2", "healthy")}, true);
  EXPECT_EQ(f.From("eni-node-a").target_id, "i-2");
  Fixture g("network", {Target("i-1", "unhealthy"), Target("i-2", "unhealthy")}, true);
  LoadBalancerForward open = g.From("eni-node-a");
  EXPECT_TRUE(open.fail_open);
  EXPECT_EQ(open.target_id, "i-1");
}

TEST(LoadBalancerPath, ApplicationLoadBalancersSendFromTheNodeAndCrossZones) {
  Fixture f("application", {Target("i-2", "healthy")}, std::nullopt);
  LoadBalancerForward a = f.From("eni-node-a");
  ASSERT_NE(a.target, nullptr) << a.problem;  // always cross-zone
  EXPECT_FALSE(a.preserves_client_ip);
}

TEST(LoadBalancerPath, ProblemsAreNamed) {
  Fixture none("network", {}, true);
  EXPECT_EQ(none.From("eni-node-a").problem, "target group tg has no registered targets in the snapshot "
                                             "(describe-target-health)");
  Fixture other_zone("network", {Target("i-2", "healthy")}, false);
  EXPECT_EQ(other_zone.From("eni-node-a").problem,
            "no target in the node's zone us-east-1a and cross-zone load balancing is off");
}

}  // namespace
}  // namespace sgscope
