#pragma once
// One run of (IP protocol, service) pairs, the unit in which reachability oracles report what
// a pair of interfaces lets through. Kept apart so any engine's comparison code can convert to it.

#include <compare>
#include <cstdint>

namespace sgscope::bench {

// Services lo..hi (inclusive) of one protocol. The service is the destination port for TCP/UDP,
// type << 8 | code for ICMP/ICMPv6, and carries nothing for other protocols (always 0..65535).
struct ServiceInterval {
  uint8_t protocol = 0;
  uint16_t lo = 0, hi = 0;
  auto operator<=>(const ServiceInterval&) const = default;
};

}  // namespace sgscope::bench
