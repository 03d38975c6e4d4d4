#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;
using testing::Skipped;

constexpr std::string_view kGroups = R"({"SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1",
  "IpPermissions":[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]}],
  "IpPermissionsEgress":[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"sg-2","UserId":"1"}]}]},
  {"GroupId":"sg-empty","VpcId":"vpc-1","IpPermissions":[],"IpPermissionsEgress":[]}]})";

constexpr std::string_view kRules = R"({"SecurityGroupRules":[
  {"SecurityGroupRuleId":"sgr-a","GroupId":"sg-1","GroupOwnerId":"1","IsEgress":false,"IpProtocol":"tcp",
   "FromPort":443,"ToPort":443,"CidrIpv4":"0.0.0.0/0","Description":"https"},
  {"SecurityGroupRuleId":"sgr-b","GroupId":"sg-1","IsEgress":true,"IpProtocol":"-1","FromPort":-1,"ToPort":-1,
   "ReferencedGroupInfo":{"GroupId":"sg-2","UserId":"1"}},
  {"SecurityGroupRuleId":"sgr-c","GroupId":"sg-1","IsEgress":true,"IpProtocol":"udp","FromPort":53,"ToPort":53,
   "CidrIpv4":"10.0.0.2/32"},
  {"SecurityGroupRuleId":"sgr-d","GroupId":"sg-empty","GroupOwnerId":"9","IsEgress":false,"IpProtocol":"tcp",
   "FromPort":22,"ToPort":22,"PrefixListId":"pl-1"},
  {"SecurityGroupRuleId":"sgr-e","GroupId":"sg-new","IsEgress":true,"IpProtocol":"icmpv6","FromPort":-1,"ToPort":-1,
   "CidrIpv6":"::/0"}]})";

TEST(SecurityGroupRulesTest, IdsJoinTheirRulesAndGroupsWithoutRulesTakeThem) {
  for (bool rules_first : {false, true}) {
    Network n = rules_first ? testing::LoadTwo(kRules, kGroups) : testing::LoadTwo(kGroups, kRules);
    ASSERT_EQ(n.security_groups.size(), 3u) << rules_first;
    const SecurityGroup* g = n.FindSecurityGroup("sg-1");
    ASSERT_EQ(g->ingress.size(), 1u);
    ASSERT_EQ(g->egress.size(), 1u);
    EXPECT_EQ(g->ingress[0].rule_id, "sgr-a");
    EXPECT_EQ(g->ingress[0].description, "https");
    EXPECT_EQ(g->ingress[0].source.path, "SecurityGroups[0].IpPermissions[0].IpRanges[0]");
    EXPECT_EQ(g->egress[0].rule_id, "sgr-b");
    EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "SecurityGroupRules[2]", "rule sgr-c of sg-1 has no counterpart"));

    const SecurityGroup* empty = n.FindSecurityGroup("sg-empty");
    EXPECT_EQ(empty->vpc_id, "vpc-1");
    EXPECT_EQ(empty->source.path, "SecurityGroups[1]");
    ASSERT_EQ(empty->ingress.size(), 1u);
    EXPECT_EQ(empty->ingress[0].rule_id, "sgr-d");
    EXPECT_EQ(empty->ingress[0].index, 0u);
    EXPECT_EQ(empty->owner_id, "9");

    const SecurityGroup* alone = n.FindSecurityGroup("sg-new");
    ASSERT_EQ(alone->egress.size(), 1u);
    EXPECT_EQ(alone->egress[0].protocol, ProtocolSelector::Only(kProtoIcmpv6));
    EXPECT_TRUE(alone->egress[0].icmp.is_all());
    EXPECT_EQ(alone->source.path, "SecurityGroupRules[4]");
  }
}

TEST(SecurityGroupRulesTest, LoadingTheRulesTwiceCountsThemOnce) {
  Network n = testing::LoadTwo(kRules, kRules);
  ASSERT_EQ(n.security_groups.size(), 3u);
  EXPECT_EQ(n.FindSecurityGroup("sg-1")->egress.size(), 2u);
  EXPECT_EQ(n.FindSecurityGroup("sg-new")->egress.size(), 1u);
}

TEST(SecurityGroupRulesTest, ARuleNeedsExactlyOnePeer) {
  Network n = testing::Load(R"({"SecurityGroupRules":[
    {"GroupId":"sg-1","IsEgress":false,"IpProtocol":"tcp","FromPort":1,"ToPort":1},
    {"GroupId":"sg-1","IsEgress":false,"IpProtocol":"tcp","FromPort":1,"ToPort":1,"CidrIpv4":"1.0.0.0/8","CidrIpv6":"::/0"},
    {"GroupId":"sg-1","IpProtocol":"tcp","FromPort":1,"ToPort":1,"CidrIpv4":"1.0.0.0/8"}]})");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "SecurityGroupRules[0]", "rule has no peer"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "SecurityGroupRules[1]", "more than one peer"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "SecurityGroupRules[2].IsEgress", "required field is missing"));
  EXPECT_EQ(Skipped(n, "security group rule"), 3u);
  EXPECT_TRUE(n.security_groups.empty());
}

}  // namespace
}  // namespace sgscope::ingest
