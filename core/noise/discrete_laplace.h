// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The exact discrete Laplace sampler behind every noisy count insights
// releases. For a scale t = num/den (a Fraction), a sample X takes each
// integer x with probability
//
//   P(X = x) = (1 - q) / (1 + q) * q^|x|,   q = exp(-1/t),
//
// drawn by CKS20 Algorithm 2 (see bernoulli.h) from integer draws only: no
// floating point is on this path, and the library is built with GCC's
// -mgeneral-regs-only so that none can creep in. Noise for a count of
// sensitivity s released with privacy loss ε has scale t = s/ε (NoiseScale).
// The exact 90% interval of the noise is outside the core, in
// core/noise_interval.h. Stateless and thread-safe if the source is.
#ifndef CANDOUR_CORE_NOISE_DISCRETE_LAPLACE_H_
#define CANDOUR_CORE_NOISE_DISCRETE_LAPLACE_H_

#include <cstdint>

#include "core/noise/fraction.h"
#include "core/noise/noise_status.h"
#include "core/noise/random_source.h"

namespace candour::core::noise {

// The bound on both parts of a scale: the sampler draws uniform(num) and
// divides by den, and one draw's bound is a uint32_t. So a scale lies in
// [1/(2^32 - 1), 2^32 - 1].
inline constexpr uint64_t kMaxScaleTerm = 0xFFFFFFFF;

using SampleResult = NoiseResult<int64_t>;

// sensitivity / epsilon, the scale that makes a count of that sensitivity
// epsilon-differentially private. kInvalidArgument if sensitivity or epsilon
// is 0, or if either part of the scale exceeds kMaxScaleTerm; kOverflow if
// the exact quotient does not fit in 64 bits.
FractionResult NoiseScale(uint64_t sensitivity, Fraction epsilon);

// One sample of discrete Laplace noise with the given scale.
// kInvalidArgument if scale is 0, a part exceeds kMaxScaleTerm or the source
// has no function; kBadRandomSource as Draws (core/noise/draws.h). The
// magnitude is below 2^49 (t < 2^32 times at most 2^16 draws), so its
// kOverflow check is defensive and cannot fire.
SampleResult SampleDiscreteLaplace(Fraction scale, RandomSource source);

// value + SampleDiscreteLaplace(scale, source): the noisy count, negative
// values kept. The codes of SampleDiscreteLaplace, and kOverflow if the sum
// does not fit in an int64_t.
SampleResult AddDiscreteLaplaceNoise(int64_t value, Fraction scale, RandomSource source);

}  // namespace candour::core::noise

#endif  // CANDOUR_CORE_NOISE_DISCRETE_LAPLACE_H_
