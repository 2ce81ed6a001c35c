// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Working days, for deadlines the organisation sets in them ("acknowledge
// within 2 working days"). A WorkingCalendar knows weekends and the bank
// holidays it was built with; it does not know which years those cover, so
// a caller builds it from EnglandBankHolidays() (2024..2028, by rule) plus
// the organisation's configured list (one-off holidays such as a coronation,
// and years the rule does not cover). Days are core::Day (core/period.h).
// A WorkingCalendar is immutable and thread-safe; the functions are
// stateless.
#ifndef CANDOUR_CORE_WORKING_DAYS_H_
#define CANDOUR_CORE_WORKING_DAYS_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/period.h"

namespace candour::core {

class WorkingCalendar {
 public:
  // The most working days AddWorkingDays counts: ten years' worth, far past
  // any deadline, so no input can make it loop long or leave the Day range.
  static constexpr int kMaxWorkingDays = 3660;

  // `bank_holidays` may be unsorted and hold duplicates or weekend days.
  explicit WorkingCalendar(std::vector<Day> bank_holidays);

  // True unless `day` is a Saturday, a Sunday or one of the bank holidays.
  bool IsWorkingDay(Day day) const;

  // The n-th working day strictly after `start` (whatever `start` is), or
  // `start` itself when n == 0. INVALID_ARGUMENT if n is outside
  // 0..kMaxWorkingDays, or `start` is outside the days ParseDay accepts
  // (years 1970..9999).
  absl::StatusOr<Day> AddWorkingDays(Day start, int n) const;

 private:
  std::vector<Day> holidays_;  // sorted, unique; never changes after construction
};

// Easter Sunday of `year` in the Gregorian calendar (the Anonymous
// Gregorian algorithm, Meeus/Jones/Butcher). REQUIRES: 1970 <= year <= 9999.
Day EasterSunday(int year);

// England and Wales bank holidays, as gov.uk publishes them, for
// kFirstRuleYear..kLastRuleYear in day order: New Year's Day, Good Friday,
// Easter Monday, the early May and spring bank holidays (first and last
// Monday of May), the summer bank holiday (last Monday of August),
// Christmas Day and Boxing Day, each moved to the next free weekday when it
// falls on a weekend. Computed by rule, so holidays moved or added by
// proclamation are not in it.
inline constexpr int kFirstRuleYear = 2024;
inline constexpr int kLastRuleYear = 2028;
std::vector<Day> EnglandBankHolidays();

// Parses a configured holiday list such as "2026-12-25,2026-12-28": dates
// in ParseDay's YYYY-MM-DD form separated by commas and/or whitespace, in
// any order (empty items are skipped, so "" is an empty list).
// INVALID_ARGUMENT naming the first bad item by position, quoting at most
// its first 16 bytes.
absl::StatusOr<std::vector<Day>> ParseHolidayList(std::string_view text);

}  // namespace candour::core

#endif  // CANDOUR_CORE_WORKING_DAYS_H_
