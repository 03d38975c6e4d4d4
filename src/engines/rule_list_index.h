#pragma once
// Up to 64 rules (an interface's security-group rules in one direction, or a network ACL's
// entries) as two lookups for IPv4 packets: which rules' ranges hold the peer address, and
// which select the packet's protocol and destination port. A record's candidates are then two
// binary searches away, where asking each rule costs a test per rule.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engines/mask_runs.h"

namespace sgscope {

// What the index is told of one rule.
struct IndexedRule {
  std::vector<CoordinateRange> peers;    // the IPv4 addresses it holds
  std::optional<uint8_t> protocol;       // nullopt: every protocol
  CoordinateRange ports{0, UINT32_MAX};  // the destination ports it selects of its protocol
  bool tested = false;                   // the ranges over-approximate it: ask the rule itself
};

// Rule i of the list is bit i of the sets it answers. Everything a lookup reads is one block of
// words, so a record touches a few cache lines of it, not a vector per protocol.
class RuleListIndex {
 public:
  explicit RuleListIndex(std::span<const IndexedRule> rules);  // at most 64 rules

  // The rules that hold for an IPv4 packet, and the tested rules that may.
  uint64_t Candidates(uint8_t protocol, uint16_t port, uint32_t peer) const {
    const uint32_t* w = words_.data();
    uint64_t selecting = Word64(kAnyProtocol);
    for (uint32_t k = 0; k < w[kProtocols]; ++k)
      if (w[kProtocolTable + 2 * k] == protocol) selecting |= MaskRuns::PackedAt(w + w[kProtocolTable + 2 * k + 1], port);
    return selecting & MaskRuns::PackedAt(w + kProtocolTable + 2 * w[kProtocols], peer);
  }
  uint64_t tested() const { return Word64(kTested); }

 private:
  // Layout: the two sets, the protocol count k, k (protocol, offset of its port runs) pairs, the
  // peers' runs, then each protocol's port runs (MaskRuns::packed()).
  static constexpr size_t kAnyProtocol = 0, kTested = 2, kProtocols = 4, kProtocolTable = 5;
  uint64_t Word64(size_t at) const { return uint64_t{words_[at]} | uint64_t{words_[at + 1]} << 32; }
  std::vector<uint32_t> words_;
};

}  // namespace sgscope
