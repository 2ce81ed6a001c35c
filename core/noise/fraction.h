// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Fraction: a non-negative rational num/den held in lowest terms with
// 64-bit unsigned parts, so ε, a noise scale and a Bernoulli probability are
// exact and never pass through floating point. The invariant (den >= 1,
// gcd(num, den) == 1) is kept by construction: MakeFraction is the only way
// in, and every product and sum is overflow-checked and reported, never
// wrapped.
// Values are plain and thread-safe.
#ifndef CANDOUR_CORE_NOISE_FRACTION_H_
#define CANDOUR_CORE_NOISE_FRACTION_H_

#include <cstdint>

#include "core/noise/noise_status.h"

namespace candour::core::noise {

class Fraction;
using FractionResult = NoiseResult<Fraction>;

class Fraction {
 public:
  constexpr Fraction() = default;  // 0/1

  uint64_t num() const { return num_; }
  uint64_t den() const { return den_; }

  // Both sides are in lowest terms, so equal values have equal parts.
  friend bool operator==(const Fraction&, const Fraction&) = default;

 private:
  friend FractionResult MakeFraction(uint64_t num, uint64_t den);
  constexpr Fraction(uint64_t num, uint64_t den) : num_(num), den_(den) {}

  uint64_t num_ = 0;
  uint64_t den_ = 1;
};

// The greatest common divisor; Gcd(0, 0) == 0.
uint64_t Gcd(uint64_t a, uint64_t b);

// num/den in lowest terms. kInvalidArgument if den == 0.
FractionResult MakeFraction(uint64_t num, uint64_t den);
// a * b, reduced. kOverflow if the reduced product does not fit in 64 bits.
FractionResult Multiply(Fraction a, Fraction b);
// a / b, reduced. kInvalidArgument if b is 0; kOverflow as Multiply.
FractionResult Divide(Fraction a, Fraction b);
// a + b, reduced. kOverflow if the reduced sum does not fit in 64 bits (and
// only then: the intermediate terms are exact, in 128 bits).
FractionResult Add(Fraction a, Fraction b);
// -1, 0 or 1 as a is less than, equal to or greater than b. Exact for all
// values: the cross products are compared in 128 bits, so it cannot
// overflow and returns no status.
int Compare(Fraction a, Fraction b);

}  // namespace candour::core::noise

#endif  // CANDOUR_CORE_NOISE_FRACTION_H_
