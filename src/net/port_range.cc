// Text forms of port ranges and ICMP selectors, shared by every report, and the parse of what
// users type for ports.

#include "net/port_range.h"

#include <charconv>

namespace sgscope {

std::string PortRange::ToString() const {
  if (is_all()) return "all";
  if (from == to) return std::to_string(from);
  return std::to_string(from) + "-" + std::to_string(to);
}

std::optional<PortRange> PortRange::Parse(std::string_view text) {
  if (text == "all") return All();
  auto number = [](std::string_view t) -> std::optional<uint16_t> {
    unsigned v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || v > 65535) return std::nullopt;
    return static_cast<uint16_t>(v);
  };
  size_t dash = text.find('-');
  auto from = number(text.substr(0, dash));
  auto to = dash == std::string_view::npos ? from : number(text.substr(dash + 1));
  if (!from || !to || *from > *to) return std::nullopt;
  return PortRange{*from, *to};
}

std::string IcmpTypeCode::ToString() const {
  if (type < 0) return "all";
  std::string s = "type " + std::to_string(type);
  if (code >= 0) s += " code " + std::to_string(code);
  return s;
}

}  // namespace sgscope
