#include "engines/compiled_paths.h"

#include <gtest/gtest.h>

#include "engines/filter_services.h"
#include "engines/test_snapshots.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

// Route classes let one trace stand for the keys of a class (of one VPC) when the walk failed or
// left the network before it looked the destination up. On every snapshot at hand, each cell must
// say what its own trace says: the same skeleton, or both a dead end.
TEST(CompiledPaths, SharedSkeletonsSayWhatTheirOwnTraceSays) {
  size_t cells = 0, shared = 0;
  for (const auto& snapshot : TestSnapshots()) {
    Network n = LoadSnapshot(snapshot);
    EndpointSelection all = SelectEndpoints(n, "all", EndpointFamilies::kIpv4);
    if (!all.error.empty()) continue;
    CompiledPaths paths(n, all.classes, all.classes);
    for (auto& members : paths.route_classes)  // keys of one VPC
      for (uint32_t k : members)
        EXPECT_EQ(paths.destination_keys[k][0]->subnet->vpc_id, paths.destination_keys[members[0]][0]->subnet->vpc_id);
    for (uint32_t s = 0; s < paths.source_keys.size(); ++s)
      for (uint32_t d = 0; d < paths.destination_keys.size(); ++d)
        for (size_t c = 0; c < paths.classes; ++c) {
          const Skeleton& cell = paths.skeletons[paths.skeleton_of[(size_t{s} * paths.destination_keys.size() + d) * paths.classes + c]];
          Skeleton own = paths.TraceBetween(paths.source_keys[s], paths.destination_keys[d], c).skeleton;
          bool dead = cell.usable && (cell.forward_failed || cell.left_network);
          bool own_dead = own.usable && (own.forward_failed || own.left_network);
          ASSERT_EQ(dead, own_dead) << snapshot.filename() << " key " << s << " -> key " << d << " class " << c;
          if (!dead) {
            EXPECT_EQ(cell, own) << snapshot.filename() << " key " << s << " -> key " << d;
          }
          ++cells;
        }
    shared += paths.source_keys.size() * paths.destination_keys.size() * paths.classes - paths.traces;
  }
  EXPECT_GT(cells, 500u);
  EXPECT_GT(shared, 0u);  // the shortcut is exercised
}

}  // namespace
}  // namespace sgscope
