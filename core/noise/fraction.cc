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

FractionResult Add(Fraction a, Fraction b) {
  // Knuth's rational addition (TAOCP 4.5.1): with g = gcd(a.den, b.den) and
  // t = a.num (b.den/g) + b.num (a.den/g), the sum in lowest terms is
  // (t/g2) / ((a.den/g) (b.den/g2)) for g2 = gcd(t, g). t alone can pass 64
  // bits when the reduced sum does not (1/2 + 1/2 with huge numerators), so
  // it is held in 128 bits; each product is below 2^128, and a t that
  // overflows 128 bits divided by g2 < 2^64 cannot fit in 64.
  using u128 = unsigned __int128;
  const uint64_t g = Gcd(a.den(), b.den());
  u128 t = 0;
  if (__builtin_add_overflow(u128{a.num()} * (b.den() / g), u128{b.num()} * (a.den() / g), &t)) {
    return {NoiseStatus::kOverflow, {}};
  }
  const uint64_t g2 = Gcd(static_cast<uint64_t>(t % g), g);  // gcd(t, g); g >= 1, so g2 >= 1
  const u128 num = t / g2;
  uint64_t den = 0;
  if (num > UINT64_MAX || __builtin_mul_overflow(a.den() / g, b.den() / g2, &den)) {
    return {NoiseStatus::kOverflow, {}};
  }
  return MakeFraction(static_cast<uint64_t>(num), den);
}

int Compare(Fraction a, Fraction b) {
  // Both denominators are positive, so a < b exactly when a.num b.den <
  // b.num a.den; each product is below 2^128.
  using u128 = unsigned __int128;
  const u128 left = u128{a.num()} * b.den();
  const u128 right = u128{b.num()} * a.den();
  return left < right ? -1 : (left > right ? 1 : 0);
}

}  // namespace candour::core::noise
