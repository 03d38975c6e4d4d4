// Unit tests for the `why` verdicts on networks built in code: redundancy must hold on every
// interface carrying the group, a group listed twice does not cover itself, IPv4 never covers IPv6,
// and managed services that skip inbound rules take them out of the judgement.

#include "engines/why.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

IpPrefix P(const char* s) { return *IpPrefix::Parse(s); }

SecurityGroupRule Rule(Direction d, uint32_t index, const char* proto, PortRange ports, RulePeer peer) {
  SecurityGroupRule r;
  r.direction = d, r.index = index, r.protocol = *ProtocolSelector::Parse(proto), r.ports = ports;
  r.peer = std::move(peer);
  return r;
}

NetworkInterface Eni(const char* id, const char* address, std::vector<std::string> groups) {
  NetworkInterface e;
  e.id = id, e.vpc_id = "vpc-1", e.subnet_id = "subnet-1", e.group_ids = std::move(groups);
  e.attached_instance_id = std::string("i-") + id;
  e.ipv4 = {{*IpAddress::Parse(address), true, std::nullopt, ""}};
  return e;
}

// sg-a: tcp 22 from 10.0.0.0/16 and tcp 22 from ::/0; sg-wide: all from 0.0.0.0/0.
struct Fixture {
  Network net;
  Fixture() {
    SecurityGroup a{"sg-a", "a", "", "vpc-1"}, wide{"sg-wide", "wide", "", "vpc-1"};
    a.ingress = {Rule(Direction::kIngress, 0, "tcp", {22, 22}, P("10.0.0.0/16")),
                 Rule(Direction::kIngress, 1, "tcp", {22, 22}, P("::/0"))};
    wide.ingress = {Rule(Direction::kIngress, 0, "-1", {}, P("0.0.0.0/0"))};
    net.security_groups = {a, wide};
  }
  GroupWhy Explain() {
    net.Finalize();
    return *ExplainGroup(net, "sg-a");
  }
};

TEST(Why, RedundantOnlyWhenCoveredOnEveryCarrier) {
  Fixture f;
  f.net.network_interfaces = {Eni("eni-1", "10.0.0.1", {"sg-a", "sg-wide"})};
  GroupWhy covered = f.Explain();
  EXPECT_EQ(covered.rules[0].verdict, RuleVerdict::kRedundant);
  ASSERT_EQ(covered.rules[0].covers.size(), 1u);
  EXPECT_EQ(covered.rules[0].covers[0].rules[0].group_id, "sg-wide");
  EXPECT_EQ(covered.rules[1].verdict, RuleVerdict::kNeeded);  // IPv4 0.0.0.0/0 never covers ::/0

  f.net.network_interfaces.push_back(Eni("eni-2", "10.0.0.2", {"sg-a"}));
  GroupWhy partly = f.Explain();
  EXPECT_EQ(partly.rules[0].verdict, RuleVerdict::kNeeded);
  EXPECT_NE(partly.rules[0].reason.find("on eni-2"), std::string::npos);
  EXPECT_TRUE(partly.rules[0].covers.empty());
}

TEST(Why, RulesInsideEachOtherAreMarkedMutual) {
  Fixture f;
  f.net.security_groups[1].ingress.push_back(Rule(Direction::kIngress, 1, "tcp", {22, 22}, P("10.0.0.0/16")));
  f.net.network_interfaces = {Eni("eni-1", "10.0.0.1", {"sg-a", "sg-wide"})};
  GroupWhy why = f.Explain();
  ASSERT_EQ(why.rules[0].verdict, RuleVerdict::kRedundant);
  auto& rules = why.rules[0].covers[0].rules;
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_FALSE(rules[0].mutual);  // sg-wide all from 0.0.0.0/0 is wider
  EXPECT_TRUE(rules[1].mutual);   // the same rule: only one of the two may go
  EXPECT_NE(why.rules[0].reason.find("remove only one"), std::string::npos);
}

TEST(Why, AGroupListedTwiceDoesNotCoverItself) {
  Fixture f;
  f.net.network_interfaces = {Eni("eni-1", "10.0.0.1", {"sg-a", "sg-a"})};
  EXPECT_EQ(f.Explain().rules[0].verdict, RuleVerdict::kNeeded);
}

TEST(Why, LambdaInterfacesSkipInboundButNotOutbound) {
  Fixture f;
  NetworkInterface lambda = Eni("eni-l", "10.0.0.9", {"sg-a"});
  lambda.interface_type = "lambda", lambda.attached_instance_id.clear(), lambda.requester_managed = true;
  f.net.network_interfaces = {lambda};
  f.net.security_groups[0].egress = {Rule(Direction::kEgress, 0, "-1", {}, P("0.0.0.0/0"))};
  GroupWhy why = f.Explain();
  EXPECT_EQ(why.rules[0].verdict, RuleVerdict::kNotNeededManagedPath);
  ASSERT_EQ(why.rules[0].not_consulted.size(), 1u);
  EXPECT_EQ(why.rules[0].not_consulted[0].service->id, "lambda");
  EXPECT_EQ(why.rules[0].reason.find("UNCONFIRMED"), std::string::npos);  // documented by AWS
  EXPECT_EQ(why.rules[2].verdict, RuleVerdict::kNeeded);
}

TEST(Why, UnknownGroupIsNoAnswer) {
  Fixture f;
  f.net.Finalize();
  EXPECT_FALSE(ExplainGroup(f.net, "sg-none").has_value());
}

}  // namespace
}  // namespace sgscope
