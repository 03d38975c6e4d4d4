#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;
using testing::Load;
using testing::Skipped;

Network LoadEntries(std::string_view entries) {
  return Load(R"({"NetworkAcls":[{"NetworkAclId":"acl-1","VpcId":"vpc-1","Entries":)" + std::string(entries) + "}]}");
}

TEST(NetworkAclsTest, LoadsEntriesAssociationsAndDefaultFlag) {
  Network n = Load(R"({"NetworkAcls":[{"NetworkAclId":"acl-1","VpcId":"vpc-1","IsDefault":true,"OwnerId":"1","Tags":[],
    "Associations":[{"NetworkAclAssociationId":"aclassoc-1","NetworkAclId":"acl-1","SubnetId":"subnet-1"}],
    "Entries":[
      {"RuleNumber":32767,"Egress":false,"Protocol":"-1","RuleAction":"deny","CidrBlock":"0.0.0.0/0"},
      {"RuleNumber":100,"Egress":false,"Protocol":"6","RuleAction":"allow","CidrBlock":"10.0.0.0/8","PortRange":{"From":22,"To":23}},
      {"RuleNumber":101,"Egress":true,"Protocol":"1","RuleAction":"deny","CidrBlock":"0.0.0.0/0","IcmpTypeCode":{"Type":3,"Code":4}},
      {"RuleNumber":102,"Egress":true,"Protocol":"58","RuleAction":"allow","Ipv6CidrBlock":"::/0","IcmpTypeCode":{"Type":-1,"Code":-1}},
      {"RuleNumber":103,"Egress":true,"Protocol":"58","RuleAction":"allow","CidrBlock":"0.0.0.0/0"},
      {"RuleNumber":104,"Egress":true,"Protocol":"47","RuleAction":"allow","CidrBlock":"0.0.0.0/0","PortRange":{"From":1,"To":1}}]}]})");
  ASSERT_EQ(n.network_acls.size(), 1u);
  const NetworkAcl& acl = n.network_acls[0];
  EXPECT_TRUE(acl.is_default);
  EXPECT_EQ(acl.subnet_ids, std::vector<std::string>{"subnet-1"});
  ASSERT_EQ(acl.ingress.size(), 2u);
  EXPECT_EQ(acl.ingress[0].rule_number, 100u);  // sorted by Finalize
  EXPECT_TRUE(acl.ingress[0].allow);
  EXPECT_EQ(acl.ingress[0].protocol, ProtocolSelector::Only(kProtoTcp));
  EXPECT_EQ(acl.ingress[0].ports, (PortRange{22, 23}));
  EXPECT_EQ(acl.ingress[0].cidr.ToString(), "10.0.0.0/8");
  EXPECT_EQ(acl.ingress[0].source.path, "NetworkAcls[0].Entries[1]");
  EXPECT_EQ(acl.ingress[1].rule_number, 32767u);
  EXPECT_FALSE(acl.ingress[1].allow);
  EXPECT_TRUE(acl.ingress[1].protocol.all);
  ASSERT_EQ(acl.egress.size(), 4u);
  EXPECT_EQ(acl.egress[0].icmp, (IcmpTypeCode{3, 4}));
  EXPECT_EQ(acl.egress[1].cidr.family(), IpFamily::kV6);
  EXPECT_TRUE(acl.egress[1].icmp.is_all());
  EXPECT_TRUE(acl.egress[2].icmp.is_all());  // ICMPv6 with an IPv4 block: all types
  EXPECT_TRUE(acl.egress[3].ports.is_all());  // protocol 47: ports do not apply
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

TEST(NetworkAclsTest, BadEntriesAreSkippedAndSaySo) {
  Network n = LoadEntries(R"([
    {"RuleNumber":100,"Egress":false,"Protocol":"6","RuleAction":"allow","CidrBlock":"0.0.0.0/0"},
    {"RuleNumber":101,"Egress":false,"Protocol":"6","RuleAction":"allow","CidrBlock":"0.0.0.0/0","PortRange":{"From":5,"To":"x"}},
    {"RuleNumber":102,"Egress":false,"Protocol":"1","RuleAction":"allow","CidrBlock":"0.0.0.0/0"},
    {"RuleNumber":103,"Egress":false,"Protocol":"-1","RuleAction":"maybe","CidrBlock":"0.0.0.0/0"},
    {"RuleNumber":104,"Egress":false,"Protocol":"-1","RuleAction":"deny"},
    {"RuleNumber":105,"Egress":false,"Protocol":"-1","RuleAction":"deny","CidrBlock":"0.0.0.0/0","Ipv6CidrBlock":"::/0"},
    {"RuleNumber":0,"Egress":false,"Protocol":"-1","RuleAction":"deny","CidrBlock":"0.0.0.0/0"},
    {"RuleNumber":107,"Protocol":"-1","RuleAction":"deny","CidrBlock":"0.0.0.0/0"},
    {"RuleNumber":108,"Egress":true,"Protocol":"300","RuleAction":"deny","CidrBlock":"0.0.0.0/0"},
    {"RuleNumber":109,"Egress":true,"Protocol":"-1","RuleAction":"deny","CidrBlock":"0.0.0.0/0"}])");
  const std::string p = "NetworkAcls[0].Entries[";
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "0].PortRange", "required field is missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "1].PortRange.To", "expected an integer"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "2].IcmpTypeCode", "required field is missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "3].RuleAction", "neither allow nor deny"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "4]", "neither CidrBlock nor Ipv6CidrBlock"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "5]", "both CidrBlock and Ipv6CidrBlock"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "6].RuleNumber", "outside 1-32768"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "7].Egress", "required field is missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, p + "8].Protocol", "\"300\" is not a protocol"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, p + "0]", "falls to the next entry"));
  EXPECT_EQ(Skipped(n, "network ACL entry"), 9u);
  ASSERT_EQ(n.network_acls.at(0).egress.size(), 1u);
  EXPECT_EQ(n.network_acls[0].egress[0].rule_number, 109u);
}

}  // namespace
}  // namespace sgscope::ingest
