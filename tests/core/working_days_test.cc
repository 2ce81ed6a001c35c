// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/working_days.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace candour::core {
namespace {

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

// The England and Wales bank holidays gov.uk publishes, typed from its list.
const std::vector<Day>& PublishedBankHolidays() {
  static const std::vector<Day> kDays = {
      D(2024, 1, 1),  D(2024, 3, 29),  D(2024, 4, 1),   D(2024, 5, 6), D(2024, 5, 27),
      D(2024, 8, 26), D(2024, 12, 25), D(2024, 12, 26),  //
      D(2025, 1, 1),  D(2025, 4, 18),  D(2025, 4, 21),  D(2025, 5, 5), D(2025, 5, 26),
      D(2025, 8, 25), D(2025, 12, 25), D(2025, 12, 26),  //
      D(2026, 1, 1),  D(2026, 4, 3),   D(2026, 4, 6),   D(2026, 5, 4), D(2026, 5, 25),
      D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28),  // Boxing Day is a Saturday
      D(2027, 1, 1),  D(2027, 3, 26),  D(2027, 3, 29),  D(2027, 5, 3), D(2027, 5, 31),
      D(2027, 8, 30), D(2027, 12, 27), D(2027, 12, 28),  // Christmas Day is a Saturday, Boxing Day a Sunday
  };
  return kDays;
}

// The rule's holidays in the years first..last.
std::vector<Day> RuleHolidaysIn(int first, int last) {
  std::vector<Day> out;
  for (Day day : EnglandBankHolidays()) {
    const int year = CivilFromDay(day).year;
    if (first <= year && year <= last) out.push_back(day);
  }
  return out;
}

TEST(WorkingDaysTest, RuleMatchesPublishedBankHolidays2024To2027) {
  EXPECT_EQ(RuleHolidaysIn(2024, 2027), PublishedBankHolidays());
}

// Not yet published when this was written; worked out by hand from the
// rule. New Year's Day 2028 is a Saturday, so Monday 3 January replaces it.
TEST(WorkingDaysTest, Rule2028MovesNewYearsDayToMonday) {
  EXPECT_EQ(RuleHolidaysIn(2028, 2028),
            (std::vector<Day>{D(2028, 1, 3), D(2028, 4, 14), D(2028, 4, 17), D(2028, 5, 1), D(2028, 5, 29),
                              D(2028, 8, 28), D(2028, 12, 25), D(2028, 12, 26)}));
  EXPECT_EQ(RuleHolidaysIn(kFirstRuleYear, kLastRuleYear), EnglandBankHolidays());
  EXPECT_EQ(EnglandBankHolidays().size(), 8u * (kLastRuleYear - kFirstRuleYear + 1));
}

TEST(WorkingDaysTest, EasterSundayOfKnownYears) {
  EXPECT_EQ(EasterSunday(1970), D(1970, 3, 29));
  EXPECT_EQ(EasterSunday(2000), D(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2008), D(2008, 3, 23));
  EXPECT_EQ(EasterSunday(2011), D(2011, 4, 24));
  EXPECT_EQ(EasterSunday(2038), D(2038, 4, 25));  // the latest possible date
  EXPECT_EQ(EasterSunday(2285), D(2285, 3, 22));  // the earliest possible date
  for (int year = 1970; year <= 2400; ++year) {
    const Day easter = EasterSunday(year);
    EXPECT_EQ(Weekday(easter), 0) << year;
    EXPECT_GE(easter, D(year, 3, 22)) << year;
    EXPECT_LE(easter, D(year, 4, 25)) << year;
  }
}

TEST(WorkingDaysTest, WeekendsAndBankHolidaysAreNotWorkingDays) {
  const WorkingCalendar calendar(EnglandBankHolidays());
  EXPECT_TRUE(calendar.IsWorkingDay(D(2026, 12, 24)));   // Thursday
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 12, 25)));  // Friday, Christmas Day
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 12, 26)));  // Saturday
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 12, 27)));  // Sunday
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 12, 28)));  // Monday, substitute for Boxing Day
  EXPECT_TRUE(calendar.IsWorkingDay(D(2026, 12, 29)));
  // Without holidays only weekends are off.
  const WorkingCalendar weekends_only({});
  EXPECT_TRUE(weekends_only.IsWorkingDay(D(2026, 12, 25)));
  EXPECT_FALSE(weekends_only.IsWorkingDay(D(2026, 12, 26)));
}

TEST(WorkingDaysTest, FridayPlusTwoIsTuesday) {
  const WorkingCalendar calendar(EnglandBankHolidays());
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 11, 20), 2), D(2026, 11, 24));
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 11, 20), 1), D(2026, 11, 23));
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 11, 16), 5), D(2026, 11, 23));  // Monday + 5 is next Monday
}

TEST(WorkingDaysTest, ChristmasAndBoxingDaySubstitutesAreSkipped) {
  const WorkingCalendar calendar(EnglandBankHolidays());
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 12, 24), 1), D(2026, 12, 29));
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 12, 24), 2), D(2026, 12, 30));  // Thursday + 2
  EXPECT_EQ(*calendar.AddWorkingDays(D(2027, 12, 24), 1), D(2027, 12, 29));  // both moved to Mon and Tue
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 4, 2), 1), D(2026, 4, 7));      // over Easter
}

TEST(WorkingDaysTest, StartOnAWeekendOrHolidayCountsFromTheNextWorkingDay) {
  const WorkingCalendar calendar(EnglandBankHolidays());
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 11, 21), 1), D(2026, 11, 23));  // Saturday + 1 is Monday
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 11, 22), 2), D(2026, 11, 24));  // Sunday + 2 is Tuesday
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 12, 25), 1), D(2026, 12, 29));  // Christmas Day + 1
}

TEST(WorkingDaysTest, ZeroWorkingDaysIsTheStartItself) {
  const WorkingCalendar calendar(EnglandBankHolidays());
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 11, 20), 0), D(2026, 11, 20));
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 12, 26), 0), D(2026, 12, 26));  // even a Saturday
}

TEST(WorkingDaysTest, ConfiguredHolidaysAddToTheRule) {
  std::vector<Day> holidays = EnglandBankHolidays();
  holidays.push_back(D(2026, 11, 23));  // a one-off Monday
  holidays.push_back(D(2026, 11, 21));  // a Saturday: changes nothing
  holidays.push_back(D(2026, 12, 25));  // a duplicate
  const WorkingCalendar calendar(holidays);
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 11, 20), 2), D(2026, 11, 25));
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 12, 24), 1), D(2026, 12, 29));
}

TEST(WorkingDaysTest, AbsurdCountsAndStartsAreInvalidArgument) {
  const WorkingCalendar calendar(EnglandBankHolidays());
  for (int n : {-1, WorkingCalendar::kMaxWorkingDays + 1, INT32_MAX, INT32_MIN}) {
    EXPECT_EQ(calendar.AddWorkingDays(D(2026, 11, 20), n).status().code(), absl::StatusCode::kInvalidArgument) << n;
  }
  for (Day start : {-1, D(10000, 1, 1), INT32_MAX, INT32_MIN}) {
    EXPECT_EQ(calendar.AddWorkingDays(start, 1).status().code(), absl::StatusCode::kInvalidArgument) << start;
  }
  // The largest count from the last day is still a valid answer.
  absl::StatusOr<Day> far = calendar.AddWorkingDays(D(9999, 12, 31), WorkingCalendar::kMaxWorkingDays);
  ASSERT_TRUE(far.ok()) << far.status();
  EXPECT_GT(*far, D(9999, 12, 31) + WorkingCalendar::kMaxWorkingDays);
}

TEST(WorkingDaysTest, EveryDayAHolidayStillEnds) {
  std::vector<Day> holidays;
  for (Day d = D(2026, 1, 1); d < D(2036, 1, 1); ++d) holidays.push_back(d);
  const WorkingCalendar calendar(holidays);
  EXPECT_EQ(*calendar.AddWorkingDays(D(2026, 1, 1), 1), D(2036, 1, 1));  // a Tuesday
}

TEST(WorkingDaysTest, ParsesCommaAndWhitespaceSeparatedLists) {
  EXPECT_EQ(*ParseHolidayList("2026-12-25,2026-12-28"), (std::vector<Day>{D(2026, 12, 25), D(2026, 12, 28)}));
  EXPECT_EQ(*ParseHolidayList(" 2023-05-08 ,\n2026-12-28\t2024-01-01, "),
            (std::vector<Day>{D(2023, 5, 8), D(2026, 12, 28), D(2024, 1, 1)}));
  EXPECT_TRUE(ParseHolidayList("")->empty());
  EXPECT_TRUE(ParseHolidayList(" , ")->empty());
}

TEST(WorkingDaysTest, BadHolidayItemsAreInvalidArgumentQuotingOnlyTheItem) {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"2026-12-25,2026-13-01", "holiday list item 2 \"2026-13-01\": date is not a real calendar date"},
      {"2026-02-29", "holiday list item 1 \"2026-02-29\": date is not a real calendar date"},
      {"25/12/2026", "holiday list item 1 \"25/12/2026\": expected a date like 2026-11-23"},
      {"2026-12-25;2026-12-28", "holiday list item 1 \"2026-12-25;2026-\"...: expected a date like 2026-11-23"},
      {"1969-12-25", "holiday list item 1 \"1969-12-25\": date year must be in 1970..9999"},
      {"2026-12-25 secret-\x01" + std::string(100, 'x') + " 2026-12-28",
       "holiday list item 2 \"secret-\\x01xxxxxxxx\"...: expected a date like 2026-11-23"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::vector<Day>> parsed = ParseHolidayList(c.text);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(parsed.status().message(), c.message);
  }
}

}  // namespace
}  // namespace candour::core
