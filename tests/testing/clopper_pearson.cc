// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/clopper_pearson.h"

#include <cmath>

namespace candour::testing {
namespace {

constexpr int kMaxIterations = 100000;
constexpr long double kTiny = 1e-300L;
constexpr long double kEpsilon = 1e-19L;

// The continued fraction for I_x(a, b) by the modified Lentz method; it
// converges fast for x < (a + 1) / (a + b + 2), in O(sqrt(max(a, b)))
// steps, which is why the caller swaps to I_{1-x}(b, a) above that point.
long double BetaContinuedFraction(long double x, long double a, long double b) {
  const long double qab = a + b;
  const long double qap = a + 1;
  const long double qam = a - 1;
  long double c = 1;
  long double d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  long double h = d;
  for (int m = 1; m < kMaxIterations; ++m) {
    const long double m2 = 2.0L * m;
    long double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const long double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return h;
}

}  // namespace

long double RegularizedIncompleteBeta(long double x, long double a, long double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // x^a (1-x)^b / B(a, b), in logs so that a and b in the hundreds of
  // thousands do not underflow.
  const long double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const long double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(x, a, b) / a;
  return 1 - front * BetaContinuedFraction(1 - x, b, a) / b;
}

long double BetaQuantile(long double p, long double a, long double b) {
  // I_x(a, b) increases in x from 0 to 1; 200 halvings reach the last bit.
  long double lo = 0;
  long double hi = 1;
  for (int i = 0; i < 200 && lo < hi; ++i) {
    const long double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (RegularizedIncompleteBeta(mid, a, b) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo + (hi - lo) / 2;
}

long double ClopperPearsonLower(int64_t successes, int64_t trials, long double alpha) {
  // P(Bin(n, p) >= k) = I_p(k, n - k + 1): the smallest p under which k or
  // more successes are not too surprising.
  if (successes == 0) return 0;
  return BetaQuantile(alpha, successes, trials - successes + 1);
}

long double ClopperPearsonUpper(int64_t successes, int64_t trials, long double alpha) {
  // P(Bin(n, p) <= k) = 1 - I_p(k + 1, n - k).
  if (successes == trials) return 1;
  return BetaQuantile(1 - alpha, successes + 1, trials - successes);
}

}  // namespace candour::testing
