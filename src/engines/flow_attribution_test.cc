#include "engines/flow_attribution.h"

#include <gtest/gtest.h>

#include "ingest/flow_log_line.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

// The bundled Client VPN example: app 10.30.10.10 (sg ...63), bastion 10.30.0.20 (...65), db 10.30.20.30
// (...64), controllers 10.30.30.10 / 10.30.31.10 (...66), the Client VPN interface 10.30.40.25 (...62).
const Network& Example() {
  static const Network network = LoadSnapshot(std::string(SGSCOPE_SOURCE_DIR) + "/examples/clientvpn-ad");
  return network;
}

constexpr const char* kV5 =
    "version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status "
    "tcp-flags pkt-srcaddr pkt-dstaddr flow-direction";

// Parses one line of `fields` and attributes it.
struct Attributed {
  FlowBatch batch;
  FlowAttribution a;
};

Attributed AttributeWith(const FlowAttributor& attributor, const std::string& line, const char* fields = kV5) {
  std::string error;
  auto format = ingest::FlowLogFormat::Parse(fields, error);
  Attributed out;
  out.batch.buffer = line;
  out.batch.records.resize(1);
  EXPECT_EQ(ingest::ParseFlowLine(line, *format, 0, out.batch.records[0], error), ingest::LineKind::kRecord) << error;
  out.a = attributor.Attribute(out.batch, out.batch.records[0]);
  return out;
}

Attributed Attribute(const std::string& line, const char* fields = kV5) {
  static const FlowAttributor attributor(Example());
  return AttributeWith(attributor, line, fields);
}

std::vector<std::string> Rules(const FlowAttribution& a) {
  std::vector<std::string> out;
  for (auto& m : a.rules) out.push_back(m.group->id + " " + DirectionName(m.rule->direction) + " " + std::to_string(m.rule->index));
  return out;
}

const std::string kApp = "eni-0c1a2b3c4d5e60051", kDb = "eni-0c1a2b3c4d5e60053", kDc1 = "eni-0c1a2b3c4d5e60054",
                  kVpn = "eni-0c1a2b3c4d5e60056", kBastion = "eni-0c1a2b3c4d5e60052", kNat = "eni-0c1a2b3c4d5e60059";

TEST(FlowAttribution, SynCreditsEveryAllowingRule) {
  // VPN users reach the app as the Client VPN interface's address: both the rule naming the VPN group and
  // the old rule naming the VPN subnet allow it, and both are credited.
  auto r = Attribute("5 " + kApp + " 10.30.40.25 10.30.10.10 51000 443 6 10 1800 100 160 ACCEPT OK 2 - - ingress");
  EXPECT_EQ(r.a.role, FlowRole::kInitiator);
  EXPECT_EQ(r.a.basis, RoleBasis::kTcpFlags);
  EXPECT_EQ(Rules(r.a), (std::vector<std::string>{"sg-0c1a2b3c4d5e60063 ingress 0", "sg-0c1a2b3c4d5e60063 ingress 2"}));
  EXPECT_EQ(r.a.unexplained, Unexplained::kNone);
  ASSERT_NE(r.a.acl, nullptr);  // the vpn subnet is another subnet: the app subnet's ACL judges it
  EXPECT_TRUE(r.a.acl_verdict.allow);
}

TEST(FlowAttribution, SynAckIsAnAnswerAndCreditsNothing) {
  auto r = Attribute("5 " + kApp + " 10.30.10.10 10.30.40.25 443 51000 6 12 9000 100 160 ACCEPT OK 18 - - egress");
  EXPECT_EQ(r.a.role, FlowRole::kResponse);
  EXPECT_EQ(r.a.basis, RoleBasis::kTcpFlags);
  EXPECT_TRUE(r.a.rules.empty());
  EXPECT_EQ(r.a.unexplained, Unexplained::kNone);
}

TEST(FlowAttribution, VersionTwoRecordsUseAddressesAndPorts) {
  const char* v2 = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
  // Inbound (dstaddr is the app's); both readings allowed (the app's egress allows all), so the lower port
  // is the service.
  auto in = Attribute("2 1 " + kApp + " 10.30.40.25 10.30.10.10 51000 443 6 10 1800 100 160 ACCEPT OK", v2);
  EXPECT_EQ(in.a.direction, Direction::kIngress);
  EXPECT_EQ(in.a.basis, RoleBasis::kPorts);
  EXPECT_EQ(in.a.role, FlowRole::kInitiator);
  auto out = Attribute("2 1 " + kApp + " 10.30.10.10 10.30.40.25 443 51000 6 10 1800 100 160 ACCEPT OK", v2);
  EXPECT_EQ(out.a.direction, Direction::kEgress);
  EXPECT_EQ(out.a.role, FlowRole::kResponse);
  auto neither = Attribute("2 1 " + kApp + " 10.1.1.1 10.2.2.2 51000 443 6 10 1800 100 160 ACCEPT OK", v2);
  EXPECT_EQ(neither.a.unexplained, Unexplained::kNotInterfaceAddress);
}

TEST(FlowAttribution, OnlyOneReadingAllowedDecides) {
  // DNS answer at the Client VPN interface: its inbound rules (443 only) cannot open it, its outbound udp 53
  // rule toward the controllers' group opened the request.
  auto r = Attribute("5 " + kVpn + " 10.30.30.10 10.30.40.25 53 40001 17 1 90 100 160 ACCEPT OK - - - ingress");
  EXPECT_EQ(r.a.basis, RoleBasis::kRules);
  EXPECT_EQ(r.a.role, FlowRole::kResponse);
  auto q = Attribute("5 " + kVpn + " 10.30.40.25 10.30.30.10 40001 53 17 1 60 100 160 ACCEPT OK - - - egress");
  EXPECT_EQ(q.a.role, FlowRole::kInitiator);
  EXPECT_EQ(Rules(q.a), std::vector<std::string>{"sg-0c1a2b3c4d5e60062 egress 2"});  // group reference
}

TEST(FlowAttribution, RejectNamesTheGroups) {
  auto r = Attribute("5 " + kDb + " 10.30.40.25 10.30.20.30 51010 5432 6 3 180 100 160 REJECT OK 2 - - ingress");
  EXPECT_TRUE(r.a.groups_deny);
  EXPECT_TRUE(r.a.acl_verdict.allow);
  EXPECT_EQ(r.a.unexplained, Unexplained::kNone);
  // Rejected although the db group allows the app: nothing in the snapshot explains it.
  auto late = Attribute("5 " + kDb + " 10.30.10.10 10.30.20.30 33000 5432 6 3 180 100 160 REJECT OK 2 - - ingress");
  EXPECT_FALSE(late.a.groups_deny);
  EXPECT_EQ(late.a.unexplained, Unexplained::kRejectNotExplained);
}

TEST(FlowAttribution, AcceptedWithoutAnAllowingRuleIsUnexplained) {
  auto r = Attribute("5 " + kDb + " 10.30.40.25 10.30.20.30 51010 5432 6 3 180 100 160 ACCEPT OK 2 - - ingress");
  EXPECT_EQ(r.a.unexplained, Unexplained::kNoRuleAllows);
  EXPECT_TRUE(r.a.rules.empty());
}

TEST(FlowAttribution, PacketAddressesWin) {
  // srcaddr shows something else (as for a NAT gateway's translation); pkt-srcaddr is the real peer.
  auto r = Attribute("5 " + kApp + " 10.30.0.50 10.30.10.10 51000 22 6 1 60 100 160 ACCEPT OK 2 10.30.0.20 10.30.10.10 ingress");
  EXPECT_EQ(r.a.peer, *IpAddress::Parse("10.30.0.20"));
  EXPECT_EQ(Rules(r.a), std::vector<std::string>{"sg-0c1a2b3c4d5e60063 ingress 1"});  // 22 from the bastion group
}

TEST(FlowAttribution, SameSubnetMeetsNoAcl) {
  auto r = Attribute("5 " + kBastion + " 10.30.0.50 10.30.0.20 51000 22 6 1 60 100 160 REJECT OK 2 - - ingress");
  EXPECT_EQ(r.a.acl, nullptr);
  EXPECT_TRUE(r.a.groups_deny);
  // A NAT gateway's interface has no groups: nothing to credit, nothing to deny.
  auto nat = Attribute("5 " + kNat + " 10.30.10.10 10.30.0.50 51000 443 6 1 60 100 160 ACCEPT OK 2 - - ingress");
  EXPECT_TRUE(nat.a.rules.empty());
  EXPECT_EQ(nat.a.unexplained, Unexplained::kNone);
}

TEST(FlowAttribution, IcmpIsReadAsEcho) {
  auto r = Attribute("5 " + kDc1 + " 10.30.10.10 10.30.30.10 0 0 1 4 336 100 160 ACCEPT OK - - - ingress");
  EXPECT_TRUE(r.a.icmp_assumed_echo);
  EXPECT_EQ(r.a.role, FlowRole::kInitiator);
  EXPECT_EQ(Rules(r.a), std::vector<std::string>{"sg-0c1a2b3c4d5e60066 ingress 0"});
}

TEST(FlowAttribution, UnknownInterface) {
  auto r = Attribute("5 eni-0fffffffffffffff0 10.30.40.25 10.30.10.10 51000 443 6 10 1800 100 160 ACCEPT OK 2 - - ingress");
  EXPECT_EQ(r.a.unexplained, Unexplained::kUnknownInterface);
  EXPECT_EQ(r.a.eni, nullptr);
}

// Ids of every length up to 40, each beside one differing in its last character only: short
// ids are keyed inline, copied in two overlapping pieces, and none may be taken for another.
TEST(FlowAttribution, FindsInterfacesByIdsOfEveryLength) {
  const std::string text = "eni-0123456789abcdef0123456789abcdef01234";
  Network network;
  for (size_t n = 1; n <= 40; ++n)
    for (char last : {'x', 'y'}) {
      NetworkInterface eni;
      eni.id = text.substr(0, n - 1) + last;
      network.network_interfaces.push_back(eni);
    }
  network.Finalize();
  const FlowAttributor attributor(network);
  for (const NetworkInterface& eni : network.network_interfaces) {
    std::string id = eni.id;  // a copy: the lookup may not lean on the model's own string
    EXPECT_EQ(attributor.FindInterface(id), &eni) << id;
  }
  EXPECT_EQ(attributor.FindInterface(text.substr(0, 21)), nullptr);
}

// tests/data/snapshots/long_rule_lists: the app group has 70 rules a direction and the ACL 71 entries,
// the first 66 of each unrelated, so what decides lies past the 64 a list index holds.
TEST(FlowAttribution, RulesAndAclEntriesPastTheSixtyFourth) {
  static const Network network =
      LoadSnapshot(std::string(SGSCOPE_SOURCE_DIR) + "/tests/data/snapshots/long_rule_lists");
  static const FlowAttributor attributor(network);
  const std::string app = "eni-0f000000000000a1";
  auto https = AttributeWith(attributor, "5 " + app + " 10.60.2.50 10.60.1.10 40000 443 6 5 900 100 160 ACCEPT OK 2 - - ingress");
  EXPECT_EQ(Rules(https.a), (std::vector<std::string>{"sg-0f0000000000000a ingress 66", "sg-0f0000000000000a ingress 67"}));
  ASSERT_NE(https.a.acl_verdict.entry, nullptr);
  EXPECT_EQ(https.a.acl_verdict.entry->rule_number, 210u);
  // Echo from the client the ACL singles out: both ICMP-typed entries and rules are asked of themselves.
  auto echo = AttributeWith(attributor, "5 " + app + " 10.60.2.50 10.60.1.10 0 0 1 1 84 100 160 REJECT OK - - - ingress");
  EXPECT_EQ(echo.a.unexplained, Unexplained::kNone);
  EXPECT_FALSE(echo.a.groups_deny);
  ASSERT_NE(echo.a.acl_verdict.entry, nullptr);
  EXPECT_EQ(echo.a.acl_verdict.entry->rule_number, 200u);
  auto other = AttributeWith(attributor, "5 " + app + " 10.60.2.60 10.60.1.10 0 0 1 1 84 100 160 ACCEPT OK - - - ingress");
  EXPECT_EQ(Rules(other.a), (std::vector<std::string>{"sg-0f0000000000000a ingress 67", "sg-0f0000000000000a ingress 68"}));
  EXPECT_EQ(other.a.acl_verdict.entry->rule_number, 210u);
  // From the internet to 8443 (the last rule); high ports pass the ACL by entry 220 both ways.
  auto user = AttributeWith(attributor, "5 " + app + " 10.60.1.10 198.51.100.7 8443 50000 6 5 900 100 160 ACCEPT OK 18 - - egress");
  EXPECT_EQ(user.a.role, FlowRole::kResponse);
  EXPECT_EQ(user.a.acl_verdict.entry->rule_number, 220u);
  auto opening = AttributeWith(attributor, "5 " + app + " 198.51.100.7 10.60.1.10 50000 8443 6 5 900 100 160 ACCEPT OK 2 - - ingress");
  EXPECT_EQ(Rules(opening.a), std::vector<std::string>{"sg-0f0000000000000a ingress 69"});
  EXPECT_EQ(opening.a.acl_verdict.entry->rule_number, 220u);
}

}  // namespace
}  // namespace sgscope
