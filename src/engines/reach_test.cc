// Reach computes sets; Trace walks one packet. On every snapshot at hand, for every pair of
// endpoint classes (interfaces, internet blocks, VPN clients), the set must contain exactly the
// probed flows Trace accepts — probed at fixed services and at both edges of every interval of
// the answer — and every member of a class must behave like the class's representative.

#include "engines/reach.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "engines/test_snapshots.h"
#include "engines/trace_probes.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

using Key = ServiceSet::Key;

// A member of the class other than the representative where there is one.
std::string Member(const EndpointClass& c, std::mt19937& rng, const std::string& avoid) {
  if (c.kind == EndpointClass::Kind::kInternet) {
    auto prefixes = c.addresses.ToPrefixes();
    return prefixes[rng() % prefixes.size()].Last().ToString();
  }
  if (c.kind == EndpointClass::Kind::kVpnClients) return c.trace_text;
  for (int tries = 0; tries < 4; ++tries) {
    std::string text = c.TraceTextOf(*c.members[rng() % c.members.size()]);
    if (text != avoid) return text;
  }
  std::string first = c.TraceTextOf(*c.members.front());
  return first == avoid && c.members.size() > 1 ? c.TraceTextOf(*c.members[1]) : first;
}

TEST(Reach, AgreesWithTraceOnEverySnapshot) {
  std::mt19937 rng(11);
  int compared = 0, accepted = 0, pairs = 0, ipv6_pairs = 0, ipv6_accepted = 0;
  for (const auto& snapshot : TestSnapshots()) {
    Network n = LoadSnapshot(snapshot);
    ReachQuery query;
    query.explain = false;
    std::vector<std::string> sources = {"all", "internet"};
    for (auto& e : n.client_vpn_endpoints) sources.push_back("vpn:" + e.id);
    for (const std::string& from : sources)
      for (const char* to : {"all", "internet"}) {
        if (from != "all" && std::string(to) == "internet") continue;
        query.from = from, query.to = to;
        ReachAnswer answer = Reach(n, query);
        if (!answer.error.empty()) continue;  // e.g. a snapshot without interfaces
        for (const ReachPair& pair : answer.pairs) {
          const EndpointClass &src = answer.sources[pair.from], &dst = answer.destinations[pair.to];
          std::string from_text = Member(src, rng, ""), to_text = Member(dst, rng, from_text);
          if (src.kind == EndpointClass::Kind::kInternet) to_text = PublicAddressOr(n, to_text);
          if (from_text == to_text) continue;
          ++pairs, ipv6_pairs += src.family == IpFamily::kV6;
          for (Key key : ProbesFor(pair.allowed)) {
            bool expected = pair.allowed.Contains(static_cast<uint8_t>(key >> 16), static_cast<uint16_t>(key));
            ASSERT_EQ(TraceAccepts(n, from_text, to_text, key), expected)
                << snapshot.filename() << " " << from_text << " (" << src.label << ") -> " << to_text << " ("
                << dst.label << ") protocol " << (key >> 16) << " service " << (key & 0xffff) << "; reach says "
                << pair.allowed.ToString();
            ++compared, accepted += expected, ipv6_accepted += expected && src.family == IpFamily::kV6;
          }
        }
      }
  }
  std::printf("reach vs trace: %d pairs (%d IPv6), %d flows, %d accepted (%d IPv6)\n", pairs, ipv6_pairs, compared,
              accepted, ipv6_accepted);
  EXPECT_GT(pairs, 300);
  EXPECT_GT(compared, 10000);
  EXPECT_GT(accepted, 1000);  // accepted flows are covered, not only denied ones
  EXPECT_GT(ipv6_pairs, 10);  // the ipv6 snapshot; bench/reach_bdd_test.cc probes the generated S's many more
  EXPECT_GT(ipv6_accepted, 20);
}

}  // namespace
}  // namespace sgscope

namespace sgscope {
namespace {

// The bulk matrix (compiled tables where they apply) gives, pair for pair, the set the explained
// per-pair evaluation gives.
TEST(Reach, AllPairsMatrixEqualsExplainedAnswers) {
  size_t compared = 0, open = 0;
  for (const auto& snapshot : TestSnapshots()) {
    Network n = LoadSnapshot(snapshot);
    EndpointSelection all = SelectEndpoints(n, "all", EndpointFamilies::kIpv4AndIpv6);
    if (!all.error.empty()) continue;
    ReachMatrix matrix = ReachAllPairs(n, all.classes, all.classes);
    ReachQuery query;  // explained: every pair through its own traces
    ReachAnswer answer = ReachBetween(n, all.classes, all.classes, query);
    for (const ReachPair& pair : answer.pairs) {
      const ServiceSet* bulk = matrix.At(pair.from, pair.to);
      ASSERT_NE(bulk, nullptr);
      EXPECT_EQ(*bulk, pair.allowed) << snapshot.filename() << " " << answer.sources[pair.from].label << " -> "
                                     << answer.destinations[pair.to].label;
      ++compared, open += !pair.allowed.empty();
    }
  }
  EXPECT_GT(compared, 300u);
  EXPECT_GT(open, 100u);
}

}  // namespace
}  // namespace sgscope

namespace sgscope {
namespace {

// Only classes the tables cannot stand for (IPv6 interfaces, the IPv6 internet): the bulk path
// answers every pair through the per-pair traces, as the explained path does.
TEST(Reach, AllPairsOfIpv6ClassesAloneEqualExplainedAnswers) {
  Network n = LoadSnapshot(std::filesystem::path(SGSCOPE_SOURCE_DIR) / "tests/data/snapshots/ipv6");
  EndpointSelection ipv6 = SelectEndpoints(n, "::/0", EndpointFamilies::kIpv4AndIpv6);
  ASSERT_TRUE(ipv6.error.empty()) << ipv6.error;
  ReachMatrix matrix = ReachAllPairs(n, ipv6.classes, ipv6.classes);
  size_t pairs = 0, open = 0;
  for (size_t i = 0; i < ipv6.classes.size(); ++i)
    for (size_t j = 0; j < ipv6.classes.size(); ++j) {
      // One pair at a time: an answer of several internet classes merges them.
      ReachAnswer one = ReachBetween(n, {ipv6.classes[i]}, {ipv6.classes[j]}, ReachQuery{});
      const ServiceSet* bulk = matrix.At(i, j);
      ASSERT_EQ(bulk != nullptr, one.pairs.size() == 1) << ipv6.classes[i].label << " -> " << ipv6.classes[j].label;
      if (!bulk) continue;
      EXPECT_EQ(*bulk, one.pairs.front().allowed) << ipv6.classes[i].label << " -> " << ipv6.classes[j].label;
      ++pairs, open += !bulk->empty();
    }
  EXPECT_GT(pairs, 4u);  // two interfaces to each other and to the internet's blocks, the internet's blocks to both
  EXPECT_GT(open, 2u);   // the interfaces to the internet, the internet to eni-web6
}

}  // namespace
}  // namespace sgscope

namespace sgscope {
namespace {

// What an explained pair says the network delivers when the destination's own groups admit
// everything: what gets through, plus what only the destination's own ingress groups stop (the
// definition why used to read off the blockers before open_destination_ingress existed).
ServiceSet DeliveredByBlockers(const ReachPair& p, const EndpointClass& destination) {
  ServiceSet own, other;
  for (auto& b : p.blockers) {
    bool is_own = b.kind == "security-group" && b.direction == "ingress" && !b.response &&
                  std::any_of(destination.members.begin(), destination.members.end(), [&](auto* m) { return m->id == b.at; });
    (is_own ? own : other) = (is_own ? own : other).Union(b.denies);
  }
  return p.allowed.Union(own.Subtract(other));
}

// open_destination_ingress in the bulk matrix (compiled tables and per-pair fallbacks) equals, pair
// for pair, the explained answer with the destination's own ingress blockers lifted, for every
// source population why asks about: every interface, each internet block, each VPN endpoint.
TEST(Reach, OpenDestinationIngressEqualsExplainedBlockersLifted) {
  size_t compared = 0, lifted = 0;
  for (const auto& snapshot : TestSnapshots()) {
    Network n = LoadSnapshot(snapshot);
    EndpointSelection all = SelectEndpoints(n, "all", EndpointFamilies::kIpv4AndIpv6);
    if (!all.error.empty()) continue;
    std::vector<std::pair<std::vector<EndpointClass>, std::vector<std::string>>> populations{{all.classes, {}}};
    for (auto& c : SelectEndpoints(n, "internet", EndpointFamilies::kIpv4AndIpv6).classes) populations.push_back({{c}, {}});
    for (auto& e : n.client_vpn_endpoints) {
      std::vector<std::string> groups;
      for (auto& r : n.client_vpn_authorization_rules)
        if (r.endpoint_id == e.id && !r.group_id.empty()) groups.push_back(r.group_id);
      populations.push_back({SelectEndpoints(n, "vpn:" + e.id, EndpointFamilies::kIpv4AndIpv6).classes, groups});
    }
    for (auto& [sources, groups] : populations) {
      ReachQuery open;
      open.vpn_groups = groups, open.open_destination_ingress = true;
      ReachMatrix matrix = ReachAllPairs(n, sources, all.classes, open);
      ReachQuery explained;
      explained.vpn_groups = groups;
      ReachAnswer answer = ReachBetween(n, sources, all.classes, explained);
      for (const ReachPair& pair : answer.pairs) {
        const ServiceSet* bulk = matrix.At(pair.from, pair.to);
        ASSERT_NE(bulk, nullptr);
        ServiceSet expected = DeliveredByBlockers(pair, answer.destinations[pair.to]);
        EXPECT_EQ(*bulk, expected) << snapshot.filename() << " " << answer.sources[pair.from].label << " -> "
                                   << answer.destinations[pair.to].label;
        ++compared, lifted += expected != pair.allowed;
      }
    }
  }
  EXPECT_GT(compared, 300u);
  EXPECT_GT(lifted, 50u);
}

}  // namespace
}  // namespace sgscope
