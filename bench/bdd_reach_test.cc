// Checks the BDD oracle against Trace point by point: for sampled interface pairs of a
// generated snapshot and of the hand-written test snapshots, every probed (protocol, service)
// is in the oracle's set exactly when Trace accepts it. Probes include each interval's edges,
// common ports, ICMP queries and errors, and protocols without ports.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "bdd_reach.h"
#include "engines/trace.h"
#include "ingest/snapshot_loader.h"
#include "random.h"
#include "snapshot_generator.h"

namespace sgscope::bench {
namespace {

// What one comparison run saw.
struct Tally {
  int pairs = 0, covered = 0, nonempty = 0, cross_vpc = 0, points = 0, accepted = 0, disagreements = 0;
  std::map<std::string, int> uncovered;  // reason -> pairs
};

bool InSet(const std::vector<ServiceInterval>& set, uint8_t protocol, uint16_t service) {
  for (auto& i : set)
    if (i.protocol == protocol && i.lo <= service && service <= i.hi) return true;
  return false;
}

bool IsCanonical(const std::vector<ServiceInterval>& set) {
  for (size_t i = 0; i < set.size(); ++i) {
    if (set[i].lo > set[i].hi) return false;
    if (i && (set[i - 1].protocol > set[i].protocol ||
              (set[i - 1].protocol == set[i].protocol && set[i - 1].hi + 1 >= set[i].lo)))
      return false;
  }
  return true;
}

bool HasServices(uint8_t p) { return p == kProtoTcp || p == kProtoUdp || p == kProtoIcmp || p == kProtoIcmpv6; }

// About 50 probes: fixed ones, the edges of the oracle's intervals, random ports.
std::vector<ServiceInterval> Probes(const std::vector<ServiceInterval>& set, Rng& rng) {
  std::vector<ServiceInterval> probes;
  auto add = [&](uint8_t p, uint32_t s) { probes.push_back({p, static_cast<uint16_t>(s), static_cast<uint16_t>(s)}); };
  for (uint8_t p : {kProtoTcp, kProtoUdp})
    for (uint32_t port : {0, 22, 80, 443, 3306, 49152, 65535}) add(p, port);
  for (uint32_t type_code : {8u << 8, 0u, 3u << 8 | 4, 11u << 8, 13u << 8, 17u << 8 | 1}) add(kProtoIcmp, type_code);
  for (uint8_t p : {0, 4, 47, 50, 132}) add(p, 0);
  add(kProtoIcmpv6, 128u << 8);
  for (auto& i : set) {
    if (probes.size() >= 44) break;
    if (!HasServices(i.protocol)) continue;
    add(i.protocol, i.lo), add(i.protocol, i.hi);
    if (i.lo > 0) add(i.protocol, i.lo - 1u);
    if (i.hi < 65535) add(i.protocol, i.hi + 1u);
  }
  for (int k = 0; k < 6; ++k) add(k % 2 ? kProtoTcp : kProtoUdp, rng.Below(65536));
  return probes;
}

bool TraceAccepts(const Network& net, const NetworkInterface& src, const std::string& to, const ServiceInterval& probe) {
  TraceQuery q;
  q.from = src.id, q.to = to, q.protocol = probe.protocol, q.explain = false;
  if (probe.protocol == kProtoTcp || probe.protocol == kProtoUdp) q.dst_port = probe.lo;
  if (probe.protocol == kProtoIcmp || probe.protocol == kProtoIcmpv6)
    q.icmp_type = static_cast<uint8_t>(probe.lo >> 8), q.icmp_code = static_cast<uint8_t>(probe.lo & 255);
  TraceOutcome outcome = Trace(net, q);
  return outcome.result && outcome.result->accepted();
}

void ComparePair(const Network& net, BddReachability& oracle, const NetworkInterface& src,
                 const NetworkInterface& dst, Rng& rng, Tally& tally) {
  ++tally.pairs;
  BddReachability::Result r = oracle.Allowed(src, dst);
  if (!r.covered) {
    ++tally.uncovered[r.reason];
    return;
  }
  ++tally.covered;
  tally.nonempty += !r.allowed.empty();
  tally.cross_vpc += !r.allowed.empty() && src.vpc_id != dst.vpc_id;  // through a peering
  EXPECT_TRUE(IsCanonical(r.allowed)) << src.id << " -> " << dst.id;
  std::string to = dst.PrimaryIpv4()->ToString();
  for (const ServiceInterval& probe : Probes(r.allowed, rng)) {
    bool expected = TraceAccepts(net, src, to, probe), got = InSet(r.allowed, probe.protocol, probe.lo);
    ++tally.points, tally.accepted += expected;
    if (expected == got) continue;
    if (++tally.disagreements <= 10)
      ADD_FAILURE() << src.id << " -> " << dst.id << " (" << to << ") protocol " << int(probe.protocol) << " service "
                    << probe.lo << ": Trace " << (expected ? "accepts" : "refuses") << ", BDD says the opposite";
  }
}

// Every ordered pair when there are at most `max_pairs`, else a seeded sample of that many.
Tally CompareNetwork(const Network& net, int max_pairs, uint64_t seed) {
  Tally tally;
  BddReachability oracle(net);
  Rng rng(seed, "bdd-reach-test");
  const auto& enis = net.network_interfaces;
  size_t n = enis.size();
  if (n * n <= static_cast<size_t>(max_pairs)) {
    for (auto& a : enis)
      for (auto& b : enis)
        if (b.PrimaryIpv4()) ComparePair(net, oracle, a, b, rng, tally);
    return tally;
  }
  for (int k = 0; k < max_pairs; ++k) {
    const NetworkInterface& a = enis[rng.Below(n)];
    const NetworkInterface& b = enis[rng.Below(n)];
    if (b.PrimaryIpv4()) ComparePair(net, oracle, a, b, rng, tally);
  }
  return tally;
}

void Report(const std::string& what, const Tally& t) {
  std::cout << what << ": " << t.pairs << " pairs, " << t.covered << " covered (" << t.nonempty << " with some flow, " << t.cross_vpc << " of them across VPCs), "
            << t.points << " probes (" << t.accepted << " accepted), " << t.disagreements << " disagreements\n";
  for (auto& [reason, count] : t.uncovered) std::cout << "  not covered: " << count << " x " << reason << "\n";
}

void CompareGenerated(const SizeSpec& size, int pairs) {
  auto dir = std::filesystem::temp_directory_path() / ("sgscope_bdd_reach_" + std::to_string(::getpid()));
  GenerateSnapshot(size, 7, dir);
  Network net = LoadSnapshot(dir);
  std::filesystem::remove_all(dir);
  Tally t = CompareNetwork(net, pairs, 7);
  Report("generated " + size.name + " (" + std::to_string(size.interfaces) + " interfaces, " +
             std::to_string(size.rules) + " rules, " + std::to_string(size.vpcs) + " VPCs)", t);
  EXPECT_EQ(t.disagreements, 0);
  EXPECT_GE(t.covered, pairs / 2);  // the comparison must not be vacuous
  EXPECT_GE(t.nonempty, pairs / 8);
}

TEST(BddReach, AgreesWithTraceOnGeneratedSnapshots) {
  CompareGenerated(*SizeByName("S"), 1000);
  CompareGenerated({"small", 200, 2000, 3}, 400);
}

TEST(BddReach, AgreesWithTraceOnHandSnapshots) {
  Tally all;
  for (auto& entry : std::filesystem::directory_iterator(std::filesystem::path(SGSCOPE_SOURCE_DIR) / "tests/data/snapshots")) {
    if (!entry.is_directory()) continue;
    Network net = LoadSnapshot(entry.path());
    Tally t = CompareNetwork(net, 400, 11);
    Report(entry.path().filename().string(), t);
    all.pairs += t.pairs, all.covered += t.covered, all.nonempty += t.nonempty, all.points += t.points;
    all.disagreements += t.disagreements;
  }
  EXPECT_EQ(all.disagreements, 0);
  EXPECT_GE(all.nonempty, 10);
}

IpPrefix P(const char* s) { return *IpPrefix::Parse(s); }

SecurityGroupRule Rule(Direction d, const char* proto, PortRange ports, RulePeer peer, IcmpTypeCode icmp = {}) {
  SecurityGroupRule r;
  r.direction = d, r.protocol = *ProtocolSelector::Parse(proto), r.ports = ports, r.icmp = icmp;
  r.peer = std::move(peer);
  return r;
}

NetworkAclEntry Entry(uint32_t number, Direction d, bool allow, const char* proto, const char* cidr,
                      PortRange ports = {}, IcmpTypeCode icmp = {}) {
  return {number, d, allow, *ProtocolSelector::Parse(proto), P(cidr), ports, icmp, {}};
}

NetworkInterface Eni(const char* id, const char* subnet, const char* address, std::vector<std::string> groups) {
  NetworkInterface e;
  e.id = id, e.vpc_id = "vpc-1", e.subnet_id = subnet, e.group_ids = std::move(groups);
  e.attached_instance_id = std::string("i-") + id;
  e.ipv4 = {{*IpAddress::Parse(address), true, std::nullopt, ""}};
  return e;
}

// Two subnets whose ACLs discriminate ICMP types and codes, ports and the response's client
// port; groups with CIDR, group-reference and prefix-list peers; a static route that ties the
// local one and a longer blackhole route; an address held in two VPCs, where only the sender's
// own groups count for a group reference.
Network HandBuilt() {
  using enum Direction;
  Network net;
  net.vpcs = {{"vpc-1", "", "", "", false, {P("10.0.0.0/16")}, {}}};
  net.subnets = {{"subnet-a", "vpc-1", "az1", {P("10.0.1.0/24")}, false, {}},
                 {"subnet-b", "vpc-1", "az1", {P("10.0.2.0/24")}, false, {}}};
  RouteTable main{"rtb-1", "vpc-1", true, {}, {}, {}, {}};
  main.routes = {{P("10.0.0.0/16"), "", RouteTargetKind::kLocal, "local", false, false, {}},
                 {P("10.0.0.0/16"), "", RouteTargetKind::kInternetGateway, "igw-1", true, false, {}},
                 {P("10.0.2.99/32"), "", RouteTargetKind::kNatGateway, "nat-1", true, false, {}}};
  net.route_tables = {main};
  net.prefix_lists = {{"pl-1", "clients", "", true, {P("10.0.1.0/25")}, {}}};
  NetworkAcl a{"acl-a", "vpc-1", false, {"subnet-a"}, {}, {}, {}};
  a.egress = {Entry(100, kEgress, true, "icmp", "0.0.0.0/0", {}, {8, -1}),
              Entry(110, kEgress, false, "tcp", "0.0.0.0/0", {1000, 2000}),
              Entry(120, kEgress, false, "icmp", "0.0.0.0/0", {}, {-1, 5}), Entry(130, kEgress, true, "-1", "0.0.0.0/0")};
  a.ingress = {Entry(90, kIngress, true, "icmp", "10.0.2.0/24", {}, {0, 0}),
               Entry(100, kIngress, false, "icmp", "0.0.0.0/0"),
               Entry(200, kIngress, true, "tcp", "10.0.0.0/16", {40000, 50000}),
               Entry(210, kIngress, true, "udp", "10.0.2.0/25"), Entry(220, kIngress, true, "47", "10.0.0.0/8")};
  NetworkAcl b{"acl-b", "vpc-1", false, {"subnet-b"}, {}, {}, {}};
  b.ingress = {Entry(50, kIngress, false, "tcp", "10.0.1.0/24", {85, 85}), Entry(100, kIngress, true, "-1", "10.0.1.0/24")};
  b.egress = {Entry(100, kEgress, true, "-1", "0.0.0.0/0")};
  net.network_acls = {a, b};
  SecurityGroup src{"sg-src", "src", "", "vpc-1"}, dst{"sg-dst", "dst", "", "vpc-1"};
  src.egress = {Rule(kEgress, "-1", {}, P("0.0.0.0/0"))};
  src.ingress = {Rule(kIngress, "tcp", {0, 65535}, P("10.0.2.0/24"))};
  dst.ingress = {Rule(kIngress, "tcp", {22, 22}, GroupReference{"sg-src"}),
                 Rule(kIngress, "tcp", {80, 90}, P("10.0.1.0/24")),
                 Rule(kIngress, "icmp", {}, PrefixListReference{"pl-1"}, {8, -1}),
                 Rule(kIngress, "icmp", {}, P("0.0.0.0/0"), {3, 4}),
                 Rule(kIngress, "icmp", {}, P("0.0.0.0/0"), {13, 0}),
                 Rule(kIngress, "udp", {}, P("0.0.0.0/0")), Rule(kIngress, "47", {}, P("10.0.1.5/32"))};
  dst.egress = {Rule(kEgress, "-1", {}, P("0.0.0.0/0"))};
  net.security_groups = {src, dst};
  net.network_interfaces = {Eni("eni-a", "subnet-a", "10.0.1.5", {"sg-src"}),
                            Eni("eni-b", "subnet-b", "10.0.2.7", {"sg-dst"}),
                            Eni("eni-c", "subnet-b", "10.0.2.99", {"sg-dst"}),
                            Eni("eni-d", "subnet-a", "10.0.1.6", {}),  // its address is also eni-e's
                            Eni("eni-e", "subnet-x", "10.0.1.6", {"sg-src"})};
  net.network_interfaces.back().vpc_id = "vpc-2";
  net.Finalize();
  return net;
}

// Every service of TCP, UDP and ICMP and every protocol at service 0, both ways.
TEST(BddReach, AgreesWithTraceExhaustivelyOnAHandBuiltNetwork) {
  Network net = HandBuilt();
  BddReachability oracle(net);
  int disagreements = 0, accepted = 0;
  for (auto& [from, to] : {std::pair{0, 1}, {1, 0}, {0, 2}, {1, 1}, {3, 1}}) {
    const NetworkInterface &src = net.network_interfaces[from], &dst = net.network_interfaces[to];
    BddReachability::Result r = oracle.Allowed(src, dst);
    ASSERT_TRUE(r.covered) << r.reason;
    std::vector<ServiceInterval> probes;
    for (uint8_t p : {kProtoTcp, kProtoUdp, kProtoIcmp})
      for (uint32_t s = 0; s < 65536; ++s) probes.push_back({p, static_cast<uint16_t>(s), 0});
    for (int p = 0; p < 256; ++p) probes.push_back({static_cast<uint8_t>(p), 0, 0});
    for (auto& probe : probes) {
      bool expected = TraceAccepts(net, src, dst.PrimaryIpv4()->ToString(), probe);
      accepted += expected;
      if (expected != InSet(r.allowed, probe.protocol, probe.lo) && ++disagreements <= 10)
        ADD_FAILURE() << src.id << " -> " << dst.id << " protocol " << int(probe.protocol) << " service " << probe.lo
                      << ": Trace " << (expected ? "accepts" : "refuses");
    }
  }
  std::cout << "hand-built: " << accepted << " accepted probes, " << disagreements << " disagreements\n";
  EXPECT_EQ(disagreements, 0);
  EXPECT_GT(accepted, 1000);
}

TEST(BddReach, OneInstanceAtATime) {
  Network net;
  BddReachability first(net);
  EXPECT_THROW(BddReachability second(net), std::logic_error);
}

}  // namespace
}  // namespace sgscope::bench
