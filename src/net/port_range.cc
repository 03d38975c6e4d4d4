// Text forms of port ranges and ICMP selectors, shared by every report.

#include "net/port_range.h"

namespace sgscope {

std::string PortRange::ToString() const {
  if (is_all()) return "all";
  if (from == to) return std::to_string(from);
  return std::to_string(from) + "-" + std::to_string(to);
}

std::string IcmpTypeCode::ToString() const {
  if (type < 0) return "all";
  std::string s = "type " + std::to_string(type);
  if (code >= 0) s += " code " + std::to_string(code);
  return s;
}

}  // namespace sgscope
