// Unit tests for the evaluation rules of aws-semantics.md §1-4, on networks built in code.

#include <gtest/gtest.h>

#include "engines/connection_tracking.h"
#include "engines/network_acl_evaluator.h"
#include "engines/route_lookup.h"
#include "engines/security_group_evaluator.h"

namespace sgscope {
namespace {

IpAddress A(const char* s) { return *IpAddress::Parse(s); }
IpPrefix P(const char* s) { return *IpPrefix::Parse(s); }

Packet Tcp(const char* src, const char* dst, uint16_t dport) { return {A(src), A(dst), kProtoTcp, 49152, dport}; }

SecurityGroupRule Rule(Direction d, const char* proto, PortRange ports, RulePeer peer, IcmpTypeCode icmp = {}) {
  SecurityGroupRule r;
  r.direction = d;
  r.protocol = *ProtocolSelector::Parse(proto);
  r.ports = ports;
  r.icmp = icmp;
  r.peer = std::move(peer);
  return r;
}

// Two interfaces in one VPC: eni-a (10.0.0.10, sg-a) and eni-b (10.0.1.20, sg-b).
struct Fixture {
  Network net;
  Fixture() {
    SecurityGroup a{"sg-a", "a", "", "vpc-1"}, b{"sg-b", "b", "", "vpc-1"};
    net.security_groups = {a, b};
    NetworkInterface ea, eb;
    ea.id = "eni-a", ea.vpc_id = "vpc-1", ea.subnet_id = "subnet-1", ea.group_ids = {"sg-a"};
    ea.ipv4 = {{A("10.0.0.10"), true, std::nullopt, ""}, {A("10.0.0.11"), false, std::nullopt, ""}};
    ea.ipv6 = {A("2001:db8::10")};
    eb.id = "eni-b", eb.vpc_id = "vpc-1", eb.subnet_id = "subnet-2", eb.group_ids = {"sg-b"};
    eb.ipv4 = {{A("10.0.1.20"), true, A("198.51.100.20"), "amazon"}};
    net.network_interfaces = {ea, eb};
    PrefixList pl;
    pl.id = "pl-1", pl.entries_known = true, pl.cidrs = {P("192.0.2.0/24")};
    net.prefix_lists = {pl};
  }
  SecurityGroup& Group(const char* id) { return id == std::string("sg-a") ? net.security_groups[0] : net.security_groups[1]; }
  std::vector<SecurityGroupMatch> In(const Packet& p) {
    net.Finalize();
    return MatchSecurityGroups(net, *net.FindNetworkInterface("eni-b"), Direction::kIngress, p);
  }
};

TEST(SecurityGroups, AllowOnlyUnionOfAllRules) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "tcp", {22, 22}, P("10.0.0.0/16")),
                             Rule(Direction::kIngress, "6", {20, 30}, P("10.0.0.10/32"))};
  EXPECT_EQ(f.In(Tcp("10.0.0.10", "10.0.1.20", 22)).size(), 2u);  // every allowing rule is reported
  EXPECT_EQ(f.In(Tcp("10.0.0.10", "10.0.1.20", 25)).size(), 1u);
  EXPECT_TRUE(f.In(Tcp("10.0.0.10", "10.0.1.20", 80)).empty());  // no rule: denied
}

TEST(SecurityGroups, OtherProtocolNumbersIgnorePorts) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "47", {1, 1}, P("0.0.0.0/0"))};
  Packet gre{A("10.0.0.10"), A("10.0.1.20"), 47};
  EXPECT_EQ(f.In(gre).size(), 1u);
  EXPECT_TRUE(f.In(Tcp("10.0.0.10", "10.0.1.20", 1)).empty());
}

TEST(SecurityGroups, IcmpTypeAndCode) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "icmp", {}, P("0.0.0.0/0"), {8, -1})};
  Packet echo{A("10.0.0.10"), A("10.0.1.20"), kProtoIcmp, 0, 0, 8, 0};
  Packet unreachable{A("10.0.0.10"), A("10.0.1.20"), kProtoIcmp, 0, 0, 3, 4};
  EXPECT_EQ(f.In(echo).size(), 1u);
  EXPECT_TRUE(f.In(unreachable).empty());
}

TEST(SecurityGroups, GroupReferenceMeansPrivateAddressesOfMembers) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "-1", {}, GroupReference{"sg-a"})};
  EXPECT_EQ(f.In(Tcp("10.0.0.10", "10.0.1.20", 443)).size(), 1u);
  EXPECT_EQ(f.In(Tcp("10.0.0.11", "10.0.1.20", 443)).size(), 1u);  // secondary private address (UNCONFIRMED, assumed)
  Packet v6{A("2001:db8::10"), A("2001:db8::20"), kProtoTcp, 49152, 443};
  EXPECT_EQ(f.In(v6).size(), 1u);
  EXPECT_TRUE(f.In(Tcp("10.0.0.12", "10.0.1.20", 443)).empty());  // not a member
}

TEST(SecurityGroups, GroupReferenceNeverMatchesPublicAddresses) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "-1", {}, GroupReference{"sg-b"})};
  EXPECT_TRUE(f.In(Tcp("198.51.100.20", "10.0.1.20", 443)).empty());
  EXPECT_EQ(f.In(Tcp("10.0.1.20", "10.0.1.20", 443)).size(), 1u);
}

TEST(SecurityGroups, PeerScopeNarrowsGroupReferences) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "-1", {}, GroupReference{"sg-a"})};
  f.net.Finalize();
  const NetworkInterface& b = *f.net.FindNetworkInterface("eni-b");
  const NetworkInterface& a = *f.net.FindNetworkInterface("eni-a");
  Packet p = Tcp("10.0.0.10", "10.0.1.20", 443);
  EXPECT_EQ(MatchSecurityGroups(f.net, b, Direction::kIngress, p, {true, &a}).size(), 1u);
  EXPECT_TRUE(MatchSecurityGroups(f.net, b, Direction::kIngress, p, {false, &a}).empty());  // middlebox, TGW
  // A sender that does not hold the address says nothing: every holder of it counts.
  EXPECT_EQ(MatchSecurityGroups(f.net, b, Direction::kIngress, p, {true, &b}).size(), 1u);
}

TEST(SecurityGroups, StaleReferenceMatchesNothing) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "-1", {}, GroupReference{"sg-gone"})};
  EXPECT_TRUE(f.In(Tcp("10.0.0.10", "10.0.1.20", 443)).empty());
}

TEST(SecurityGroups, PrefixListExpandsToEntries) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "tcp", {443, 443}, PrefixListReference{"pl-1"}),
                             Rule(Direction::kIngress, "tcp", {443, 443}, PrefixListReference{"pl-unknown"})};
  EXPECT_EQ(f.In(Tcp("192.0.2.7", "10.0.1.20", 443)).size(), 1u);
  EXPECT_TRUE(f.In(Tcp("192.0.3.7", "10.0.1.20", 443)).empty());
}

TEST(SecurityGroups, Ipv4RulesNeverMatchIpv6) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "-1", {}, P("0.0.0.0/0"))};
  Packet v6{A("2001:db8::99"), A("2001:db8::20"), kProtoTcp, 49152, 443};
  EXPECT_TRUE(f.In(v6).empty());
}

TEST(SecurityGroups, EgressMatchesTheDestination) {
  Fixture f;
  f.Group("sg-a").egress = {Rule(Direction::kEgress, "tcp", {443, 443}, P("10.0.1.0/24"))};
  f.net.Finalize();
  const NetworkInterface& a = *f.net.FindNetworkInterface("eni-a");
  EXPECT_EQ(MatchSecurityGroups(f.net, a, Direction::kEgress, Tcp("10.0.0.10", "10.0.1.20", 443)).size(), 1u);
  EXPECT_TRUE(MatchSecurityGroups(f.net, a, Direction::kEgress, Tcp("10.0.0.10", "10.0.2.20", 443)).empty());
}

NetworkAclEntry Entry(uint32_t n, Direction d, bool allow, const char* proto, const char* cidr, PortRange ports = {}) {
  NetworkAclEntry e;
  e.rule_number = n, e.direction = d, e.allow = allow, e.protocol = *ProtocolSelector::Parse(proto);
  e.cidr = P(cidr), e.ports = ports;
  return e;
}

TEST(NetworkAcls, FirstMatchByRuleNumberThenImplicitDeny) {
  NetworkAcl acl;
  acl.ingress = {Entry(100, Direction::kIngress, false, "6", "203.0.113.0/24", {22, 22}),
                 Entry(200, Direction::kIngress, true, "-1", "0.0.0.0/0")};
  auto denied = EvaluateNetworkAcl(acl, Direction::kIngress, Tcp("203.0.113.5", "10.0.0.1", 22));
  EXPECT_FALSE(denied.allow);
  EXPECT_EQ(denied.entry->rule_number, 100u);
  auto allowed = EvaluateNetworkAcl(acl, Direction::kIngress, Tcp("203.0.113.5", "10.0.0.1", 80));
  EXPECT_TRUE(allowed.allow);
  EXPECT_EQ(allowed.entry->rule_number, 200u);
  Packet v6{A("2001:db8::1"), A("2001:db8::2"), kProtoTcp, 1, 80};  // no IPv6 entry: implicit deny
  auto implicit = EvaluateNetworkAcl(acl, Direction::kIngress, v6);
  EXPECT_FALSE(implicit.allow);
  EXPECT_EQ(implicit.entry, nullptr);
}

TEST(NetworkAcls, EgressMatchesDestinationAndPortsAreDestinationPorts) {
  NetworkAcl acl;
  acl.egress = {Entry(100, Direction::kEgress, true, "6", "10.0.1.0/24", {1024, 65535})};
  EXPECT_TRUE(EvaluateNetworkAcl(acl, Direction::kEgress, Tcp("10.0.0.1", "10.0.1.5", 40000)).allow);
  EXPECT_FALSE(EvaluateNetworkAcl(acl, Direction::kEgress, Tcp("10.0.0.1", "10.0.1.5", 443)).allow);
  EXPECT_FALSE(EvaluateNetworkAcl(acl, Direction::kEgress, Tcp("10.0.0.1", "10.0.2.5", 40000)).allow);
}

Route R(const char* dest, RouteTargetKind kind, const char* target, bool propagated = false) {
  Route r;
  r.destination = P(dest), r.target_kind = kind, r.target_id = target, r.propagated = propagated;
  return r;
}

TEST(Routes, LongestPrefixMatchLocalAndStaticPreference) {
  Network net;
  RouteTable t;
  t.routes = {R("10.0.0.0/16", RouteTargetKind::kLocal, "local"),
              R("0.0.0.0/0", RouteTargetKind::kInternetGateway, "igw-1"),
              R("10.0.5.0/24", RouteTargetKind::kNetworkInterface, "eni-fw"),
              R("172.16.0.0/12", RouteTargetKind::kVpnGateway, "vgw-1", true),
              R("172.16.0.0/12", RouteTargetKind::kTransitGateway, "tgw-1")};
  EXPECT_EQ(LookupRoute(net, t, A("10.0.1.1"))->target_id, "local");
  EXPECT_EQ(LookupRoute(net, t, A("10.0.5.9"))->target_id, "eni-fw");
  EXPECT_EQ(LookupRoute(net, t, A("8.8.8.8"))->target_id, "igw-1");
  EXPECT_EQ(LookupRoute(net, t, A("172.16.3.3"))->target_id, "tgw-1");  // static beats propagated
  EXPECT_EQ(LookupRoute(net, t, A("2001:db8::1")), nullptr);            // IPv6 is separate
}

TEST(Routes, PrefixListDestinationsUseTheirLongestEntry) {
  Network net;
  PrefixList s3;
  s3.id = "pl-s3", s3.entries_known = true, s3.cidrs = {P("52.216.0.0/15")};
  net.prefix_lists = {s3};
  net.Finalize();
  RouteTable t;
  Route to_endpoint;
  to_endpoint.destination_prefix_list_id = "pl-s3";
  to_endpoint.target_kind = RouteTargetKind::kGatewayEndpoint;
  to_endpoint.target_id = "vpce-1";
  t.routes = {R("0.0.0.0/0", RouteTargetKind::kInternetGateway, "igw-1"), to_endpoint};
  EXPECT_EQ(LookupRoute(net, t, A("52.216.237.77"))->target_id, "vpce-1");
  EXPECT_EQ(LookupRoute(net, t, A("54.222.57.1"))->target_id, "igw-1");
}

// aws-semantics.md §2, AWS's worked example.
TEST(ConnectionTracking, UntrackedOnlyWhenOpenBothWays) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "tcp", {80, 80}, P("0.0.0.0/0")),
                             Rule(Direction::kIngress, "tcp", {22, 22}, P("203.0.113.1/32")),
                             Rule(Direction::kIngress, "icmp", {}, P("0.0.0.0/0"), {-1, -1})};
  f.Group("sg-b").egress = {Rule(Direction::kEgress, "-1", {}, P("0.0.0.0/0"))};
  auto classify = [&](const Packet& p) {
    auto matches = f.In(p);
    return ClassifyTracking(f.net, *f.net.FindNetworkInterface("eni-b"), Direction::kIngress, p, matches, false);
  };
  EXPECT_EQ(classify(Tcp("198.51.100.1", "10.0.1.20", 80)).tracking, Tracking::kUntracked);
  EXPECT_EQ(classify(Tcp("203.0.113.1", "10.0.1.20", 22)).tracking, Tracking::kTracked);
  Packet ping{A("198.51.100.1"), A("10.0.1.20"), kProtoIcmp, 0, 0, 8, 0};
  EXPECT_EQ(classify(ping).tracking, Tracking::kTracked);  // ICMP is always tracked
  f.Group("sg-b").egress.clear();                          // no all-open rule the other way
  EXPECT_EQ(classify(Tcp("198.51.100.1", "10.0.1.20", 80)).tracking, Tracking::kTracked);
}

TEST(ConnectionTracking, AutomaticallyTrackedPathsAreTracked) {
  Fixture f;
  f.Group("sg-b").ingress = {Rule(Direction::kIngress, "tcp", {80, 80}, P("0.0.0.0/0"))};
  f.Group("sg-b").egress = {Rule(Direction::kEgress, "-1", {}, P("0.0.0.0/0"))};
  Packet p = Tcp("198.51.100.1", "10.0.1.20", 80);
  auto matches = f.In(p);
  EXPECT_EQ(ClassifyTracking(f.net, *f.net.FindNetworkInterface("eni-b"), Direction::kIngress, p, matches, true).tracking,
            Tracking::kTracked);
}

}  // namespace
}  // namespace sgscope
