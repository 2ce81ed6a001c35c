// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise_interval.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/core/noise/noise_vectors.h"

namespace candour::core {
namespace {

using noise::Fraction;

Fraction F(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

long double Decimal(const std::string& text) { return std::strtold(text.c_str(), nullptr); }

// The brute force the NB method replaces: the pmf of one term on [-L, L],
// L = 52 * scale + 2 (so each tail is below 1e-22), convolved `terms` times.
// Returns the distribution of the sum on [-terms L, terms L].
std::vector<long double> Convolved(Fraction scale, int terms) {
  const int64_t l = static_cast<int64_t>(52.0L * scale.num() / scale.den()) + 2;
  std::vector<long double> one;
  for (int64_t x = -l; x <= l; ++x) one.push_back(DiscreteLaplacePmf(scale, x));
  std::vector<long double> sum = one;
  for (int i = 1; i < terms; ++i) {
    std::vector<long double> next(sum.size() + one.size() - 1, 0.0L);
    for (size_t a = 0; a < sum.size(); ++a) {
      for (size_t b = 0; b < one.size(); ++b) next[a + b] += sum[a] * one[b];
    }
    sum = std::move(next);
  }
  return sum;
}

long double CoverageOf(const std::vector<long double>& sum, int64_t w) {
  const int64_t centre = static_cast<int64_t>(sum.size() / 2);
  long double covered = 0;
  for (int64_t s = -w; s <= w; ++s) covered += sum[centre + s];
  return covered;
}

TEST(NoiseIntervalTest, PmfMatchesTheExactReference) {
  for (const noise::VectorFields& v : noise::LoadNoiseVectors("pmf")) {
    const long double want = Decimal(v.at("value"));
    const long double got = DiscreteLaplacePmf(noise::ParseVectorFraction(v.at("scale")), std::stoll(v.at("x")));
    EXPECT_NEAR(got / want, 1.0L, 1e-16L) << "scale " << v.at("scale") << " x " << v.at("x");
  }
}

TEST(NoiseIntervalTest, RatioAndVarianceMatchTheProbabilities) {
  for (const Fraction scale : {F(10, 7), F(5, 2), F(20, 1), F(1, 3)}) {
    SCOPED_TRACE(std::to_string(scale.num()) + "/" + std::to_string(scale.den()));
    EXPECT_NEAR(DiscreteLaplaceRatio(scale) / (DiscreteLaplacePmf(scale, 1) / DiscreteLaplacePmf(scale, 0)), 1.0L,
                1e-15L);
    // Var = sum of x^2 P(x), summed out to where the terms are below 1e-30.
    long double variance = 0;
    for (int64_t x = 1; x < 100 * static_cast<int64_t>(scale.num() / scale.den() + 1); ++x) {
      variance += 2 * static_cast<long double>(x) * x * DiscreteLaplacePmf(scale, x);
    }
    EXPECT_NEAR(DiscreteLaplaceVariance(scale) / variance, 1.0L, 1e-14L);
  }
  // The values the insights views use: scale 10/7 (ε = 0.7) and 5/2 (0.4).
  EXPECT_NEAR(DiscreteLaplaceVariance(F(10, 7)), 3.9190, 1e-4L);
  EXPECT_NEAR(std::sqrt(DiscreteLaplaceVariance(F(5, 2))), 3.5121, 1e-4L);
}

TEST(NoiseIntervalTest, HalfWidthAndCoverageMatchTheExactReference) {
  for (const noise::VectorFields& v : noise::LoadNoiseVectors("interval")) {
    const Fraction scale = noise::ParseVectorFraction(v.at("scale"));
    const int terms = std::stoi(v.at("terms"));
    SCOPED_TRACE("scale " + v.at("scale") + " terms " + v.at("terms"));
    absl::StatusOr<int64_t> w = NinetyPercentHalfWidth(scale, terms);
    ASSERT_TRUE(w.ok()) << w.status();
    EXPECT_EQ(*w, std::stoll(v.at("w")));
    absl::StatusOr<long double> cover = NoiseCoverage(scale, terms, *w);
    ASSERT_TRUE(cover.ok()) << cover.status();
    EXPECT_NEAR(*cover, Decimal(v.at("coverage")), 1e-13L);
    EXPECT_GE(*cover, kIntervalCoverage);
    if (v.at("coverage_below") == "none") continue;
    absl::StatusOr<long double> below = NoiseCoverage(scale, terms, *w - 1);
    ASSERT_TRUE(below.ok()) << below.status();
    EXPECT_NEAR(*below, Decimal(v.at("coverage_below")), 1e-13L);
    EXPECT_LT(*below, kIntervalCoverage);
  }
}

TEST(NoiseIntervalTest, SumsMatchABruteForceConvolution) {
  struct Case {
    Fraction scale;
    std::vector<int> terms;
  };
  const std::vector<Case> cases = {
      {F(10, 7), {2, 3, 4, 6, 8}}, {F(1, 2), {2, 3, 5, 10}}, {F(3, 1), {2, 3, 5}}, {F(20, 1), {2, 3}}};
  for (const Case& c : cases) {
    for (int terms : c.terms) {
      SCOPED_TRACE("scale " + std::to_string(c.scale.num()) + "/" + std::to_string(c.scale.den()) + " terms " +
                   std::to_string(terms));
      const std::vector<long double> sum = Convolved(c.scale, terms);
      absl::StatusOr<int64_t> w = NinetyPercentHalfWidth(c.scale, terms);
      ASSERT_TRUE(w.ok()) << w.status();
      for (int64_t x = std::max<int64_t>(0, *w - 3); x <= *w + 3; ++x) {
        absl::StatusOr<long double> cover = NoiseCoverage(c.scale, terms, x);
        ASSERT_TRUE(cover.ok()) << cover.status();
        EXPECT_NEAR(*cover, CoverageOf(sum, x), 1e-13L) << "w " << x;
      }
      EXPECT_GE(CoverageOf(sum, *w), 0.9L);
      if (*w > 0) {
        EXPECT_LT(CoverageOf(sum, *w - 1), 0.9L);
      }
    }
  }
}

TEST(NoiseIntervalTest, WidthGrowsWithScaleAndTerms) {
  int64_t previous = 0;
  for (int terms : {1, 4, 16, 64, 256, 1024}) {
    absl::StatusOr<int64_t> w = NinetyPercentHalfWidth(F(20, 1), terms);
    ASSERT_TRUE(w.ok()) << w.status();
    EXPECT_GT(*w, previous);
    // A sum of k terms spreads like sqrt(k): 1.645 sd for large k, where one
    // term's sd is sqrt(2q)/(1-q), about 28.3 at scale 20.
    if (terms >= 64) {
      EXPECT_NEAR(*w / (1.645 * 28.28 * std::sqrt(terms)), 1.0, 0.02) << terms;
    }
    previous = *w;
  }
  EXPECT_LT(*NinetyPercentHalfWidth(F(10, 7), 4), *NinetyPercentHalfWidth(F(20, 1), 4));
}

TEST(NoiseIntervalTest, SmallScaleNeedsNoWidth) {
  // At scale 1/20 the noise is 0 with probability 1 - 4e-9.
  absl::StatusOr<int64_t> w = NinetyPercentHalfWidth(F(1, 20), 1);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(*w, 0);
}

TEST(NoiseIntervalTest, RejectsInvalidArguments) {
  EXPECT_EQ(NinetyPercentHalfWidth(F(0, 1), 1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NinetyPercentHalfWidth(F(10, 7), 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NinetyPercentHalfWidth(F(10, 7), kMaxNoiseTerms + 1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NoiseCoverage(F(10, 7), 1, -1).status().code(), absl::StatusCode::kInvalidArgument);
  // Scale 10^6 needs ~69 million points for one term.
  absl::StatusOr<int64_t> huge = NinetyPercentHalfWidth(F(1000000, 1), 1);
  EXPECT_EQ(huge.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(huge.status().message().find("1000000/1"), std::string::npos) << huge.status();
  EXPECT_EQ(NinetyPercentHalfWidth(F(uint64_t{1} << 32, 1), kMaxNoiseTerms).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::core
