#pragma once
// A calendar day as users write it in sgscope's own files: "2026-12-31" (ISO 8601).

#include <chrono>
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

}  // namespace sgscope
