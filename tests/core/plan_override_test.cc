// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/plan_override.h"

#include <gtest/gtest.h>

#include <string>

namespace candour::core {
namespace {

noise::Fraction Eps(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

const PlannedRelease* Find(const YearPlan& plan, InsightTable table, Granularity granularity) {
  for (const PlannedRelease& p : plan.releases) {
    if (p.table == table && p.granularity == granularity) return &p;
  }
  return nullptr;
}

TEST(PlanOverrideTest, ATablesOneReleaseTakesANewEpsilon) {
  YearPlan plan = DefaultPlan(2026);
  const size_t before = plan.releases.size();
  ASSERT_TRUE(OverridePlannedRelease("unit-total=0.5", &plan).ok());
  EXPECT_EQ(plan.releases.size(), before);
  EXPECT_EQ(Find(plan, InsightTable::kUnitTotal, Granularity::kYear)->epsilon, Eps(1, 2));
  ASSERT_TRUE(OverridePlannedRelease("directorate-total:quarter=3/10", &plan).ok());
  EXPECT_EQ(Find(plan, InsightTable::kDirectorateTotal, Granularity::kQuarter)->epsilon, Eps(3, 10));
  EXPECT_TRUE(ValidatePlan(plan).ok());
}

TEST(PlanOverrideTest, ATableIsDroppedOrAddedOnlyWhenNamedExactly) {
  YearPlan plan = DefaultPlan(2026);
  ASSERT_TRUE(OverridePlannedRelease("directorate-by-source=none", &plan).ok());
  EXPECT_EQ(Find(plan, InsightTable::kDirectorateBySource, Granularity::kYear), nullptr);
  EXPECT_EQ(OverridePlannedRelease("directorate-by-source=none", &plan).code(), absl::StatusCode::kInvalidArgument);
  // Not planned: a granularity must be named to add it.
  EXPECT_EQ(OverridePlannedRelease("directorate-by-source=0.1", &plan).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(OverridePlannedRelease("directorate-by-source:year=0.1", &plan).ok());
  EXPECT_EQ(Find(plan, InsightTable::kDirectorateBySource, Granularity::kYear)->epsilon, Eps(1, 10));
  // The organisation total is planned at both: say which.
  EXPECT_EQ(OverridePlannedRelease("organisation-total=0.1", &plan).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(OverridePlannedRelease("organisation-total:year=none", &plan).ok());
  EXPECT_EQ(Find(plan, InsightTable::kOrganisationTotal, Granularity::kYear), nullptr);
  EXPECT_NE(Find(plan, InsightTable::kOrganisationTotal, Granularity::kQuarter), nullptr);
  // With one left, the bare name means it.
  ASSERT_TRUE(OverridePlannedRelease("organisation-total=0.1", &plan).ok());
  EXPECT_EQ(Find(plan, InsightTable::kOrganisationTotal, Granularity::kQuarter)->epsilon, Eps(1, 10));
}

TEST(PlanOverrideTest, MalformedSpecsChangeNothing) {
  for (const std::string spec : {"unit-total", "unit-total=", "unit-total=-1", "unit-total=0", "unit-total=abc",
                                 "unit-totals=0.5", "unit-total:month=0.5", "=0.5", "unit-total:=0.5"}) {
    YearPlan plan = DefaultPlan(2026);
    EXPECT_EQ(OverridePlannedRelease(spec, &plan).code(), absl::StatusCode::kInvalidArgument) << spec;
    EXPECT_EQ(plan.releases.size(), DefaultPlan(2026).releases.size()) << spec;
    EXPECT_EQ(plan.releases.front().epsilon, DefaultPlan(2026).releases.front().epsilon) << spec;
  }
}

TEST(PlanOverrideTest, APlanOverItsCapIsStillRefusedByValidation) {
  YearPlan plan = DefaultPlan(2026);
  ASSERT_TRUE(OverridePlannedRelease("unit-total=1.5", &plan).ok());
  EXPECT_FALSE(ValidatePlan(plan).ok());
}

}  // namespace
}  // namespace candour::core
