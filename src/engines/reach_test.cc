// Reach computes sets; Trace walks one packet. On every snapshot at hand, for every pair of
// endpoint classes (interfaces, internet blocks, VPN clients), the set must contain exactly the
// probed flows Trace accepts — probed at fixed services and at both edges of every interval of
// the answer — and every member of a class must behave like the class's representative.

#include "engines/reach.h"

#include <gtest/gtest.h>

#include <random>

#include "engines/test_snapshots.h"
#include "engines/trace_probes.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

using Key = ServiceSet::Key;

std::vector<Key> FixedProbes() {
  std::vector<Key> out;
  for (uint16_t port : {0, 1, 21, 22, 23, 53, 80, 443, 1023, 1024, 1194, 3389, 5432, 8080, 49152, 65535})
    out.push_back(ServiceSet::KeyOf(kProtoTcp, port));
  for (uint16_t port : {0, 53, 123, 443, 1194, 65535}) out.push_back(ServiceSet::KeyOf(kProtoUdp, port));
  for (uint16_t tc : {0x800, 0x000, 0x304, 0xd00, 0xb00, 0x8ff}) out.push_back(ServiceSet::KeyOf(kProtoIcmp, tc));
  for (uint8_t p : {0, 4, 47, 50}) out.push_back(ServiceSet::KeyOf(p, 0));
  return out;
}

// The fixed probes plus both edges of every interval of `allowed`, and one step outside.
std::vector<Key> ProbesFor(const ServiceSet& allowed) {
  std::vector<Key> out = FixedProbes();
  for (auto& i : allowed.intervals()) {
    out.push_back(i.lo), out.push_back(i.hi);
    if (i.lo > 0) out.push_back(i.lo - 1);
    if (i.hi < ServiceSet::KeyOf(255, 65535)) out.push_back(i.hi + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A member of the class other than the representative where there is one.
std::string Member(const EndpointClass& c, std::mt19937& rng, const std::string& avoid) {
  if (c.kind == EndpointClass::Kind::kInternet) {
    auto prefixes = c.addresses.ToPrefixes();
    return prefixes[rng() % prefixes.size()].Last().ToString();
  }
  if (c.kind == EndpointClass::Kind::kVpnClients) return c.trace_text;
  for (int tries = 0; tries < 4; ++tries) {
    std::string id = c.members[rng() % c.members.size()]->id;
    if (id != avoid) return id;
  }
  return c.members.front()->id == avoid && c.members.size() > 1 ? c.members[1]->id : c.members.front()->id;
}

TEST(Reach, AgreesWithTraceOnEverySnapshot) {
  std::mt19937 rng(11);
  int compared = 0, accepted = 0, pairs = 0;
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
          ++pairs;
          for (Key key : ProbesFor(pair.allowed)) {
            bool expected = pair.allowed.Contains(static_cast<uint8_t>(key >> 16), static_cast<uint16_t>(key));
            ASSERT_EQ(TraceAccepts(n, from_text, to_text, key), expected)
                << snapshot.filename() << " " << from_text << " (" << src.label << ") -> " << to_text << " ("
                << dst.label << ") protocol " << (key >> 16) << " service " << (key & 0xffff) << "; reach says "
                << pair.allowed.ToString();
            ++compared, accepted += expected;
          }
        }
      }
  }
  std::printf("reach vs trace: %d pairs, %d flows, %d accepted\n", pairs, compared, accepted);
  EXPECT_GT(pairs, 300);
  EXPECT_GT(compared, 10000);
  EXPECT_GT(accepted, 1000);  // accepted flows are covered, not only denied ones
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
    EndpointSelection all = SelectEndpoints(n, "all");
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
    EndpointSelection all = SelectEndpoints(n, "all");
    if (!all.error.empty()) continue;
    std::vector<std::pair<std::vector<EndpointClass>, std::vector<std::string>>> populations{{all.classes, {}}};
    for (auto& c : SelectEndpoints(n, "internet").classes) populations.push_back({{c}, {}});
    for (auto& e : n.client_vpn_endpoints) {
      std::vector<std::string> groups;
      for (auto& r : n.client_vpn_authorization_rules)
        if (r.endpoint_id == e.id && !r.group_id.empty()) groups.push_back(r.group_id);
      populations.push_back({SelectEndpoints(n, "vpn:" + e.id).classes, groups});
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
