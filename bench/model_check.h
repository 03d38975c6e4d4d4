#pragma once
// Checks a loaded model against the generator's manifest: the loader must keep every
// resource, rule and entry the generator wrote (design.md §3: nothing silently dropped).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/network.h"

namespace sgscope::bench {

// The model's counts under the manifest's keys (see CountInventory).
std::map<std::string, uint64_t> CountModel(const Network& network);

// "sg_rules: generated 10000, loaded 9990" for every key whose counts differ.
std::vector<std::string> CompareWithManifest(const Network& network, const std::map<std::string, uint64_t>& manifest);

}  // namespace sgscope::bench
