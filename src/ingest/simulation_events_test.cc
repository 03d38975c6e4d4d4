#include "ingest/simulation_events.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sgscope {
namespace {

// Writes `json` to a temporary file and reads it back as an events file.
SimulationEventsFile Read(std::string_view json) {
  auto path = std::filesystem::temp_directory_path() /
              ("sgscope_events_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".json");
  std::ofstream(path) << json;
  SimulationEventsFile file = LoadSimulationEvents(path, "events.json", 3);
  std::filesystem::remove(path);
  return file;
}

bool Has(const SimulationEventsFile& f, std::string_view path, std::string_view text) {
  for (const Diagnostic& d : f.diagnostics.items())
    if (d.file == "events.json" && d.path == path && d.message.find(text) != std::string::npos) return true;
  return false;
}

TEST(SimulationEventsTest, ReadsEveryKind) {
  SimulationEventsFile f = Read(R"([
    {"at": 0, "packet": {"from": "203.0.113.1", "to": "eni-1", "protocol": "udp", "port": 53, "src_port": 5000}},
    {"at": 1, "packet": {"from": "eni-1", "to": "2001:db8::1", "protocol": "icmpv6"}},
    {"at": 2, "revoke-security-group-egress": {"GroupId": "sg-1", "IpPermissions": [
      {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]}},
    {"at": 2, "create-network-acl-entry": {"NetworkAclId": "acl-1", "RuleNumber": 50, "Egress": false,
      "Protocol": "6", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}}},
    {"at": 3, "delete-network-acl-entry": {"NetworkAclId": "acl-1", "RuleNumber": 50, "Egress": true}}])");
  ASSERT_TRUE(f.usable());
  ASSERT_EQ(f.events.size(), 5u);
  auto& udp = std::get<SimulatedPacket>(f.events[0].what);
  EXPECT_EQ(udp.protocol, kProtoUdp);
  EXPECT_EQ(udp.dst_port, 53);
  EXPECT_EQ(udp.src_port, 5000);
  EXPECT_EQ(std::get<SimulatedPacket>(f.events[1].what).icmp_type, 128);  // echo request by default
  auto& revoke = std::get<SecurityGroupRuleChange>(f.events[2].what);
  EXPECT_FALSE(revoke.add);
  EXPECT_EQ(revoke.direction, Direction::kEgress);
  EXPECT_EQ(revoke.rules.size(), 2u);  // one rule per peer
  EXPECT_EQ(revoke.rules[0].source.file, 3u);
  auto& create = std::get<NetworkAclEntryChange>(f.events[3].what);
  EXPECT_EQ(create.kind, NetworkAclEntryChange::Kind::kCreate);
  EXPECT_EQ(create.entry.rule_number, 50u);
  EXPECT_FALSE(create.entry.allow);
  auto& remove = std::get<NetworkAclEntryChange>(f.events[4].what);
  EXPECT_EQ(remove.kind, NetworkAclEntryChange::Kind::kDelete);
  EXPECT_EQ(remove.entry.direction, Direction::kEgress);
  EXPECT_EQ(f.events[4].at, std::chrono::seconds(3));
  EXPECT_EQ(f.events[4].source.path, "[4]");
}

TEST(SimulationEventsTest, ErrorsNameEventAndField) {
  SimulationEventsFile f = Read(R"([
    {"at": 10, "packet": {"from": "a", "to": "b", "protocol": "sctp", "port": 1}},
    {"at": 9, "packet": {"from": "a", "protocol": "tcp", "port": 1}},
    {"at": 11, "packet": {}, "delete-network-acl-entry": {}}])");
  EXPECT_FALSE(f.usable());
  EXPECT_TRUE(Has(f, "[0].packet.protocol", "is not tcp, udp"));
  EXPECT_TRUE(Has(f, "[1].at", "before the previous event's 10"));
  EXPECT_TRUE(Has(f, "[1].packet.to", "required"));
  EXPECT_TRUE(Has(f, "[2]", "more than one kind"));
}

// AWS's default entries (32767 and up) cannot be changed, and times stay far from overflow.
TEST(SimulationEventsTest, DefaultAclEntriesAndHugeTimesAreRejected) {
  SimulationEventsFile f = Read(R"([
    {"at": 0, "replace-network-acl-entry": {"NetworkAclId": "acl-1", "RuleNumber": 32767, "Egress": false,
      "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"}},
    {"at": 1, "delete-network-acl-entry": {"NetworkAclId": "acl-1", "RuleNumber": -4294967196, "Egress": false}},
    {"at": 9223372036854775000, "packet": {"from": "eni-1", "to": "eni-2", "protocol": "icmp"}}])");
  EXPECT_FALSE(f.usable());
  EXPECT_TRUE(Has(f, "[0].replace-network-acl-entry.RuleNumber", "cannot be changed"));
  EXPECT_TRUE(Has(f, "[1].delete-network-acl-entry.RuleNumber", "cannot be changed"));
  EXPECT_TRUE(Has(f, "[2].at", "is beyond"));
}

TEST(SimulationEventsTest, NotAnArrayOrNotJson) {
  EXPECT_TRUE(Has(Read(R"({"events": []})"), "", "expected a JSON array"));
  EXPECT_TRUE(Has(Read("[{"), "", "not valid JSON"));
  SimulationEventsFile missing = LoadSimulationEvents("/nonexistent/events.json", "events.json", 0);
  EXPECT_TRUE(Has(missing, "", "cannot read"));
}

TEST(SimulationEventsTest, TextInMemoryReadsAsJsonOrYaml) {
  SimulationEventsFile json = LoadSimulationEventsFromText(
      R"([{"at": 5, "packet": {"from": "eni-1", "to": "eni-2", "port": 22}}])", "events.json", 3, false);
  SimulationEventsFile yaml =
      LoadSimulationEventsFromText("- at: 5\n  packet: {from: eni-1, to: eni-2, port: 22}\n", "events.json", 3, true);
  ASSERT_TRUE(json.usable() && yaml.usable());
  ASSERT_EQ(json.events.size(), 1u);
  ASSERT_EQ(yaml.events.size(), 1u);
  EXPECT_EQ(yaml.events[0].at, std::chrono::seconds(5));
  EXPECT_EQ(yaml.events[0].source.file, 3u);
  EXPECT_TRUE(Has(LoadSimulationEventsFromText("{},", "events.json", 3, true), "", "more than one YAML document"));
}

}  // namespace
}  // namespace sgscope
