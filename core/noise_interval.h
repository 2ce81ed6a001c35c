// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The exact probabilities of discrete Laplace noise (core/noise/), for the
// 90% interval that insights publishes beside each noisy count: the noise on
// a count, or on a sum of `terms` independently noised counts, lies in
// [-w, w] with probability at least 0.9, for the smallest such w. So the true
// value lies within w of the published one at least 90% of the time.
//
// This is not on the sampling path, so it uses long double (64-bit
// mantissa). The sum of k discrete Laplace variables of ratio q = exp(-1/t)
// is A - B for A, B independent negative binomials NB(k, 1 - q), since one
// is the difference of two geometrics; its distribution is built from the
// exact recurrence of the NB probabilities outward from the mode, cut where
// they fall below 1e-30 of the mode, and normalised. Every coverage computed
// here is within 1e-12 of the exact value for the sizes accepted (at most
// kMaxSupport points), and the half-width is chosen against 0.9 + 1e-11, so
// its coverage is at least 0.9 for certain; it exceeds the exact minimum by
// one only if the exact coverage of w - 1 lies within about 2e-11 above 0.9.
// Stateless and thread-safe.
#ifndef CANDOUR_CORE_NOISE_INTERVAL_H_
#define CANDOUR_CORE_NOISE_INTERVAL_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "core/noise/fraction.h"

namespace candour::core {

inline constexpr int kMaxNoiseTerms = 10000;
// The most points of the negative binomial the computation holds (two arrays
// of long double, 32 MiB). One term at scale t needs about 69t points; k
// terms about 26 sqrt(k) t. So a single count supports scales to ~15000.
inline constexpr int64_t kMaxSupport = int64_t{1} << 20;
// The coverage the published intervals promise.
inline constexpr long double kIntervalCoverage = 0.9L;

// P(X = x) for X discrete Laplace with `scale`: (1 - q)/(1 + q) q^|x|,
// q = exp(-1/scale), to a relative error of about 1e-18. REQUIRES: scale > 0.
long double DiscreteLaplacePmf(noise::Fraction scale, int64_t x);

// q = exp(-1/scale), the ratio of neighbouring probabilities of discrete
// Laplace noise with `scale`. REQUIRES: scale > 0.
long double DiscreteLaplaceRatio(noise::Fraction scale);

// The variance of one discrete Laplace draw with `scale`, 2q/(1 - q)^2 (its
// standard deviation is sqrt(2q)/(1 - q)). REQUIRES: scale > 0.
long double DiscreteLaplaceVariance(noise::Fraction scale);

// P(|X_1 + ... + X_terms| <= half_width) for independent X_i discrete
// Laplace with `scale`. INVALID_ARGUMENT if scale is 0, terms is outside
// 1..kMaxNoiseTerms, half_width is negative, or the distribution needs more
// than kMaxSupport points.
absl::StatusOr<long double> NoiseCoverage(noise::Fraction scale, int terms, int64_t half_width);

// The smallest w >= 0 with P(|X_1 + ... + X_terms| <= w) >= 0.9, chosen
// conservatively as the header says. The codes of NoiseCoverage.
absl::StatusOr<int64_t> NinetyPercentHalfWidth(noise::Fraction scale, int terms);

}  // namespace candour::core

#endif  // CANDOUR_CORE_NOISE_INTERVAL_H_
