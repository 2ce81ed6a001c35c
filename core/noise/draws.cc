// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise/draws.h"

namespace candour::core::noise {

DrawResult Draws::Uniform(uint32_t upper_bound) {
  if (used_ >= kMaxDrawsPerSample) return {NoiseStatus::kBadRandomSource, 0};
  ++used_;
  const uint32_t value = source_.uniform(source_.context, upper_bound);
  // randombytes_uniform returns 0 for a bound below 2; anything else from a
  // source breaks the contract the sampler's exactness rests on.
  const uint32_t limit = upper_bound < 2 ? 1 : upper_bound;
  if (value >= limit) return {NoiseStatus::kBadRandomSource, 0};
  return {NoiseStatus::kOk, value};
}

}  // namespace candour::core::noise
