#include "checks/remediation.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

SecurityGroupRule Rule(Direction d, ProtocolSelector protocol, RulePeer peer) {
  SecurityGroupRule r;
  r.direction = d, r.protocol = protocol, r.peer = std::move(peer);
  return r;
}

TEST(Remediation, RevokesByRuleIdWhenKnown) {
  SecurityGroup g;
  g.id = "sg-1";
  SecurityGroupRule r = Rule(Direction::kIngress, ProtocolSelector::Only(kProtoTcp), *IpPrefix::Parse("0.0.0.0/0"));
  r.rule_id = "sgr-0abc";
  EXPECT_EQ(RevokeRuleCommand(g, r), "aws ec2 revoke-security-group-ingress --group-id sg-1 --security-group-rule-ids sgr-0abc");
}

TEST(Remediation, RevokesByIpPermissionsOtherwise) {
  SecurityGroup g;
  g.id = "sg-1";
  SecurityGroupRule tcp = Rule(Direction::kIngress, ProtocolSelector::Only(kProtoTcp), *IpPrefix::Parse("10.0.0.0/8"));
  tcp.ports = {22, 22};
  EXPECT_EQ(RevokeRuleCommand(g, tcp),
            "aws ec2 revoke-security-group-ingress --group-id sg-1 --ip-permissions "
            "'[{\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22,\"IpRanges\":[{\"CidrIp\":\"10.0.0.0/8\"}]}]'");
  SecurityGroupRule all = Rule(Direction::kEgress, ProtocolSelector::Any(), *IpPrefix::Parse("::/0"));
  EXPECT_EQ(IpPermissionsJson(all), "[{\"IpProtocol\":\"-1\",\"Ipv6Ranges\":[{\"CidrIpv6\":\"::/0\"}]}]");
  SecurityGroupRule echo = Rule(Direction::kIngress, ProtocolSelector::Only(kProtoIcmp), GroupReference{"sg-2", "111"});
  echo.icmp = {8, -1};
  EXPECT_EQ(IpPermissionsJson(echo, "it's ping"),
            "[{\"IpProtocol\":\"icmp\",\"FromPort\":8,\"ToPort\":-1,\"UserIdGroupPairs\":[{\"GroupId\":\"sg-2\","
            "\"UserId\":\"111\",\"Description\":\"it's ping\"}]}]");
  // A quote in a description is closed, escaped and reopened for the shell.
  EXPECT_NE(DescribeRuleCommand(g, echo, "it's ping").find("it'\\''s ping"), std::string::npos);
}

TEST(Remediation, DeletesAclEntryByNumberAndDirection) {
  NetworkAcl acl;
  acl.id = "acl-1";
  NetworkAclEntry e;
  e.rule_number = 100, e.direction = Direction::kEgress;
  EXPECT_EQ(DeleteAclEntryCommand(acl, e), "aws ec2 delete-network-acl-entry --network-acl-id acl-1 --rule-number 100 --egress");
}

// The narrower replacement: one IpPermission, every peer of a kind in one list, the rule's description kept.
TEST(Remediation, AuthorizesTheRuleTowardNewPeers) {
  SecurityGroup g;
  g.id = "sg-1";
  SecurityGroupRule ssh = Rule(Direction::kIngress, ProtocolSelector::Only(kProtoTcp), *IpPrefix::Parse("0.0.0.0/0"));
  ssh.ports = {22, 22}, ssh.description = "ssh";
  EXPECT_EQ(AuthorizeRuleCommand(g, ssh, {*IpPrefix::Parse("10.0.1.0/24"), *IpPrefix::Parse("172.16.0.0/12")}),
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions '[{\"IpProtocol\":\"tcp\","
            "\"FromPort\":22,\"ToPort\":22,\"IpRanges\":[{\"CidrIp\":\"10.0.1.0/24\",\"Description\":\"ssh\"},"
            "{\"CidrIp\":\"172.16.0.0/12\",\"Description\":\"ssh\"}]}]'");
  ssh.description.clear();
  EXPECT_EQ(AuthorizeRuleCommand(g, ssh, {GroupReference{"sg-2"}}),
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions '[{\"IpProtocol\":\"tcp\","
            "\"FromPort\":22,\"ToPort\":22,\"UserIdGroupPairs\":[{\"GroupId\":\"sg-2\"}]}]'");
}

TEST(Remediation, DeletesGroupById) {
  SecurityGroup g;
  g.id = "sg-1";
  EXPECT_EQ(DeleteGroupCommand(g), "aws ec2 delete-security-group --group-id sg-1");
}

TEST(Remediation, ReplacesOneGroupOfAnInterface) {
  NetworkInterface eni;
  eni.id = "eni-1", eni.group_ids = {"sg-default", "sg-app"};
  EXPECT_EQ(ReplaceInterfaceGroupCommand(eni, "sg-default", "<group-id>"),
            "aws ec2 modify-network-interface-attribute --network-interface-id eni-1 --groups sg-app '<group-id>'");
}

}  // namespace
}  // namespace sgscope
