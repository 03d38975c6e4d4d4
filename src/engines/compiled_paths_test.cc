#include "engines/compiled_paths.h"

#include <gtest/gtest.h>

#include "engines/filter_services.h"
#include "engines/test_snapshots.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

struct CellCount {
  size_t cells = 0, shared = 0;
};

// Every cell of one family's paths against its own trace.
void CheckCells(const std::filesystem::path& snapshot, const CompiledPaths& paths, CellCount& count) {
  for (auto& members : paths.route_classes)  // keys of one VPC
    for (uint32_t k : members)
      EXPECT_EQ(paths.destination_keys[k][0]->subnet->vpc_id, paths.destination_keys[members[0]][0]->subnet->vpc_id);
  for (uint32_t s = 0; s < paths.source_keys.size(); ++s)
    for (uint32_t d = 0; d < paths.destination_keys.size(); ++d)
      for (size_t c = 0; c < paths.classes; ++c) {
        const Skeleton& cell =
            paths.skeletons[paths.skeleton_of[(size_t{s} * paths.destination_keys.size() + d) * paths.classes + c]];
        Skeleton own = paths.TraceBetween(paths.source_keys[s], paths.destination_keys[d], c).skeleton;
        bool dead = cell.usable && (cell.forward_failed || cell.left_network);
        bool own_dead = own.usable && (own.forward_failed || own.left_network);
        ASSERT_EQ(dead, own_dead) << snapshot.filename() << " key " << s << " -> key " << d << " class " << c;
        if (!dead) {
          EXPECT_EQ(cell, own) << snapshot.filename() << " key " << s << " -> key " << d;
        }
        ++count.cells;
      }
  count.shared += paths.source_keys.size() * paths.destination_keys.size() * paths.classes - paths.traces;
}

// Route classes let one trace stand for the keys of a class (of one VPC) when the walk failed or
// left the network before it looked the destination up. On every snapshot at hand, in both
// address families, each cell must say what its own trace says: the same skeleton, or both a
// dead end.
TEST(CompiledPaths, SharedSkeletonsSayWhatTheirOwnTraceSays) {
  CellCount ipv4, ipv6;
  for (const auto& snapshot : TestSnapshots()) {
    Network n = LoadSnapshot(snapshot);
    EndpointSelection all = SelectEndpoints(n, "all", EndpointFamilies::kIpv4AndIpv6);
    if (!all.error.empty()) continue;
    CheckCells(snapshot, CompiledPaths(n, all.classes, all.classes, IpFamily::kV4), ipv4);
    CheckCells(snapshot, CompiledPaths(n, all.classes, all.classes, IpFamily::kV6), ipv6);
  }
  EXPECT_GT(ipv4.cells, 500u);
  EXPECT_GT(ipv4.shared, 0u);  // the shortcut is exercised
  EXPECT_GT(ipv6.cells, 10u);
}

// Across a peering connection, keys whose subnets deliver alike and send responses back by the
// same route take one trace (review_delivery_peering: subnets 1 and 2 of vpc-pdb, two route
// tables); keys whose tables send them otherwise (3: no route, 4: a blackhole, 6: a firewall)
// take their own, and the test above checks every cell against its own trace.
TEST(CompiledPaths, PeeredKeysThatDeliverAlikeShareOneTrace) {
  Network n = LoadSnapshot(std::filesystem::path(SGSCOPE_SOURCE_DIR) / "tests/data/snapshots/review_delivery_peering");
  EndpointSelection from = SelectEndpoints(n, "eni-pda1a", EndpointFamilies::kIpv4);
  EndpointSelection to = SelectEndpoints(n, "vpc-pdb", EndpointFamilies::kIpv4);
  ASSERT_TRUE(from.error.empty() && to.error.empty());
  CompiledPaths paths(n, from.classes, to.classes);
  auto key_of = [&](const std::string& subnet) {
    for (uint32_t k = 0; k < paths.destination_keys.size(); ++k)
      if (paths.destination_keys[k][0]->subnet->id == subnet) return k;
    ADD_FAILURE() << subnet;
    return uint32_t{0};
  };
  const Side& source = paths.sources[0];
  auto skeleton = [&](const std::string& subnet) { return paths.SkeletonIndex(source, key_of(subnet), 0); };
  EXPECT_EQ(skeleton("subnet-pdb1"), skeleton("subnet-pdb2"));
  for (const char* other : {"subnet-pdb3", "subnet-pdb4", "subnet-pdb5", "subnet-pdb6"})
    EXPECT_NE(skeleton("subnet-pdb1"), skeleton(other)) << other;
  EXPECT_EQ(paths.traces, paths.destination_keys.size() - 1);  // all but subnet 2
}

// A NAT gateway's interface is answered from the tables, on a path key of its own: it takes no
// connection and lets no response back to itself, unlike the group-less interfaces beside it
// (review_delivery_alike holds one; the test above checks its cells against their traces).
TEST(CompiledPaths, NatGatewayInterfacesHaveAPathKeyOfTheirOwn) {
  Network n = LoadSnapshot(std::filesystem::path(SGSCOPE_SOURCE_DIR) / "tests/data/snapshots/review_delivery_alike");
  EndpointSelection all = SelectEndpoints(n, "all", EndpointFamilies::kIpv4);
  ASSERT_TRUE(all.error.empty());
  CompiledPaths paths(n, all.classes, all.classes);
  size_t nat_sides = 0;
  for (const Side& side : paths.sources) {
    if (!side.nat_gateway) continue;
    ++nat_sides;
    EXPECT_TRUE(side.usable && paths.destinations[&side - paths.sources.data()].usable_destination) << side.eni->id;
    for (const Side& other : paths.sources)
      if (other.usable && !other.nat_gateway) {
        EXPECT_NE(other.path_key, side.path_key) << other.eni->id;
      }
  }
  EXPECT_EQ(nat_sides, n.nat_gateways.size());
}

}  // namespace
}  // namespace sgscope
