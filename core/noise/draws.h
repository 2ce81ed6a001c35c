// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Draws: one sample's view of a RandomSource. It checks every value against
// its bound and counts the draws against kMaxDrawsPerSample, so a broken or
// stuck source ends in kBadRandomSource instead of a wrong value or an endless
// loop. The budget is far beyond need: every loop in the sampler stops at each
// step with probability at least 1/2 or so, and a sample takes about ten draws,
// so a uniform source exhausts 65536 draws with probability below 2^-1000.
// Used by one thread for one sample, on the stack; not thread-safe.
#ifndef CANDOUR_CORE_NOISE_DRAWS_H_
#define CANDOUR_CORE_NOISE_DRAWS_H_

#include <cstdint>

#include "core/noise/noise_status.h"
#include "core/noise/random_source.h"

namespace candour::core::noise {

inline constexpr uint32_t kMaxDrawsPerSample = uint32_t{1} << 16;

using DrawResult = NoiseResult<uint32_t>;

class Draws {
 public:
  // REQUIRES: source.uniform is not null (callers check, returning
  // kInvalidArgument).
  explicit Draws(RandomSource source) : source_(source) {}

  // One call source.uniform(upper_bound), counted even when upper_bound < 2
  // (then the value must be 0). kBadRandomSource if the value is out of
  // range or the budget is spent.
  DrawResult Uniform(uint32_t upper_bound);

 private:
  const RandomSource source_;
  uint32_t used_ = 0;
};

}  // namespace candour::core::noise

#endif  // CANDOUR_CORE_NOISE_DRAWS_H_
