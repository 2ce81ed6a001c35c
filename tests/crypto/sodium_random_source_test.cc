// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The adapter is one call, so these check the contract the sampler relies
// on, with real randomness: loose bounds that a correct source breaks with
// probability below 1e-9, so they do not flake.
#include "crypto/sodium_random_source.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/noise/discrete_laplace.h"

namespace candour::crypto {
namespace {

TEST(SodiumRandomSourceTest, KeepsRandombytesUniformsContract) {
  const core::noise::RandomSource source = SodiumRandomSource();
  ASSERT_NE(source.uniform, nullptr);
  EXPECT_EQ(source.uniform(source.context, 0), 0u);
  EXPECT_EQ(source.uniform(source.context, 1), 0u);
  for (uint32_t bound : {2u, 3u, 10u, 1000u, 0x80000001u, 0xFFFFFFFFu}) {
    for (int i = 0; i < 1000; ++i) ASSERT_LT(source.uniform(source.context, bound), bound) << bound;
  }
}

TEST(SodiumRandomSourceTest, IsRoughlyUniform) {
  // 60000 draws in [0, 6): each count is 10000 +- 91 (one sd); 8 sd is
  // exceeded with probability about 1e-15.
  const core::noise::RandomSource source = SodiumRandomSource();
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 60000; ++i) ++counts[source.uniform(source.context, 6)];
  for (int c : counts) EXPECT_NEAR(c, 10000, 8 * 91);
}

TEST(SodiumRandomSourceTest, DrivesTheNoiseSampler) {
  const core::noise::Fraction scale = core::noise::MakeFraction(20, 1).value;
  int negative = 0;
  int positive = 0;
  for (int i = 0; i < 1000; ++i) {
    const core::noise::SampleResult r = core::noise::SampleDiscreteLaplace(scale, SodiumRandomSource());
    ASSERT_EQ(r.status, core::noise::NoiseStatus::kOk);
    negative += r.value < 0;
    positive += r.value > 0;
  }
  // Each sign has probability about 0.49: 490 +- 16 (one sd).
  EXPECT_GT(negative, 350);
  EXPECT_GT(positive, 350);
}

}  // namespace
}  // namespace candour::crypto
