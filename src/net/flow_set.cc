// Flow sets: per protocol, the service axis is a partition into cells with one address set each;
// protocols sharing protocol 255's cells are not listed. Every binary operation sweeps two
// partitions at once and applies the address operation per elementary interval, merging
// neighbours with equal addresses and dropping protocols equal to the rest: the form stays canonical.

#include "net/flow_set.h"

#include <algorithm>

namespace sgscope {

PortRange ServiceRange(uint8_t protocol, const PortRange& ports, const IcmpTypeCode& icmp) {
  if (protocol == kProtoTcp || protocol == kProtoUdp) return ports;
  if ((protocol != kProtoIcmp && protocol != kProtoIcmpv6) || icmp.type < 0) return PortRange::All();
  uint16_t base = static_cast<uint16_t>(icmp.type << 8);
  return icmp.code < 0 ? PortRange{base, static_cast<uint16_t>(base | 0xff)}
                       : PortRange::Single(static_cast<uint16_t>(base | icmp.code));
}

namespace {

// Appends [lo, hi] with `addresses` to ascending cells, merged into the last one when it ends at
// lo - 1 with the same addresses (the canonical form never holds such neighbours).
void AppendCell(std::vector<FlowSet::Cell>& cells, uint32_t lo, uint32_t hi, AddressSet addresses) {
  if (!cells.empty() && cells.back().hi + 1u == lo && cells.back().addresses == addresses)
    cells.back().hi = static_cast<uint16_t>(hi);
  else
    cells.push_back({static_cast<uint16_t>(lo), static_cast<uint16_t>(hi), std::move(addresses)});
}

// One protocol's cells of a binary operation: the service axis is cut at every cell bound of
// either side, and `op` gets the addresses each side has on a piece (nullptr: none).
template <typename Op>
std::vector<FlowSet::Cell> Sweep(const std::vector<FlowSet::Cell>& a, const std::vector<FlowSet::Cell>& b, bool keep_a,
                                 bool keep_b, Op op) {
  std::vector<FlowSet::Cell> out;
  size_t ia = 0, ib = 0;
  uint32_t pos = 0;
  // Once one side is exhausted, the rest of the other matters only if the operation keeps it.
  auto more = [&] {
    bool ha = ia < a.size(), hb = ib < b.size();
    return (ha && hb) || (ha && keep_a) || (hb && keep_b);
  };
  // Sets `here` to the addresses of side `cells` at pos (if its cell `i` covers it) and returns
  // where that side next changes.
  auto look = [&](const std::vector<FlowSet::Cell>& cells, size_t i, const AddressSet*& here) -> uint32_t {
    if (i == cells.size()) return 65536;
    if (cells[i].lo > pos) return cells[i].lo;
    here = &cells[i].addresses;
    return cells[i].hi + 1u;
  };
  while (more()) {
    const AddressSet *x = nullptr, *y = nullptr;
    uint32_t end = std::min(look(a, ia, x), look(b, ib, y));  // the piece is [pos, end)
    if (x || y)
      if (AddressSet r = op(x, y); !r.empty()) AppendCell(out, pos, end - 1, std::move(r));
    pos = end;
    if (ia < a.size() && a[ia].hi < pos) ++ia;
    if (ib < b.size() && b[ib].hi < pos) ++ib;
  }
  return out;
}

}  // namespace

FlowSet FlowSet::Of(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                    const AddressSet& peer) {
  FlowSet set;
  if (peer.empty()) return set;
  // An "all protocols" rule or entry admits every port and type.
  if (protocol.all) return set.others_.push_back({0, 65535, peer}), set;
  return OfServices(protocol.number, ServiceRange(protocol.number, ports, icmp), peer);
}

FlowSet FlowSet::OfServices(uint8_t protocol, const PortRange& services, const AddressSet& peer) {
  FlowSet set;
  std::vector<Cell> cells;
  if (!peer.empty() && services.from <= services.to) cells.push_back({services.from, services.to, peer});
  if (protocol != 255) return set.Put(protocol, std::move(cells)), set;
  set.others_ = std::move(cells);  // every other protocol is listed, without flows
  for (int p = 0; p < 255; ++p) set.Put(static_cast<uint8_t>(p), {});
  return set;
}

FlowSet FlowSet::UnionOf(std::vector<FlowSet> sets) {
  std::erase_if(sets, [](const FlowSet& s) { return s.empty(); });
  while (sets.size() > 1) {
    for (size_t i = 0; i < sets.size() / 2; ++i) sets[i] = sets[2 * i].Union(sets[2 * i + 1]);
    if (sets.size() % 2) sets[sets.size() / 2] = std::move(sets.back());
    sets.resize((sets.size() + 1) / 2);
  }
  return sets.empty() ? FlowSet() : std::move(sets.front());
}

void FlowSet::Put(uint8_t number, std::vector<Cell> cells) {
  if (cells != others_) protocols_.push_back({number, std::move(cells)});
}

const std::vector<FlowSet::Cell>& FlowSet::cells(uint8_t protocol) const {
  auto it = std::lower_bound(protocols_.begin(), protocols_.end(), protocol,
                             [](const Protocol& p, uint8_t number) { return p.number < number; });
  return it != protocols_.end() && it->number == protocol ? it->cells : others_;
}

AddressSet FlowSet::At(uint8_t protocol, uint16_t service) const {
  for (auto& c : cells(protocol))
    if (c.lo <= service && service <= c.hi) return c.addresses;
  return {};
}

namespace {

// Calls `f(number, cells of a, cells of b)` for every protocol either side lists, ascending; a
// side that does not list it gives its others' cells.
template <typename Protocols, typename F>
void ForEachListed(const Protocols& a, const std::vector<FlowSet::Cell>& a_others, const Protocols& b,
                   const std::vector<FlowSet::Cell>& b_others, F f) {
  auto i = a.begin(), j = b.begin();
  while (i != a.end() || j != b.end()) {
    if (j == b.end() || (i != a.end() && i->number < j->number)) f(i->number, i->cells, b_others), ++i;
    else if (i == a.end() || j->number < i->number) f(j->number, a_others, j->cells), ++j;
    else f(i->number, i->cells, j->cells), ++i, ++j;
  }
}

bool CellsIntersect(const std::vector<FlowSet::Cell>& a, const std::vector<FlowSet::Cell>& b) {
  for (auto x = a.begin(), y = b.begin(); x != a.end() && y != b.end();) {
    if (std::max(x->lo, y->lo) <= std::min(x->hi, y->hi) && x->addresses.Intersects(y->addresses)) return true;
    (x->hi < y->hi ? ++x : ++y);
  }
  return false;
}

std::vector<FlowSet::Cell> Restricted(const std::vector<FlowSet::Cell>& cells, const AddressSet& addresses) {
  std::vector<FlowSet::Cell> out;
  for (auto& c : cells)
    if (AddressSet r = c.addresses.Intersect(addresses); !r.empty()) AppendCell(out, c.lo, c.hi, std::move(r));
  return out;
}

}  // namespace

template <typename Op>
FlowSet FlowSet::Combine(const FlowSet& o, bool keep_a, bool keep_b, Op op) const {
  FlowSet out;
  out.others_ = Sweep(others_, o.others_, keep_a, keep_b, op);
  out.protocols_.reserve(protocols_.size() + o.protocols_.size());
  ForEachListed(protocols_, others_, o.protocols_, o.others_, [&](uint8_t number, auto& x, auto& y) {
    out.Put(number, Sweep(x, y, keep_a, keep_b, op));
  });
  return out;
}

FlowSet FlowSet::Union(const FlowSet& o) const {
  return Combine(o, true, true, [](const AddressSet* x, const AddressSet* y) {
    return !x ? *y : !y ? *x : x->Union(*y);
  });
}
FlowSet FlowSet::Intersect(const FlowSet& o) const {
  return Combine(o, false, false, [](const AddressSet* x, const AddressSet* y) {
    return x && y ? x->Intersect(*y) : AddressSet();
  });
}
FlowSet FlowSet::Subtract(const FlowSet& o) const {
  return Combine(o, true, false, [](const AddressSet* x, const AddressSet* y) {
    return !x ? AddressSet() : !y ? *x : x->Subtract(*y);
  });
}

bool FlowSet::Intersects(const FlowSet& o) const {
  bool found = false;
  ForEachListed(protocols_, others_, o.protocols_, o.others_,
                [&](uint8_t, auto& x, auto& y) { found = found || CellsIntersect(x, y); });
  return found || CellsIntersect(others_, o.others_);  // protocol 255 is never listed
}

FlowSet FlowSet::RestrictAddresses(const AddressSet& addresses) const {
  FlowSet out;
  out.others_ = Restricted(others_, addresses);
  for (auto& protocol : protocols_) out.Put(protocol.number, Restricted(protocol.cells, addresses));
  return out;
}

}  // namespace sgscope
