// ISO calendar days for suppression expiry and `--today`. Strict on purpose: "2026-1-5" or
// "2026-02-30" in a suppressions file is a typo to report, not a date to guess.

#include "model/calendar_date.h"

#include <fmt/format.h>

namespace sgscope {

namespace {
// The number spelled by `digits` decimal digits at `at`, or -1.
int Digits(std::string_view text, size_t at, size_t digits) {
  int value = 0;
  for (size_t i = at; i < at + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}
}  // namespace

std::optional<CalendarDate> ParseCalendarDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  CalendarDate date{std::chrono::year(y), std::chrono::month(unsigned(m)), std::chrono::day(unsigned(d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string CalendarDateText(CalendarDate date) {
  return fmt::format("{:04}-{:02}-{:02}", int(date.year()), unsigned(date.month()), unsigned(date.day()));
}

CalendarDate TodayUtc() { return CalendarDate(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())); }

}  // namespace sgscope
