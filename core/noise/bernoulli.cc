// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise/bernoulli.h"

namespace candour::core::noise {
namespace internal {
namespace {

// Bernoulli(a / (b * k)), the k-th trial of Algorithm 1. One draw
// uniform(b * k) while b * k fits a draw; beyond that (b near 2^32 and k >= 2)
// Bernoulli(a / b) and then Bernoulli(1 / k), whose product has the same
// probability.
BitResult Trial(uint64_t a, uint64_t b, uint64_t k, Draws& draws) {
  uint64_t bk = 0;
  if (!__builtin_mul_overflow(b, k, &bk) && bk <= kMaxUniformBound) return Bernoulli(a, bk, draws);
  if (k > kMaxUniformBound) return {NoiseStatus::kOverflow, false};  // unreachable within the draw budget
  const BitResult first = Bernoulli(a, b, draws);
  if (first.status != NoiseStatus::kOk || !first.value) return first;
  return Bernoulli(1, k, draws);
}

}  // namespace

BitResult Bernoulli(uint64_t a, uint64_t b, Draws& draws) {
  // b <= kMaxUniformBound, so the narrowing is exact. The draw is made even
  // when a == 0 or a == b, so the protocol does not depend on the value.
  const DrawResult u = draws.Uniform(static_cast<uint32_t>(b));
  if (u.status != NoiseStatus::kOk) return {u.status, false};
  return {NoiseStatus::kOk, u.value < a};
}

// CKS20 Algorithm 1 for gamma = a/b in [0, 1]: count the trials up to and
// including the first failure of Bernoulli(gamma / k); the count K is odd with
// probability sum_j (-gamma)^j / j! = exp(-gamma).
BitResult BernoulliExpAtMostOne(uint64_t a, uint64_t b, Draws& draws) {
  // k cannot wrap: each trial draws at least once, so the budget ends the
  // loop after kMaxDrawsPerSample trials.
  for (uint64_t k = 1;; ++k) {
    const BitResult trial = Trial(a, b, k, draws);
    if (trial.status != NoiseStatus::kOk) return trial;
    if (!trial.value) return {NoiseStatus::kOk, k % 2 == 1};
  }
}

// CKS20 Algorithm 1 for any gamma = a/b >= 0: above 1, exp(-gamma) is
// exp(-1) to the power floor(gamma), times exp(-(gamma - floor(gamma))), each
// an independent Bernoulli; stop at the first failure.
BitResult BernoulliExp(uint64_t a, uint64_t b, Draws& draws) {
  if (a <= b) return BernoulliExpAtMostOne(a, b, draws);
  const uint64_t whole = a / b;
  for (uint64_t i = 0; i < whole; ++i) {
    const BitResult one = BernoulliExpAtMostOne(1, 1, draws);
    if (one.status != NoiseStatus::kOk || !one.value) return one;
  }
  return BernoulliExpAtMostOne(a % b, b, draws);
}

}  // namespace internal

BitResult SampleBernoulli(Fraction p, RandomSource source) {
  if (source.uniform == nullptr || p.num() > p.den() || p.den() > kMaxUniformBound) {
    return {NoiseStatus::kInvalidArgument, false};
  }
  Draws draws(source);
  return internal::Bernoulli(p.num(), p.den(), draws);
}

BitResult SampleBernoulliExp(Fraction gamma, RandomSource source) {
  if (source.uniform == nullptr || gamma.den() > kMaxUniformBound) return {NoiseStatus::kInvalidArgument, false};
  Draws draws(source);
  return internal::BernoulliExp(gamma.num(), gamma.den(), draws);
}

}  // namespace candour::core::noise
