#include "model/calendar_date.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

TEST(CalendarDate, ParsesStrictIsoDaysAndPrintsThemBack) {
  auto date = ParseCalendarDate("2024-02-29");
  ASSERT_TRUE(date);
  EXPECT_EQ(CalendarDateText(*date), "2024-02-29");
  EXPECT_LT(*ParseCalendarDate("2026-12-31"), *ParseCalendarDate("2027-01-01"));
  for (const char* bad : {"2023-02-29", "2026-13-01", "2026-1-05", "26-01-05", "2026/01/05", "2026-01-0x", "",
                          "2026-01-050", "2026-00-10"})
    EXPECT_FALSE(ParseCalendarDate(bad)) << bad;
}

TEST(CalendarDate, TodayIsAValidDay) { EXPECT_TRUE(TodayUtc().ok()); }

}  // namespace
}  // namespace sgscope

namespace sgscope {
namespace {

TEST(UtcTime, ParsesDaysTimesAndUnixSeconds) {
  EXPECT_EQ(ParseUtcTime("1970-01-01"), 0);
  EXPECT_EQ(ParseUtcTime("2015-05-29T16:37:07Z"), 1432917427);
  EXPECT_EQ(ParseUtcTime("1432917027"), 1432917027);
  EXPECT_EQ(ParseUtcTime("2015-05-29T16:37:07"), std::nullopt);
  EXPECT_EQ(ParseUtcTime("2015-05-29T24:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseUtcTime("2015-02-30"), std::nullopt);
  EXPECT_EQ(ParseUtcTime(""), std::nullopt);
  EXPECT_EQ(ParseUtcTime("12345678901234"), std::nullopt);
}

}  // namespace
}  // namespace sgscope
