// Service sets: construction from rule fields and a readable rendering. The algebra is the
// interval set's; rendering walks the intervals protocol by protocol, naming ports for TCP and
// UDP, types and codes for ICMP, and runs of whole protocols for the rest.

#include "net/service_set.h"

#include <map>
#include <vector>

#include "net/flow_set.h"

namespace sgscope {

namespace {

std::string Range(uint32_t lo, uint32_t hi) {
  return lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi);
}

// The ICMP part of one interval of type*256+code values: whole types as "type(s) …", the rest
// as "type t code …".
void DescribeIcmp(uint32_t lo, uint32_t hi, std::vector<std::string>& out) {
  while (lo <= hi) {
    uint32_t type = lo >> 8, type_end = type << 8 | 0xff;
    if ((lo & 0xff) == 0 && hi >= type_end) {
      uint32_t last = hi == (hi | 0xff) ? hi >> 8 : (hi >> 8) - 1;
      out.push_back((last == type ? "type " : "types ") + Range(type, last));
      lo = (last + 1) << 8;
      continue;
    }
    uint32_t end = std::min(hi, type_end);
    out.push_back("type " + std::to_string(type) + " code " + Range(lo & 0xff, end & 0xff));
    lo = end + 1;
  }
}

// One line per protocol with services, in protocol order; whole "other" protocols form runs.
std::string Describe(const ServiceSet& set) {
  std::map<uint32_t, std::vector<std::pair<uint32_t, uint32_t>>> by_protocol;
  for (const ServiceRun& r : set.Runs()) by_protocol[r.protocol].push_back({r.lo, r.hi});
  std::vector<std::string> parts;
  std::pair<int, int> run{-1, -1};  // whole protocols without a service axis, pending
  auto flush = [&] {
    if (run.first >= 0) parts.push_back((run.first == run.second ? "protocol " : "protocols ") + Range(run.first, run.second));
    run = {-1, -1};
  };
  for (auto& [p, ranges] : by_protocol) {
    auto protocol = static_cast<uint8_t>(p);
    bool axis = protocol == kProtoTcp || protocol == kProtoUdp || protocol == kProtoIcmp || protocol == kProtoIcmpv6;
    bool whole = ranges.size() == 1 && ranges[0] == std::pair<uint32_t, uint32_t>{0, 0xffff};
    if (!axis) {
      if (run.first >= 0 && run.second + 1 == int(p)) run.second = int(p);
      else flush(), run = {int(p), int(p)};
      continue;
    }
    flush();
    std::vector<std::string> services;
    for (auto& [lo, hi] : ranges) {
      if (whole) services.push_back(protocol == kProtoTcp || protocol == kProtoUdp ? "all ports" : "all types");
      else if (protocol == kProtoTcp || protocol == kProtoUdp) services.push_back(Range(lo, hi));
      else DescribeIcmp(lo, hi, services);
    }
    std::string text = ProtocolName(protocol) + " ";
    for (size_t k = 0; k < services.size(); ++k) text += (k ? ", " : "") + services[k];
    parts.push_back(text);
  }
  flush();
  std::string text;
  for (size_t k = 0; k < parts.size(); ++k) text += (k ? "; " : "") + parts[k];
  return text;
}

}  // namespace

ServiceSet ServiceSet::Of(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp) {
  if (protocol.all) return All();
  return Services(protocol.number, ServiceRange(protocol.number, ports, icmp));
}

std::vector<ServiceRun> ServiceSet::Runs() const {
  std::vector<ServiceRun> out;
  for (auto& i : set_.intervals())
    for (uint32_t p = i.lo >> 16; p <= (i.hi >> 16); ++p)
      out.push_back({static_cast<uint8_t>(p), static_cast<uint16_t>(p == (i.lo >> 16) ? i.lo & 0xffff : 0),
                     static_cast<uint16_t>(p == (i.hi >> 16) ? i.hi & 0xffff : 0xffff)});
  return out;
}

std::string ServiceSet::ToString(const ServiceSet& universe) const {
  if (empty()) return "nothing";
  // "All traffic" of an IPv4 pair leaves out ICMPv6 (and of an IPv6 one, ICMP): still all of it.
  ServiceSet icmp = Protocol(kProtoIcmp).Union(Protocol(kProtoIcmpv6));
  if (*this == universe) return universe.Complement().Subtract(icmp).empty() ? "all traffic" : Describe(universe);
  std::string direct = Describe(*this), inverse = "all traffic except " + Describe(universe.Subtract(*this));
  return inverse.size() < direct.size() ? inverse : direct;
}

}  // namespace sgscope
