#pragma once
// The fast path of `reach` for bulk questions (no explanations): between plain interfaces whose
// subnets route uniformly, one traced skeleton per pair of subnets says which filters a flow
// meets, and each filter's answer comes from tables indexed by the peer's address and groups,
// so a pair costs table lookups and memoized set operations instead of a trace.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engines/compiled_paths.h"
#include "net/service_set.h"

namespace sgscope {

// Answers pairs of the classes `paths` was built for; not thread-safe (one per worker). It
// remembers the answers of the last batch of sources, so callers should ask batch by batch.
class CompiledReach {
 public:
  // `open_destination_ingress`: the destination's own groups admit every inbound service
  // (ReachQuery::open_destination_ingress).
  CompiledReach(const CompiledPaths& paths, const ServiceSet& universe, bool open_destination_ingress = false);
  ~CompiledReach();
  // What gets from source class i to destination class j (its second member when i and j are
  // the same class), or nullopt when the pair needs the general evaluator.
  std::optional<ServiceSet> Allowed(size_t i, size_t j);
  // The same as an id of this instance's set table (dense from 0), and the set of an id.
  std::optional<uint32_t> AllowedId(size_t i, size_t j);
  // AllowedId for every destination of each source of `rows` (at most BatchSize(), best of few
  // path keys: a key's sources share skeletons, the batch the destinations' tables), row after
  // row in `out`, each row's destinations in DestinationOrder() (destinations alike for the
  // tables side by side); kNoAnswer where the pair needs the general evaluator. Blocks of destinations nothing can reach cost a write each.
  static constexpr uint32_t kNoAnswer = 0xffffffffu;
  static size_t BatchSize();
  void AllowedRows(const size_t* rows, size_t count, std::vector<uint32_t>& out);
  const std::vector<uint32_t>& DestinationOrder() const;  // a permutation of the destinations
  const ServiceSet& Set(uint32_t id) const;
  // The services examined (what `universe` was at construction).
  const ServiceSet& universe() const;
  // The group-set and ACL tables built since the last call, and the CPU time that took (tables
  // are built on first use and kept, so a sample of rows pays for more than its share).
  struct TableCost {
    double cpu_seconds = 0;
    size_t tables = 0;
  };
  TableCost TakeTableCost();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sgscope
