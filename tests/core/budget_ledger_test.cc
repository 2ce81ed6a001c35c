// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The budget ledger's rules: the default plan's exact per-report ε, the
// maximum over days (not the sum over releases), a year's worth of quarters
// released in order, every refusal from a table, and plans that may only
// shrink.
#include "core/budget_ledger.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"

namespace candour::core {
namespace {

using enum InsightTable;
using noise::Fraction;

Fraction F(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

LedgerEntry Entry(InsightTable table, const std::string& period, Fraction epsilon, uint32_t sensitivity = 1) {
  const absl::StatusOr<Period> parsed = ParsePeriod(period);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return {table, parsed.value_or(Period{}), epsilon, sensitivity};
}

// What the default plan releases at the end of `quarter` of 2026-27: the
// quarterly tables, and after the fourth quarter the yearly ones too.
std::vector<LedgerEntry> EndOfQuarter(const YearPlan& plan, int quarter) {
  std::vector<LedgerEntry> out;
  for (const PlannedRelease& r : plan.releases) {
    if (r.granularity == Granularity::kQuarter)
      out.push_back(Entry(r.table, "2026-27Q" + std::to_string(quarter), r.epsilon));
    if (r.granularity == Granularity::kYear && quarter == 4) out.push_back(Entry(r.table, "2026-27", r.epsilon));
  }
  return out;
}

Fraction PerReport(const std::vector<LedgerEntry>& entries) {
  const absl::StatusOr<Fraction> e = PerReportEpsilon(2026, entries);
  EXPECT_TRUE(e.ok()) << e.status();
  return e.value_or(Fraction());
}

void ExpectRefused(const absl::Status& status, absl::StatusCode code, const std::string& words) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), words)) << status << "\nwanted: " << words;
}

TEST(BudgetLedgerTest, DefaultPlanSpendsNineFifthsPerReportUnderACapOfTwo) {
  const YearPlan plan = DefaultPlan(2026);
  EXPECT_TRUE(ValidatePlan(plan).ok()) << ValidatePlan(plan);
  EXPECT_EQ(plan.cap, F(2, 1));
  EXPECT_EQ(plan.releases.size(), 7u);
  const absl::StatusOr<Fraction> spent = PlannedPerReportEpsilon(plan);
  ASSERT_TRUE(spent.ok()) << spent.status();
  EXPECT_EQ(*spent, F(9, 5));  // 0.7 + 0.4 + 0.2 + 0.2 + 0.2 + 0.05 + 0.05, exactly
}

TEST(BudgetLedgerTest, PerReportEpsilonIsTheMostOnAnyDayNotTheSumOfReleases) {
  // Four quarterly releases at 0.4: each report is in one of them.
  std::vector<LedgerEntry> entries;
  for (int q = 1; q <= 4; ++q) entries.push_back(Entry(kDirectorateTotal, "2026-27Q" + std::to_string(q), F(2, 5)));
  EXPECT_EQ(PerReport(entries), F(2, 5));
  // A yearly release covers every day, so it adds to each quarter.
  entries.push_back(Entry(kUnitTotal, "2026-27", F(7, 10)));
  EXPECT_EQ(PerReport(entries), F(11, 10));
  // A second table in one quarter only raises that quarter, and so the most.
  entries.push_back(Entry(kOrganisationTotal, "2026-27Q3", F(1, 20)));
  EXPECT_EQ(PerReport(entries), F(23, 20));
  EXPECT_EQ(PerReport({}), F(0, 1));
}

TEST(BudgetLedgerTest, PerReportEpsilonCountsOnlyTheYearsOwnDays) {
  const std::vector<LedgerEntry> entries = {Entry(kUnitTotal, "2025-26", F(7, 10)),
                                            Entry(kDirectorateTotal, "2025-26Q4", F(2, 5)),
                                            Entry(kDirectorateTotal, "2027-28Q1", F(2, 5))};
  EXPECT_EQ(PerReport(entries), F(0, 1));
  const absl::StatusOr<Fraction> last_year = PerReportEpsilon(2025, entries);
  ASSERT_TRUE(last_year.ok()) << last_year.status();
  EXPECT_EQ(*last_year, F(11, 10));
}

TEST(BudgetLedgerTest, PerReportEpsilonIsExact) {
  // 0.1 + 0.2 is 0.3, and three thirds are one: no double gets both.
  EXPECT_EQ(PerReport({Entry(kUnitTotal, "2026-27", F(1, 10)), Entry(kDirectorateByKind, "2026-27", F(1, 5))}),
            F(3, 10));
  EXPECT_EQ(PerReport({Entry(kUnitTotal, "2026-27", F(1, 3)), Entry(kDirectorateByKind, "2026-27", F(1, 3)),
                       Entry(kDirectorateBySource, "2026-27Q2", F(1, 3))}),
            F(1, 1));
}

TEST(BudgetLedgerTest, PerReportEpsilonRefusesAnUnknownYearAndAnOverflowingSum) {
  EXPECT_EQ(PerReportEpsilon(1969, {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PerReportEpsilon(9999, {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PerReportEpsilon(-5, {}).status().code(), absl::StatusCode::kInvalidArgument);
  // 1/2^40 + 1/3^20 has a denominator past 2^64.
  const std::vector<LedgerEntry> coprime = {Entry(kUnitTotal, "2026-27", F(1, uint64_t{1} << 40)),
                                            Entry(kDirectorateByKind, "2026-27", F(1, 3486784401))};
  EXPECT_EQ(PerReportEpsilon(2026, coprime).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(BudgetLedgerTest, AYearOfQuartersIsAcceptedReleaseByReleaseAndEndsAtNineFifths) {
  const YearPlan plan = DefaultPlan(2026);
  std::vector<LedgerEntry> ledger;
  const Fraction after_quarter[] = {F(9, 20), F(9, 20), F(9, 20), F(9, 5)};  // 0.4 + 0.05 until the yearly ones
  for (int quarter = 1; quarter <= 4; ++quarter) {
    for (const LedgerEntry& e : EndOfQuarter(plan, quarter)) {
      const absl::Status ok = CheckRelease(plan, ledger, {e});
      ASSERT_TRUE(ok.ok()) << ok;
      ledger.push_back(e);
    }
    EXPECT_EQ(PerReport(ledger), after_quarter[quarter - 1]) << "after quarter " << quarter;
  }
  EXPECT_EQ(ledger.size(), 4u * 2 + 5);
  // Exactly at the cap is within it.
  YearPlan at_cap = plan;
  at_cap.cap = F(9, 5);
  EXPECT_TRUE(CheckRelease(at_cap, {}, ledger).ok()) << CheckRelease(at_cap, {}, ledger);
  // And nothing more can be released that year.
  ExpectRefused(CheckRelease(plan, ledger, {Entry(kUnitTotal, "2026-27", F(7, 10))}),
                absl::StatusCode::kFailedPrecondition, "already");
}

TEST(BudgetLedgerTest, RefusesReleasesTheRulesForbid) {
  const YearPlan plan = DefaultPlan(2026);
  const std::vector<LedgerEntry> released = {Entry(kDirectorateTotal, "2026-27Q1", F(2, 5))};
  Period tampered = *ParsePeriod("2026-27Q2");
  tampered.last_day += 40;  // a "quarter" running into the next
  struct Case {
    const char* name;
    std::vector<LedgerEntry> proposed;
    absl::StatusCode code;
    std::string words;
  };
  const Case cases[] = {
      {"not planned at that granularity",
       {Entry(kUnitTotal, "2026-27Q2", F(7, 10))},
       absl::StatusCode::kFailedPrecondition,
       "unit-total for 2026-27Q2 is not in the plan: it plans no quarterly unit-total"},
      {"another year",
       {Entry(kUnitTotal, "2027-28", F(7, 10))},
       absl::StatusCode::kFailedPrecondition,
       "unit-total for 2027-28 is outside the plan, which is for 2026-27"},
      {"a different epsilon",
       {Entry(kDirectorateTotal, "2026-27Q2", F(1, 2))},
       absl::StatusCode::kFailedPrecondition,
       "directorate-total for 2026-27Q2 has epsilon 0.5 but the plan says 0.4"},
      {"already in the ledger",
       {Entry(kDirectorateTotal, "2026-27Q1", F(2, 5))},
       absl::StatusCode::kFailedPrecondition,
       "directorate-total for 2026-27Q1 was already made"},
      {"twice in one release",
       {Entry(kDirectorateTotal, "2026-27Q2", F(2, 5)), Entry(kDirectorateTotal, "2026-27Q2", F(2, 5))},
       absl::StatusCode::kFailedPrecondition,
       "directorate-total for 2026-27Q2 was already made"},
      {"zero sensitivity",
       {Entry(kDirectorateTotal, "2026-27Q2", F(2, 5), 0)},
       absl::StatusCode::kInvalidArgument,
       "sensitivity must be at least 1"},
      {"a period ParsePeriod would not make",
       {{kDirectorateTotal, tampered, F(2, 5), 1}},
       absl::StatusCode::kInvalidArgument,
       "not a financial year or quarter"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectRefused(CheckRelease(plan, released, c.proposed), c.code, c.words);
  }
}

TEST(BudgetLedgerTest, RefusesAReleaseThatPassesACapShrunkMidYear) {
  // Released under the default plan: Q1 to Q4 of the quarterly tables and
  // the yearly unit-total, 0.4 + 0.05 + 0.7 = 1.15 on every day.
  const YearPlan old_plan = DefaultPlan(2026);
  std::vector<LedgerEntry> ledger;
  for (int q = 1; q <= 4; ++q) {
    for (const LedgerEntry& e : EndOfQuarter(old_plan, q)) {
      if (e.table != kUnitTotal && e.period.quarter == 0) continue;
      ledger.push_back(e);
    }
  }
  // Then the plan shrinks to a cap of 1.2.
  YearPlan shrunk = {2026,
                     F(6, 5),
                     {{kUnitTotal, Granularity::kYear, F(3, 5)},
                      {kDirectorateTotal, Granularity::kQuarter, F(2, 5)},
                      {kOrganisationTotal, Granularity::kQuarter, F(1, 20)},
                      {kDirectorateByKind, Granularity::kYear, F(3, 20)}}};
  ASSERT_TRUE(CheckPlanChange(old_plan, shrunk).ok()) << CheckPlanChange(old_plan, shrunk);
  // Planned at 0.15, but 1.15 + 0.15 = 1.3 is over 1.2.
  ExpectRefused(CheckRelease(shrunk, ledger, {Entry(kDirectorateByKind, "2026-27", F(3, 20))}),
                absl::StatusCode::kFailedPrecondition,
                "bring one report's epsilon for the year to 1.3, over the cap 1.2");
}

TEST(BudgetLedgerTest, ValidatePlanRefusesMalformedPlans) {
  const YearPlan good = DefaultPlan(2026);
  struct Case {
    const char* name;
    YearPlan plan;
    std::string words;
  };
  std::vector<Case> cases = {{"no such year", good, "no financial year starts in 1900"},
                             {"zero cap", good, "cap must be greater than 0"},
                             {"zero epsilon", good, "yearly unit-total must have epsilon greater than 0"},
                             {"planned twice", good, "quarterly directorate-total is planned twice"},
                             {"over its own cap", good, "spends epsilon 1.8 per report, over its own cap 1.79"}};
  cases[0].plan.start_year = 1900;
  cases[1].plan.cap = Fraction();
  cases[2].plan.releases[0].epsilon = Fraction();
  cases[3].plan.releases.push_back({kDirectorateTotal, Granularity::kQuarter, F(1, 100)});
  cases[4].plan.cap = F(179, 100);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectRefused(ValidatePlan(c.plan), absl::StatusCode::kInvalidArgument, c.words);
    EXPECT_FALSE(CheckRelease(c.plan, {}, {}).ok());
  }
}

TEST(BudgetLedgerTest, ANewPlanIsSignedBeforeItsYearStarts) {
  const YearPlan plan = DefaultPlan(2026);
  EXPECT_TRUE(CheckNewPlan(plan, *ParseDay("2026-03-31")).ok());
  ExpectRefused(CheckNewPlan(plan, *ParseDay("2026-04-01")), absl::StatusCode::kFailedPrecondition,
                "must be signed before the year starts on 2026-04-01");
  YearPlan invalid = plan;
  invalid.cap = F(1, 1);
  EXPECT_EQ(CheckNewPlan(invalid, *ParseDay("2026-01-01")).code(), absl::StatusCode::kInvalidArgument);
}

TEST(BudgetLedgerTest, APlanMayOnlyShrink) {
  const YearPlan old_plan = DefaultPlan(2026);
  EXPECT_TRUE(CheckPlanChange(old_plan, old_plan).ok());
  YearPlan smaller = old_plan;
  smaller.cap = F(19, 10);
  smaller.releases.pop_back();            // drop the yearly organisation-total
  smaller.releases[0].epsilon = F(1, 2);  // unit-total down from 0.7
  EXPECT_TRUE(CheckPlanChange(old_plan, smaller).ok()) << CheckPlanChange(old_plan, smaller);

  struct Case {
    const char* name;
    YearPlan plan;
    absl::StatusCode code;
    std::string words;
  };
  std::vector<Case> cases = {
      {"cap raised", old_plan, absl::StatusCode::kFailedPrecondition, "the cap rises from 2 to 2.5"},
      {"table added", smaller, absl::StatusCode::kFailedPrecondition, "it adds quarterly unit-total"},
      {"epsilon raised", old_plan, absl::StatusCode::kFailedPrecondition,
       "it raises quarterly directorate-total from 0.4 to 0.45"},
      {"another year", old_plan, absl::StatusCode::kInvalidArgument, "different year"},
      {"invalid", old_plan, absl::StatusCode::kInvalidArgument, "over its own cap"},
  };
  cases[0].plan.cap = F(5, 2);
  cases[1].plan.releases.push_back({kUnitTotal, Granularity::kQuarter, F(1, 100)});
  cases[2].plan.releases[1].epsilon = F(9, 20);
  cases[3].plan.start_year = 2027;
  cases[4].plan.releases[1].epsilon = F(3, 5);  // 2.0 per report with the cap at 2, then the cap down to 1.9
  cases[4].plan.cap = F(19, 10);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectRefused(CheckPlanChange(old_plan, c.plan), c.code, c.words);
  }
}

}  // namespace
}  // namespace candour::core
