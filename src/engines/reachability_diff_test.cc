// The diff against itself and against Trace: a snapshot against itself changes nothing; after a
// rule deletion nothing is gained and every lost flow is one Trace accepts before and denies after,
// admitted before by the deleted rule; and on probes, every change Trace sees is in the diff.

#include "engines/reachability_diff.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <tuple>

#include "engines/test_snapshots.h"
#include "engines/trace_probes.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

namespace fs = std::filesystem;

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
  if (src.family != dst.family) return std::nullopt;  // no such pair
  // An IPv6 group's interfaces send and receive at their first IPv6 address.
  auto text = [&](const std::string& id) {
    const NetworkInterface* eni = src.family == IpFamily::kV6 ? n.FindNetworkInterface(id) : nullptr;
    return eni && eni->AddressOf(IpFamily::kV6) ? eni->AddressOf(IpFamily::kV6)->ToString() : id;
  };
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
  if (src.kind == EndpointClass::Kind::kInternet && src.family == IpFamily::kV4) to = PublicAddressOr(n, to);
  return std::pair{text(from), text(to)};
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

// The lost flow of `diff` from the group holding `from` to the group holding `to`, for `protocol`.
const DiffFlow* LostFlow(const ReachDiff& diff, const std::string& from, const std::string& to, uint8_t protocol) {
  auto holds = [](const DiffEndpoints& e, const std::string& id) {
    return std::find(e.members.begin(), e.members.end(), id) != e.members.end();
  };
  for (const DiffFlow& f : diff.lost)
    if (holds(diff.sources[f.from], from) && holds(diff.destinations[f.to], to) && f.protocol == protocol) return &f;
  return nullptr;
}

std::vector<std::tuple<std::string, Direction, uint32_t>> RuleNames(const std::vector<SecurityGroupMatch>& rules) {
  std::vector<std::tuple<std::string, Direction, uint32_t>> out;
  for (auto& m : rules) out.emplace_back(m.group->id, m.rule->direction, m.rule->index);
  return out;
}

// managed_paths: eni-...50 reaches the application load balancer node eni-...55 on its HTTP 80
// listener (client egress sg-...0d rule 0, node ingress sg-...0e rule 0); the node forwards to
// the target 10.40.1.10:8443 (node egress sg-...0e rule 0, target ingress sg-...0a rule 2, a
// reference to sg-...0e). Deleting the node's egress rule loses tcp 80, and the lost flow names
// the rules of both legs, though the second leg's admit tcp 8443, not 80 (trace's hops 1, 5, 8, 11).
TEST(ReachabilityDiff, LostFlowThroughALoadBalancerNamesTheRulesOfBothLegs) {
  fs::path snapshot = fs::path(SGSCOPE_SOURCE_DIR) / "tests/data/snapshots/managed_paths";
  Network old_network = LoadSnapshot(snapshot), new_network = LoadSnapshot(snapshot);
  SecurityGroup& node_group = *std::find_if(new_network.security_groups.begin(), new_network.security_groups.end(),
                                            [](auto& g) { return g.id == "sg-0d0000000000000e"; });
  node_group.egress.erase(node_group.egress.begin());
  ReachDiff diff = DiffReach(old_network, new_network, DiffQuery());
  const DiffFlow* lost = LostFlow(diff, "eni-0d00000000000050", "eni-0d00000000000055", kProtoTcp);
  ASSERT_NE(lost, nullptr);
  EXPECT_EQ(lost->services.ToString(), "tcp 80");
  using R = std::tuple<std::string, Direction, uint32_t>;
  EXPECT_EQ(RuleNames(lost->rules),
            (std::vector<R>{{"sg-0d0000000000000d", Direction::kEgress, 0}, {"sg-0d0000000000000e", Direction::kIngress, 0},
                            {"sg-0d0000000000000e", Direction::kEgress, 0}, {"sg-0d0000000000000a", Direction::kIngress, 2}}));
}

// A hand snapshot before and after moving one interface into `group` alone, and their diff from
// that group (its rules point into the two networks, kept here).
struct InterfaceMoved {
  InterfaceMoved(const std::string& snapshot, const std::string& eni_id, const std::string& group) {
    fs::path dir = fs::path(SGSCOPE_SOURCE_DIR) / "tests/data/snapshots" / snapshot;
    old_network = LoadSnapshot(dir), new_network = LoadSnapshot(dir);
    for (auto& eni : new_network.network_interfaces)
      if (eni.id == eni_id) eni.group_ids = {group};
    new_network.Finalize();
    DiffQuery query;
    query.from = {group};
    diff = DiffReach(old_network, new_network, query);
  }
  // Whether trace accepts the flow before the move and not after.
  bool TraceLoses(const std::string& from, const std::string& to, ServiceSet::Key key) const {
    return TraceAccepts(old_network, from, to, key) && !TraceAccepts(new_network, from, to, key);
  }
  Network old_network, new_network;
  ReachDiff diff;
};

// review_appliance_skeleton: subnet a routes 10.50.2.0/24 through the appliance eni-...b0
// (source/destination check off) in subnet b, so b1 -> a3 tcp 443 returns through b0, whose
// groups judge the response without connection state. Moved into sg-...0b (which admits no tcp
// 49152), b0 drops that response: b1 -> a3 tcp 443 is lost. b0 itself, now in b1's group and
// subnet, still reaches a3 (its own response comes back to it, tracked), so it must not answer
// for b1.
TEST(ReachabilityDiff, AnApplianceDoesNotAnswerForItsNeighbours) {
  InterfaceMoved moved("review_appliance_skeleton", "eni-0e000000000000b0", "sg-0e0000000000000b");
  ASSERT_TRUE(moved.TraceLoses("eni-0e000000000000b1", "eni-0e000000000000a3", ServiceSet::KeyOf(kProtoTcp, 443)));
  const DiffFlow* lost = LostFlow(moved.diff, "eni-0e000000000000b1", "eni-0e000000000000a3", kProtoTcp);
  ASSERT_NE(lost, nullptr);
  EXPECT_EQ(lost->services.ToString(), "tcp 443");
  ASSERT_EQ(lost->blockers.size(), 1u);
  EXPECT_TRUE(lost->blockers[0].response);
  EXPECT_EQ(lost->blockers[0].at, "eni-0e000000000000b0");
}

// review_ipv6_appliance: eni-app2 (dual-stack) reaches eni-db1 on tcp 5432 over IPv4 by sg-db's
// reference to sg-app. Moved into sg-fw it loses that. It is in the old snapshot's sg-fw selection in
// neither family, so its old IPv4 answer comes from a query by its id, which selects both its
// classes: the IPv4 pair must still be found among them, and the lost flow name its rules.
TEST(ReachabilityDiff, DualStackInterfaceOutsideTheOldSelectionKeepsItsIpv4Flows) {
  InterfaceMoved moved("review_ipv6_appliance", "eni-app2", "sg-fw");
  ASSERT_TRUE(moved.TraceLoses("eni-app2", "eni-db1", ServiceSet::KeyOf(kProtoTcp, 5432)));
  const DiffFlow* lost = LostFlow(moved.diff, "eni-app2", "eni-db1", kProtoTcp);  // IPv4 groups come first
  ASSERT_NE(lost, nullptr);
  EXPECT_EQ(moved.diff.sources[lost->from].family, IpFamily::kV4);
  EXPECT_EQ(lost->services.ToString(), "tcp 5432");
  using R = std::tuple<std::string, Direction, uint32_t>;
  EXPECT_EQ(RuleNames(lost->rules), (std::vector<R>{{"sg-app", Direction::kEgress, 0}, {"sg-db", Direction::kIngress, 0}}));
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
  probes.push_back(ServiceSet::KeyOf(kProtoIcmp, 0x800)), probes.push_back(ServiceSet::KeyOf(kProtoIcmpv6, 0x8000));
  probes.push_back(ServiceSet::KeyOf(47, 0));
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
