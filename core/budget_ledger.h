// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The rules of the insights budget ledger (docs/INSIGHTS.md, "Budget"), as
// pure logic on plain structs. The ledger is a chain of releases, each
// signed by the release holder and naming the hash of the one before; the
// holder's client keeps it and checks it itself. The chain, its signatures
// and its storage live elsewhere: this file is what every entry must obey.
//
// What the cap means, in plain words. ε (epsilon) measures how much any one
// report can change what insights publishes. Under a cap of 2 for a
// financial year, everything published about that year, taken together, is
// at most e^2 ≈ 7.4 times more likely with any one report counted than
// without it, whoever made it and whatever else is known about them. The
// protection adds up over reports by the same person: two reports are
// protected at ε = 4 (at most 55 times more likely), three at ε = 6 (at most
// 410 times). budget_explanation.h writes this out for any plan.
//
// How it is counted. A report is counted in every release whose period
// covers the day it arrived: its year's and its quarter's (quarters
// partition reports by arrival day, so each report is in exactly one quarter
// release of a table). Its ε is the sum over those releases, so a year's
// per-report ε is the largest such sum over the year's days. The year's
// plan, signed before the year starts, fixes which releases there will be
// and at what ε; it may later only shrink, and no release may take the
// per-report ε past the plan's cap. ε is an exact fraction throughout:
// 0.1 + 0.2 is 3/10 here, and a sum at the cap is at the cap.
// Stateless and thread-safe.
#ifndef CANDOUR_CORE_BUDGET_LEDGER_H_
#define CANDOUR_CORE_BUDGET_LEDGER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/insight_tables.h"
#include "core/noise/fraction.h"
#include "core/period.h"

namespace candour::core {

// One release of one noisy table, as the ledger records it.
struct LedgerEntry {
  InsightTable table = InsightTable::kUnitTotal;
  Period period;             // a financial year or a quarter (from ParsePeriod)
  noise::Fraction epsilon;   // the table's privacy loss: noise scale sensitivity/epsilon
  uint32_t sensitivity = 0;  // L1Sensitivity of the table under the year's unit map, >= 1
};

enum class Granularity { kYear, kQuarter };

// A table released once a year, or once each quarter, at `epsilon` a release.
struct PlannedRelease {
  InsightTable table = InsightTable::kUnitTotal;
  Granularity granularity = Granularity::kYear;
  noise::Fraction epsilon;
};

// The releases planned for the financial year starting in April of
// `start_year`, and the most ε one report may cost over the year.
struct YearPlan {
  int start_year = 0;
  noise::Fraction cap;
  std::vector<PlannedRelease> releases;  // at most one per (table, granularity)
};

// The cap a new plan gets unless it says otherwise: ε = 2 per report a year.
noise::Fraction DefaultCap();

// The default plan for the year starting in April of `start_year`, under the
// default cap: unit-total yearly 0.7; directorate-total quarterly 0.4;
// directorate-by-kind, -by-characteristic and -by-source yearly 0.2 each;
// organisation-total quarterly 0.05 and yearly 0.05. Per report:
// 0.7 + 0.4 + 3 x 0.2 + 0.05 + 0.05 = 1.8.
YearPlan DefaultPlan(int start_year);

// The per-report ε of the financial year starting in April of `start_year`:
// the largest, over the year's days, of the summed ε of the entries whose
// period covers that day. Entries of other years cover none of its days and
// count nothing. Exact. INVALID_ARGUMENT if start_year names no financial
// year ParsePeriod accepts; OUT_OF_RANGE if a sum does not fit in a
// Fraction.
absl::StatusOr<noise::Fraction> PerReportEpsilon(int start_year, absl::Span<const LedgerEntry> entries);

// The per-report ε of `plan` once every planned release is made (each
// quarterly release in all four quarters). The codes of PerReportEpsilon.
absl::StatusOr<noise::Fraction> PlannedPerReportEpsilon(const YearPlan& plan);

// OK if `plan` is well formed and within its own cap. INVALID_ARGUMENT,
// naming the rule, if its year is not one ParsePeriod accepts, its cap or a
// planned ε is 0, a (table, granularity) is planned twice, or its planned
// per-report ε is over its cap; OUT_OF_RANGE as PerReportEpsilon.
absl::Status ValidatePlan(const YearPlan& plan);

// OK if `plan` may be signed as the first plan for its year on `signed_on`:
// it is valid, and the year has not started. The codes of ValidatePlan, and
// FAILED_PRECONDITION if signed_on is on or after the year's first day.
absl::Status CheckNewPlan(const YearPlan& plan, Day signed_on);

// OK if `new_plan` may replace the signed `old_plan`: it is valid and only
// shrinks (the same year, no cap raised, no (table, granularity) added, no
// planned ε raised; dropping a planned release is a shrink). The codes of
// ValidatePlan, INVALID_ARGUMENT for a different year, and
// FAILED_PRECONDITION naming the first thing that grows.
absl::Status CheckPlanChange(const YearPlan& old_plan, const YearPlan& new_plan);

// OK if `proposed` may be appended to a ledger holding `released`: each
// proposed entry is in `plan` (its year, its table at its period's
// granularity) at exactly the planned ε, no (table, period) is released
// twice (counting `released` and `proposed` together), and the year's
// per-report ε over both stays at or under the cap. `released` is taken as
// already accepted (entries made under an earlier, larger plan still count
// towards the cap). FAILED_PRECONDITION with a plain message for each
// refusal; INVALID_ARGUMENT if a proposed period is not a financial year or
// quarter as ParsePeriod makes them or a sensitivity is 0; the codes of
// ValidatePlan for the plan.
absl::Status CheckRelease(const YearPlan& plan, absl::Span<const LedgerEntry> released,
                          absl::Span<const LedgerEntry> proposed);

}  // namespace candour::core

#endif  // CANDOUR_CORE_BUDGET_LEDGER_H_
