#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;
using testing::Load;
using testing::Skipped;

// One group "sg-1" whose IpPermissions are `permissions`.
Network LoadIngress(std::string_view permissions) {
  return Load(R"({"SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1","IpPermissions":)" + std::string(permissions) +
              "}]}");
}

TEST(SecurityGroupsTest, EachPeerBecomesOneRuleWithItsOwnPathAndDescription) {
  Network n = Load(R"({"SecurityGroups":[{"GroupId":"sg-1","GroupName":"web","Description":"Web","VpcId":"vpc-1",
    "OwnerId":"111122223333","Tags":[{"Key":"a","Value":"b"}],"SecurityGroupArn":"arn",
    "IpPermissions":[
      {"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]},
      {"IpProtocol":"tcp","FromPort":443,"ToPort":443,
       "IpRanges":[{"CidrIp":"10.0.0.0/8","Description":"office"},{"CidrIp":"192.168.1.1/32"}],
       "Ipv6Ranges":[{"CidrIpv6":"2001:db8::/32","Description":"v6"}],
       "PrefixListIds":[{"PrefixListId":"pl-1","Description":"s3"}],
       "UserIdGroupPairs":[{"GroupId":"sg-2","GroupName":"other","UserId":"222233334444","VpcId":"vpc-2",
                            "VpcPeeringConnectionId":"pcx-1","PeeringStatus":"active","Description":"peer"}]}],
    "IpPermissionsEgress":[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]}]})");
  ASSERT_EQ(n.security_groups.size(), 1u);
  const SecurityGroup& g = n.security_groups[0];
  EXPECT_EQ(g.name, "web");
  EXPECT_EQ(g.description, "Web");
  EXPECT_EQ(g.owner_id, "111122223333");
  EXPECT_EQ(g.source.path, "SecurityGroups[0]");
  ASSERT_EQ(g.ingress.size(), 5u);
  const char* paths[] = {"SecurityGroups[0].IpPermissions[1].IpRanges[0]", "SecurityGroups[0].IpPermissions[1].IpRanges[1]",
                         "SecurityGroups[0].IpPermissions[1].Ipv6Ranges[0]",
                         "SecurityGroups[0].IpPermissions[1].PrefixListIds[0]",
                         "SecurityGroups[0].IpPermissions[1].UserIdGroupPairs[0]"};
  for (uint32_t i = 0; i < 5; ++i) {
    EXPECT_EQ(g.ingress[i].index, i);
    EXPECT_EQ(g.ingress[i].source.path, paths[i]);
    EXPECT_EQ(g.ingress[i].direction, Direction::kIngress);
    EXPECT_EQ(g.ingress[i].protocol, ProtocolSelector::Only(kProtoTcp));
    EXPECT_EQ(g.ingress[i].ports, PortRange::Single(443));
  }
  EXPECT_EQ(g.ingress[0].description, "office");
  EXPECT_EQ(g.ingress[1].description, "");
  EXPECT_EQ(std::get<IpPrefix>(g.ingress[2].peer).ToString(), "2001:db8::/32");
  EXPECT_EQ(std::get<PrefixListReference>(g.ingress[3].peer).prefix_list_id, "pl-1");
  const auto& ref = std::get<GroupReference>(g.ingress[4].peer);
  EXPECT_EQ(ref, (GroupReference{"sg-2", "222233334444", "vpc-2", "pcx-1", "active"}));
  EXPECT_EQ(g.ingress[4].description, "peer");
  ASSERT_EQ(g.egress.size(), 1u);
  EXPECT_TRUE(g.egress[0].protocol.all);
  EXPECT_EQ(g.egress[0].direction, Direction::kEgress);
  // The permission without peers allows nothing: one info. Nothing else.
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "SecurityGroups[0].IpPermissions[0]", "allows nothing"));
  EXPECT_EQ(n.diagnostics.count(Severity::kInfo), 1u) << testing::Diagnostics(n);
  EXPECT_EQ(n.diagnostics.count(Severity::kError), 0u);
}

TEST(SecurityGroupsTest, ProtocolsByNameOrNumberInAnyCase) {
  Network n = LoadIngress(R"([{"IpProtocol":"TCP","FromPort":1,"ToPort":2,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"17","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"50","IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"-1","FromPort":-1,"ToPort":-1,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"gre","IpRanges":[{"CidrIp":"1.0.0.0/8"}]}])");
  const auto& rules = n.security_groups.at(0).ingress;
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].protocol, ProtocolSelector::Only(kProtoTcp));
  EXPECT_EQ(rules[0].ports, (PortRange{1, 2}));
  EXPECT_EQ(rules[1].protocol, ProtocolSelector::Only(kProtoUdp));
  EXPECT_EQ(rules[2].protocol, ProtocolSelector::Only(50));
  EXPECT_TRUE(rules[2].ports.is_all());
  EXPECT_TRUE(rules[3].protocol.all);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "SecurityGroups[0].IpPermissions[4].IpProtocol", "\"gre\" is not a protocol"));
  EXPECT_EQ(Skipped(n, "security group rule"), 1u);
}

TEST(SecurityGroupsTest, TcpAndUdpNeedAValidPortRange) {
  Network n = LoadIngress(R"([{"IpProtocol":"tcp","ToPort":22,"IpRanges":[{"CidrIp":"1.0.0.0/8"},{"CidrIp":"2.0.0.0/8"}]},
    {"IpProtocol":"udp","FromPort":70000,"ToPort":70000,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"tcp","FromPort":-1,"ToPort":50,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"tcp","FromPort":80,"ToPort":79,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"tcp","FromPort":22.5,"ToPort":23,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"tcp","FromPort":18446744073709551615,"ToPort":23,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"tcp","FromPort":0,"ToPort":65535,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]}])");
  const std::string p = "SecurityGroups[0].IpPermissions[";
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "0].FromPort", "required for protocol tcp but missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "1].FromPort", "port 70000 is outside 0-65535"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "2].FromPort", "port -1 is outside 0-65535"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "3].FromPort", "port range 80-79 is empty"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "4].FromPort", "expected an integer, found a number"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "5].FromPort", "integer is out of range"));
  EXPECT_EQ(Skipped(n, "security group rule"), 7u);  // the first permission had two peers
  ASSERT_EQ(n.security_groups.at(0).ingress.size(), 1u);
  EXPECT_TRUE(n.security_groups[0].ingress[0].ports.is_all());
  EXPECT_EQ(n.security_groups[0].ingress[0].index, 0u);
}

TEST(SecurityGroupsTest, IcmpPortsAreTypeAndCode) {
  Network n = LoadIngress(R"([{"IpProtocol":"icmp","FromPort":8,"ToPort":-1,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"icmp","FromPort":3,"ToPort":4,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"icmpv6","Ipv6Ranges":[{"CidrIpv6":"::/0"}]},
    {"IpProtocol":"58","FromPort":128,"ToPort":0,"Ipv6Ranges":[{"CidrIpv6":"::/0"}]},
    {"IpProtocol":"icmp","IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"icmp","FromPort":-1,"ToPort":9,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]},
    {"IpProtocol":"icmp","FromPort":256,"ToPort":0,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]}])");
  const auto& rules = n.security_groups.at(0).ingress;
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].icmp, (IcmpTypeCode{8, -1}));
  EXPECT_EQ(rules[1].icmp, (IcmpTypeCode{3, 4}));
  EXPECT_TRUE(rules[2].icmp.is_all());
  EXPECT_EQ(rules[2].protocol, ProtocolSelector::Only(kProtoIcmpv6));
  EXPECT_EQ(rules[3].icmp, (IcmpTypeCode{128, 0}));
  const std::string p = "SecurityGroups[0].IpPermissions[";
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "4].FromPort", "required for protocol icmp"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "5].ToPort", "AWS requires -1"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "6].FromPort", "outside -1-255"));
}

TEST(SecurityGroupsTest, PortsOfOtherProtocolsAreIgnoredWithANote) {
  Network n = LoadIngress(R"([{"IpProtocol":"-1","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"1.0.0.0/8"}]}])");
  ASSERT_EQ(n.security_groups.at(0).ingress.size(), 1u);
  EXPECT_TRUE(n.security_groups[0].ingress[0].ports.is_all());
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "SecurityGroups[0].IpPermissions[0].FromPort", "AWS allows all ports"));
}

TEST(SecurityGroupsTest, ABadPeerSkipsOnlyItsRule) {
  Network n = LoadIngress(R"([{"IpProtocol":"tcp","FromPort":1,"ToPort":1,
    "IpRanges":[{"CidrIp":"10.0.0.0/33"},{"CidrIp":"::/0"},{"CidrIp":"10.1.2.3/16"},{},"x"],
    "UserIdGroupPairs":[{"UserId":"1","GroupName":"classic"}]}])");
  const auto& rules = n.security_groups.at(0).ingress;
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(std::get<IpPrefix>(rules[0].peer).ToString(), "10.1.0.0/16");
  EXPECT_EQ(rules[0].source.path, "SecurityGroups[0].IpPermissions[0].IpRanges[2]");
  const std::string p = "SecurityGroups[0].IpPermissions[0].";
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "IpRanges[0].CidrIp", "is not a CIDR block"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "IpRanges[1].CidrIp", "is not an IPv4 CIDR block"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, p + "IpRanges[2].CidrIp", "canonicalised to 10.1.0.0/16"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "IpRanges[3].CidrIp", "required field is missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "IpRanges[4]", "expected an object"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "UserIdGroupPairs[0].GroupId", "required field is missing"));
  EXPECT_EQ(Skipped(n, "security group rule"), 5u);
}

TEST(SecurityGroupsTest, AGroupWithoutIdIsSkipped) {
  Network n = Load(R"({"SecurityGroups":[{"GroupName":"x"},7,{"GroupId":"sg-2"}]})");
  ASSERT_EQ(n.security_groups.size(), 1u);
  EXPECT_EQ(n.security_groups[0].id, "sg-2");
  EXPECT_EQ(Skipped(n, "security group"), 2u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "SecurityGroups[0].GroupId", "required field is missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "SecurityGroups[1]", "expected an object, found an integer"));
}

TEST(SecurityGroupsTest, UnknownFieldsAreNotedOnceWithACount) {
  Network n = Load(R"({"SecurityGroups":[{"GroupId":"sg-1","Shiny":1},{"GroupId":"sg-2","Shiny":2}]})");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "SecurityGroups[0].Shiny", "(2 times)"));
  EXPECT_EQ(n.diagnostics.items().size(), 1u);
}

}  // namespace
}  // namespace sgscope::ingest
