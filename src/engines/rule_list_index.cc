// Builds the two lookups of a rule list: the peers' runs over the IPv4 axis, and per protocol
// named by a rule the runs over the port axis; rules for every protocol are a plain set.

#include "engines/rule_list_index.h"

#include <map>

namespace sgscope {

RuleListIndex::RuleListIndex(std::span<const IndexedRule> rules) {
  uint64_t any_protocol = 0, tested = 0;
  std::vector<BitRange> peers;
  std::map<uint8_t, std::vector<BitRange>> ports;  // by protocol
  for (size_t i = 0; i < rules.size() && i < 64; ++i) {
    const IndexedRule& rule = rules[i];
    uint8_t bit = static_cast<uint8_t>(i);
    for (const CoordinateRange& range : rule.peers) peers.push_back({bit, range});
    if (rule.tested) tested |= uint64_t{1} << i;
    if (rule.protocol) ports[*rule.protocol].push_back({bit, rule.ports});
    else any_protocol |= uint64_t{1} << i;
  }
  words_ = {static_cast<uint32_t>(any_protocol), static_cast<uint32_t>(any_protocol >> 32), static_cast<uint32_t>(tested),
            static_cast<uint32_t>(tested >> 32), static_cast<uint32_t>(ports.size())};
  words_.resize(kProtocolTable + 2 * ports.size());
  MaskRuns peer_runs(std::move(peers));
  words_.insert(words_.end(), peer_runs.packed().begin(), peer_runs.packed().end());
  size_t k = 0;
  for (auto& [protocol, by_port] : ports) {
    words_[kProtocolTable + 2 * k] = protocol;
    words_[kProtocolTable + 2 * k + 1] = static_cast<uint32_t>(words_.size());
    MaskRuns runs(std::move(by_port));
    words_.insert(words_.end(), runs.packed().begin(), runs.packed().end());
    ++k;
  }
}

}  // namespace sgscope
