// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/working_days.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace candour::core {
namespace {

// How much of a bad holiday item an error quotes: a date is 10 bytes, and a
// config value can be arbitrarily long.
constexpr size_t kMaxQuotedItem = 16;
constexpr std::string_view kSeparators = ", \t\r\n";

bool IsWeekend(Day day) {
  const int weekday = Weekday(day);
  return weekday == 0 || weekday == 6;
}

// The first weekday on or after `day` that is not already in `taken`: the
// substitute-day rule, which moves Boxing Day past a Christmas Day that was
// itself moved to Monday (2027: Monday 27 and Tuesday 28 December).
Day NextFreeWeekday(Day day, const std::vector<Day>& taken) {
  while (IsWeekend(day) || std::find(taken.begin(), taken.end(), day) != taken.end()) ++day;
  return day;
}

// May and August both have 31 days.
Day FirstMonday(int year, int month) {
  const Day first = DayFromCivil({year, month, 1});
  return first + (8 - Weekday(first)) % 7;
}

Day LastMondayOf31DayMonth(int year, int month) {
  const Day last = DayFromCivil({year, month, 31});
  return last - (Weekday(last) + 6) % 7;
}

void AppendBankHolidays(int year, std::vector<Day>& out) {
  out.push_back(NextFreeWeekday(DayFromCivil({year, 1, 1}), out));
  const Day easter = EasterSunday(year);
  out.push_back(easter - 2);  // Good Friday
  out.push_back(easter + 1);  // Easter Monday
  out.push_back(FirstMonday(year, 5));
  out.push_back(LastMondayOf31DayMonth(year, 5));
  out.push_back(LastMondayOf31DayMonth(year, 8));
  // Christmas Day first, so Boxing Day takes the next free weekday after it.
  out.push_back(NextFreeWeekday(DayFromCivil({year, 12, 25}), out));
  out.push_back(NextFreeWeekday(DayFromCivil({year, 12, 26}), out));
}

}  // namespace

WorkingCalendar::WorkingCalendar(std::vector<Day> bank_holidays) : holidays_(std::move(bank_holidays)) {
  std::sort(holidays_.begin(), holidays_.end());
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
}

bool WorkingCalendar::IsWorkingDay(Day day) const {
  return !IsWeekend(day) && !std::binary_search(holidays_.begin(), holidays_.end(), day);
}

absl::StatusOr<Day> WorkingCalendar::AddWorkingDays(Day start, int n) const {
  if (n < 0 || n > kMaxWorkingDays) {
    return absl::InvalidArgumentError(absl::StrCat("working days must be in 0..", kMaxWorkingDays));
  }
  if (start < 0 || start > DayFromCivil({9999, 12, 31})) {
    return absl::InvalidArgumentError("start day must be in the years 1970..9999");
  }
  // Ends: the holidays are finite, so past them every weekday counts. With
  // `start` bounded above, even millions of holidays cannot overflow a Day.
  Day day = start;
  for (int left = n; left > 0;) {
    ++day;
    if (IsWorkingDay(day)) --left;
  }
  return day;
}

// Meeus/Jones/Butcher: valid for every Gregorian year, in integer
// arithmetic only.
Day EasterSunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return DayFromCivil({year, month, day});
}

std::vector<Day> EnglandBankHolidays() {
  std::vector<Day> holidays;
  for (int year = kFirstRuleYear; year <= kLastRuleYear; ++year) AppendBankHolidays(year, holidays);
  return holidays;
}

absl::StatusOr<std::vector<Day>> ParseHolidayList(std::string_view text) {
  std::vector<Day> days;
  for (size_t start = text.find_first_not_of(kSeparators); start != std::string_view::npos;
       start = text.find_first_not_of(kSeparators, start)) {
    const std::string_view item = text.substr(start, text.find_first_of(kSeparators, start) - start);
    start += item.size();
    absl::StatusOr<Day> day = ParseDay(item);
    if (!day.ok()) {
      // Escaped, because a config value may hold any bytes.
      const std::string_view quoted = item.substr(0, kMaxQuotedItem);
      return absl::InvalidArgumentError(absl::StrCat("holiday list item ", days.size() + 1, " \"",
                                                     absl::CHexEscape(absl::string_view(quoted.data(), quoted.size())),
                                                     "\"", quoted.size() < item.size() ? "..." : "", ": ",
                                                     day.status().message()));
    }
    days.push_back(*day);
  }
  return days;
}

}  // namespace candour::core
