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
  int pairs = 0, covered = 0, nonempty = 0, points = 0, accepted = 0, disagreements = 0;
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
  std::cout << what << ": " << t.pairs << " pairs, " << t.covered << " covered (" << t.nonempty << " with some flow), "
            << t.points << " probes (" << t.accepted << " accepted), " << t.disagreements << " disagreements\n";
  for (auto& [reason, count] : t.uncovered) std::cout << "  not covered: " << count << " x " << reason << "\n";
}

TEST(BddReach, AgreesWithTraceOnGeneratedSnapshot) {
  auto dir = std::filesystem::temp_directory_path() / ("sgscope_bdd_reach_" + std::to_string(::getpid()));
  GenerateSnapshot({"T", 200, 2000, 3}, 7, dir);
  Network net = LoadSnapshot(dir);
  std::filesystem::remove_all(dir);
  Tally t = CompareNetwork(net, 400, 7);
  Report("generated (200 interfaces, 2000 rules, 3 VPCs)", t);
  EXPECT_EQ(t.disagreements, 0);
  EXPECT_GE(t.covered, 200);  // the comparison must not be vacuous
  EXPECT_GE(t.nonempty, 50);
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

TEST(BddReach, OneInstanceAtATime) {
  Network net;
  BddReachability first(net);
  EXPECT_THROW(BddReachability second(net), std::logic_error);
}

}  // namespace
}  // namespace sgscope::bench
