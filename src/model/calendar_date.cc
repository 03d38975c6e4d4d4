// ISO calendar days for suppression expiry and `--today`, and moments for `flows --since/--until`. Strict on purpose: "2026-1-5" or
// "2026-02-30" in a suppressions file is a typo to report, not a date to guess.

#include "model/calendar_date.h"

#include <algorithm>

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

std::optional<int64_t> ParseUtcTime(std::string_view text) {
  if (!text.empty() && text.size() <= 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int64_t v = 0;
    for (char c : text) v = v * 10 + (c - '0');
    return v;
  }
  std::optional<CalendarDate> date = ParseCalendarDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  int64_t seconds = std::chrono::sys_days(*date).time_since_epoch().count() * int64_t{86400};
  if (text.size() == 10) return seconds;
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return std::nullopt;
  int h = Digits(text, 11, 2), m = Digits(text, 14, 2), s = Digits(text, 17, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return seconds + h * 3600 + m * 60 + s;
}

CalendarDate TodayUtc() { return CalendarDate(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())); }

}  // namespace sgscope
