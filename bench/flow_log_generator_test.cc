// Tests of the synthetic flow log generator and its ground truth. The oracle is proved on a
// tiny hand-built network (group reference, prefix list, IPv6, all traffic, ICMP, ACL
// order, implicit deny, same subnet); the generated logs of every test snapshot, the
// examples, that tiny network and a generated size-S snapshot are read back with the
// project's flow log reader and must say what truth.jsonl says; same seed, same bytes.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <simdjson.h>
#include <sstream>

#include "flow_log_writer.h"
#include "flow_truth.h"
#include "ingest/flow_log_line.h"
#include "ingest/flow_log_reader.h"
#include "ingest/snapshot_loader.h"
#include "snapshot_generator.h"

namespace sgscope::bench {
namespace {

namespace fs = std::filesystem;

IpAddress A(const char* text) { return *IpAddress::Parse(text); }
IpPrefix P(const char* text) { return *IpPrefix::Parse(text); }

SecurityGroupRule Rule(Direction d, uint32_t index, ProtocolSelector protocol, PortRange ports, RulePeer peer,
                       IcmpTypeCode icmp = {}) {
  SecurityGroupRule rule;
  rule.direction = d, rule.index = index, rule.protocol = protocol, rule.ports = ports, rule.peer = std::move(peer);
  rule.icmp = icmp;
  return rule;
}

NetworkAclEntry Entry(uint32_t number, Direction d, bool allow, ProtocolSelector protocol, const char* cidr,
                      PortRange ports = PortRange::All()) {
  NetworkAclEntry entry;
  entry.rule_number = number, entry.direction = d, entry.allow = allow, entry.protocol = protocol;
  entry.cidr = P(cidr), entry.ports = ports;
  return entry;
}

NetworkInterface Eni(const char* id, const char* subnet, std::vector<const char*> v4, std::vector<const char*> groups,
                     std::vector<const char*> v6 = {}) {
  NetworkInterface eni;
  eni.id = id, eni.vpc_id = "vpc-1", eni.subnet_id = subnet, eni.availability_zone = "us-east-1a";
  for (size_t i = 0; i < v4.size(); ++i) eni.ipv4.push_back({A(v4[i]), i == 0, std::nullopt, ""});
  for (const char* a : v6) eni.ipv6.push_back(A(a));
  for (const char* g : groups) eni.group_ids.push_back(g);
  return eni;
}

// vpc-1 10.0.0.0/16 + 2600:1f18::/56. subnet-a (10.0.1.0/24, 2600:1f18:0:1::/64) has
// acl-a: in 50 deny tcp 443 from 203.0.113.0/24, 100 allow all IPv4; out 100 allow all
// IPv4; no IPv6 entry. subnet-b (10.0.2.0/24) has acl-b: in 100 allow tcp 443 only.
// sg-web on eni-web (10.0.1.10, secondary 10.0.1.11, 2600:1f18:0:1::10): in [0] tcp 443
// 0.0.0.0/0, [1] tcp 22 sg-admin, [2] tcp 5432 pl-1 (192.0.2.0/24), [3] tcp 443 ::/0,
// [4] all 10.0.2.0/24, [5] icmp type 8 0.0.0.0/0; out [0] all 0.0.0.0/0. sg-admin (out all
// IPv4) on eni-admin (10.0.2.20, subnet-b), eni-peer (10.0.1.30, subnet-a) and eni-far
// (172.16.0.5 in vpc-2); eni-other (10.0.2.40, subnet-b) carries sg-web.
Network TinyNetwork() {
  Network net;
  Vpc vpc;
  vpc.id = "vpc-1", vpc.cidrs = {P("10.0.0.0/16"), P("2600:1f18::/56")};
  net.vpcs.push_back(vpc);
  Subnet a, b;
  a.id = "subnet-a", a.vpc_id = "vpc-1", a.cidrs = {P("10.0.1.0/24"), P("2600:1f18:0:1::/64")};
  b.id = "subnet-b", b.vpc_id = "vpc-1", b.cidrs = {P("10.0.2.0/24")};
  net.subnets = {a, b};
  auto tcp = ProtocolSelector::Only(kProtoTcp);
  NetworkAcl acl_a, acl_b;
  acl_a.id = "acl-a", acl_a.vpc_id = "vpc-1", acl_a.subnet_ids = {"subnet-a"};
  acl_a.ingress = {Entry(50, Direction::kIngress, false, tcp, "203.0.113.0/24", PortRange::Single(443)),
                   Entry(100, Direction::kIngress, true, ProtocolSelector::Any(), "0.0.0.0/0")};
  acl_a.egress = {Entry(100, Direction::kEgress, true, ProtocolSelector::Any(), "0.0.0.0/0")};
  acl_b.id = "acl-b", acl_b.vpc_id = "vpc-1", acl_b.subnet_ids = {"subnet-b"};
  acl_b.ingress = {Entry(100, Direction::kIngress, true, tcp, "0.0.0.0/0", PortRange::Single(443))};
  acl_b.egress = {Entry(100, Direction::kEgress, true, ProtocolSelector::Any(), "0.0.0.0/0")};
  net.network_acls = {acl_a, acl_b};
  SecurityGroup web, admin;
  web.id = "sg-web", web.vpc_id = "vpc-1";
  web.ingress = {Rule(Direction::kIngress, 0, tcp, PortRange::Single(443), P("0.0.0.0/0")),
                 Rule(Direction::kIngress, 1, tcp, PortRange::Single(22), GroupReference{"sg-admin"}),
                 Rule(Direction::kIngress, 2, tcp, PortRange::Single(5432), PrefixListReference{"pl-1"}),
                 Rule(Direction::kIngress, 3, tcp, PortRange::Single(443), P("::/0")),
                 Rule(Direction::kIngress, 4, ProtocolSelector::Any(), PortRange::All(), P("10.0.2.0/24")),
                 Rule(Direction::kIngress, 5, ProtocolSelector::Only(kProtoIcmp), PortRange::All(), P("0.0.0.0/0"),
                      IcmpTypeCode{8, -1})};
  web.egress = {Rule(Direction::kEgress, 0, ProtocolSelector::Any(), PortRange::All(), P("0.0.0.0/0"))};
  admin.id = "sg-admin", admin.vpc_id = "vpc-1";
  admin.egress = {Rule(Direction::kEgress, 0, ProtocolSelector::Any(), PortRange::All(), P("0.0.0.0/0"))};
  net.security_groups = {web, admin};
  PrefixList pl;
  pl.id = "pl-1", pl.entries_known = true, pl.cidrs = {P("192.0.2.0/24")};
  net.prefix_lists.push_back(pl);
  net.network_interfaces = {Eni("eni-web", "subnet-a", {"10.0.1.10", "10.0.1.11"}, {"sg-web"}, {"2600:1f18:0:1::10"}),
                            Eni("eni-admin", "subnet-b", {"10.0.2.20"}, {"sg-admin"}),
                            Eni("eni-peer", "subnet-a", {"10.0.1.30"}, {"sg-admin"}),
                            Eni("eni-other", "subnet-b", {"10.0.2.40"}, {"sg-web"}),
                            Eni("eni-far", "subnet-far", {"172.16.0.5"}, {"sg-admin"})};
  net.network_interfaces.back().vpc_id = "vpc-2";
  net.Finalize();
  return net;
}

Packet Tcp(const char* src, const char* dst, uint16_t dst_port) {
  return Packet{A(src), A(dst), kProtoTcp, 40000, dst_port, 0, 0};
}

// The index of every rule the oracle names for `p`.
std::vector<uint32_t> Indexes(const std::vector<RuleHit>& hits) {
  std::vector<uint32_t> indexes;
  for (auto& hit : hits) indexes.push_back(hit.index);
  return indexes;
}

class TinyNetworkTruth : public ::testing::Test {
 protected:
  const NetworkInterface& Eni(const char* id) { return *net.FindNetworkInterface(id); }
  std::vector<uint32_t> InRules(const Packet& p) {
    return Indexes(oracle.AllowingRules(Eni("eni-web"), Direction::kIngress, p));
  }
  Network net = TinyNetwork();
  FlowTruthOracle oracle{net};
};

using Ids = std::vector<uint32_t>;

TEST_F(TinyNetworkTruth, GroupReferenceCoversTheMembersPrivateAddresses) {
  EXPECT_EQ(InRules(Tcp("10.0.2.20", "10.0.1.10", 22)), (Ids{1, 4}));  // eni-admin: the reference and all-traffic
  EXPECT_EQ(InRules(Tcp("10.0.1.30", "10.0.1.10", 22)), (Ids{1}));     // eni-peer carries sg-admin too
  EXPECT_EQ(InRules(Tcp("10.0.2.99", "10.0.1.10", 22)), (Ids{4}));     // no interface there
  EXPECT_EQ(InRules(Tcp("10.0.2.40", "10.0.1.10", 22)), (Ids{4}));     // eni-other lacks sg-admin
  EXPECT_EQ(InRules(Tcp("172.16.0.5", "10.0.1.10", 22)), (Ids{}));     // a member in another VPC
  EXPECT_EQ(InRules(Tcp("10.0.3.5", "10.0.1.10", 22)), (Ids{}));
}

TEST_F(TinyNetworkTruth, PrefixListPeer) {
  EXPECT_EQ(InRules(Tcp("192.0.2.77", "10.0.1.10", 5432)), (Ids{2}));
  EXPECT_EQ(InRules(Tcp("198.51.100.1", "10.0.1.10", 5432)), (Ids{}));
}

TEST_F(TinyNetworkTruth, Ipv6RulesMatchOnlyIpv6) {
  EXPECT_EQ(InRules(Tcp("2001:db8::1", "2600:1f18:0:1::10", 443)), (Ids{3}));
  EXPECT_EQ(InRules(Tcp("203.0.114.9", "10.0.1.10", 443)), (Ids{0}));
}

TEST_F(TinyNetworkTruth, AllTrafficRuleMatchesEveryProtocolAndPort) {
  Packet udp{A("10.0.2.5"), A("10.0.1.10"), kProtoUdp, 40000, 9999, 0, 0};
  Packet gre{A("10.0.2.5"), A("10.0.1.10"), 47, 0, 0, 0, 0};
  EXPECT_EQ(InRules(udp), (Ids{4}));
  EXPECT_EQ(InRules(gre), (Ids{4}));
  EXPECT_EQ(InRules(Tcp("10.0.2.5", "10.0.1.10", 443)), (Ids{0, 4}));
}

TEST_F(TinyNetworkTruth, IcmpRuleMatchesItsTypeAndFamilyOnly) {
  Packet echo{A("198.51.100.1"), A("10.0.1.10"), kProtoIcmp, 0, 0, 8, 0};
  Packet reply = echo, echo6{A("2001:db8::1"), A("2600:1f18:0:1::10"), kProtoIcmpv6, 0, 0, 128, 0};
  reply.icmp_type = 0;
  EXPECT_EQ(InRules(echo), (Ids{5}));
  EXPECT_EQ(InRules(reply), (Ids{}));
  EXPECT_EQ(InRules(echo6), (Ids{}));
}

TEST_F(TinyNetworkTruth, LowerNumberedAclDenyBeatsTheAllow) {
  Packet p = Tcp("203.0.113.5", "10.0.1.10", 443);
  EXPECT_EQ(InRules(p), (Ids{0}));  // the group allows it
  RecordVerdict v = oracle.Evaluate(Eni("eni-web"), Direction::kIngress, FlowRole::kInitiator, p);
  EXPECT_EQ(v.action, FlowAction::kReject);
  EXPECT_EQ(v.denied_by, "network-acl");
  EXPECT_EQ(v.acl, (AclHit{"acl-a", Direction::kIngress, 50, false}));
  EXPECT_TRUE(v.rules.empty());
  v = oracle.Evaluate(Eni("eni-web"), Direction::kIngress, FlowRole::kInitiator, Tcp("203.0.114.5", "10.0.1.10", 443));
  EXPECT_EQ(v.action, FlowAction::kAccept);
  EXPECT_EQ(v.acl, (AclHit{"acl-a", Direction::kIngress, 100, true}));
  EXPECT_EQ(Indexes(v.rules), (Ids{0}));
}

TEST_F(TinyNetworkTruth, ImplicitDenyPerFamily) {
  Packet dns{A("10.0.1.10"), A("10.0.2.20"), kProtoUdp, 40000, 53, 0, 0};
  RecordVerdict v = oracle.Evaluate(Eni("eni-admin"), Direction::kIngress, FlowRole::kInitiator, dns);
  EXPECT_EQ(v.acl, (AclHit{"acl-b", Direction::kIngress, kImplicitDenyV4, false}));
  EXPECT_EQ(v.denied_by, "network-acl");  // sg-admin has no ingress rule either: the ACL comes first
  v = oracle.Evaluate(Eni("eni-web"), Direction::kIngress, FlowRole::kInitiator, Tcp("2001:db8::1", "2600:1f18:0:1::10", 443));
  EXPECT_EQ(v.acl, (AclHit{"acl-a", Direction::kIngress, kImplicitDenyV6, false}));
}

TEST_F(TinyNetworkTruth, SameSubnetPeerCrossesNoAcl) {
  RecordVerdict v = oracle.Evaluate(Eni("eni-web"), Direction::kIngress, FlowRole::kInitiator, Tcp("10.0.1.30", "10.0.1.10", 22));
  EXPECT_FALSE(v.acl.has_value());
  EXPECT_EQ(v.action, FlowAction::kAccept);
  EXPECT_EQ(Indexes(v.rules), (Ids{1}));
}

TEST_F(TinyNetworkTruth, ResponsesNeedNoRuleButMeetTheAcl) {
  // eni-admin answers a 443 connection from eni-web: tracked, no ingress rule needed there.
  Packet response = Tcp("10.0.1.10", "10.0.2.20", 443).Reversed();
  RecordVerdict v = oracle.Evaluate(Eni("eni-admin"), Direction::kEgress, FlowRole::kResponse, response);
  EXPECT_EQ(v.action, FlowAction::kAccept);
  EXPECT_TRUE(v.rules.empty());
  // The response to eni-web's egress 443 comes back to port 40000: acl-b's ingress only allows 443.
  Packet back{A("10.0.1.10"), A("10.0.2.20"), kProtoTcp, 443, 40000, 0, 0};
  v = oracle.Evaluate(Eni("eni-admin"), Direction::kIngress, FlowRole::kResponse, back);
  EXPECT_EQ(v.action, FlowAction::kReject);
  EXPECT_EQ(v.denied_by, "network-acl");
  EXPECT_EQ(v.acl, (AclHit{"acl-b", Direction::kIngress, kImplicitDenyV4, false}));
}

TEST_F(TinyNetworkTruth, EgressGroupsComeBeforeTheAcl) {
  // eni-admin has no rule for IPv6; subnet-b's ACL has no IPv6 entry: the groups are named.
  Packet p = Tcp("10.0.2.20", "2001:db8::1", 443);
  p.src = A("2600:1f18::20");
  RecordVerdict v = oracle.Evaluate(Eni("eni-admin"), Direction::kEgress, FlowRole::kInitiator, p);
  EXPECT_EQ(v.denied_by, "security-groups");
  EXPECT_EQ(v.acl, (AclHit{"acl-b", Direction::kEgress, kImplicitDenyV6, false}));
}

TEST(FlowTruthJson, ExactFormat) {
  FlowTruth truth;
  truth.file = "flows-0000.log", truth.line = 2, truth.interface_id = "eni-web";
  truth.direction = Direction::kIngress, truth.role = FlowRole::kInitiator;
  truth.verdict.rules = {{"sg-web", Direction::kIngress, 0}};
  truth.verdict.acl = AclHit{"acl-a", Direction::kIngress, 100, true};
  truth.chosen_rule = RuleHit{"sg-web", Direction::kIngress, 0};
  EXPECT_EQ(truth.ToJson(),
            R"({"file":"flows-0000.log","line":2,"interface":"eni-web","direction":"ingress","role":"initiator",)"
            R"("action":"ACCEPT","status":"OK","rules":[{"group_id":"sg-web","direction":"ingress","index":0}],)"
            R"("acl":{"acl_id":"acl-a","direction":"ingress","rule_number":100,"action":"allow"},"denied_by":null,)"
            R"("chosen_rule":{"group_id":"sg-web","direction":"ingress","index":0},"icmp":null})");
  FlowTruth status;
  status.file = "f", status.line = 3, status.interface_id = "eni-1", status.status = TruthStatus::kNoData;
  status.verdict.action = FlowAction::kAbsent;
  EXPECT_EQ(status.ToJson(), R"({"file":"f","line":3,"interface":"eni-1","direction":null,"role":"none",)"
                             R"("action":null,"status":"NODATA","rules":[],"acl":null,"denied_by":null,)"
                             R"("chosen_rule":null,"icmp":null})");
}

// ---- generated logs, read back ----

// Every folder the tests write lies under this one, removed when the test program ends.
const fs::path& ScratchRoot() {
  static const struct Scratch {
    fs::path root = fs::temp_directory_path() / ("sgscope-flowgen-" + std::to_string(getpid()));
    ~Scratch() { fs::remove_all(root); }
  } scratch;
  return scratch.root;
}

fs::path TempDir(const std::string& name) {
  fs::path dir = ScratchRoot() / name;
  fs::remove_all(dir);
  return dir;
}

// What the generated logs covered, over every snapshot.
struct Coverage {
  std::map<std::string, int> counts;
  void Add(const std::string& what) { ++counts[what]; }
};

// One record as the reader parsed it.
struct Parsed {
  std::string interface;
  FlowRecord record;
};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<RuleHit> RuleOf(simdjson::dom::element e) {
  if (e.is_null()) return std::nullopt;
  return RuleHit{std::string(e["group_id"].get_string().value()),
                 e["direction"].get_string().value() == "ingress" ? Direction::kIngress : Direction::kEgress,
                 static_cast<uint32_t>(e["index"].get_int64().value())};
}

std::string TextOr(simdjson::dom::element e, const char* absent) {
  return e.is_null() ? absent : std::string(e.get_string().value());
}

const SecurityGroupRule* FindRule(const Network& net, const RuleHit& hit) {
  const SecurityGroup* group = net.FindSecurityGroup(hit.group_id);
  if (!group) return nullptr;
  for (auto& rule : group->rules(hit.direction))
    if (rule.index == hit.index) return &rule;
  return nullptr;
}

// Writes `records` lines for `net`, reads them back with ReadFlowLogs, and checks every
// truth line against the parsed record and against the oracle evaluated on the parsed values.
void CheckGenerated(const Network& net, const std::string& name, FlowLogLayout layout, bool gzip, uint64_t records,
                    Coverage& coverage) {
  SCOPED_TRACE(name);
  fs::path dir = TempDir(name + (gzip ? "-gz" : "") + (layout == FlowLogLayout::kCustomV5 ? "-v5" : "-v2"));
  FlowLogGeneratorOptions generator;
  generator.seed = 11, generator.layout = layout;
  FlowLogFilesOptions files;
  files.records = records, files.gzip = gzip, files.records_per_file = records / 3 + 1, files.records_per_member = 37;
  FlowLogFilesSummary summary = WriteFlowLogFiles(net, generator, files, dir);
  if (summary.files.empty()) return;  // nothing to generate from
  coverage.Add("snapshots");
  ASSERT_EQ(summary.records, records);
  EXPECT_GE(summary.files.size(), 3u);

  std::map<std::pair<std::string, uint32_t>, Parsed> parsed;
  std::vector<fs::path> paths;
  for (auto& f : summary.files) paths.push_back(dir / f);
  ingest::FlowLogReaderOptions reader;
  reader.keep_status_records = true;
  auto result = ingest::ReadFlowLogs(paths, reader, [&](const FlowBatch& batch, unsigned) {
    for (const FlowRecord& r : batch.records)
      parsed[{fs::path(batch.file).filename().string(), r.line}] = {std::string(batch.Text(r, FlowText::kInterfaceId)), r};
  });
  EXPECT_EQ(result.stats.unreadable_files, 0u);
  EXPECT_EQ(result.stats.headers, summary.files.size());
  EXPECT_EQ(result.stats.malformed, summary.malformed);
  EXPECT_EQ(parsed.size(), records - summary.malformed);

  FlowTruthOracle oracle(net);
  simdjson::dom::parser parser;
  std::ifstream truth_in(dir / "truth.jsonl");
  std::string text;
  uint64_t lines = 0;
  while (std::getline(truth_in, text)) {
    ++lines;
    SCOPED_TRACE(text);
    simdjson::dom::element t = parser.parse(text).value();
    std::string status(t["status"].get_string().value());
    auto key = std::make_pair(std::string(t["file"].get_string().value()),
                              static_cast<uint32_t>(t["line"].get_int64().value()));
    coverage.Add("status " + status);
    if (status == "malformed") {
      EXPECT_EQ(parsed.count(key), 0u);
      continue;
    }
    ASSERT_EQ(parsed.count(key), 1u);
    const Parsed& p = parsed[key];
    const FlowRecord& r = p.record;
    EXPECT_EQ(p.interface, t["interface"].get_string().value());
    EXPECT_EQ(FlowLogStatusName(r.log_status), status);
    EXPECT_EQ(FlowActionName(r.action), TextOr(t["action"], "-"));
    if (status != "OK") continue;

    std::string direction(t["direction"].get_string().value()), role(t["role"].get_string().value());
    Direction d = direction == "ingress" ? Direction::kIngress : Direction::kEgress;
    if (layout == FlowLogLayout::kCustomV5) {
      EXPECT_EQ(FlowDirectionName(r.direction), direction);
    }
    std::vector<RuleHit> rules;
    for (simdjson::dom::element e : t["rules"].get_array()) rules.push_back(*RuleOf(e));
    std::string denied_by = TextOr(t["denied_by"], "");
    auto chosen = RuleOf(t["chosen_rule"]);

    // The line's values give the truth's verdict again. The interface's own side shows its
    // primary address; rules and ACLs only look at the peer's, which is real.
    const NetworkInterface* eni = net.FindNetworkInterface(p.interface);
    ASSERT_NE(eni, nullptr);
    Packet packet{r.src, r.dst, r.protocol, r.src_port, r.dst_port, 0, 0};
    if (!t["icmp"].is_null())
      packet.icmp_type = static_cast<uint8_t>(t["icmp"]["type"].get_int64().value()),
      packet.icmp_code = static_cast<uint8_t>(t["icmp"]["code"].get_int64().value());
    IpAddress own = d == Direction::kIngress ? r.dst : r.src;
    EXPECT_TRUE(own.is_v6() || own == eni->PrimaryIpv4()) << "the interface's side shows its primary";
    if (layout == FlowLogLayout::kCustomV5) {
      EXPECT_EQ(d == Direction::kIngress ? r.pkt_src : r.pkt_dst, d == Direction::kIngress ? r.src : r.dst);
      if (r.pkt_src != r.src || r.pkt_dst != r.dst) coverage.Add("secondary address");
    }
    RecordVerdict v = oracle.Evaluate(*eni, d, role == "initiator" ? FlowRole::kInitiator : FlowRole::kResponse, packet);
    EXPECT_EQ(v.rules, rules);
    EXPECT_EQ(v.denied_by, denied_by);
    EXPECT_EQ(v.acl.has_value(), !t["acl"].is_null());
    if (v.acl) {
      EXPECT_EQ(v.acl->acl_id, t["acl"]["acl_id"].get_string().value());
      EXPECT_EQ(v.acl->rule_number, static_cast<uint32_t>(t["acl"]["rule_number"].get_int64().value()));
      EXPECT_EQ(v.acl->allow, t["acl"]["action"].get_string().value() == "allow");
    }

    bool accepted = r.action == FlowAction::kAccept;
    EXPECT_EQ(accepted, denied_by.empty());
    EXPECT_EQ(rules.empty(), role == "response" || !accepted);
    coverage.Add(role + " " + std::string(FlowActionName(r.action)));
    if (!denied_by.empty()) coverage.Add("denied by " + denied_by);
    if (r.src.is_v6()) coverage.Add("IPv6");
    if (packet.is_icmp()) coverage.Add("ICMP");
    if (t["acl"].is_null()) coverage.Add("no ACL crossing");
    else if (v.acl->rule_number >= kImplicitDenyV4 && !v.acl->allow) coverage.Add("implicit deny");
    if (chosen) {
      EXPECT_EQ(role, "initiator");
      if (accepted) EXPECT_NE(std::find(rules.begin(), rules.end(), *chosen), rules.end());
      else EXPECT_EQ(denied_by, "network-acl");
      const SecurityGroupRule* rule = FindRule(net, *chosen);
      ASSERT_NE(rule, nullptr);
      coverage.Add(std::string("chosen ") + PeerKindName(rule->peer));
      if (rule->protocol.all) coverage.Add("chosen all traffic");
    }
  }
  EXPECT_EQ(lines, records);
}

TEST(FlowLogGenerator, GeneratedLogsSayWhatTheTruthSays) {
  Coverage coverage;
  std::vector<fs::path> snapshots;
  for (const char* parent : {"tests/data/snapshots", "examples"})
    for (auto& entry : fs::directory_iterator(fs::path(SGSCOPE_SOURCE_DIR) / parent))
      if (entry.is_directory()) snapshots.push_back(entry.path());
  std::sort(snapshots.begin(), snapshots.end());
  int i = 0;
  for (const fs::path& snapshot : snapshots) {
    Network net = LoadSnapshot(snapshot);
    bool v5 = i % 2 == 0, gzip = i++ % 3 == 0;
    CheckGenerated(net, snapshot.filename().string(), v5 ? FlowLogLayout::kCustomV5 : FlowLogLayout::kDefaultV2, gzip,
                   300, coverage);
  }
  Network tiny = TinyNetwork();
  CheckGenerated(tiny, "tiny", FlowLogLayout::kCustomV5, true, 2000, coverage);
  CheckGenerated(tiny, "tiny", FlowLogLayout::kDefaultV2, false, 500, coverage);
  for (auto& [what, count] : coverage.counts) std::cout << "  " << what << ": " << count << "\n";
  for (const char* what : {"chosen cidr", "chosen security-group", "chosen prefix-list", "chosen all traffic",
                           "initiator ACCEPT", "initiator REJECT", "response ACCEPT", "response REJECT",
                           "denied by network-acl", "denied by security-groups", "IPv6", "ICMP", "implicit deny",
                           "no ACL crossing", "secondary address", "status NODATA", "status SKIPDATA",
                           "status malformed"})
    EXPECT_GT(coverage.counts[what], 0) << what;
  EXPECT_GT(coverage.counts["snapshots"], 20);
}

TEST(FlowLogGenerator, GeneratedSizeSSnapshot) {
  fs::path dir = TempDir("snapshot-S");
  GenerateSnapshot(*SizeByName("S"), 3, dir);
  Network net = LoadSnapshot(dir);
  Coverage coverage;
  CheckGenerated(net, "S", FlowLogLayout::kCustomV5, true, 3000, coverage);
  EXPECT_EQ(coverage.counts["snapshots"], 1);
  EXPECT_GT(coverage.counts["chosen security-group"], 0);
  EXPECT_GT(coverage.counts["initiator ACCEPT"], 1000);
}

// The reader's line parser takes each line as the generator wrote it.
TEST(FlowLogGenerator, LinesParseOneByOne) {
  Network tiny = TinyNetwork();
  FlowLogGeneratorOptions options;
  options.layout = FlowLogLayout::kCustomV5;
  FlowLogGenerator generator(tiny, options);
  std::string error;
  auto format = ingest::FlowLogFormat::Parse(generator.Header(), error);
  ASSERT_TRUE(format) << error;
  std::vector<GeneratedRecord> records;
  while (records.size() < 200) generator.NextScenario(records);
  for (auto& record : records) {
    FlowRecord parsed;
    auto kind = ingest::ParseFlowLine(record.line, *format, 0, parsed, error);
    EXPECT_EQ(kind == ingest::LineKind::kMalformed, record.truth.status == TruthStatus::kMalformed) << record.line;
  }
}

TEST(FlowLogGenerator, NothingToGenerateFrom) {
  Network empty;
  empty.Finalize();
  FlowLogGenerator generator(empty, {});
  EXPECT_FALSE(generator.CanGenerate());
  std::vector<GeneratedRecord> records;
  generator.NextScenario(records);
  EXPECT_TRUE(records.empty());
  fs::path dir = TempDir("empty");
  EXPECT_TRUE(WriteFlowLogFiles(empty, {}, {}, dir).files.empty());
  EXPECT_FALSE(fs::exists(dir));
}

std::map<std::string, std::string> FolderBytes(const fs::path& dir) {
  std::map<std::string, std::string> bytes;
  for (auto& entry : fs::directory_iterator(dir)) bytes[entry.path().filename().string()] = ReadAll(entry.path());
  return bytes;
}

TEST(FlowLogGenerator, SameSeedSameBytes) {
  Network net = LoadSnapshot(fs::path(SGSCOPE_SOURCE_DIR) / "examples/webapp");
  FlowLogGeneratorOptions generator;
  generator.seed = 5, generator.layout = FlowLogLayout::kCustomV5;
  FlowLogFilesOptions files;
  files.records = 1000, files.gzip = true, files.records_per_member = 100;
  fs::path one = TempDir("same-1"), two = TempDir("same-2"), other = TempDir("other");
  WriteFlowLogFiles(net, generator, files, one);
  WriteFlowLogFiles(net, generator, files, two);
  generator.seed = 6;
  WriteFlowLogFiles(net, generator, files, other);
  auto first = FolderBytes(one);
  EXPECT_EQ(first.size(), 2u);  // flows-0000.log.gz, truth.jsonl
  EXPECT_EQ(first, FolderBytes(two));
  EXPECT_NE(first, FolderBytes(other));
  // Without truth.jsonl the logs are the same.
  generator.seed = 5, files.truth = false;
  fs::path untruthful = TempDir("no-truth");
  WriteFlowLogFiles(net, generator, files, untruthful);
  auto logs_only = FolderBytes(untruthful);
  EXPECT_EQ(logs_only.size(), 1u);
  EXPECT_EQ(logs_only["flows-0000.log.gz"], first["flows-0000.log.gz"]);
}

}  // namespace
}  // namespace sgscope::bench
