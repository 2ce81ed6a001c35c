// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/period.h"

#include <chrono>
#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace candour::core {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int kMinYear = 1970;
constexpr int kMaxYear = 9999;
constexpr char kPeriodHint[] = "expected a financial year like 2026-27 or a quarter like 2026-27Q3";

// Floor division, so instants before 1970 land on the right day.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Zero-padded decimal, e.g. Pad(7, 2) == "07".
std::string Pad(int value, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, value);
  return buf;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// 01:00 UTC on the last Sunday of `month` (March or October, both 31 days).
int64_t LastSundayOneAmUtc(int year, int month) {
  const Day last = DayFromCivil({year, month, 31});
  return (int64_t{last} - Weekday(last)) * kSecondsPerDay + 3600;
}

// Parses exactly `text.size()` ASCII digits; false if any is not a digit.
bool ParseDigits(std::string_view text, int& out) {
  if (text.empty()) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

Period MakePeriod(int start_year, int quarter) {
  Period p;
  p.start_year = start_year;
  p.quarter = quarter;
  const std::string year_name = absl::StrCat(Pad(start_year, 4), "-", Pad((start_year + 1) % 100, 2));
  if (quarter == 0) {
    p.first_day = DayFromCivil({start_year, 4, 1});
    p.last_day = DayFromCivil({start_year + 1, 4, 1}) - 1;
    p.name = year_name;
    return p;
  }
  // Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March.
  const int first_month = 4 + 3 * (quarter - 1);  // 4, 7, 10, 13
  const int year = first_month > 12 ? start_year + 1 : start_year;
  const int month = first_month > 12 ? first_month - 12 : first_month;
  p.first_day = DayFromCivil({year, month, 1});
  p.last_day = p.first_day + DaysInMonth(year, month) + DaysInMonth(year, month + 1) + DaysInMonth(year, month + 2) - 1;
  p.name = absl::StrCat(year_name, "Q", quarter);
  return p;
}

int FinancialStartYear(CivilDate date) { return date.month >= 4 ? date.year : date.year - 1; }

}  // namespace

// Howard Hinnant's days_from_civil
// (https://howardhinnant.github.io/date_algorithms.html), valid for any
// proleptic Gregorian date.
Day DayFromCivil(CivilDate date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);                                    // [0, 399]
  const unsigned mp = static_cast<unsigned>(date.month > 2 ? date.month - 3 : date.month + 9);  // [0, 11]
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.day) - 1;                // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                                   // [0, 146096]
  return static_cast<Day>(era * 146097 + static_cast<int>(doe) - 719468);
}

// Hinnant's civil_from_days, the inverse of DayFromCivil.
CivilDate CivilFromDay(Day day) {
  // int64: days may come from a server or a file, and INT32_MAX + 719468 overflows int.
  const int64_t z = int64_t{day} + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);                // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
  return CivilDate{y, m, d};
}

// 1970-01-01 (day 0) was a Thursday.
int Weekday(Day day) { return static_cast<int>(((int64_t{day} % 7) + 7 + 4) % 7); }

// The UK has moved its clocks by this rule since 1996 (EU directive
// 2000/84/EC, kept after 2020); both changes happen at 01:00 UTC.
Day LondonDayAt(int64_t unix_seconds) {
  const int year = CivilFromDay(static_cast<Day>(FloorDiv(unix_seconds, kSecondsPerDay))).year;
  const bool summer = LastSundayOneAmUtc(year, 3) <= unix_seconds && unix_seconds < LastSundayOneAmUtc(year, 10);
  return static_cast<Day>(FloorDiv(unix_seconds + (summer ? 3600 : 0), kSecondsPerDay));
}

Day TodayInLondon() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return LondonDayAt(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

std::string FormatDay(Day day) {
  const CivilDate date = CivilFromDay(day);
  return absl::StrCat(Pad(date.year, 4), "-", Pad(date.month, 2), "-", Pad(date.day, 2));
}

absl::StatusOr<Day> ParseDay(std::string_view text) {
  CivilDate date{};
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text.substr(0, 4), date.year) ||
      !ParseDigits(text.substr(5, 2), date.month) || !ParseDigits(text.substr(8, 2), date.day)) {
    return absl::InvalidArgumentError("expected a date like 2026-11-23");
  }
  if (date.year < kMinYear || date.year > kMaxYear) {
    return absl::InvalidArgumentError(absl::StrCat("date year must be in ", kMinYear, "..", kMaxYear));
  }
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > DaysInMonth(date.year, date.month)) {
    return absl::InvalidArgumentError("date is not a real calendar date");
  }
  return DayFromCivil(date);
}

absl::StatusOr<Period> ParsePeriod(std::string_view text) {
  int start_year = 0;
  int end_year = 0;
  int quarter = 0;
  const bool shape_ok =
      (text.size() == 7 || text.size() == 9) && text[4] == '-' && ParseDigits(text.substr(0, 4), start_year) &&
      ParseDigits(text.substr(5, 2), end_year) &&
      (text.size() == 7 || (text[7] == 'Q' && ParseDigits(text.substr(8, 1), quarter) && quarter >= 1 && quarter <= 4));
  if (!shape_ok) return absl::InvalidArgumentError(kPeriodHint);
  if (end_year != (start_year + 1) % 100) {
    return absl::InvalidArgumentError(absl::StrCat("the second year must follow the first; ", kPeriodHint));
  }
  if (start_year < kMinYear || start_year >= kMaxYear) {
    return absl::InvalidArgumentError(absl::StrCat("period year must be in ", kMinYear, "..", kMaxYear - 1));
  }
  return MakePeriod(start_year, quarter);
}

Period FinancialYearOf(Day day) { return MakePeriod(FinancialStartYear(CivilFromDay(day)), 0); }

Period QuarterOf(Day day) {
  const CivilDate date = CivilFromDay(day);
  const int months_since_april = (date.month + 12 - 4) % 12;  // April = 0
  return MakePeriod(FinancialStartYear(date), months_since_april / 3 + 1);
}

}  // namespace candour::core
