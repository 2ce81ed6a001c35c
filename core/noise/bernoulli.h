// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Exact Bernoulli samplers over fractions, from Canonne, Kamath and Steinke,
// "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020; CKS20):
// Bernoulli(p) for a rational p, and Bernoulli(exp(-gamma)) for a rational
// gamma >= 0 by their Algorithm 1, using integer draws only. The draw
// protocol (which bound each draw uses, in which order) is specified in
// docs/INSIGHTS.md, "Noise", so an independent implementation fed the same
// source gives the same bits. Stateless and thread-safe if the source is.
#ifndef CANDOUR_CORE_NOISE_BERNOULLI_H_
#define CANDOUR_CORE_NOISE_BERNOULLI_H_

#include <cstdint>

#include "core/noise/draws.h"
#include "core/noise/fraction.h"
#include "core/noise/noise_status.h"
#include "core/noise/random_source.h"

namespace candour::core::noise {

// The largest bound one draw can take (randombytes_uniform's uint32_t).
inline constexpr uint64_t kMaxUniformBound = 0xFFFFFFFF;

using BitResult = NoiseResult<bool>;

// True with probability p, from one draw uniform(p.den()).
// kInvalidArgument if p > 1, p.den() > kMaxUniformBound or the source has no
// function; kBadRandomSource as Draws.
BitResult SampleBernoulli(Fraction p, RandomSource source);

// True with probability exp(-gamma) (CKS20 Algorithm 1).
// kInvalidArgument if gamma.den() > kMaxUniformBound or the source has no
// function; kBadRandomSource as Draws.
BitResult SampleBernoulliExp(Fraction gamma, RandomSource source);

namespace internal {

// The same over an unreduced a/b and a shared Draws, for the samplers in this
// folder. REQUIRES: 1 <= b <= kMaxUniformBound, and a <= b for the first two.
BitResult Bernoulli(uint64_t a, uint64_t b, Draws& draws);
BitResult BernoulliExpAtMostOne(uint64_t a, uint64_t b, Draws& draws);
BitResult BernoulliExp(uint64_t a, uint64_t b, Draws& draws);

}  // namespace internal
}  // namespace candour::core::noise

#endif  // CANDOUR_CORE_NOISE_BERNOULLI_H_
