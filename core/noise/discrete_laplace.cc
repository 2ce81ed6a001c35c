// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise/discrete_laplace.h"

#include "core/noise/bernoulli.h"
#include "core/noise/draws.h"

namespace candour::core::noise {
namespace {

bool IsSamplerScale(Fraction scale) {
  return scale.num() != 0 && scale.num() <= kMaxScaleTerm && scale.den() <= kMaxScaleTerm;
}

// The number V of Bernoulli(exp(-1)) successes before the first failure:
// P(V = v) = (1 - 1/e) e^-v. The draw budget bounds it.
SampleResult GeometricExpMinusOne(Draws& draws) {
  int64_t v = 0;
  while (true) {
    const BitResult a = internal::BernoulliExpAtMostOne(1, 1, draws);
    if (a.status != NoiseStatus::kOk) return {a.status, 0};
    if (!a.value) return {NoiseStatus::kOk, v};
    ++v;
  }
}

struct RoundResult {
  NoiseStatus status = NoiseStatus::kOk;
  bool accepted = false;  // false: the round rejected, draw again
  int64_t value = 0;
};

// One round of CKS20 Algorithm 2 with their t = num and s = den.
RoundResult Round(uint64_t t, uint64_t s, Draws& draws) {
  // X = U + t*V is geometric with P(X = x) proportional to exp(-x/t): U is
  // uniform in [0, t) kept with probability exp(-U/t), V counts whole t's.
  const DrawResult u = draws.Uniform(static_cast<uint32_t>(t));  // t <= kMaxScaleTerm
  if (u.status != NoiseStatus::kOk) return {u.status};
  const BitResult keep = internal::BernoulliExpAtMostOne(u.value, t, draws);
  if (keep.status != NoiseStatus::kOk || !keep.value) return {keep.status};
  const SampleResult v = GeometricExpMinusOne(draws);
  if (v.status != NoiseStatus::kOk) return {v.status};
  uint64_t x = 0;
  if (__builtin_mul_overflow(t, static_cast<uint64_t>(v.value), &x) || __builtin_add_overflow(x, u.value, &x)) {
    return {NoiseStatus::kOverflow};
  }
  // Y = floor(X/s) is geometric with ratio exp(-s/t) = exp(-1/scale).
  const uint64_t y = x / s;
  if (y > static_cast<uint64_t>(INT64_MAX)) return {NoiseStatus::kOverflow};
  // A random sign, rejecting -0 so that 0 is not drawn twice as often.
  const BitResult negative = internal::Bernoulli(1, 2, draws);
  if (negative.status != NoiseStatus::kOk) return {negative.status};
  if (negative.value && y == 0) return {NoiseStatus::kOk};
  const int64_t magnitude = static_cast<int64_t>(y);
  return {NoiseStatus::kOk, true, negative.value ? -magnitude : magnitude};
}

}  // namespace

FractionResult NoiseScale(uint64_t sensitivity, Fraction epsilon) {
  if (sensitivity == 0 || epsilon.num() == 0) return {NoiseStatus::kInvalidArgument, {}};
  const FractionResult s = MakeFraction(sensitivity, 1);
  const FractionResult scale = Divide(s.value, epsilon);
  if (scale.status != NoiseStatus::kOk) return scale;
  if (!IsSamplerScale(scale.value)) return {NoiseStatus::kInvalidArgument, {}};
  return scale;
}

SampleResult SampleDiscreteLaplace(Fraction scale, RandomSource source) {
  if (source.uniform == nullptr || !IsSamplerScale(scale)) return {NoiseStatus::kInvalidArgument, 0};
  Draws draws(source);
  // Each round accepts with probability above 0.3 (exp(-U/t) keeps U with
  // probability at least 1 - 1/e, and the sign rejects at most half), and the
  // draw budget ends the loop for a source that never lets one through.
  while (true) {
    const RoundResult round = Round(scale.num(), scale.den(), draws);
    if (round.status != NoiseStatus::kOk) return {round.status, 0};
    if (round.accepted) return {NoiseStatus::kOk, round.value};
  }
}

SampleResult AddDiscreteLaplaceNoise(int64_t value, Fraction scale, RandomSource source) {
  const SampleResult noise = SampleDiscreteLaplace(scale, source);
  if (noise.status != NoiseStatus::kOk) return noise;
  int64_t sum = 0;
  if (__builtin_add_overflow(value, noise.value, &sum)) return {NoiseStatus::kOverflow, 0};
  return {NoiseStatus::kOk, sum};
}

}  // namespace candour::core::noise
