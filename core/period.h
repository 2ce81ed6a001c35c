// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Days and reporting periods, the one place that parses and names them.
// A Day is the number of days since 1970-01-01 of the civil date in
// Europe/London (GMT in winter, BST from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October). NHS financial years run April to
// March and are named "2026-27"; quarters "2026-27Q3" (October-December 2026).
// No time-zone database is read: the UK rule is fixed in code and tested.
// Stateless and thread-safe.
#ifndef CANDOUR_CORE_PERIOD_H_
#define CANDOUR_CORE_PERIOD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace candour::core {

using Day = int32_t;

struct CivilDate {
  int year;   // 1970..9999
  int month;  // 1..12
  int day;    // 1..31
};

Day DayFromCivil(CivilDate date);
CivilDate CivilFromDay(Day day);
// The day of the week of `day`: 0 = Sunday, 1 = Monday, ..., 6 = Saturday.
int Weekday(Day day);
// The London civil day at `unix_seconds` (UTC).
Day LondonDayAt(int64_t unix_seconds);
// Today in London, from the system clock.
Day TodayInLondon();
// "2026-11-23".
std::string FormatDay(Day day);
// Parses "YYYY-MM-DD". INVALID_ARGUMENT if malformed or not a real date.
absl::StatusOr<Day> ParseDay(std::string_view text);

struct Period {
  int start_year = 0;  // the April the financial year starts in
  int quarter = 0;     // 1..4, or 0 for the whole financial year
  Day first_day = 0;
  Day last_day = 0;    // inclusive
  std::string name;    // "2026-27" or "2026-27Q3"
  bool Contains(Day d) const { return first_day <= d && d <= last_day; }
};

// Parses "YYYY-YY" or "YYYY-YYQn" (n in 1..4); the second year must follow the
// first. INVALID_ARGUMENT otherwise, with a hint of the form.
absl::StatusOr<Period> ParsePeriod(std::string_view text);
Period FinancialYearOf(Day day);
Period QuarterOf(Day day);

}  // namespace candour::core

#endif  // CANDOUR_CORE_PERIOD_H_
