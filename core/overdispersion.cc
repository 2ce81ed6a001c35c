// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/overdispersion.h"

#include <algorithm>
#include <cmath>

namespace candour::core {
namespace {

// Spiegelhalter's 10%/90% winsorising, by count so that it is exact for
// any number of units: with fewer than ten nothing is changed.
// REQUIRES: z is sorted.
void Winsorise(std::vector<double>& z) {
  const size_t cut = z.size() / 10;
  if (cut == 0) return;
  std::fill(z.begin(), z.begin() + cut, z[cut]);
  std::fill(z.end() - cut, z.end(), z[z.size() - 1 - cut]);
}

}  // namespace

double ChiSquareUpperTail(int df, double x) {
  const double half = x / 2;
  // Terms in logarithms, so that a large x or df neither overflows nor
  // underflows before the terms are summed.
  const double log_half = half > 0 ? std::log(half) : -INFINITY;
  double tail = df % 2 == 1 ? std::erfc(std::sqrt(half)) : 0;
  const double offset = df % 2 == 1 ? 0.5 : 0.0;
  for (int j = 0; j < df / 2; ++j) {
    const double power = j + offset;
    if (power == 0) {
      tail += std::exp(-half);
      continue;
    }
    tail += std::exp(-half + power * log_half - std::lgamma(power + 1));
  }
  return std::min(tail, 1.0);
}

Overdispersion EstimateOverdispersion(std::vector<double> z_scores) {
  Overdispersion result;
  if (z_scores.empty()) return result;
  // Sorted, which winsorising needs, and so the sum, and the result, do not
  // depend on the units' order even in the last bit.
  std::sort(z_scores.begin(), z_scores.end());
  Winsorise(z_scores);
  double sum_of_squares = 0;
  for (double z : z_scores) sum_of_squares += z * z;
  const int units = static_cast<int>(z_scores.size());
  result.phi = sum_of_squares / units;
  if (units < 2) return result;
  result.p_value = ChiSquareUpperTail(units - 1, sum_of_squares);
  result.overdispersed = result.p_value < kOverdispersionSignificance;
  return result;
}

}  // namespace candour::core
