// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise/fraction.h"

namespace candour::core::noise {

uint64_t Gcd(uint64_t a, uint64_t b) {
  while (b != 0) {
    const uint64_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

FractionResult MakeFraction(uint64_t num, uint64_t den) {
  if (den == 0) return {NoiseStatus::kInvalidArgument, {}};
  const uint64_t g = Gcd(num, den);  // >= 1 because den != 0
  return {NoiseStatus::kOk, Fraction(num / g, den / g)};
}

FractionResult Multiply(Fraction a, Fraction b) {
  // Cross-cancel first: with both inputs reduced, (a.num/g1 * b.num/g2) over
  // (a.den/g2 * b.den/g1) is already in lowest terms, so an overflow here
  // means the exact product really does not fit.
  const uint64_t g1 = Gcd(a.num(), b.den());
  const uint64_t g2 = Gcd(b.num(), a.den());
  uint64_t num = 0;
  uint64_t den = 0;
  if (__builtin_mul_overflow(a.num() / g1, b.num() / g2, &num) ||
      __builtin_mul_overflow(a.den() / g2, b.den() / g1, &den)) {
    return {NoiseStatus::kOverflow, {}};
  }
  return MakeFraction(num, den);
}

FractionResult Divide(Fraction a, Fraction b) {
  if (b.num() == 0) return {NoiseStatus::kInvalidArgument, {}};
  const FractionResult reciprocal = MakeFraction(b.den(), b.num());
  return Multiply(a, reciprocal.value);
}

}  // namespace candour::core::noise
