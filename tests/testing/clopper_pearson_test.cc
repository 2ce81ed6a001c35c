// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The incomplete beta function and Clopper–Pearson bounds against closed
// forms, a direct binomial sum, and published values (R's binom.test for
// n = 10; for n = 100000, bisection in Python on the binomial tail that
// equals alpha, each side summed in log space: P(X >= k) for the lower bound
// and P(X <= k) for the upper, so that double lgamma's error stays relative
// to a small sum).
#include "tests/testing/clopper_pearson.h"

#include <gtest/gtest.h>

#include <cmath>

namespace candour::testing {
namespace {

TEST(ClopperPearsonTest, IncompleteBetaMatchesClosedForms) {
  for (long double x : {0.0L, 0.01L, 0.3L, 0.5L, 0.77L, 1.0L}) {
    EXPECT_NEAR(RegularizedIncompleteBeta(x, 1, 1), x, 1e-16L);
    EXPECT_NEAR(RegularizedIncompleteBeta(x, 3, 1), x * x * x, 1e-16L);
    EXPECT_NEAR(RegularizedIncompleteBeta(x, 1, 4), 1 - std::pow(1 - x, 4.0L), 1e-16L);
  }
  EXPECT_NEAR(RegularizedIncompleteBeta(0.5L, 7.5L, 7.5L), 0.5L, 1e-16L);
  EXPECT_NEAR(RegularizedIncompleteBeta(0.5L, 40000, 40000), 0.5L, 1e-12L);
}

TEST(ClopperPearsonTest, IncompleteBetaIsTheBinomialTail) {
  // P(Bin(n, p) >= k) = I_p(k, n - k + 1), summed directly.
  const int n = 30;
  for (long double p : {0.05L, 0.4L, 0.9L}) {
    for (int k = 1; k <= n; k += 7) {
      long double tail = 0;
      for (int j = k; j <= n; ++j) {
        tail += std::exp(std::lgamma(n + 1.0L) - std::lgamma(j + 1.0L) - std::lgamma(n - j + 1.0L) + j * std::log(p) +
                         (n - j) * std::log1p(-p));
      }
      EXPECT_NEAR(RegularizedIncompleteBeta(p, k, n - k + 1), tail, 1e-15L)
          << "p " << static_cast<double>(p) << " k " << k;
    }
  }
}

TEST(ClopperPearsonTest, MatchesKnownIntervals) {
  // binom.test(5, 10), (1, 10) and (0, 10): two-sided 95%, so 2.5% a side.
  EXPECT_NEAR(ClopperPearsonLower(5, 10, 0.025L), 0.187086028447399L, 1e-12L);
  EXPECT_NEAR(ClopperPearsonUpper(5, 10, 0.025L), 0.812913971552601L, 1e-12L);
  EXPECT_NEAR(ClopperPearsonLower(1, 10, 0.025L), 0.00252857854446178L, 1e-12L);
  EXPECT_NEAR(ClopperPearsonUpper(1, 10, 0.025L), 0.445016117028195L, 1e-12L);
  EXPECT_EQ(ClopperPearsonLower(0, 10, 0.025L), 0);
  EXPECT_NEAR(ClopperPearsonUpper(0, 10, 0.025L), 1 - std::pow(0.025L, 0.1L), 1e-15L);  // 0.308497
  EXPECT_NEAR(ClopperPearsonLower(10, 10, 0.025L), std::pow(0.025L, 0.1L), 1e-15L);
  EXPECT_EQ(ClopperPearsonUpper(10, 10, 0.025L), 1);
}

TEST(ClopperPearsonTest, MatchesAnIndependentComputationAtTheAuditsSize) {
  EXPECT_NEAR(ClopperPearsonLower(289, 100000, 1e-5L), 0.002222169850911876L, 1e-12L);
  EXPECT_NEAR(ClopperPearsonUpper(289, 100000, 1e-5L), 0.0036828514604067665L, 1e-12L);
  EXPECT_NEAR(ClopperPearsonLower(50000, 100000, 1e-5L), 0.4932519396711649L, 1e-11L);
  EXPECT_NEAR(ClopperPearsonUpper(50000, 100000, 1e-5L), 0.5067480603288392L, 1e-11L);
}

}  // namespace
}  // namespace candour::testing
