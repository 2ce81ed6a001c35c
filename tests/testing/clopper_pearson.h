// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Exact (Clopper–Pearson) confidence bounds on a binomial proportion, for
// the empirical privacy audit (tests/core/privacy_audit_test.cc). A bound is
// a quantile of a beta distribution, found by bisection on the regularised
// incomplete beta function I_x(a, b), itself computed by its continued
// fraction (Numerical Recipes, 3rd ed., 6.4) in long double. Test code: not
// on any release path. Stateless and thread-safe.
#ifndef CANDOUR_TESTS_TESTING_CLOPPER_PEARSON_H_
#define CANDOUR_TESTS_TESTING_CLOPPER_PEARSON_H_

#include <cstdint>

namespace candour::testing {

// I_x(a, b) = B(x; a, b) / B(a, b). Its error is that of lgamma(a + b) in
// long double, relative: about 1e-13 for a + b near 10^5, ample for bounds
// at alpha >= 1e-9.
// REQUIRES: 0 <= x <= 1, a > 0, b > 0.
long double RegularizedIncompleteBeta(long double x, long double a, long double b);

// The x in [0, 1] with I_x(a, b) = p, by bisection to the last bit.
// REQUIRES: 0 <= p <= 1, a > 0, b > 0.
long double BetaQuantile(long double p, long double a, long double b);

// One-sided bounds at level 1 - alpha on the success probability, having
// seen `successes` in `trials`: the true probability is at least
// ClopperPearsonLower (at most ClopperPearsonUpper) with probability at least
// 1 - alpha. Lower is 0 for no successes; upper is 1 for all successes.
// REQUIRES: successes <= trials, trials >= 1, 0 < alpha < 1.
long double ClopperPearsonLower(int64_t successes, int64_t trials, long double alpha);
long double ClopperPearsonUpper(int64_t successes, int64_t trials, long double alpha);

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_CLOPPER_PEARSON_H_
