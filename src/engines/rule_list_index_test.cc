#include "engines/rule_list_index.h"

#include <gtest/gtest.h>

#include <random>

namespace sgscope {
namespace {

// Whether `rule` holds for the packet, as its description says.
bool Holds(const IndexedRule& rule, uint8_t protocol, uint16_t port, uint32_t peer) {
  bool in_peers = false;
  for (const CoordinateRange& r : rule.peers) in_peers |= r.first <= peer && peer <= r.last;
  if (!in_peers) return false;
  if (!rule.protocol) return true;
  return *rule.protocol == protocol && rule.ports.first <= port && port <= rule.ports.last;
}

TEST(RuleListIndex, CandidatesAreTheRulesThatHold) {
  std::mt19937 rng(11);
  const uint8_t protocols[] = {1, 6, 17, 47};
  for (int round = 0; round < 100; ++round) {
    std::vector<IndexedRule> rules(1 + rng() % 64);
    for (IndexedRule& rule : rules) {
      for (unsigned n = rng() % 3; n > 0; --n) {
        uint32_t first = static_cast<uint32_t>(rng() % 64);
        rule.peers.push_back({first, first + static_cast<uint32_t>(rng() % 16)});
      }
      if (rng() % 4) rule.protocol = protocols[rng() % 4];
      uint32_t from = static_cast<uint32_t>(rng() % 40);
      if (rng() % 2) rule.ports = {from, from + static_cast<uint32_t>(rng() % 20)};
      rule.tested = rng() % 5 == 0;
    }
    RuleListIndex index(rules);
    uint64_t tested = 0;
    for (size_t i = 0; i < rules.size(); ++i) tested |= uint64_t{rules[i].tested} << i;
    ASSERT_EQ(index.tested(), tested);
    for (uint8_t protocol : {1, 6, 17, 47, 58})
      for (uint16_t port = 0; port < 70; port += 3)
        for (uint32_t peer = 0; peer < 90; peer += 2) {
          uint64_t expected = 0;
          for (size_t i = 0; i < rules.size(); ++i) expected |= uint64_t{Holds(rules[i], protocol, port, peer)} << i;
          ASSERT_EQ(index.Candidates(protocol, port, peer), expected)
              << "round " << round << " protocol " << int{protocol} << " port " << port << " peer " << peer;
        }
  }
}

TEST(RuleListIndex, EmptyListHasNoCandidates) {
  RuleListIndex index({});
  EXPECT_EQ(index.Candidates(6, 443, 0x0a000001), 0u);
  EXPECT_EQ(index.tested(), 0u);
}

}  // namespace
}  // namespace sgscope
