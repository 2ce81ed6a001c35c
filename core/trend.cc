// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/trend.h"

#include <cmath>
#include <cstdlib>

#include "absl/status/status.h"
#include "core/noise_interval.h"

namespace candour::core {
namespace {

// -1 below the centre, 1 above, 0 on it.
int SideOf(int64_t value, double centre) {
  const double v = static_cast<double>(value);
  return v > centre ? 1 : (v < centre ? -1 : 0);
}

// Marks every point in a run of kRunLength or more consecutive points on
// one side of the centre.
void MarkRuns(double centre, std::vector<TrendPoint>& points) {
  size_t start = 0;
  for (size_t i = 1; i <= points.size(); ++i) {
    const int side = SideOf(points[start].value, centre);
    if (i < points.size() && side != 0 && SideOf(points[i].value, centre) == side) continue;
    if (side != 0 && i - start >= kRunLength) {
      for (size_t j = start; j < i; ++j) points[j].in_run = true;
    }
    start = i;
  }
}

}  // namespace

absl::StatusOr<XmrChart> BuildXmrChart(const TrendInput& input) {
  if (input.noisy_totals.size() < 2) return absl::InvalidArgumentError("trend: needs at least two quarters");
  if (input.noise_scale.num() == 0) return absl::InvalidArgumentError("trend: noise scale is 0");
  XmrChart chart;
  chart.noise_sd = std::sqrt(static_cast<double>(DiscreteLaplaceVariance(input.noise_scale)));
  double sum = 0;
  for (int64_t v : input.noisy_totals) sum += static_cast<double>(v);
  chart.centre = sum / static_cast<double>(input.noisy_totals.size());
  chart.few_points = input.noisy_totals.size() < static_cast<size_t>(kFewTrendPoints);
  // Where the noise is large beside the level, the chart's ups and downs
  // would be mostly noise, and its limits mostly the noise's width.
  chart.shown = chart.noise_sd <= kMaxNoiseShareOfMean * chart.centre;
  if (!chart.shown) return chart;
  double ranges = 0;
  for (size_t i = 0; i < input.noisy_totals.size(); ++i) {
    TrendPoint point{input.noisy_totals[i]};
    if (i > 0) point.moving_range = std::fabs(static_cast<double>(point.value - input.noisy_totals[i - 1]));
    ranges += point.moving_range;
    chart.points.push_back(point);
  }
  chart.mean_moving_range = ranges / static_cast<double>(input.noisy_totals.size() - 1);
  chart.upper_limit = chart.centre + kNaturalProcessLimitFactor * chart.mean_moving_range;
  chart.lower_limit = chart.centre - kNaturalProcessLimitFactor * chart.mean_moving_range;
  for (TrendPoint& point : chart.points) {
    const double v = static_cast<double>(point.value);
    point.outside_limits = v > chart.upper_limit || v < chart.lower_limit;
  }
  MarkRuns(chart.centre, chart.points);
  return chart;
}

}  // namespace candour::core
