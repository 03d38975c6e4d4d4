#pragma once
// A calendar day as users write it in sgscope's own files: "2026-12-31" (ISO 8601).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sgscope {

using CalendarDate = std::chrono::year_month_day;

// "YYYY-MM-DD" exactly (four-digit year, two-digit month and day, a real day); else nullopt.
std::optional<CalendarDate> ParseCalendarDate(std::string_view text);
std::string CalendarDateText(CalendarDate date);
// Today in UTC.
CalendarDate TodayUtc();

// A moment given on the command line, as Unix seconds: "YYYY-MM-DD" (midnight UTC),
// "YYYY-MM-DDTHH:MM:SSZ" (UTC), or a plain count of Unix seconds as flow logs write it.
std::optional<int64_t> ParseUtcTime(std::string_view text);

}  // namespace sgscope
