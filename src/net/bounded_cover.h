#pragma once
// The tightest CIDR blocks (or port ranges) covering a set of addresses (or ports) under a bound
// on their number: what a rule proposed from observed traffic names instead of a wide one.

#include <cstddef>
#include <span>
#include <vector>

#include "net/ip_prefix.h"
#include "net/port_range.h"

namespace sgscope {

// At most `max_prefixes` (>= 1) blocks that together hold every address of `addresses` (all of
// one family; duplicates allowed) and, among all such choices, hold the fewest addresses in all;
// of those, one with the fewest blocks.
// Sorted and disjoint. Empty input gives an empty result.
std::vector<IpPrefix> CoverAddresses(std::span<const IpAddress> addresses, size_t max_prefixes);

// At most `max_ranges` (>= 1) port ranges holding every port of `ports` and the fewest ports in
// all: the runs of consecutive ports, with the smallest gaps between them filled first. Sorted.
std::vector<PortRange> CoverPorts(std::span<const uint16_t> ports, size_t max_ranges);

}  // namespace sgscope
