// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/trend.h"

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace candour::core {
namespace {

// The directorate-total table's scale: ε 0.4, so 5/2, whose noise has
// standard deviation sqrt(2q)/(1 - q) = 3.5121 (q = exp(-0.4)).
TrendInput Quarters(std::vector<int64_t> totals) { return {std::move(totals), noise::MakeFraction(5, 2).value}; }

std::vector<size_t> Where(const XmrChart& chart, bool TrendPoint::*signal) {
  std::vector<size_t> at;
  for (size_t i = 0; i < chart.points.size(); ++i) {
    if (chart.points[i].*signal) at.push_back(i);
  }
  return at;
}

TEST(TrendTest, HandWorkedChartWithARunOfSevenAndAPointOutside) {
  // Fifteen quarters. Sum 230, so the centre is 230/15 = 15.3333. Moving
  // ranges 1 2 1 2 2 6 1 1 0 1 1 2 6 28, sum 54, mean 54/14 = 27/7; the
  // limits are 15.3333 -/+ 2.66 * 27/7 = 15.3333 -/+ 10.26, so
  // [5.0733, 25.5933]. Quarters 6..12 (16 17 16 16 17 16 18) are seven in a
  // row above the centre; quarters 0..5 only six below; quarter 14 (40) is
  // above the upper limit.
  const absl::StatusOr<XmrChart> chart =
      BuildXmrChart(Quarters({10, 11, 9, 10, 12, 10, 16, 17, 16, 16, 17, 16, 18, 12, 40}));
  ASSERT_TRUE(chart.ok()) << chart.status();
  EXPECT_TRUE(chart->shown);
  EXPECT_FALSE(chart->few_points);
  EXPECT_NEAR(chart->noise_sd, 3.5121, 1e-4);
  EXPECT_DOUBLE_EQ(chart->centre, 230.0 / 15);
  EXPECT_DOUBLE_EQ(chart->mean_moving_range, 27.0 / 7);
  EXPECT_NEAR(chart->upper_limit, 25.593333333, 1e-9);
  EXPECT_NEAR(chart->lower_limit, 5.073333333, 1e-9);
  ASSERT_EQ(chart->points.size(), 15u);
  EXPECT_EQ(chart->points[0].moving_range, 0);
  EXPECT_EQ(chart->points[14].moving_range, 28);
  EXPECT_EQ(Where(*chart, &TrendPoint::outside_limits), (std::vector<size_t>{14}));
  EXPECT_EQ(Where(*chart, &TrendPoint::in_run), (std::vector<size_t>{6, 7, 8, 9, 10, 11, 12}));
}

TEST(TrendTest, APointOnTheCentreLineEndsARun) {
  // Centre 140/14 = 10: three above, one on the line, four above, six below.
  // Moving ranges sum to 10, so the limits are 10 -/+ 2.66 * 10/13 and the
  // last quarter, 6, is below them.
  const absl::StatusOr<XmrChart> chart = BuildXmrChart(Quarters({12, 12, 12, 10, 12, 12, 12, 12, 8, 8, 8, 8, 8, 6}));
  ASSERT_TRUE(chart.ok()) << chart.status();
  EXPECT_DOUBLE_EQ(chart->centre, 10);
  EXPECT_TRUE(Where(*chart, &TrendPoint::in_run).empty());
  EXPECT_NEAR(chart->lower_limit, 10 - 26.6 / 13, 1e-12);
  EXPECT_EQ(Where(*chart, &TrendPoint::outside_limits), (std::vector<size_t>{13}));
}

TEST(TrendTest, RunsBelowTheCentreCountToo) {
  const absl::StatusOr<XmrChart> chart =
      BuildXmrChart(Quarters({30, 28, 31, 29, 30, 20, 21, 19, 20, 22, 21, 20, 29, 31}));
  ASSERT_TRUE(chart.ok()) << chart.status();
  EXPECT_EQ(Where(*chart, &TrendPoint::in_run), (std::vector<size_t>{5, 6, 7, 8, 9, 10, 11}));
}

TEST(TrendTest, TooFewReportsForATrendWhenTheNoiseIsOverHalfTheMean) {
  // Mean 7: the noise's 3.5121 is over 3.5, so no chart; mean 7.5 shows one.
  const absl::StatusOr<XmrChart> low = BuildXmrChart(Quarters({6, 8, 7, 7}));
  ASSERT_TRUE(low.ok()) << low.status();
  EXPECT_FALSE(low->shown);
  EXPECT_DOUBLE_EQ(low->centre, 7);
  EXPECT_TRUE(low->points.empty());
  EXPECT_EQ(low->upper_limit, 0);
  const absl::StatusOr<XmrChart> enough = BuildXmrChart(Quarters({8, 7, 7, 8}));
  ASSERT_TRUE(enough.ok()) << enough.status();
  EXPECT_TRUE(enough->shown);
  // A mean at or below zero is never shown.
  const absl::StatusOr<XmrChart> negative = BuildXmrChart(Quarters({-3, 1, -2}));
  ASSERT_TRUE(negative.ok()) << negative.status();
  EXPECT_FALSE(negative->shown);
}

TEST(TrendTest, WarnsBelowTwelvePoints) {
  const std::vector<int64_t> twelve = {20, 22, 19, 21, 20, 23, 18, 20, 21, 22, 19, 20};
  const absl::StatusOr<XmrChart> full = BuildXmrChart(Quarters(twelve));
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_FALSE(full->few_points);
  const absl::StatusOr<XmrChart> short_chart =
      BuildXmrChart(Quarters(std::vector<int64_t>(twelve.begin(), twelve.end() - 1)));
  ASSERT_TRUE(short_chart.ok()) << short_chart.status();
  EXPECT_TRUE(short_chart->few_points);
  EXPECT_TRUE(short_chart->shown);
}

TEST(TrendTest, RejectsWhatCannotBeCharted) {
  EXPECT_EQ(BuildXmrChart(Quarters({})).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BuildXmrChart(Quarters({20})).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BuildXmrChart({{20, 21}, noise::Fraction()}).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::core
