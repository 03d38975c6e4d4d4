#pragma once
// Sets of flows as one filter sees them: (IP protocol, service, peer address). The service axis is
// the destination port for TCP and UDP, type*256+code for ICMP and ICMPv6, and carries nothing for
// other protocols (their flows span it whole). Canonical like AddressSet, so equal sets compare
// equal and set algebra is exact.

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "net/address_set.h"
#include "net/ip_protocol.h"
#include "net/port_range.h"

namespace sgscope {

// The service-axis range a rule or ACL entry selects for one protocol.
PortRange ServiceRange(uint8_t protocol, const PortRange& ports, const IcmpTypeCode& icmp);

// A set of (protocol, service, address) triples.
class FlowSet {
 public:
  // One interval of the service axis of one protocol and the addresses admitted there.
  struct Cell {
    uint16_t lo, hi;
    AddressSet addresses;
    bool operator==(const Cell&) const = default;
  };

  FlowSet() = default;
  // The flows a rule or ACL entry selects: its protocol (or all), ports or ICMP type/code, peer.
  static FlowSet Of(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                    const AddressSet& peer);
  static FlowSet All() { return Of(ProtocolSelector{}, PortRange::All(), IcmpTypeCode{}, AddressSet::All()); }

  bool empty() const;
  const std::vector<Cell>& cells(uint8_t protocol) const { return by_protocol_[protocol]; }
  // The addresses admitted for (protocol, service).
  AddressSet At(uint8_t protocol, uint16_t service) const;

  FlowSet Union(const FlowSet& o) const;
  FlowSet Intersect(const FlowSet& o) const;
  FlowSet Subtract(const FlowSet& o) const;
  // Keeps only flows whose address is in `addresses` (for every protocol and service).
  FlowSet RestrictAddresses(const AddressSet& addresses) const;

  bool operator==(const FlowSet&) const = default;

 private:
  using Op = std::function<AddressSet(const AddressSet&, const AddressSet&)>;
  enum class Kind : uint8_t { kUnion, kIntersect, kSubtract };
  FlowSet Combine(const FlowSet& o, Kind kind, const Op& op) const;
  std::array<std::vector<Cell>, 256> by_protocol_;
};

}  // namespace sgscope
