// Text helpers for reports: terminal-safe strings (tag values and descriptions are
// attacker-controlled, design.md §7, so every input string printed in text mode passes through
// here) and UTC times.

#include "report/text.h"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

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

std::string UtcTimeText(int64_t unix_seconds) {
  using namespace std::chrono;
  sys_seconds t{seconds{unix_seconds}};
  sys_days day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<seconds> time{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), time.hours().count(), time.minutes().count(), time.seconds().count());
}

}  // namespace sgscope
