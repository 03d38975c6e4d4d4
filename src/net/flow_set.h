#pragma once
// Sets of flows as one filter sees them: (IP protocol, service, peer address). The service axis is
// the destination port for TCP and UDP, type*256+code for ICMP and ICMPv6, and carries nothing for
// other protocols (their flows span it whole). Canonical like AddressSet, so equal sets compare
// equal and set algebra is exact.

#include <cstdint>
#include <vector>

#include "net/address_set.h"
#include "net/ip_protocol.h"
#include "net/port_range.h"

namespace sgscope {

// The service-axis range a rule or ACL entry selects for one protocol.
PortRange ServiceRange(uint8_t protocol, const PortRange& ports, const IcmpTypeCode& icmp);

// A set of (protocol, service, address) triples. Protocols are stored only where they differ
// from the rest: one cell list stands for every protocol not listed, so "all protocols" sets and
// sets naming a few protocols both cost a few entries, whatever the 256 possible.
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
  // One protocol's range of the service axis (ports, or ICMP type*256+code) from `peer`.
  static FlowSet OfServices(uint8_t protocol, const PortRange& services, const AddressSet& peer);
  static FlowSet All() { return Of(ProtocolSelector{}, PortRange::All(), IcmpTypeCode{}, AddressSet::All()); }
  // The union of all `sets`, merged pairwise so that many small sets cost n log n, not n^2.
  static FlowSet UnionOf(std::vector<FlowSet> sets);

  bool empty() const { return protocols_.empty() && others_.empty(); }
  const std::vector<Cell>& cells(uint8_t protocol) const;
  // The addresses admitted for (protocol, service).
  AddressSet At(uint8_t protocol, uint16_t service) const;

  FlowSet Union(const FlowSet& o) const;
  FlowSet Intersect(const FlowSet& o) const;
  FlowSet Subtract(const FlowSet& o) const;
  // Whether the two sets share a flow; allocates nothing.
  bool Intersects(const FlowSet& o) const;
  // Keeps only flows whose address is in `addresses` (for every protocol and service).
  FlowSet RestrictAddresses(const AddressSet& addresses) const;

  bool operator==(const FlowSet&) const = default;

 private:
  // The cells of a protocol that differ from the others'.
  struct Protocol {
    uint8_t number;
    std::vector<Cell> cells;  // ascending, disjoint, neighbours' addresses differ
    bool operator==(const Protocol&) const = default;
  };
  // Lists protocol `number` with `cells` unless they are the others' (the canonical form).
  void Put(uint8_t number, std::vector<Cell> cells);
  // Applies `op` to the address sets protocol by protocol, cell by cell; service ranges only one
  // side has are kept when `keep_a` (this side) or `keep_b` says so.
  template <typename Op>
  FlowSet Combine(const FlowSet& o, bool keep_a, bool keep_b, Op op) const;
  // Canonical: `others_` holds the cells of protocol 255 (a number no rule names in practice),
  // which every protocol not in `protocols_` shares; `protocols_` lists, ascending, the protocols
  // whose cells differ from them.
  std::vector<Protocol> protocols_;
  std::vector<Cell> others_;
};

}  // namespace sgscope
