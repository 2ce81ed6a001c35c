// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The budget in plain English: e^ε rounded up, never down, and the lines for
// one, two and three reports.
#include "core/budget_explanation.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace candour::core {
namespace {

noise::Fraction F(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

TEST(BudgetExplanationTest, LikelihoodBoundRoundsUpToTwoFigures) {
  EXPECT_EQ(LikelihoodBound(F(2, 1)), "at most 7.4 times more likely");      // e^2 = 7.389
  EXPECT_EQ(LikelihoodBound(F(4, 1)), "at most 55 times more likely");       // 54.598
  EXPECT_EQ(LikelihoodBound(F(6, 1)), "at most 410 times more likely");      // 403.43
  EXPECT_EQ(LikelihoodBound(F(9, 5)), "at most 6.1 times more likely");      // 6.0496
  EXPECT_EQ(LikelihoodBound(F(27, 5)), "at most 230 times more likely");     // 221.41
  EXPECT_EQ(LikelihoodBound(F(7, 10)), "at most 2.1 times more likely");     // 2.0138
  EXPECT_EQ(LikelihoodBound(F(1, 2)), "at most 65% more likely");            // 64.87%
  EXPECT_EQ(LikelihoodBound(F(1, 20)), "at most 5.2% more likely");          // 5.127%
  EXPECT_EQ(LikelihoodBound(F(1, 1000)), "at most 0.11% more likely");       // 0.10005%
  EXPECT_EQ(LikelihoodBound(F(69, 5)), "at most 990000 times more likely");  // e^13.8 = 984609
  EXPECT_EQ(LikelihoodBound(F(139, 10)), "more than a million times more likely");
}

TEST(BudgetExplanationTest, ExplainsOneTwoAndThreeReports) {
  const absl::StatusOr<std::vector<std::string>> lines = ExplainEpsilon(F(2, 1));
  ASSERT_TRUE(lines.ok()) << lines.status();
  ASSERT_EQ(lines->size(), 4u);
  EXPECT_TRUE(absl::StrContains((*lines)[0], "ε (epsilon) measures"));
  EXPECT_TRUE(absl::StrContains((*lines)[1], "One report (ε = 2)")) << (*lines)[1];
  EXPECT_TRUE(absl::StrContains((*lines)[1], "at most 7.4 times more likely with that report counted")) << (*lines)[1];
  EXPECT_TRUE(absl::StrContains((*lines)[2], "Two reports by the same person (ε adds up, to 4): at most 55 times"))
      << (*lines)[2];
  EXPECT_TRUE(absl::StrContains((*lines)[3],
                                "Three reports by the same person (ε = 6): at most 410 times more "
                                "likely with all three counted than with none."))
      << (*lines)[3];
}

TEST(BudgetExplanationTest, ExplainsAPlanByItsCap) {
  const absl::StatusOr<std::vector<std::string>> lines = ExplainBudget(DefaultPlan(2026));
  ASSERT_TRUE(lines.ok()) << lines.status();
  ASSERT_EQ(lines->size(), 5u);
  EXPECT_EQ((*lines)[0],
            "The plan for 2026-27 spends ε = 1.8 per report, within its cap of ε = 2. The cap is the promise:");
  EXPECT_TRUE(absl::StrContains((*lines)[2], "One report (ε = 2)")) << (*lines)[2];
}

TEST(BudgetExplanationTest, RefusesZeroEpsilonAndAnInvalidPlan) {
  EXPECT_EQ(ExplainEpsilon(F(0, 1)).status().code(), absl::StatusCode::kInvalidArgument);
  YearPlan over = DefaultPlan(2026);
  over.cap = F(1, 1);
  EXPECT_EQ(ExplainBudget(over).status().code(), absl::StatusCode::kInvalidArgument);
  // 3ε does not fit.
  EXPECT_EQ(ExplainEpsilon(F(uint64_t{1} << 63, 1)).status().code(), absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace candour::core
