// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// EnumeratingSource: a core::noise::RandomSource that walks every sequence of
// draws a sampler can make, each exactly once, like an odometer. Run the
// sampler, read the path's probability (1 over the product of its bounds),
// call Next(), and repeat until Next() is false. A path that asks for more
// than `max_draws` draws, or for a draw that would take its probability below
// `min_probability`, is cut there: truncated() is true, its probability is
// that of the prefix, and the draws past the cut answer bound - 1 (which ends
// the Bernoulli loops) and are not enumerated. So the probabilities of all
// paths sum to exactly 1, and the cut ones bound what the sampler left
// undecided. The sampler must be deterministic given its draws.
// Single-threaded.
#ifndef CANDOUR_TESTS_CORE_NOISE_ENUMERATING_SOURCE_H_
#define CANDOUR_TESTS_CORE_NOISE_ENUMERATING_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/noise/random_source.h"

namespace candour::core::noise {

class EnumeratingSource {
 public:
  explicit EnumeratingSource(size_t max_draws, long double min_probability = 0)
      : max_draws_(max_draws), min_probability_(min_probability) {}

  RandomSource source() { return {&Uniform, this}; }

  // Moves to the next path; false when every path has been walked.
  bool Next() {
    position_ = 0;
    truncated_ = false;
    while (!path_.empty()) {
      Draw& last = path_.back();
      if (++last.value < last.bound) return true;
      path_.pop_back();
    }
    return false;
  }

  bool truncated() const { return truncated_; }
  // The product of the path's bounds (a bound below 2 counts as 1); false if
  // it overflowed.
  bool Denominator(uint64_t* out) const {
    uint64_t product = 1;
    for (const Draw& d : path_) {
      if (__builtin_mul_overflow(product, uint64_t{d.bound}, &product)) return false;
    }
    *out = product;
    return true;
  }
  // The path's probability, for paths whose denominator overflows.
  long double Probability() const {
    long double p = 1;
    for (const Draw& d : path_) p /= d.bound;
    return p;
  }
  // False if a replayed draw was asked for with another bound than before,
  // which means the sampler is not a function of its draws.
  bool consistent() const { return consistent_; }

 private:
  struct Draw {
    uint32_t bound;  // at least 1
    uint32_t value;
  };

  static uint32_t Uniform(void* context, uint32_t upper_bound) {
    auto* self = static_cast<EnumeratingSource*>(context);
    const uint32_t bound = upper_bound < 2 ? 1 : upper_bound;
    if (self->position_ < self->path_.size()) {
      const Draw& d = self->path_[self->position_++];
      if (d.bound != bound) self->consistent_ = false;
      return d.value;
    }
    if (!self->truncated_ && self->path_.size() < self->max_draws_ &&
        self->Probability() / bound >= self->min_probability_) {
      self->path_.push_back({bound, 0});
      ++self->position_;
      return 0;
    }
    self->truncated_ = true;
    return bound - 1;
  }

  const size_t max_draws_;
  const long double min_probability_;
  std::vector<Draw> path_;
  size_t position_ = 0;
  bool truncated_ = false;
  bool consistent_ = true;
};

}  // namespace candour::core::noise

#endif  // CANDOUR_TESTS_CORE_NOISE_ENUMERATING_SOURCE_H_
