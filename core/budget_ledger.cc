// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/budget_ledger.h"

#include <cstdio>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/epsilon.h"
#include "core/noise_status_adapter.h"

namespace candour::core {
namespace {

using noise::Fraction;

// ε spent on every day of [first_day, last_day].
struct Spend {
  Day first_day = 0;
  Day last_day = 0;
  Fraction epsilon;
};

Fraction Exact(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }  // den != 0

Granularity GranularityOf(const Period& period) {
  return period.quarter == 0 ? Granularity::kYear : Granularity::kQuarter;
}

// "2026-27" or "2026-27Q3", through ParsePeriod so that its rules (and its
// range of years) are the only ones.
absl::StatusOr<Period> FinancialPeriod(int start_year, int quarter) {
  char name[32];
  // The second year's two digits, without computing start_year + 1 (which
  // overflows for INT_MAX); a negative or five-digit year fails to parse.
  std::snprintf(name, sizeof name, "%04d-%02d", start_year, ((start_year % 100) + 101) % 100);
  std::string text = name;
  if (quarter != 0) absl::StrAppend(&text, "Q", quarter);
  absl::StatusOr<Period> period = ParsePeriod(text);
  if (!period.ok()) return absl::InvalidArgumentError(absl::StrCat("no financial year starts in ", start_year));
  return period;
}

// The largest sum of ε over the days of `year`. The sum on a day changes
// only where a spend starts or ends, and the spends covering any day d all
// cover the latest first day among them (or the year's first day), so the
// largest sum is found on one of those days: for quarters and years, the
// four quarters' first days. Exact, with every sum and comparison checked.
absl::StatusOr<Fraction> MaxDailySum(const Period& year, const std::vector<Spend>& spends) {
  std::set<Day> candidates = {year.first_day};
  for (const Spend& s : spends) {
    if (year.Contains(s.first_day)) candidates.insert(s.first_day);
  }
  Fraction most;
  for (const Day day : candidates) {
    Fraction sum;
    for (const Spend& s : spends) {
      if (s.first_day > day || day > s.last_day) continue;
      const noise::FractionResult next = noise::Add(sum, s.epsilon);
      if (next.status != noise::NoiseStatus::kOk) {
        return NoiseStatusToStatus(next.status, absl::StrCat("per-report epsilon for ", year.name));
      }
      sum = next.value;
    }
    if (noise::Compare(sum, most) > 0) most = sum;
  }
  return most;
}

std::vector<Spend> SpendsOf(absl::Span<const LedgerEntry> entries) {
  std::vector<Spend> spends;
  for (const LedgerEntry& e : entries) spends.push_back({e.period.first_day, e.period.last_day, e.epsilon});
  return spends;
}

std::string Describe(InsightTable table, Granularity granularity) {
  return absl::StrCat(granularity == Granularity::kYear ? "yearly " : "quarterly ", TableName(table));
}

std::string Describe(const LedgerEntry& entry) {
  return absl::StrCat(TableName(entry.table), " for ", entry.period.name);
}

const PlannedRelease* FindPlanned(const YearPlan& plan, InsightTable table, Granularity granularity) {
  for (const PlannedRelease& r : plan.releases) {
    if (r.table == table && r.granularity == granularity) return &r;
  }
  return nullptr;
}

// The rules one proposed entry must meet on its own.
absl::Status CheckAgainstPlan(const YearPlan& plan, const LedgerEntry& entry) {
  const absl::StatusOr<Period> canonical = ParsePeriod(entry.period.name);
  if (!canonical.ok() || canonical->first_day != entry.period.first_day ||
      canonical->last_day != entry.period.last_day || canonical->quarter != entry.period.quarter) {
    return absl::InvalidArgumentError(
        absl::StrCat("release ", TableName(entry.table), ": its period is not a financial year or quarter"));
  }
  if (entry.sensitivity == 0) {
    return absl::InvalidArgumentError(absl::StrCat("release ", Describe(entry), ": sensitivity must be at least 1"));
  }
  if (entry.period.start_year != plan.start_year) {
    const std::string plan_year = FinancialPeriod(plan.start_year, 0)->name;  // callers validated the plan
    return absl::FailedPreconditionError(
        absl::StrCat("release ", Describe(entry), " is outside the plan, which is for ", plan_year));
  }
  const PlannedRelease* planned = FindPlanned(plan, entry.table, GranularityOf(entry.period));
  if (planned == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat("release ", Describe(entry), " is not in the plan: it plans no ",
                                                      Describe(entry.table, GranularityOf(entry.period))));
  }
  if (noise::Compare(entry.epsilon, planned->epsilon) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("release ", Describe(entry), " has epsilon ",
                                                      FormatEpsilon(entry.epsilon), " but the plan says ",
                                                      FormatEpsilon(planned->epsilon)));
  }
  return absl::OkStatus();
}

// ValidatePlan's rules on the plan's own parts, before its sum.
absl::Status CheckPlanParts(const YearPlan& plan) {
  if (plan.cap.num() == 0) return absl::InvalidArgumentError("plan: the cap must be greater than 0");
  std::set<std::pair<InsightTable, Granularity>> seen;
  for (const PlannedRelease& r : plan.releases) {
    if (r.epsilon.num() == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("plan: ", Describe(r.table, r.granularity), " must have epsilon greater than 0"));
    }
    if (!seen.insert({r.table, r.granularity}).second) {
      return absl::InvalidArgumentError(absl::StrCat("plan: ", Describe(r.table, r.granularity), " is planned twice"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

Fraction DefaultCap() { return Exact(2, 1); }

YearPlan DefaultPlan(int start_year) {
  using enum InsightTable;
  const Fraction seven_tenths = Exact(7, 10);
  const Fraction two_fifths = Exact(2, 5);
  const Fraction one_fifth = Exact(1, 5);
  const Fraction one_twentieth = Exact(1, 20);
  return {start_year,
          DefaultCap(),
          {{kUnitTotal, Granularity::kYear, seven_tenths},
           {kDirectorateTotal, Granularity::kQuarter, two_fifths},
           {kDirectorateByKind, Granularity::kYear, one_fifth},
           {kDirectorateByCharacteristic, Granularity::kYear, one_fifth},
           {kDirectorateBySource, Granularity::kYear, one_fifth},
           {kOrganisationTotal, Granularity::kQuarter, one_twentieth},
           {kOrganisationTotal, Granularity::kYear, one_twentieth}}};
}

absl::StatusOr<Fraction> PerReportEpsilon(int start_year, absl::Span<const LedgerEntry> entries) {
  const absl::StatusOr<Period> year = FinancialPeriod(start_year, 0);
  if (!year.ok()) return year.status();
  return MaxDailySum(*year, SpendsOf(entries));
}

absl::StatusOr<Fraction> PlannedPerReportEpsilon(const YearPlan& plan) {
  std::vector<Spend> spends;
  for (const PlannedRelease& r : plan.releases) {
    // Quarter 0 is the whole year.
    const std::vector<int> quarters =
        r.granularity == Granularity::kYear ? std::vector<int>{0} : std::vector<int>{1, 2, 3, 4};
    for (const int quarter : quarters) {
      const absl::StatusOr<Period> period = FinancialPeriod(plan.start_year, quarter);
      if (!period.ok()) return period.status();
      spends.push_back({period->first_day, period->last_day, r.epsilon});
    }
  }
  const absl::StatusOr<Period> year = FinancialPeriod(plan.start_year, 0);
  if (!year.ok()) return year.status();
  return MaxDailySum(*year, spends);
}

absl::Status ValidatePlan(const YearPlan& plan) {
  if (absl::Status parts = CheckPlanParts(plan); !parts.ok()) return parts;
  const absl::StatusOr<Fraction> per_report = PlannedPerReportEpsilon(plan);
  if (!per_report.ok()) return per_report.status();
  if (noise::Compare(*per_report, plan.cap) > 0) {
    return absl::InvalidArgumentError(absl::StrCat("plan: it spends epsilon ", FormatEpsilon(*per_report),
                                                   " per report, over its own cap ", FormatEpsilon(plan.cap)));
  }
  return absl::OkStatus();
}

absl::Status CheckNewPlan(const YearPlan& plan, Day signed_on) {
  if (absl::Status valid = ValidatePlan(plan); !valid.ok()) return valid;
  const Period year = *FinancialPeriod(plan.start_year, 0);  // ValidatePlan checked the year
  if (signed_on >= year.first_day) {
    return absl::FailedPreconditionError(absl::StrCat("plan for ", year.name,
                                                      ": it must be signed before the year starts on ",
                                                      FormatDay(year.first_day), "; a plan in force may only shrink"));
  }
  return absl::OkStatus();
}

absl::Status CheckPlanChange(const YearPlan& old_plan, const YearPlan& new_plan) {
  if (absl::Status valid = ValidatePlan(new_plan); !valid.ok()) return valid;
  if (new_plan.start_year != old_plan.start_year) {
    return absl::InvalidArgumentError("plan change: the new plan is for a different year");
  }
  if (noise::Compare(new_plan.cap, old_plan.cap) > 0) {
    return absl::FailedPreconditionError(absl::StrCat("plan change: a plan may only shrink, and the cap rises from ",
                                                      FormatEpsilon(old_plan.cap), " to ",
                                                      FormatEpsilon(new_plan.cap)));
  }
  for (const PlannedRelease& r : new_plan.releases) {
    const PlannedRelease* before = FindPlanned(old_plan, r.table, r.granularity);
    if (before == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("plan change: a plan may only shrink, and it adds ", Describe(r.table, r.granularity)));
    }
    if (noise::Compare(r.epsilon, before->epsilon) > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("plan change: a plan may only shrink, and it raises ", Describe(r.table, r.granularity),
                       " from ", FormatEpsilon(before->epsilon), " to ", FormatEpsilon(r.epsilon)));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckRelease(const YearPlan& plan, absl::Span<const LedgerEntry> released,
                          absl::Span<const LedgerEntry> proposed) {
  if (absl::Status valid = ValidatePlan(plan); !valid.ok()) return valid;
  std::set<std::pair<InsightTable, std::string>> done;
  for (const LedgerEntry& e : released) done.insert({e.table, e.period.name});
  for (const LedgerEntry& e : proposed) {
    if (absl::Status s = CheckAgainstPlan(plan, e); !s.ok()) return s;
    if (!done.insert({e.table, e.period.name}).second) {
      return absl::FailedPreconditionError(
          absl::StrCat("release ", Describe(e), " was already made; a table is released once a period"));
    }
  }
  std::vector<LedgerEntry> all(released.begin(), released.end());
  all.insert(all.end(), proposed.begin(), proposed.end());
  const absl::StatusOr<Fraction> per_report = PerReportEpsilon(plan.start_year, all);
  if (!per_report.ok()) return per_report.status();
  if (noise::Compare(*per_report, plan.cap) > 0) {
    return absl::FailedPreconditionError(absl::StrCat("release would bring one report's epsilon for the year to ",
                                                      FormatEpsilon(*per_report), ", over the cap ",
                                                      FormatEpsilon(plan.cap)));
  }
  return absl::OkStatus();
}

}  // namespace candour::core
