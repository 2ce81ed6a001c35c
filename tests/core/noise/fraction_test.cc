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

// Expects `result` to be kOk with the value `want`.
void ExpectFraction(const FractionResult& result, Fraction want) {
  EXPECT_EQ(result.status, NoiseStatus::kOk);
  EXPECT_EQ(result.value, want) << result.value.num() << "/" << result.value.den();
}

TEST(FractionTest, AddIsExact) {
  ExpectFraction(Add(F(7, 10), F(3, 10)), F(1, 1));
  ExpectFraction(Add(F(1, 10), F(2, 10)), F(3, 10));  // 0.1 + 0.2 is 0.3 exactly, which no double sum is
  ExpectFraction(Add(F(1, 6), F(1, 10)), F(4, 15));   // 5/30 + 3/30 = 8/30
  ExpectFraction(Add(F(0, 1), F(0, 1)), F(0, 1));
}

TEST(FractionTest, AddFitsWhenOnlyTheIntermediateSumIsLarge) {
  // (2^64 - 1)/2 + (2^64 - 1)/2 = 2^64 - 1: the numerators' sum passes 64
  // bits, the reduced result does not.
  ExpectFraction(Add(F(kMax, 2), F(kMax, 2)), F(kMax, 1));
  // Denominators that share a factor: 1/2^63 + 1/2^63 = 1/2^62.
  ExpectFraction(Add(F(1, uint64_t{1} << 63), F(1, uint64_t{1} << 63)), F(1, uint64_t{1} << 62));
}

TEST(FractionTest, AddReportsOverflow) {
  EXPECT_EQ(Add(F(kMax, 1), F(1, 1)).status, NoiseStatus::kOverflow);
  EXPECT_EQ(Add(F(kMax, 1), F(kMax, 1)).status, NoiseStatus::kOverflow);
  // Coprime denominators whose product passes 64 bits.
  EXPECT_EQ(Add(F(1, uint64_t{1} << 40), F(1, 3486784401)).status, NoiseStatus::kOverflow);  // 3^20
  // The same sum with room to spare.
  EXPECT_EQ(Add(F(1, uint64_t{1} << 20), F(1, 3486784401)).status, NoiseStatus::kOk);
}

TEST(FractionTest, CompareOrdersExactly) {
  EXPECT_EQ(Compare(F(7, 10), F(7, 10)), 0);
  EXPECT_EQ(Compare(F(7, 10), F(71, 100)), -1);
  EXPECT_EQ(Compare(F(71, 100), F(7, 10)), 1);
  EXPECT_EQ(Compare(F(0, 1), F(1, kMax)), -1);
  EXPECT_EQ(Compare(F(2, 1), F(9, 5)), 1);
  // Cross products near 2^128 that 64 bits would wrap.
  EXPECT_EQ(Compare(F(kMax, kMax - 1), F(kMax - 1, kMax - 2)), -1);
  EXPECT_EQ(Compare(F(kMax - 1, kMax), F(kMax, kMax - 1)), -1);
}

}  // namespace
}  // namespace candour::core::noise
