// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The trend chart (docs/INSIGHTS.md, "Trends"): an XmR (individuals and
// moving range) chart of a directorate group's quarterly noisy totals. The
// centre line is their mean; the natural process limits are the mean plus
// and minus 2.66 times the mean moving range, which already take in the
// noise, since the noise is part of each quarter-to-quarter difference. Two
// signals: a point outside the limits, and a run of seven or more
// consecutive points on the same side of the centre line. A chart is shown
// only where the noise is small beside the level: its standard deviation
// sqrt(2q)/(1 - q) at most half the mean; otherwise the view says "too few
// reports for a trend". Computed from released numbers only, with no
// randomness. Stateless and thread-safe.
#ifndef CANDOUR_CORE_TREND_H_
#define CANDOUR_CORE_TREND_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/noise/fraction.h"

namespace candour::core {

// Wheeler's scaling of the mean moving range to three standard deviations
// (3 / d2, d2 = 1.128 for ranges of two points).
inline constexpr double kNaturalProcessLimitFactor = 2.66;
inline constexpr int kRunLength = 7;
// Below this many points the limits are provisional and the view warns.
inline constexpr int kFewTrendPoints = 12;
// The chart is shown when the noise's standard deviation is at most this
// share of the mean.
inline constexpr double kMaxNoiseShareOfMean = 0.5;

struct TrendInput {
  std::vector<int64_t> noisy_totals;  // one a quarter, oldest first, signs kept
  noise::Fraction noise_scale;        // the directorate-total table's, 1/ε: 5/2
};

struct TrendPoint {
  int64_t value = 0;
  double moving_range = 0;  // |value - previous value|; 0 for the first point, which has none
  bool outside_limits = false;  // above the upper or below the lower limit
  bool in_run = false;          // one of kRunLength or more in a row on one side of the centre
};

struct XmrChart {
  double noise_sd = 0;
  double centre = 0;         // the mean of the values
  bool shown = false;        // noise_sd <= kMaxNoiseShareOfMean * centre; else "too few reports for a trend"
  bool few_points = false;   // fewer than kFewTrendPoints points
  // The rest is filled only when shown.
  double mean_moving_range = 0;
  double upper_limit = 0;
  double lower_limit = 0;
  std::vector<TrendPoint> points;
};

// The chart for `input`. A point on the centre line is on neither side, so
// it ends a run. INVALID_ARGUMENT if there are fewer than two values (no
// moving range) or the scale is 0.
absl::StatusOr<XmrChart> BuildXmrChart(const TrendInput& input);

}  // namespace candour::core

#endif  // CANDOUR_CORE_TREND_H_
