// The diff against itself and against Trace: a snapshot against itself changes nothing; after a
// rule deletion nothing is gained and every lost flow is one Trace accepts before and denies after,
// admitted before by the deleted rule; and on probes, every change Trace sees is in the diff.

#include "engines/reachability_diff.h"

#include <gtest/gtest.h>

#include <random>
#include <tuple>

#include "engines/test_snapshots.h"
#include "engines/trace_probes.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

TEST(ReachabilityDiff, SnapshotAgainstItselfIsEmpty) {
  int compared = 0;
  for (const auto& snapshot : TestSnapshots()) {
    Network old_network = LoadSnapshot(snapshot), new_network = LoadSnapshot(snapshot);
    ReachDiff diff = DiffReach(old_network, new_network, DiffQuery());
    if (!diff.error.empty()) continue;  // a snapshot without interfaces
    EXPECT_TRUE(diff.gained.empty()) << snapshot.filename() << ": " << diff.gained.front().services.ToString();
    EXPECT_TRUE(diff.lost.empty()) << snapshot.filename() << ": " << diff.lost.front().services.ToString();
    for (auto& e : diff.sources) EXPECT_TRUE(e.in_old && e.in_new) << snapshot.filename() << " " << e.trace_text;
    ++compared;
  }
  EXPECT_GT(compared, 20);
}

// Where Trace starts and ends between two groups: `last` picks each group's last member instead
// of its representative; none for an interface with itself.
std::optional<std::pair<std::string, std::string>> Endpoints(const Network& n, const DiffEndpoints& src,
                                                             const DiffEndpoints& dst, bool last) {
  auto pick = [&](const DiffEndpoints& e) {
    if (e.kind == EndpointClass::Kind::kInternet)
      return (last ? e.addresses.ToPrefixes().back().Last() : e.addresses.ToPrefixes().front().address()).ToString();
    return e.kind == EndpointClass::Kind::kInterfaces && last ? e.members.back() : e.trace_text;
  };
  std::string from = pick(src), to = pick(dst);
  if (to == from) {
    if (dst.members.size() < 2) return std::nullopt;
    to = last ? dst.members.front() : dst.members[1];
  }
  if (src.kind == EndpointClass::Kind::kInternet) to = PublicAddressOr(n, to);
  return std::pair{from, to};
}

// Deletes one random security-group rule; returns (group, direction, index) of it, or none.
std::optional<std::tuple<std::string, Direction, uint32_t>> DeleteRandomRule(Network& n, std::mt19937& rng) {
  std::vector<std::pair<SecurityGroup*, std::vector<SecurityGroupRule>*>> lists;
  for (auto& g : n.security_groups)
    for (auto* rules : {&g.ingress, &g.egress})
      if (!rules->empty()) lists.push_back({&g, rules});
  if (lists.empty()) return std::nullopt;
  auto [group, rules] = lists[rng() % lists.size()];
  auto it = rules->begin() + static_cast<long>(rng() % rules->size());
  std::tuple<std::string, Direction, uint32_t> deleted{group->id, it->direction, it->index};
  rules->erase(it);
  return deleted;
}

TEST(ReachabilityDiff, LostFlowsOfARuleDeletionAgreeWithTrace) {
  std::mt19937 rng(7);
  int deletions = 0, lost_flows = 0, probes = 0;
  for (const auto& snapshot : TestSnapshots()) {
    for (int round = 0; round < 3; ++round) {
      Network old_network = LoadSnapshot(snapshot), new_network = LoadSnapshot(snapshot);
      auto deleted = DeleteRandomRule(new_network, rng);
      if (!deleted) break;
      // The default selection, and the deleted rule's group toward the internet (its egress rules).
      DiffQuery outbound;
      outbound.from = {std::get<0>(*deleted)}, outbound.to = "internet";
      for (const DiffQuery& query : {DiffQuery(), outbound}) {
        ReachDiff diff = DiffReach(old_network, new_network, query);
        if (!diff.error.empty()) continue;
        ++deletions;
        EXPECT_TRUE(diff.gained.empty()) << snapshot.filename() << ": deleting a rule gained "
                                         << diff.gained.front().services.ToString();
        for (const DiffFlow& f : diff.lost) {
          ++lost_flows;
          bool names_deleted = false;
          for (auto& m : f.rules)
            names_deleted |= std::tuple(m.group->id, m.rule->direction, m.rule->index) == *deleted;
          // A rule that admitted a response leg (a middlebox that did not see the request) is not
          // listed by reach; the blocker then names its group on the response.
          for (auto& b : f.blockers)
            names_deleted |= b.response && b.kind == "security-group" &&
                             b.component.find(std::get<0>(*deleted)) != std::string::npos;
          EXPECT_TRUE(names_deleted) << snapshot.filename() << " " << std::get<0>(*deleted) << " rule "
                                     << std::get<2>(*deleted) << " not among the rules of a lost flow";
          for (bool last : {false, true}) {
            auto [from, to] = *Endpoints(old_network, diff.sources[f.from], diff.destinations[f.to], last);
            for (auto& i : f.services.intervals())
              for (ServiceSet::Key key : {i.lo, i.hi}) {
                ASSERT_TRUE(TraceAccepts(old_network, from, to, key))
                    << snapshot.filename() << " " << from << " -> " << to << " key " << key << " not accepted before";
                ASSERT_FALSE(TraceAccepts(new_network, from, to, key))
                    << snapshot.filename() << " " << from << " -> " << to << " key " << key << " still accepted";
                ++probes;
              }
          }
        }
      }
    }
  }
  std::printf("diff vs trace: %d deletions, %d lost flows, %d probes\n", deletions, lost_flows, probes);
  EXPECT_GT(deletions, 40);
  EXPECT_GT(lost_flows, 20);
}

// Moves one random interface into another group of its VPC alone; returns that group, or none.
std::optional<std::string> MoveRandomInterface(Network& n, std::mt19937& rng) {
  if (n.network_interfaces.empty()) return std::nullopt;
  NetworkInterface& eni = n.network_interfaces[rng() % n.network_interfaces.size()];
  std::vector<std::string> others;
  for (auto& g : n.security_groups)
    if (g.vpc_id == eni.vpc_id && eni.group_ids != std::vector<std::string>{g.id}) others.push_back(g.id);
  if (others.empty()) return std::nullopt;
  eni.group_ids = {others[rng() % others.size()]};
  n.Finalize();  // the interface's groups are resolved there
  return eni.group_ids.front();
}

// Completeness, on sampled group pairs and fixed probes, for rule deletions and interfaces moved
// between groups: a flow Trace accepts in one snapshot and denies in the other (between the
// groups' last members) is in the diff, and one on which they agree is not.
TEST(ReachabilityDiff, ProbedChangesAreReportedAndOnlyThey) {
  std::mt19937 rng(5);
  std::vector<ServiceSet::Key> probes;
  for (uint16_t port : {22, 80, 443, 3389, 5432, 8080, 49152}) probes.push_back(ServiceSet::KeyOf(kProtoTcp, port));
  for (uint16_t port : {53, 123}) probes.push_back(ServiceSet::KeyOf(kProtoUdp, port));
  probes.push_back(ServiceSet::KeyOf(kProtoIcmp, 0x800)), probes.push_back(ServiceSet::KeyOf(47, 0));
  int changed = 0, compared = 0, diffs = 0;
  for (const auto& snapshot : TestSnapshots()) {
    for (int round = 0; round < 4; ++round) {
      Network old_network = LoadSnapshot(snapshot), new_network = LoadSnapshot(snapshot);
      // Even rounds delete a rule; odd ones move an interface and select the group it joined, which
      // the old snapshot's selection lacks (its class there comes from outside the answer).
      DiffQuery query;
      if (round % 2 == 0 && !DeleteRandomRule(new_network, rng)) continue;
      if (round % 2 == 1) {
        auto group = MoveRandomInterface(new_network, rng);
        if (!group) continue;
        query.from = {*group, "internet"};
      }
      ReachDiff diff = DiffReach(old_network, new_network, query);
      if (!diff.error.empty()) continue;
      ++diffs;
      for (int sample = 0; sample < 40; ++sample) {
        size_t f = rng() % diff.sources.size(), t = rng() % diff.destinations.size();
        auto ends = Endpoints(old_network, diff.sources[f], diff.destinations[t], true);
        if (!ends) continue;
        for (ServiceSet::Key key : probes) {
          auto p = static_cast<uint8_t>(key >> 16);
          auto s = static_cast<uint16_t>(key);
          bool in_lost = false, in_gained = false;
          for (auto& x : diff.lost) in_lost |= x.from == f && x.to == t && x.services.Contains(p, s);
          for (auto& x : diff.gained) in_gained |= x.from == f && x.to == t && x.services.Contains(p, s);
          bool before = TraceAccepts(old_network, ends->first, ends->second, key);
          bool after = TraceAccepts(new_network, ends->first, ends->second, key);
          ASSERT_EQ(in_lost, before && !after) << snapshot.filename() << " " << ends->first << " -> " << ends->second
                                               << " protocol " << int(p) << " service " << s;
          ASSERT_EQ(in_gained, after && !before) << snapshot.filename() << " " << ends->first << " -> "
                                                 << ends->second << " protocol " << int(p) << " service " << s;
          ++compared, changed += before != after;
        }
      }
    }
  }
  std::printf("diff completeness: %d diffs, %d probes, %d changed\n", diffs, compared, changed);
  EXPECT_GT(compared, 5000);
  EXPECT_GT(changed, 30);
}

}  // namespace
}  // namespace sgscope
