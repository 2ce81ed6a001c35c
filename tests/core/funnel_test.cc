// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/funnel.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace candour::core {
namespace {

using noise::Fraction;

Fraction F(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

// A release with the production scales: ε 0.7 for units, 0.05 for the total.
FunnelInput Release(const std::vector<uint32_t>& headcounts, const std::vector<int64_t>& counts, int64_t total) {
  FunnelInput input;
  for (size_t i = 0; i < headcounts.size(); ++i) {
    input.units.push_back({static_cast<uint32_t>(100 + i), headcounts[i], counts[i]});
    input.organisation_headcount += headcounts[i];
  }
  input.organisation_noisy_total = total;
  input.unit_noise_scale = F(10, 7);
  input.organisation_noise_scale = F(20, 1);
  return input;
}

// What tests/core/funnel_reference.py prints for one unit.
struct Expected {
  double expected;
  double z;
  double red_lower, amber_lower, amber_upper, red_upper;
  FunnelFlag flag;
};

void ExpectPoint(const FunnelPoint& point, const Expected& want) {
  EXPECT_NEAR(point.limits.expected, want.expected, 1e-9);
  EXPECT_NEAR(point.z_score, want.z, 1e-7);
  EXPECT_NEAR(point.limits.red.lower, want.red_lower, 1e-6);
  EXPECT_NEAR(point.limits.amber.lower, want.amber_lower, 1e-6);
  EXPECT_NEAR(point.limits.amber.upper, want.amber_upper, 1e-6);
  EXPECT_NEAR(point.limits.red.upper, want.red_upper, 1e-6);
  EXPECT_EQ(point.flag, want.flag);
  EXPECT_DOUBLE_EQ(point.rate, 100.0 * point.noisy_count / point.headcount);
  EXPECT_DOUBLE_EQ(point.limits.red_rate.upper, 100 * point.limits.red.upper / point.headcount);
  EXPECT_DOUBLE_EQ(point.limits.amber_rate.lower, 100 * point.limits.amber.lower / point.headcount);
}

// The expected numbers in the next two tests are printed by
// tests/core/funnel_reference.py, which computes the same definitions in
// plain Python floats by another route: every pmf from its closed form
// (lgamma for Poisson and negative binomial), Y = C + D + X by direct
// convolution, the mid-distribution function by running sums, and the
// chi-square tail by the incomplete gamma series.
TEST(FunnelTest, SmallOrganisationMatchesTheIndependentReference) {
  // 2000 staff, 104 reports: r = 5.2 per 100. D's scales are 20 n / 2000.
  const absl::StatusOr<Funnel> funnel = BuildFunnel(Release({11, 40, 350, 1599}, {1, 8, 16, 81}, 104));
  ASSERT_TRUE(funnel.ok()) << funnel.status();
  EXPECT_DOUBLE_EQ(funnel->organisation_rate, 5.2);
  EXPECT_FALSE(funnel->rate_clamped);
  EXPECT_NEAR(funnel->phi, 1.452744924, 1e-8);  // four units: nothing winsorised
  EXPECT_NEAR(funnel->overdispersion_p_value, 0.121177, 1e-6);
  EXPECT_FALSE(funnel->negative_binomial);
  ASSERT_EQ(funnel->points.size(), 4u);
  ExpectPoint(funnel->points[0], {0.572, 0.20195878, -7.56342184, -2.91215287, 4.15374611, 8.78326782,
                                  FunnelFlag::kNone});
  ExpectPoint(funnel->points[1], {2.08, 2.37871578, -6.55169039, -1.90211148, 6.35401350, 10.98030404,
                                  FunnelFlag::kAmber});
  ExpectPoint(funnel->points[2], {18.2, -0.32278688, -4.12206762, 7.24289596, 29.46283838, 41.00065087,
                                  FunnelFlag::kNone});
  ExpectPoint(funnel->points[3], {83.148, -0.08781912, -7.81463703, 43.65294160, 122.75012535, 174.21957108,
                                  FunnelFlag::kNone});
  EXPECT_EQ(funnel->points[1].unit_id, 101u);
}

TEST(FunnelTest, OverdispersedUnitsTakeTheNegativeBinomial) {
  // Sixteen units of 60; one unit winsorised at each end.
  const std::vector<int64_t> counts = {-3, -1, 0, 1, 1, 2, 3, 4, 5, 7, 9, 11, 13, 16, 19, 24};
  const absl::StatusOr<Funnel> funnel = BuildFunnel(Release(std::vector<uint32_t>(16, 60), counts, 109));
  ASSERT_TRUE(funnel.ok()) << funnel.status();
  EXPECT_NEAR(funnel->organisation_rate, 11.35416667, 1e-8);
  EXPECT_NEAR(funnel->phi, 3.318100633, 1e-8);
  EXPECT_NEAR(funnel->overdispersion_p_value, 3.72592e-06, 1e-10);
  EXPECT_TRUE(funnel->negative_binomial);
  EXPECT_DOUBLE_EQ(funnel->model.phi, funnel->phi);
  const Expected lowest = {6.8125, -2.65154233, -6.81905157, -1.55995036, 19.67343462, 37.58044242,
                           FunnelFlag::kNone};
  ExpectPoint(funnel->points[0], lowest);
  Expected highest = lowest;
  highest.z = 4.64442128;
  highest.flag = FunnelFlag::kAmber;
  ExpectPoint(funnel->points[15], highest);
  // Under the Poisson null the same unit would have been red: the negative
  // binomial is what stops a spread-out organisation being all hotspots.
  FunnelModel poisson = funnel->model;
  poisson.phi = 1;
  const absl::StatusOr<FunnelLimits> narrow = LimitsFor(poisson, 60);
  ASSERT_TRUE(narrow.ok()) << narrow.status();
  EXPECT_LT(narrow->red.upper, 24);
}

TEST(FunnelTest, NegativeNoisyCountsKeepTheirSign) {
  const absl::StatusOr<Funnel> funnel = BuildFunnel(Release({11, 40, 350, 1599}, {-9, 8, 16, 81}, 104));
  ASSERT_TRUE(funnel.ok()) << funnel.status();
  const FunnelPoint& small = funnel->points[0];
  EXPECT_EQ(small.noisy_count, -9);
  EXPECT_DOUBLE_EQ(small.rate, -900.0 / 11);
  EXPECT_LT(small.z_score, 0);
  EXPECT_LT(-9, small.limits.red.lower);      // below the chart's lowest line,
  EXPECT_EQ(small.flag, FunnelFlag::kNone);  // but only "above" flags
}

TEST(FunnelTest, TotalAtOrBelowZeroIsClampedToHalfAReport) {
  for (int64_t total : {0, -7}) {
    const absl::StatusOr<Funnel> funnel = BuildFunnel(Release({11, 40, 350, 1599}, {-1, 2, 0, 12}, total));
    ASSERT_TRUE(funnel.ok()) << funnel.status();
    EXPECT_TRUE(funnel->rate_clamped);
    EXPECT_DOUBLE_EQ(funnel->organisation_rate, 100 * 0.5 / 2000);
    // With almost nothing expected the limits are the noise's own. For the
    // largest unit D's scale is 20 * 1599/2000 = 16, whose tail alone puts
    // the 99.8% point near 16 ln(1/(2 * 0.002)) = 88; for the smallest, D
    // is negligible and X's puts it near (10/7) ln 250 = 7.9.
    const FunnelPoint& largest = funnel->points[3];
    EXPECT_NEAR(largest.limits.expected, 0.39975, 1e-12);
    EXPECT_GT(largest.limits.red.upper, 80);
    EXPECT_LT(largest.limits.red.upper, 95);
    EXPECT_GT(funnel->points[0].limits.red.upper, 7);
    EXPECT_LT(funnel->points[0].limits.red.upper, 9);
    EXPECT_EQ(funnel->points[3].flag, FunnelFlag::kNone);
  }
}

TEST(FunnelTest, UnitOfElevenAndASingleUnitWork) {
  // One unit of 11: the whole organisation, so its expectation carries all
  // of the total's noise (D at scale 20) and the test has no degree of
  // freedom.
  const absl::StatusOr<Funnel> one = BuildFunnel(Release({11}, {5}, 3));
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->points.size(), 1u);
  EXPECT_DOUBLE_EQ(one->points[0].limits.expected, 3);
  EXPECT_DOUBLE_EQ(one->overdispersion_p_value, 1);
  EXPECT_FALSE(one->negative_binomial);
  EXPECT_EQ(one->points[0].flag, FunnelFlag::kNone);
  EXPECT_GT(one->points[0].limits.red.upper, 60);  // the total's noise is most of it
  EXPECT_DOUBLE_EQ(one->points[0].rate, 500.0 / 11);
}

TEST(FunnelTest, LimitsFormAFunnel) {
  // As counts the band widens with headcount; as rates it narrows.
  const FunnelModel model{0.05, 1, F(10, 7), F(20, 1), 3000};
  double previous_count = 0;
  double previous_rate = 1e9;
  for (uint32_t n : {11u, 20u, 40u, 80u, 160u, 320u, 640u, 1280u}) {
    const absl::StatusOr<FunnelLimits> limits = LimitsFor(model, n);
    ASSERT_TRUE(limits.ok()) << limits.status();
    EXPECT_GT(limits->red.upper, previous_count) << n;
    EXPECT_LT(limits->red_rate.upper, previous_rate) << n;
    EXPECT_LT(limits->red.lower, limits->amber.lower);
    EXPECT_LT(limits->amber.lower, limits->expected);
    EXPECT_LT(limits->expected, limits->amber.upper);
    EXPECT_LT(limits->amber.upper, limits->red.upper);
    previous_count = limits->red.upper;
    previous_rate = limits->red_rate.upper;
  }
}

TEST(FunnelTest, IsAFunctionOfTheReleaseAlone) {
  // Recomputed, or with the units in another order, every number is the
  // same to the last bit: the view can be rebuilt from stored cells.
  FunnelInput input = Release({11, 40, 350, 1599, 60, 75}, {1, 8, 16, 81, -2, 9}, 110);
  const absl::StatusOr<Funnel> first = BuildFunnel(input);
  std::swap(input.units[0], input.units[5]);
  std::swap(input.units[2], input.units[3]);
  const absl::StatusOr<Funnel> second = BuildFunnel(input);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->phi, second->phi);
  EXPECT_EQ(first->overdispersion_p_value, second->overdispersion_p_value);
  for (const FunnelPoint& a : first->points) {
    for (const FunnelPoint& b : second->points) {
      if (a.unit_id != b.unit_id) continue;
      EXPECT_EQ(a.z_score, b.z_score);
      EXPECT_EQ(a.limits.red.upper, b.limits.red.upper);
      EXPECT_EQ(a.limits.amber.lower, b.limits.amber.lower);
      EXPECT_EQ(a.flag, b.flag);
    }
  }
}

TEST(FunnelTest, RejectsInputThatIsNotARelease) {
  const auto code = [](const FunnelInput& input) { return BuildFunnel(input).status().code(); };
  const FunnelInput good = Release({11, 40}, {1, 2}, 3);
  ASSERT_TRUE(BuildFunnel(good).ok());
  FunnelInput bad = good;
  bad.units.clear();
  EXPECT_EQ(code(bad), absl::StatusCode::kInvalidArgument);
  bad = good;
  bad.units[1].headcount = 0;
  EXPECT_EQ(code(bad), absl::StatusCode::kInvalidArgument);
  bad = good;
  bad.organisation_headcount = 50;  // the units hold 51
  EXPECT_EQ(code(bad), absl::StatusCode::kInvalidArgument);
  bad = good;
  bad.unit_noise_scale = Fraction();
  EXPECT_EQ(code(bad), absl::StatusCode::kInvalidArgument);

  const FunnelModel model{0.05, 1, F(10, 7), F(20, 1), 100};
  EXPECT_EQ(LimitsFor(model, 101).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(LimitsFor(model, 0).status().code(), absl::StatusCode::kInvalidArgument);
  for (double rate : {0.0, -1.0, std::numeric_limits<double>::infinity()}) {
    FunnelModel m = model;
    m.rate = rate;
    EXPECT_EQ(LimitsFor(m, 10).status().code(), absl::StatusCode::kInvalidArgument) << rate;
  }
  // D's scale (2^63 - 1) * 3/(2^62 + 1) is in lowest terms, and its
  // numerator does not fit in 64 bits.
  FunnelModel huge = model;
  huge.organisation_headcount = (uint64_t{1} << 62) + 1;
  huge.organisation_noise_scale = F((uint64_t{1} << 63) - 1, 1);
  EXPECT_EQ(LimitsFor(huge, 3).status().code(), absl::StatusCode::kOutOfRange);
  FunnelModel low_phi = model;
  low_phi.phi = 0.9;
  EXPECT_EQ(LimitsFor(low_phi, 10).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::core
