// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The distribution of a released count measured against a released
// expectation, for the funnel limits of core/funnel.h: Y = C + D + X, where
//   C, the true count, is Poisson with mean mu or, given extra variance
//     v > 0, negative binomial with mean mu and variance mu + v (a v under
//     1e-12 mu counts as none);
//   D is discrete Laplace of a given scale (0 for none): the part of the
//     expectation's own noise, when mu was estimated from a noisy total;
//   X is the table's discrete Laplace noise (core/noise_interval.h).
// C's probabilities are walked outward from its mode by the exact ratio
// P(k+1)/P(k) and cut on each side where a geometric bound on the rest of
// the tail falls below 1e-15; D's are cut where its two tails,
// 2q^(L+1)/(1 + q), fall below 1e-15; X's CDF is the closed form, never
// cut. So every CDF here is within 1e-13 of the exact value. Quantiles are
// of the mid-distribution function (docs/INSIGHTS.md, "Hotspots"). Off the
// sampling path, so floating point (long double inside). Immutable after
// Create, so thread-safe.
#ifndef CANDOUR_CORE_NOISY_COUNT_DISTRIBUTION_H_
#define CANDOUR_CORE_NOISY_COUNT_DISTRIBUTION_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/noise/fraction.h"

namespace candour::core {

// The most points of C + D held (16 MiB of long double): enough for a
// Poisson mean of about 10^9, or D's scale up to about 15,000.
inline constexpr int64_t kMaxCountPoints = int64_t{1} << 20;

struct NoisyCountModel {
  double mean = 0;                      // mu > 0
  double extra_variance = 0;            // v >= 0: Var(C) = mu + v
  noise::Fraction expectation_scale;    // D's scale; 0 for no D
  noise::Fraction noise_scale;          // X's scale, > 0
};

class NoisyCountDistribution {
 public:
  // INVALID_ARGUMENT if the mean is not positive and finite, the extra
  // variance is negative or not finite, or noise_scale is 0;
  // RESOURCE_EXHAUSTED if C + D needs more than kMaxCountPoints points.
  static absl::StatusOr<NoisyCountDistribution> Create(const NoisyCountModel& model);

  // P(Y <= y).
  double Cdf(int64_t y) const;
  // The mid-distribution function P(Y < y) + P(Y = y)/2, the average of
  // Cdf(y - 1) and Cdf(y).
  double MidCdf(int64_t y) const;
  // The real x at which MidCdf, joined linearly between integers, equals
  // `level`: for the integer c with MidCdf(c - 1) < level <= MidCdf(c),
  // x = c - (MidCdf(c) - level) / (MidCdf(c) - MidCdf(c - 1)). So an integer
  // y exceeds Quantile(p) exactly when MidCdf(y) > p, i.e. when its mid-p
  // upper tail P(Y > y) + P(Y = y)/2 is below 1 - p. Levels are taken at
  // least 1e-12 inside (0, 1), the accuracy of the held mass.
  double Quantile(double level) const;

  // Var(Y) = mu + v + Var(D) + Var(X).
  double Variance() const { return static_cast<double>(variance_); }

 private:
  NoisyCountDistribution(int64_t first, std::vector<long double> pmf, long double q, long double variance)
      : first_(first), pmf_(std::move(pmf)), q_(q), variance_(variance) {}

  int64_t first_;                 // the least value of C + D held
  std::vector<long double> pmf_;  // P(C + D = first_ + i), normalised over what is held
  long double q_;                 // X's ratio, exp(-1/scale)
  long double variance_;
};

}  // namespace candour::core

#endif  // CANDOUR_CORE_NOISY_COUNT_DISTRIBUTION_H_
