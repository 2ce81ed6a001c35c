// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/period.h"

#include <string>

#include "gtest/gtest.h"

namespace candour::core {
namespace {

// Unix seconds of a UTC instant.
int64_t Utc(int y, int m, int d, int hh, int mm) {
  return int64_t{DayFromCivil({y, m, d})} * 86400 + hh * 3600 + mm * 60;
}

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

TEST(PeriodTest, KnownDays) {
  EXPECT_EQ(D(1970, 1, 1), 0);
  EXPECT_EQ(D(2000, 3, 1), 11017);
  EXPECT_EQ(D(2026, 11, 23), 20780);
  EXPECT_EQ(FormatDay(20780), "2026-11-23");
}

TEST(PeriodTest, WeekdaysCountFromSunday) {
  EXPECT_EQ(Weekday(D(1970, 1, 1)), 4);  // a Thursday
  EXPECT_EQ(Weekday(D(1969, 12, 31)), 3);
  EXPECT_EQ(Weekday(D(2026, 12, 25)), 5);
  EXPECT_EQ(Weekday(D(2026, 12, 27)), 0);
  EXPECT_EQ(Weekday(D(2027, 1, 2)), 6);
  for (Day d = D(2026, 1, 1); d < D(2027, 1, 1); ++d) EXPECT_EQ(Weekday(d + 7), Weekday(d));
}

TEST(PeriodTest, DaysRoundTripFrom1970To2100) {
  CivilDate previous = CivilFromDay(-1);
  EXPECT_EQ(previous.year, 1969);
  for (Day d = 0; d <= D(2100, 12, 31); ++d) {
    const CivilDate c = CivilFromDay(d);
    ASSERT_EQ(DayFromCivil(c), d);
    absl::StatusOr<Day> parsed = ParseDay(FormatDay(d));
    ASSERT_TRUE(parsed.ok()) << FormatDay(d);
    ASSERT_EQ(*parsed, d);
    // Each day follows the previous one in the calendar.
    const bool next_in_month = c.year == previous.year && c.month == previous.month && c.day == previous.day + 1;
    const bool first_of_month = c.day == 1 && (c.month == previous.month % 12 + 1);
    ASSERT_TRUE(next_in_month || first_of_month) << FormatDay(d);
    previous = c;
  }
  EXPECT_EQ(D(2101, 1, 1) - D(1970, 1, 1), 131 * 365 + 32);  // 32 leap days in 1970..2100
}

TEST(PeriodTest, LondonDayFollowsBstSpringBoundary) {
  // Clocks go forward at 01:00 UTC on Sunday 2026-03-29.
  EXPECT_EQ(LondonDayAt(Utc(2026, 3, 28, 23, 59)), D(2026, 3, 28));  // 23:59 GMT
  EXPECT_EQ(LondonDayAt(Utc(2026, 3, 29, 0, 59)), D(2026, 3, 29));
  EXPECT_EQ(LondonDayAt(Utc(2026, 3, 29, 1, 0)), D(2026, 3, 29));
  EXPECT_EQ(LondonDayAt(Utc(2026, 3, 29, 22, 59)), D(2026, 3, 29));  // 23:59 BST
  EXPECT_EQ(LondonDayAt(Utc(2026, 3, 29, 23, 0)), D(2026, 3, 30));   // 00:00 BST
  // Before the change, 23:00 UTC is still the same London day.
  EXPECT_EQ(LondonDayAt(Utc(2026, 3, 28, 23, 0)), D(2026, 3, 28));
}

TEST(PeriodTest, LondonDayFollowsBstAutumnBoundary) {
  // Clocks go back at 01:00 UTC on Sunday 2026-10-25.
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 24, 22, 59)), D(2026, 10, 24));  // 23:59 BST
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 24, 23, 0)), D(2026, 10, 25));   // 00:00 BST
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 25, 0, 59)), D(2026, 10, 25));   // 01:59 BST
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 25, 1, 0)), D(2026, 10, 25));    // 01:00 GMT
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 25, 23, 0)), D(2026, 10, 25));   // 23:00 GMT
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 25, 23, 59)), D(2026, 10, 25));
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 26, 0, 0)), D(2026, 10, 26));
}

TEST(PeriodTest, LondonDayOneSecondAroundTheChanges) {
  // 23:00 UTC the evening before each change, one second either side.
  EXPECT_EQ(LondonDayAt(Utc(2026, 3, 29, 1, 0) - 1), D(2026, 3, 29));
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 24, 23, 0) - 1), D(2026, 10, 24));
  EXPECT_EQ(LondonDayAt(Utc(2026, 10, 24, 23, 0)), D(2026, 10, 25));
  // Winter is GMT: midnight UTC is midnight in London.
  EXPECT_EQ(LondonDayAt(Utc(2027, 1, 15, 0, 0) - 1), D(2027, 1, 14));
  EXPECT_EQ(LondonDayAt(Utc(2027, 1, 15, 0, 0)), D(2027, 1, 15));
  // 2027's change falls on 2027-03-28.
  EXPECT_EQ(LondonDayAt(Utc(2027, 3, 27, 23, 30)), D(2027, 3, 27));
  EXPECT_EQ(LondonDayAt(Utc(2027, 3, 28, 23, 30)), D(2027, 3, 29));
}

TEST(PeriodTest, TodayInLondonIsNearTheUtcDay) {
  const Day today = TodayInLondon();
  EXPECT_GT(today, D(2025, 1, 1));
  EXPECT_LT(today, D(2200, 1, 1));
}

TEST(PeriodTest, ParseDayRejectsMalformedOrUnrealDates) {
  for (const char* bad : {"", "2026-1-01", "2026-01-1", "2026/01/01", "2026-02-29", "2026-13-01", "2026-00-10",
                          "2026-04-31", "1969-12-31", "+026-01-01", "2026-01-01 ", "20260101"}) {
    EXPECT_EQ(ParseDay(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(*ParseDay("2028-02-29"), D(2028, 2, 29));
  EXPECT_EQ(*ParseDay("2000-02-29"), D(2000, 2, 29));
  EXPECT_FALSE(ParseDay("2100-02-29").ok());
}

TEST(PeriodTest, ParsesFinancialYears) {
  absl::StatusOr<Period> p = ParsePeriod("2026-27");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->start_year, 2026);
  EXPECT_EQ(p->quarter, 0);
  EXPECT_EQ(p->first_day, D(2026, 4, 1));
  EXPECT_EQ(p->last_day, D(2027, 3, 31));
  EXPECT_EQ(p->name, "2026-27");
  EXPECT_EQ(ParsePeriod("2099-00")->last_day, D(2100, 3, 31));
  EXPECT_EQ(ParsePeriod("2027-28")->last_day, D(2028, 3, 31));
}

TEST(PeriodTest, ParsesQuarters) {
  struct Case {
    const char* text;
    Day first;
    Day last;
  };
  const Case cases[] = {
      {"2026-27Q1", D(2026, 4, 1), D(2026, 6, 30)},
      {"2026-27Q2", D(2026, 7, 1), D(2026, 9, 30)},
      {"2026-27Q3", D(2026, 10, 1), D(2026, 12, 31)},
      {"2026-27Q4", D(2027, 1, 1), D(2027, 3, 31)},  // spans the calendar year
      {"2027-28Q4", D(2028, 1, 1), D(2028, 3, 31)},  // leap February inside
  };
  for (const Case& c : cases) {
    absl::StatusOr<Period> p = ParsePeriod(c.text);
    ASSERT_TRUE(p.ok()) << c.text << ": " << p.status();
    EXPECT_EQ(p->first_day, c.first) << c.text;
    EXPECT_EQ(p->last_day, c.last) << c.text;
    EXPECT_EQ(p->name, c.text);
    EXPECT_EQ(p->start_year, std::stoi(std::string(c.text).substr(0, 4)));
  }
}

TEST(PeriodTest, RejectsMalformedPeriodsWithAHint) {
  for (const char* bad : {"", "2026", "2026-28", "2026-2027", "2026-27Q0", "2026-27Q5", "2026-27q3", "2026-27Q",
                          "2026-27Q31", "26-27", "2026-27 ", " 2026-27", "2026_27", "2099-01", "abcd-ef"}) {
    absl::StatusOr<Period> p = ParsePeriod(bad);
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(p.status().message().find("expected a financial year like 2026-27 or a quarter like 2026-27Q3"),
              std::string_view::npos)
        << bad << ": " << p.status();
  }
}

TEST(PeriodTest, YearAndQuarterOfDaysAtTheEdges) {
  EXPECT_EQ(FinancialYearOf(D(2026, 3, 31)).name, "2025-26");
  EXPECT_EQ(FinancialYearOf(D(2026, 4, 1)).name, "2026-27");
  EXPECT_EQ(FinancialYearOf(D(2027, 3, 31)).name, "2026-27");
  EXPECT_EQ(FinancialYearOf(D(2099, 12, 31)).name, "2099-00");
  EXPECT_EQ(QuarterOf(D(2026, 4, 1)).name, "2026-27Q1");
  EXPECT_EQ(QuarterOf(D(2026, 6, 30)).name, "2026-27Q1");
  EXPECT_EQ(QuarterOf(D(2026, 7, 1)).name, "2026-27Q2");
  EXPECT_EQ(QuarterOf(D(2026, 9, 30)).name, "2026-27Q2");
  EXPECT_EQ(QuarterOf(D(2026, 10, 1)).name, "2026-27Q3");
  EXPECT_EQ(QuarterOf(D(2026, 12, 31)).name, "2026-27Q3");
  EXPECT_EQ(QuarterOf(D(2027, 1, 1)).name, "2026-27Q4");
  EXPECT_EQ(QuarterOf(D(2027, 3, 31)).name, "2026-27Q4");
  EXPECT_EQ(QuarterOf(D(2027, 4, 1)).name, "2027-28Q1");
}

TEST(PeriodTest, EveryDayLiesInItsYearAndQuarter) {
  for (Day d = D(2020, 1, 1); d <= D(2031, 12, 31); ++d) {
    const Period year = FinancialYearOf(d);
    const Period quarter = QuarterOf(d);
    ASSERT_TRUE(year.Contains(d)) << FormatDay(d);
    ASSERT_TRUE(quarter.Contains(d)) << FormatDay(d);
    ASSERT_EQ(quarter.start_year, year.start_year) << FormatDay(d);
    ASSERT_EQ(ParsePeriod(quarter.name)->first_day, quarter.first_day);
    ASSERT_EQ(ParsePeriod(year.name)->last_day, year.last_day);
  }
}

}  // namespace
}  // namespace candour::core
