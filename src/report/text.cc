// Terminal-safe text. Tag values and descriptions are attacker-controlled strings
// (design.md §7), so every input string printed in text mode passes through here.

#include "report/text.h"

#include <cstdio>

namespace sgscope {

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace sgscope
