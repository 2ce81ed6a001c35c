// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise/fraction.h"

#include <cstdint>
#include <limits>

#include "gtest/gtest.h"

namespace candour::core::noise {
namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

Fraction F(uint64_t num, uint64_t den) {
  const FractionResult f = MakeFraction(num, den);
  EXPECT_EQ(f.status, NoiseStatus::kOk) << num << "/" << den;
  return f.value;
}

TEST(FractionTest, DefaultIsZeroOverOne) {
  EXPECT_EQ(Fraction().num(), 0u);
  EXPECT_EQ(Fraction().den(), 1u);
}

TEST(FractionTest, MakeReducesToLowestTerms) {
  EXPECT_EQ(F(14, 20).num(), 7u);
  EXPECT_EQ(F(14, 20).den(), 10u);
  EXPECT_EQ(F(0, 5), F(0, 1));
  EXPECT_EQ(F(5, 5), F(1, 1));
  EXPECT_EQ(F(kMax, kMax), F(1, 1));
  EXPECT_EQ(F(kMax, 3).num(), kMax / 3);  // 2^64 - 1 is a multiple of 3
  EXPECT_EQ(F(kMax, 3).den(), 1u);
  EXPECT_EQ(F(7, 10), F(700, 1000));
}

TEST(FractionTest, MakeRejectsZeroDenominator) {
  EXPECT_EQ(MakeFraction(1, 0).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(MakeFraction(0, 0).status, NoiseStatus::kInvalidArgument);
}

TEST(FractionTest, GcdOfKnownPairs) {
  EXPECT_EQ(Gcd(0, 0), 0u);
  EXPECT_EQ(Gcd(0, 9), 9u);
  EXPECT_EQ(Gcd(9, 0), 9u);
  EXPECT_EQ(Gcd(12, 18), 6u);
  EXPECT_EQ(Gcd(kMax, kMax - 1), 1u);
}

TEST(FractionTest, MultiplyIsExact) {
  const FractionResult one = Multiply(F(7, 10), F(10, 7));
  ASSERT_EQ(one.status, NoiseStatus::kOk);
  EXPECT_EQ(one.value, F(1, 1));
  const FractionResult zero = Multiply(F(0, 1), F(kMax, 1));
  ASSERT_EQ(zero.status, NoiseStatus::kOk);
  EXPECT_EQ(zero.value, F(0, 1));
}

TEST(FractionTest, MultiplyCancelsBeforeItMultiplies) {
  // (2^64 - 1)/2 * 2/(2^64 - 1) overflows if multiplied first.
  const FractionResult one = Multiply(F(kMax, 2), F(2, kMax));
  ASSERT_EQ(one.status, NoiseStatus::kOk);
  EXPECT_EQ(one.value, F(1, 1));
  const FractionResult big = Multiply(F(uint64_t{1} << 63, 3), F(3, 2));
  ASSERT_EQ(big.status, NoiseStatus::kOk);
  EXPECT_EQ(big.value, F(uint64_t{1} << 62, 1));
}

TEST(FractionTest, MultiplyReportsOverflow) {
  EXPECT_EQ(Multiply(F(uint64_t{1} << 40, 1), F(uint64_t{1} << 30, 3)).status, NoiseStatus::kOverflow);
  EXPECT_EQ(Multiply(F(1, kMax), F(1, 2)).status, NoiseStatus::kOverflow);
}

TEST(FractionTest, DivideIsExact) {
  const FractionResult scale = Divide(F(1, 1), F(7, 10));
  ASSERT_EQ(scale.status, NoiseStatus::kOk);
  EXPECT_EQ(scale.value, F(10, 7));
  const FractionResult twenty = Divide(F(1, 1), F(1, 20));
  ASSERT_EQ(twenty.status, NoiseStatus::kOk);
  EXPECT_EQ(twenty.value, F(20, 1));
}

TEST(FractionTest, DivideRejectsZeroAndReportsOverflow) {
  EXPECT_EQ(Divide(F(1, 1), F(0, 1)).status, NoiseStatus::kInvalidArgument);
  EXPECT_EQ(Divide(F(kMax, 1), F(1, 2)).status, NoiseStatus::kOverflow);
}

}  // namespace
}  // namespace candour::core::noise
