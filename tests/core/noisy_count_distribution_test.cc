// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noisy_count_distribution.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/noise_interval.h"
#include "gtest/gtest.h"

namespace candour::core {
namespace {

using noise::Fraction;

Fraction F(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

// Y's probabilities on [first, first + size), by brute force: C's pmf from
// its closed form through lgamma (not the ratio walk), D's and X's from
// DiscreteLaplacePmf, each out to 60 standard deviations, convolved.
struct BruteForce {
  int64_t first = 0;
  std::vector<long double> pmf;

  long double Cdf(int64_t y) const {
    long double cdf = 0;
    for (int64_t i = 0; i <= y - first && i < static_cast<int64_t>(pmf.size()); ++i) cdf += pmf[i];
    return cdf;
  }
};

long double CountPmf(const NoisyCountModel& m, int64_t k) {
  const long double mu = m.mean;
  if (m.extra_variance == 0) return std::exp(-mu + k * std::log(mu) - std::lgamma(k + 1.0L));
  const long double size = mu * mu / m.extra_variance;
  const long double p = m.extra_variance / (mu + m.extra_variance);
  return std::exp(std::lgamma(k + size) - std::lgamma(size) - std::lgamma(k + 1.0L) + size * std::log1p(-p) +
                  k * std::log(p));
}

std::vector<long double> Convolve(const std::vector<long double>& a, const std::vector<long double>& b) {
  std::vector<long double> out(a.size() + b.size() - 1, 0.0L);
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  return out;
}

std::vector<long double> NoisePmf(Fraction scale, int64_t half_width) {
  std::vector<long double> pmf;
  for (int64_t x = -half_width; x <= half_width; ++x) pmf.push_back(DiscreteLaplacePmf(scale, x));
  return pmf;
}

int64_t Reach(long double variance) { return static_cast<int64_t>(60 * std::sqrt(variance)) + 30; }

BruteForce Brute(const NoisyCountModel& m) {
  std::vector<long double> count;
  const int64_t top = static_cast<int64_t>(m.mean) + Reach(m.mean + m.extra_variance);
  for (int64_t k = 0; k <= top; ++k) count.push_back(CountPmf(m, k));
  BruteForce y;
  const int64_t x_reach = Reach(DiscreteLaplaceVariance(m.noise_scale));
  y.pmf = Convolve(count, NoisePmf(m.noise_scale, x_reach));
  y.first = -x_reach;
  if (m.expectation_scale.num() != 0) {
    const int64_t d_reach = Reach(DiscreteLaplaceVariance(m.expectation_scale));
    y.pmf = Convolve(y.pmf, NoisePmf(m.expectation_scale, d_reach));
    y.first -= d_reach;
  }
  return y;
}

std::vector<NoisyCountModel> Models() {
  return {
      {0.55, 0, Fraction(), F(10, 7)},     // a unit of 11 at 5 reports per 100
      {2, 0, F(2, 5), F(10, 7)},           // 40 staff, with a little of the total's noise
      {10, 0, F(3, 1), F(10, 7)},          // 200 staff in a small organisation
      {5, 8, F(1, 1), F(10, 7)},           // negative binomial, size 25/8 > 1
      {0.8, 3, Fraction(), F(5, 2)},       // negative binomial, size 0.21 < 1
      {0.001, 0, Fraction(), F(10, 7)},    // a clamped rate: almost all noise
  };
}

std::string Name(const NoisyCountModel& m) {
  return "mean " + std::to_string(m.mean) + " extra " + std::to_string(m.extra_variance) + " d " +
         std::to_string(m.expectation_scale.num()) + "/" + std::to_string(m.expectation_scale.den());
}

// Each model is checked against its brute force.
class ModelTest : public ::testing::TestWithParam<NoisyCountModel> {
 protected:
  void SetUp() override {
    absl::StatusOr<NoisyCountDistribution> y = NoisyCountDistribution::Create(GetParam());
    ASSERT_TRUE(y.ok()) << y.status();
    y_ = *std::move(y);
  }
  std::optional<NoisyCountDistribution> y_;
};

TEST_P(ModelTest, CdfMatchesABruteForceConvolution) {
  const BruteForce brute = Brute(GetParam());
  for (int64_t v = -40; v <= 80; ++v) EXPECT_NEAR(y_->Cdf(v), brute.Cdf(v), 1e-13) << "y " << v;
}

TEST_P(ModelTest, VarianceAddsTheParts) {
  const BruteForce brute = Brute(GetParam());
  long double mean = 0;
  long double square = 0;
  for (size_t i = 0; i < brute.pmf.size(); ++i) {
    const long double v = brute.first + static_cast<int64_t>(i);
    mean += v * brute.pmf[i];
    square += v * v * brute.pmf[i];
  }
  EXPECT_NEAR(mean, GetParam().mean, 1e-10);
  EXPECT_NEAR(y_->Variance(), square - mean * mean, 1e-9);
}

TEST_P(ModelTest, QuantileInterpolatesTheMidDistributionFunction) {
  for (double level : {0.002, 0.05, 0.5, 0.95, 0.998}) {
    const double x = y_->Quantile(level);
    const int64_t c = static_cast<int64_t>(std::ceil(x));
    EXPECT_LT(y_->MidCdf(c - 1), level) << level;
    EXPECT_GE(y_->MidCdf(c), level) << level;
    const double joined = y_->MidCdf(c - 1) + (x - (c - 1)) * (y_->MidCdf(c) - y_->MidCdf(c - 1));
    EXPECT_NEAR(joined, level, 1e-12) << level;
    // The flag rule the funnel relies on: above the quantile exactly when
    // the mid-p upper tail is below 1 - level.
    for (int64_t v = c - 3; v <= c + 3; ++v) EXPECT_EQ(v > x, y_->MidCdf(v) > level) << level << " y " << v;
  }
}

INSTANTIATE_TEST_SUITE_P(Models, ModelTest, ::testing::ValuesIn(Models()),
                         [](const ::testing::TestParamInfo<NoisyCountModel>& info) {
                           return "Model" + std::to_string(info.index);
                         });

TEST(NoisyCountDistributionTest, LargeMeansAreNearlyNormal) {
  // P(C = 0) underflows at this mean; the walk from the mode does not care.
  absl::StatusOr<NoisyCountDistribution> y = NoisyCountDistribution::Create({1e6, 0, F(50, 1), F(10, 7)});
  ASSERT_TRUE(y.ok()) << y.status();
  const double sd = std::sqrt(y->Variance());
  EXPECT_NEAR(y->Quantile(0.998), 1e6 + 2.878 * sd, 2.0);
  EXPECT_NEAR(y->Quantile(0.5), 1e6, 1.0);
}

TEST(NoisyCountDistributionTest, NegligibleExtraVarianceIsPoisson) {
  // v = 1e-300 would make the negative binomial's size mu^2/v overflow.
  absl::StatusOr<NoisyCountDistribution> nearly = NoisyCountDistribution::Create({5, 1e-300, Fraction(), F(10, 7)});
  absl::StatusOr<NoisyCountDistribution> poisson = NoisyCountDistribution::Create({5, 0, Fraction(), F(10, 7)});
  ASSERT_TRUE(nearly.ok() && poisson.ok());
  for (int64_t v = -5; v <= 20; ++v) EXPECT_EQ(nearly->Cdf(v), poisson->Cdf(v)) << v;
}

TEST(NoisyCountDistributionTest, RejectsBadModels) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<NoisyCountModel> bad = {
      {0, 0, Fraction(), F(10, 7)},   {-1, 0, Fraction(), F(10, 7)}, {nan, 0, Fraction(), F(10, 7)},
      {inf, 0, Fraction(), F(10, 7)}, {1, -1, Fraction(), F(10, 7)}, {1, nan, Fraction(), F(10, 7)},
      {1, inf, Fraction(), F(10, 7)}, {1, 0, Fraction(), Fraction()},
  };
  for (const NoisyCountModel& m : bad) {
    EXPECT_EQ(NoisyCountDistribution::Create(m).status().code(), absl::StatusCode::kInvalidArgument) << Name(m);
  }
}

TEST(NoisyCountDistributionTest, RefusesWhatWouldNotFit) {
  // A Poisson of mean 10^15 needs ~5 * 10^8 points; D at scale 10^6 ~7 * 10^7.
  EXPECT_EQ(NoisyCountDistribution::Create({1e15, 0, Fraction(), F(10, 7)}).status().code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(NoisyCountDistribution::Create({5, 0, F(1000000, 1), F(10, 7)}).status().code(),
            absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace candour::core
