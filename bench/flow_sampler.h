#pragma once
// Deterministic sampling of trace queries over a loaded network: which flows
// bench_trace times and checks against the brute-force evaluator.

#include <cstdint>
#include <string>
#include <vector>

#include "engines/trace.h"
#include "model/network.h"

namespace sgscope::bench {

// A query and the kind of destination it was drawn for ("same-vpc", "other-vpc",
// "internet", "ipv6", "unheld-address"), to read the results by path.
struct SampledFlow {
  TraceQuery query;
  std::string kind;
};

// `count` flows from interfaces (NAT gateway interfaces excepted) to other interfaces,
// internet hosts and unheld subnet addresses, over TCP, UDP and ICMP. The same network
// and seed always give the same flows.
std::vector<SampledFlow> SampleFlows(const Network& network, uint64_t seed, int count);

}  // namespace sgscope::bench
