#pragma once
// Sets of services: (IP protocol, service) pairs, where the service axis is the destination port
// for TCP and UDP, type*256+code for ICMP and ICMPv6, and spans nothing for other protocols (their
// sets hold the whole axis or none of it). One canonical interval set over protocol*65536+service,
// so equal sets compare equal; the reachability engine computes with them per pair of endpoints.

#include <cstdint>
#include <string>
#include <vector>

#include "net/interval_set.h"
#include "net/ip_protocol.h"
#include "net/port_range.h"

namespace sgscope {

// One protocol's run of consecutive services.
struct ServiceRun {
  uint8_t protocol;
  uint16_t lo, hi;
  auto operator<=>(const ServiceRun&) const = default;
};

// A set of (protocol, service) pairs.
class ServiceSet {
 public:
  using Key = uint32_t;  // protocol << 16 | service
  static constexpr Key KeyOf(uint8_t protocol, uint16_t service) { return Key{protocol} << 16 | service; }

  ServiceSet() = default;
  static ServiceSet All() { return ServiceSet(IntervalSet<Key>::Range(0, KeyOf(255, 65535))); }
  // Every service of one protocol.
  static ServiceSet Protocol(uint8_t protocol) { return Services(protocol, PortRange::All()); }
  static ServiceSet Services(uint8_t protocol, const PortRange& services) {
    return ServiceSet(IntervalSet<Key>::Range(KeyOf(protocol, services.from), KeyOf(protocol, services.to)));
  }
  // Every (protocol, service) from `lo` to `hi` in key order.
  static ServiceSet Keys(Key lo, Key hi) { return ServiceSet(IntervalSet<Key>::Range(lo, hi)); }
  // What a security-group rule or network ACL entry selects (an "all protocols" one selects all).
  static ServiceSet Of(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp);

  bool empty() const { return set_.empty(); }
  bool is_all() const { return *this == All(); }
  bool Contains(uint8_t protocol, uint16_t service) const { return set_.Contains(KeyOf(protocol, service)); }
  const std::vector<IntervalSet<Key>::Interval>& intervals() const { return set_.intervals(); }

  // The set as runs, split at protocol boundaries, in protocol then service order.
  std::vector<ServiceRun> Runs() const;

  ServiceSet Union(const ServiceSet& o) const { return ServiceSet(set_.Union(o.set_)); }
  ServiceSet Intersect(const ServiceSet& o) const { return ServiceSet(set_.Intersect(o.set_)); }
  ServiceSet Subtract(const ServiceSet& o) const { return ServiceSet(set_.Subtract(o.set_)); }
  ServiceSet Complement() const { return All().Subtract(*this); }

  // "tcp 22, 80-90; udp 53; icmp type 8 code 0; protocol 47", or "all traffic", or
  // "all traffic except …" when that is shorter; "nothing" when empty. With a universe (what
  // was examined), all of it reads "all traffic" (or what it is, when it is less) and the
  // exceptions are taken within it.
  std::string ToString() const { return ToString(All()); }
  std::string ToString(const ServiceSet& universe) const;

  bool operator==(const ServiceSet&) const = default;
  size_t Hash() const { return set_.Hash(); }

 private:
  explicit ServiceSet(IntervalSet<Key> set) : set_(std::move(set)) {}
  IntervalSet<Key> set_;
};

}  // namespace sgscope
