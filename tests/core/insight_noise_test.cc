// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The noise stage: the right scale, cell by cell in order, arguments checked
// before any draw, and each sampler failure as its absl code.
#include "core/insight_noise.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/noise/discrete_laplace.h"
#include "tests/core/noise/test_sources.h"
#include "tests/testing/counter_random_source.h"

namespace candour::core {
namespace {

using noise::F;
using testing::CounterRandomSource;

TEST(InsightNoiseTest, AddsOneDrawAtScaleSensitivityOverEpsilonToEachCellInOrder) {
  const std::vector<int64_t> cells = {0, 3, 12, 40, 7};
  CounterRandomSource stage(7);
  const absl::StatusOr<std::vector<int64_t>> noisy = NoiseCells(cells, 2, F(7, 10), stage.source());
  ASSERT_TRUE(noisy.ok()) << noisy.status();
  // The same draws taken by hand: scale 2 / (7/10) = 20/7.
  CounterRandomSource by_hand(7);
  ASSERT_EQ(noisy->size(), cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    const noise::SampleResult want = noise::AddDiscreteLaplaceNoise(cells[i], F(20, 7), by_hand.source());
    ASSERT_EQ(want.status, noise::NoiseStatus::kOk);
    EXPECT_EQ((*noisy)[i], want.value) << "cell " << i;
  }
  EXPECT_EQ(stage.words(), by_hand.words());
  EXPECT_NE(*noisy, cells);
}

TEST(InsightNoiseTest, KeepsNegativeCells) {
  const std::vector<int64_t> zeros(200, 0);
  CounterRandomSource counter(11);
  const absl::StatusOr<std::vector<int64_t>> noisy = NoiseCells(zeros, 1, F(1, 2), counter.source());
  ASSERT_TRUE(noisy.ok()) << noisy.status();
  EXPECT_LT(*std::min_element(noisy->begin(), noisy->end()), 0);
}

TEST(InsightNoiseTest, EmptyTableDrawsNothing) {
  CounterRandomSource counter(1);
  const absl::StatusOr<std::vector<int64_t>> noisy = NoiseCells({}, 1, F(1, 1), counter.source());
  ASSERT_TRUE(noisy.ok()) << noisy.status();
  EXPECT_TRUE(noisy->empty());
  EXPECT_EQ(counter.words(), 0u);
}

TEST(InsightNoiseTest, RefusesBadArgumentsBeforeAnyDraw) {
  struct Case {
    const char* name;
    uint32_t sensitivity;
    noise::Fraction epsilon;
    bool null_source;
  };
  const Case cases[] = {
      {"zero sensitivity", 0, F(1, 1), false},
      {"zero epsilon", 1, F(0, 1), false},
      {"scale above 2^32 - 1", 0xFFFFFFFF, F(1, 2), false},
      {"scale denominator above 2^32 - 1", 1, F(0xFFFFFFFFull + 1, 1), false},
      {"no source function", 1, F(1, 1), true},
  };
  for (const Case& c : cases) {
    CounterRandomSource counter(3);
    const noise::RandomSource source = c.null_source ? noise::RandomSource{} : counter.source();
    const absl::StatusOr<std::vector<int64_t>> noisy = NoiseCells({5, 6}, c.sensitivity, c.epsilon, source);
    EXPECT_EQ(noisy.status().code(), absl::StatusCode::kInvalidArgument) << c.name << ": " << noisy.status();
    EXPECT_EQ(counter.words(), 0u) << c.name;
  }
}

TEST(InsightNoiseTest, BrokenSourceIsInternal) {
  const absl::StatusOr<std::vector<int64_t>> noisy = NoiseCells({5}, 1, F(1, 1), noise::OutOfRangeSource());
  EXPECT_EQ(noisy.status().code(), absl::StatusCode::kInternal) << noisy.status();
  const absl::StatusOr<std::vector<int64_t>> stuck = NoiseCells({5}, 1, F(1, 1), noise::AlwaysZeroSource());
  EXPECT_EQ(stuck.status().code(), absl::StatusCode::kInternal) << stuck.status();
}

TEST(InsightNoiseTest, NoisyCellPastInt64IsOutOfRangeAndNamesNoCount) {
  // A seed whose first draw at scale 1 is positive, found from the sampler.
  uint64_t seed = 0;
  for (;; ++seed) {
    CounterRandomSource probe(seed);
    if (noise::SampleDiscreteLaplace(F(1, 1), probe.source()).value > 0) break;
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  CounterRandomSource counter(seed);
  const absl::StatusOr<std::vector<int64_t>> noisy = NoiseCells({kMax}, 1, F(1, 1), counter.source());
  EXPECT_EQ(noisy.status().code(), absl::StatusCode::kOutOfRange) << noisy.status();
  EXPECT_EQ(noisy.status().message().find("9223372036854775807"), std::string::npos) << noisy.status();
}

}  // namespace
}  // namespace candour::core
