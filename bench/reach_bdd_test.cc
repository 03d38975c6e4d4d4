// The symbolic reach engine against the independent BDD oracle (bdd_reach.h): on the generated
// S snapshot (a spread sample of source classes against every destination class) and on every
// hand snapshot (all pairs), each pair the oracle covers must get exactly the same
// (protocol, service) set from both. The oracle is IPv4's: S's IPv6 pairs are checked against
// trace, flow by flow.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <random>
#include <unistd.h>

#include "bdd_reach.h"
#include "engines/compiled_paths.h"
#include "engines/reach.h"
#include "engines/test_snapshots.h"
#include "engines/trace_probes.h"
#include "ingest/snapshot_loader.h"
#include "snapshot_generator.h"

namespace sgscope::bench {
namespace {

std::vector<ServiceInterval> AsIntervals(const ServiceSet& set) {
  std::vector<ServiceInterval> out;
  for (const ServiceRun& r : set.Runs()) out.push_back({r.protocol, r.lo, r.hi});
  return out;
}

struct Tally {
  int pairs = 0, covered = 0, nonempty = 0, disagreements = 0;
};

void Compare(const Network& n, size_t max_sources, Tally& t) {
  std::vector<EndpointClass> classes = SelectEndpoints(n, "all", EndpointFamilies::kIpv4).classes, sources;
  for (size_t k = 0; k < std::min(max_sources, classes.size()); ++k)
    sources.push_back(classes[k * classes.size() / std::min(max_sources, classes.size())]);
  ReachQuery query;
  query.explain = false;
  ReachAnswer answer = ReachBetween(n, sources, classes, query);
  BddReachability oracle(n);
  for (const ReachPair& pair : answer.pairs) {
    const EndpointClass &from = answer.sources[pair.from], &to = answer.destinations[pair.to];
    const NetworkInterface* dst = to.members.front() == from.members.front() ? to.members[1] : to.members.front();
    BddReachability::Result bdd = oracle.Allowed(*from.members.front(), *dst);
    ++t.pairs;
    if (!bdd.covered) continue;
    ++t.covered, t.nonempty += !pair.allowed.empty();
    if (bdd.allowed == AsIntervals(pair.allowed)) continue;
    if (++t.disagreements <= 5)
      ADD_FAILURE() << from.members.front()->id << " -> " << dst->id << ": reach says " << pair.allowed.ToString();
  }
}

const Network& GeneratedS() {
  static const Network network = [] {
    auto dir = std::filesystem::temp_directory_path() / ("sgscope_reach_bdd_" + std::to_string(::getpid()));
    GenerateSnapshot(*SizeByName("S"), 7, dir);
    Network n = LoadSnapshot(dir);
    std::filesystem::remove_all(dir);
    return n;
  }();
  return network;
}

TEST(ReachAgainstBdd, GeneratedS) {
  const Network& n = GeneratedS();
  Tally t;
  Compare(n, 40, t);
  std::cout << "S: " << t.pairs << " pairs, " << t.covered << " covered by the oracle, " << t.nonempty
            << " with traffic, " << t.disagreements << " disagreements\n";
  EXPECT_EQ(t.disagreements, 0);
  EXPECT_GT(t.covered, t.pairs / 2);
  EXPECT_GT(t.nonempty, t.covered / 4);
}

// The all-pairs matrix answers sources in batches of one subnet, settling what is alike for a
// block of destinations and what a destination's groups answer for the whole batch at once; the
// per-pair path answers each pair alone. Every pair of the generated S must agree.
TEST(ReachAgainstBdd, AllPairsBatchesEqualPairByPairOnGeneratedS) {
  const Network& n = GeneratedS();
  std::vector<EndpointClass> classes = SelectEndpoints(n, "all", EndpointFamilies::kIpv4).classes;
  ReachMatrix matrix = ReachAllPairs(n, classes, classes);
  ReachQuery query;
  query.explain = false;
  ReachAnswer answer = ReachBetween(n, classes, classes, query);
  size_t compared = 0, open = 0, differ = 0;
  for (const ReachPair& pair : answer.pairs) {
    const ServiceSet* bulk = matrix.At(pair.from, pair.to);
    ++compared, open += !pair.allowed.empty();
    if (bulk && *bulk == pair.allowed) continue;
    if (++differ <= 5)
      ADD_FAILURE() << classes[pair.from].label << " -> " << classes[pair.to].label << ": matrix "
                    << (bulk ? bulk->ToString() : "none") << ", pair by pair " << pair.allowed.ToString();
  }
  std::cout << "S all pairs: " << compared << " compared, " << open << " with traffic, " << differ << " differ\n";
  EXPECT_EQ(differ, 0u);
  EXPECT_GT(compared, 900'000u);
  EXPECT_GT(open, compared / 10);
}

// Skeletons shared within a route class (dead ends) or a delivery class (keys whose subnets
// deliver alike) must be what each cell's own trace gives, on the generated S too, whose
// subnets share ACLs and route tables as real VPCs do.
TEST(ReachAgainstBdd, SharedSkeletonsOnGeneratedSSayWhatTheirOwnTraceSays) {
  const Network& n = GeneratedS();
  std::vector<EndpointClass> classes = SelectEndpoints(n, "all", EndpointFamilies::kIpv4).classes;
  CompiledPaths paths(n, classes, classes);
  size_t cells = 0, differ = 0;
  for (uint32_t s = 0; s < paths.source_keys.size(); s += 3)
    for (uint32_t d = 0; d < paths.destination_keys.size(); ++d)
      for (size_t c = 0; c < paths.classes; ++c, ++cells) {
        const Skeleton& cell = paths.skeletons[paths.SkeletonIndex(*paths.source_keys[s][0], d, c)];
        Skeleton own = paths.TraceBetween(paths.source_keys[s], paths.destination_keys[d], c).skeleton;
        auto dead = [](const Skeleton& k) { return k.usable && (k.forward_failed || k.left_network); };
        if (dead(cell) ? dead(own) : cell == own) continue;
        if (++differ <= 5) ADD_FAILURE() << "key " << s << " -> key " << d << " class " << c;
      }
  size_t all_cells = paths.source_keys.size() * paths.destination_keys.size() * paths.classes;
  std::cout << "S skeletons: " << cells << " cells checked, " << all_cells - paths.traces << " of " << all_cells
            << " shared, " << differ << " differ\n";
  EXPECT_EQ(differ, 0u);
  EXPECT_GT(all_cells - paths.traces, all_cells / 2);
}

// IPv6 classes (interfaces by their first IPv6 address, the IPv6 internet) of the generated S,
// whose dual-stack VPCs carry ::/0 rules, ICMPv6 rules, egress-only gateways and IPv6 ACL entries.
// A spread sample of sources against every interface class: the bulk matrix (compiled tables on
// the IPv6 axis) must equal the per-pair traces of the explained path, and each set is probed
// with trace at fixed services and at both edges of each of its intervals, on a random member of
// each class.
TEST(ReachAgainstBdd, Ipv6PairsOnGeneratedSAgreeWithTrace) {
  const Network& n = GeneratedS();
  std::vector<EndpointClass> classes = SelectEndpoints(n, "::/0", EndpointFamilies::kIpv4AndIpv6).classes;
  std::vector<EndpointClass> destinations, internet_blocks, sources;
  for (auto& c : classes) (c.kind == EndpointClass::Kind::kInterfaces ? destinations : internet_blocks).push_back(c);
  auto spread = [&](const std::vector<EndpointClass>& from, size_t count) {
    count = std::min(count, from.size());
    for (size_t k = 0; k < count; ++k) sources.push_back(from[k * from.size() / count]);
  };
  spread(destinations, 40), spread(internet_blocks, 10);
  ReachMatrix matrix = ReachAllPairs(n, sources, destinations);
  std::mt19937 rng(3);
  size_t pairs = 0, flows = 0, accepted = 0, internet = 0, differ = 0, explained = 0;
  for (size_t i = 0; i < sources.size(); ++i)
    for (size_t j = 0; j < destinations.size(); ++j) {
      const ServiceSet* allowed = matrix.At(i, j);
      if (!allowed) continue;
      const EndpointClass &from = sources[i], &to = destinations[j];
      if (ReachAnswer one = ReachBetween(n, {from}, {to}, ReachQuery{}); one.pairs.size() == 1) {
        ++explained;
        if (one.pairs.front().allowed != *allowed && ++differ <= 5)
          ADD_FAILURE() << from.label << " -> " << to.label << ": matrix " << allowed->ToString() << ", per pair "
                        << one.pairs.front().allowed.ToString();
      }
      std::string from_text = from.kind == EndpointClass::Kind::kInternet
                                  ? from.addresses.ToPrefixes().front().Last().ToString()
                                  : from.TraceTextOf(*from.members[rng() % from.members.size()]);
      std::string to_text = to.TraceTextOf(*to.members[rng() % to.members.size()]);
      if (from_text == to_text) continue;
      ++pairs, internet += from.kind == EndpointClass::Kind::kInternet;
      for (ServiceSet::Key key : ProbesFor(*allowed)) {
        bool expected = allowed->Contains(static_cast<uint8_t>(key >> 16), static_cast<uint16_t>(key));
        ++flows, accepted += expected;
        if (TraceAccepts(n, from_text, to_text, key) == expected) continue;
        if (++differ <= 5)
          ADD_FAILURE() << from_text << " (" << from.label << ") -> " << to_text << " (" << to.label << ") protocol "
                        << (key >> 16) << " service " << (key & 0xffff) << ": reach says " << allowed->ToString();
      }
    }
  std::cout << "S IPv6: " << classes.size() << " classes, " << pairs << " pairs (" << internet << " from the internet, "
            << explained << " explained), " << flows << " flows, " << accepted << " accepted, " << differ
            << " differ\n";
  EXPECT_EQ(differ, 0u);
  EXPECT_GT(pairs, 1000u);
  EXPECT_GT(explained, 1000u);
  EXPECT_GT(internet, 50u);
  EXPECT_GT(accepted, 1000u);
}

TEST(ReachAgainstBdd, HandSnapshots) {
  Tally t;
  for (const auto& snapshot : TestSnapshots()) {
    Network n = LoadSnapshot(snapshot);
    if (SelectEndpoints(n, "all", EndpointFamilies::kIpv4).classes.size() < 2) continue;
    Compare(n, 1000, t);
  }
  std::cout << "hand snapshots: " << t.pairs << " pairs, " << t.covered << " covered, " << t.nonempty
            << " with traffic, " << t.disagreements << " disagreements\n";
  EXPECT_EQ(t.disagreements, 0);
  EXPECT_GT(t.covered, 100);
}

}  // namespace
}  // namespace sgscope::bench
