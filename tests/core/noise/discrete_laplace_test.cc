// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise/discrete_laplace.h"

#include <cstdint>
#include <limits>
#include <vector>

#include "core/noise/draws.h"
#include "gtest/gtest.h"
#include "tests/core/noise/test_sources.h"
#include "tests/testing/counter_random_source.h"

namespace candour::core::noise {
namespace {

using ::candour::testing::CounterRandomSource;

std::vector<int64_t> Stream(Fraction scale, uint64_t seed, int n) {
  CounterRandomSource counter(seed);
  std::vector<int64_t> out;
  for (int i = 0; i < n; ++i) {
    const SampleResult r = SampleDiscreteLaplace(scale, counter.source());
    EXPECT_EQ(r.status, NoiseStatus::kOk);
    out.push_back(r.value);
  }
  return out;
}

TEST(NoiseScaleTest, IsSensitivityOverEpsilon) {
  const FractionResult a = NoiseScale(1, F(7, 10));
  ASSERT_EQ(a.status, NoiseStatus::kOk);
  EXPECT_EQ(a.value, F(10, 7));
  const FractionResult b = NoiseScale(2, F(1, 20));
  ASSERT_EQ(b.status, NoiseStatus::kOk);
  EXPECT_EQ(b.value, F(40, 1));
  const FractionResult c = NoiseScale(3, F(3, 2));
  ASSERT_EQ(c.status, NoiseStatus::kOk);
  EXPECT_EQ(c.value, F(2, 1));
}

TEST(NoiseScaleTest, RejectsZeroAndScalesBeyondTheBound) {
  EXPECT_EQ(NoiseScale(0, F(1, 1)).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(NoiseScale(1, F(0, 1)).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(NoiseScale(1, F(1, kMaxScaleTerm)).status, NoiseStatus::kOk);
  EXPECT_EQ(NoiseScale(1, F(1, kMaxScaleTerm + 1)).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(NoiseScale(1, F(kMaxScaleTerm + 1, 1)).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(NoiseScale(uint64_t{1} << 63, F(1, 4)).status, NoiseStatus::kOverflow);
}

TEST(DiscreteLaplaceTest, RejectsInvalidArguments) {
  CounterRandomSource counter(1);
  EXPECT_EQ(SampleDiscreteLaplace(F(0, 1), counter.source()).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(SampleDiscreteLaplace(F(kMaxScaleTerm + 1, 1), counter.source()).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(SampleDiscreteLaplace(F(1, kMaxScaleTerm + 1), counter.source()).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(SampleDiscreteLaplace(F(10, 7), RandomSource{}).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(counter.words(), 0u);
  // The largest scales in both directions are accepted.
  EXPECT_EQ(SampleDiscreteLaplace(F(kMaxScaleTerm, 1), counter.source()).status, NoiseStatus::kOk);
  EXPECT_EQ(SampleDiscreteLaplace(F(1, kMaxScaleTerm), counter.source()).status, NoiseStatus::kOk);
}

TEST(DiscreteLaplaceTest, RefusesABrokenSource) {
  EXPECT_EQ(SampleDiscreteLaplace(F(10, 7), OutOfRangeSource()).status, NoiseStatus::kBadRandomSource);
  // All zeros make every Bernoulli(exp(-1)) succeed: V never ends.
  EXPECT_EQ(SampleDiscreteLaplace(F(10, 7), AlwaysZeroSource()).status, NoiseStatus::kBadRandomSource);
}

TEST(DiscreteLaplaceTest, FollowsTheDrawProtocolByHand) {
  // Scale 1/1 (t = s = 1). U = uniform(1) = 0; keep = Bernoulli(exp(-0)):
  // trial 1/1 of 0 fails (bound 1), K = 1, kept. V: exp(-1) trial 1 (bound 1)
  // succeeds, trial 2 draws 0 < 1 succeeds, trial 3 draws 1, fails: K = 3,
  // so V = 1; then trial 1, trial 2 draws 1, fails: K = 2, V stops at 1.
  // X = 0 + 1*1, Y = 1; the sign draws 1, not below 1: positive.
  ScriptedSource script({0, 0, 0, 0, 1, 0, 1, 1});
  const SampleResult r = SampleDiscreteLaplace(F(1, 1), script.source());
  ASSERT_EQ(r.status, NoiseStatus::kOk);
  EXPECT_EQ(r.value, 1);
  EXPECT_EQ(script.bounds(), (std::vector<uint32_t>{1, 1, 1, 2, 3, 1, 2, 2}));
}

TEST(DiscreteLaplaceTest, RejectsNegativeZeroAndDrawsAgain) {
  // Round 1 as above but V = 0 and the sign negative: Y = 0 with B = 1 is
  // rejected. Round 2: V = 0, sign positive: 0.
  ScriptedSource script({0, 0, 0, 1, 0, 0, 0, 0, 1, 1});
  const SampleResult r = SampleDiscreteLaplace(F(1, 1), script.source());
  ASSERT_EQ(r.status, NoiseStatus::kOk);
  EXPECT_EQ(r.value, 0);
  EXPECT_EQ(script.bounds(), (std::vector<uint32_t>{1, 1, 1, 2, 2, 1, 1, 1, 2, 2}));
}

TEST(DiscreteLaplaceTest, SameSeedSameStreamOtherSeedOtherStream) {
  EXPECT_EQ(Stream(F(10, 7), 42, 64), Stream(F(10, 7), 42, 64));
  EXPECT_NE(Stream(F(10, 7), 42, 64), Stream(F(10, 7), 43, 64));
}

TEST(DiscreteLaplaceTest, KeepsNegativeValues) {
  bool negative = false;
  bool positive = false;
  for (int64_t x : Stream(F(20, 1), 7, 100)) {
    negative |= x < 0;
    positive |= x > 0;
  }
  EXPECT_TRUE(negative);
  EXPECT_TRUE(positive);
}

TEST(DiscreteLaplaceTest, AddsNoiseWithoutOverflow) {
  ScriptedSource plus_one({0, 0, 0, 0, 1, 0, 1, 1});  // the +1 sample above
  const SampleResult six = AddDiscreteLaplaceNoise(5, F(1, 1), plus_one.source());
  ASSERT_EQ(six.status, NoiseStatus::kOk);
  EXPECT_EQ(six.value, 6);
  ScriptedSource again({0, 0, 0, 0, 1, 0, 1, 1});
  EXPECT_EQ(AddDiscreteLaplaceNoise(std::numeric_limits<int64_t>::max(), F(1, 1), again.source()).status,
            NoiseStatus::kOverflow);
  CounterRandomSource counter(3);
  EXPECT_EQ(AddDiscreteLaplaceNoise(0, F(0, 1), counter.source()).status, NoiseStatus::kInvalidArgument);
}

}  // namespace
}  // namespace candour::core::noise
