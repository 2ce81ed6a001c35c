// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise/bernoulli.h"

#include <cstdint>
#include <vector>

#include "core/noise/draws.h"
#include "gtest/gtest.h"
#include "tests/core/noise/test_sources.h"
#include "tests/testing/counter_random_source.h"

namespace candour::core::noise {
namespace {

using ::candour::testing::CounterRandomSource;

uint32_t CountingZero(void* calls, uint32_t) {
  ++*static_cast<uint64_t*>(calls);
  return 0;
}

TEST(BernoulliTest, RejectsInvalidArguments) {
  CounterRandomSource counter(1);
  EXPECT_EQ(SampleBernoulli(F(3, 2), counter.source()).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(SampleBernoulli(F(1, kMaxUniformBound + 1), counter.source()).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(SampleBernoulli(F(1, 2), RandomSource{}).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(SampleBernoulliExp(F(1, kMaxUniformBound + 1), counter.source()).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(SampleBernoulliExp(F(1, 2), RandomSource{}).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(counter.words(), 0u);
}

TEST(BernoulliTest, RefusesADrawOutOfRange) {
  const RandomSource bad = OutOfRangeSource();
  EXPECT_EQ(SampleBernoulli(F(1, 2), bad).status, NoiseStatus::kBadRandomSource);
  EXPECT_EQ(SampleBernoulliExp(F(7, 10), bad).status, NoiseStatus::kBadRandomSource);
  // A bound below 2 must give 0, as randombytes_uniform does.
  EXPECT_EQ(SampleBernoulli(F(1, 1), bad).status, NoiseStatus::kBadRandomSource);
}

TEST(BernoulliTest, RefusesAStuckSourceAfterTheDrawBudget) {
  // With every draw 0, each trial of Bernoulli(1/k) succeeds, so Algorithm 1
  // never ends; the budget ends it instead of a hang.
  uint64_t calls = 0;
  const RandomSource stuck{&CountingZero, &calls};
  EXPECT_EQ(SampleBernoulliExp(F(1, 1), stuck).status, NoiseStatus::kBadRandomSource);
  EXPECT_EQ(calls, kMaxDrawsPerSample);
}

TEST(BernoulliTest, CertainAndImpossibleEventsStillDrawOnce) {
  const RandomSource zero = AlwaysZeroSource();
  for (uint64_t den : {1u, 2u, 10u}) {
    const BitResult never = SampleBernoulli(F(0, den), zero);
    ASSERT_EQ(never.status, NoiseStatus::kOk);
    EXPECT_FALSE(never.value);
  }
  ScriptedSource last({});
  const BitResult always = SampleBernoulli(F(10, 10), last.source());
  ASSERT_EQ(always.status, NoiseStatus::kOk);
  EXPECT_TRUE(always.value);
  EXPECT_EQ(last.bounds(), std::vector<uint32_t>{1});  // 10/10 is reduced to 1/1 first
  // exp(-0) = 1: the first trial, Bernoulli(0), fails, so K = 1 is odd.
  ScriptedSource once({});
  const BitResult one = SampleBernoulliExp(F(0, 1), once.source());
  ASSERT_EQ(one.status, NoiseStatus::kOk);
  EXPECT_TRUE(one.value);
  EXPECT_EQ(once.bounds(), std::vector<uint32_t>{1});
}

TEST(BernoulliTest, FollowsTheDrawProtocolByHand) {
  // gamma = 7/10: trial k draws uniform(10k) and succeeds below 7.
  // Draws 6 (success at k = 1), then 13 (failure at k = 2): K = 2 is even.
  ScriptedSource even({6, 13});
  const BitResult zero = SampleBernoulliExp(F(7, 10), even.source());
  ASSERT_EQ(zero.status, NoiseStatus::kOk);
  EXPECT_FALSE(zero.value);
  EXPECT_EQ(even.bounds(), (std::vector<uint32_t>{10, 20}));
  // Success, success, failure: K = 3 is odd.
  ScriptedSource odd({0, 6, 7});
  const BitResult one = SampleBernoulliExp(F(7, 10), odd.source());
  ASSERT_EQ(one.status, NoiseStatus::kOk);
  EXPECT_TRUE(one.value);
  EXPECT_EQ(odd.bounds(), (std::vector<uint32_t>{10, 20, 30}));
  // gamma = 5/2: two Bernoulli(exp(-1)) then Bernoulli(exp(-1/2)). Each
  // exp(-1) is trials 1/1 (bound 1), 1/2 (bound 2): 1 fails, K = 2, so 0.
  ScriptedSource first_fails({0, 1});
  const BitResult fails = SampleBernoulliExp(F(5, 2), first_fails.source());
  ASSERT_EQ(fails.status, NoiseStatus::kOk);
  EXPECT_FALSE(fails.value);
  EXPECT_EQ(first_fails.bounds(), (std::vector<uint32_t>{1, 2}));
}

TEST(BernoulliTest, SplitsATrialWhoseBoundWouldNotFitOneDraw) {
  // gamma = (2^32 - 2)/(2^32 - 1): the second trial's bound 2 * (2^32 - 1)
  // does not fit a uint32_t, so it is Bernoulli(gamma) then Bernoulli(1/2).
  const uint64_t b = kMaxUniformBound;
  ScriptedSource split({0, 0, 1});
  const BitResult r = SampleBernoulliExp(F(b - 1, b), split.source());
  ASSERT_EQ(r.status, NoiseStatus::kOk);
  EXPECT_FALSE(r.value);  // success, then the 1/2 half of trial 2 fails: K = 2
  EXPECT_EQ(split.bounds(), (std::vector<uint32_t>{static_cast<uint32_t>(b), static_cast<uint32_t>(b), 2}));
}

}  // namespace
}  // namespace candour::core::noise
