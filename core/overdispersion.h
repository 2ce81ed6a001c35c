// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Whether units' counts spread more than chance allows, and by how much,
// for the funnel (docs/INSIGHTS.md, "Hotspots"). After Spiegelhalter,
// "Funnel plots for comparing institutional performance" (Statistics in
// Medicine 24, 2005): the z-scores are winsorised at 10% and 90% (the
// floor(I/10) lowest set to the next lowest, the floor(I/10) highest to the
// next highest), phi is their mean square, and the units are overdispersed
// when I * phi is beyond the 95th percentile of chi-square with I - 1
// degrees of freedom (one is spent on the organisation's rate). Winsorising
// keeps a few hotspots, and the heavy tails of the noise, from widening
// every limit; the price is a conservative test, which switches to the
// negative binomial only for clear overdispersion (measured in the tests).
// Stateless and thread-safe.
#ifndef CANDOUR_CORE_OVERDISPERSION_H_
#define CANDOUR_CORE_OVERDISPERSION_H_

#include <vector>

namespace candour::core {

// The test's nominal size: overdispersed when the p-value is below it.
inline constexpr double kOverdispersionSignificance = 0.05;

struct Overdispersion {
  double phi = 1;      // the mean square of the winsorised z-scores
  double p_value = 1;  // P(chi-square_{I-1} >= I * phi); 1 for fewer than two units
  bool overdispersed = false;  // p_value < kOverdispersionSignificance
};

// Estimates phi and tests `z_scores` as above. Fewer than two z-scores
// leave no degree of freedom: phi is still reported, never overdispersed.
// REQUIRES: every z-score is finite.
Overdispersion EstimateOverdispersion(std::vector<double> z_scores);

// P(chi-square_df >= x), from the closed forms for whole degrees of
// freedom: e^(-x/2) sum_{j < df/2} (x/2)^j / j! for even df, and
// erfc(sqrt(x/2)) + e^(-x/2) sum_{j < (df-1)/2} (x/2)^(j+1/2) / Gamma(j+3/2)
// for odd. REQUIRES: df >= 1, x >= 0.
double ChiSquareUpperTail(int df, double x);

}  // namespace candour::core

#endif  // CANDOUR_CORE_OVERDISPERSION_H_
