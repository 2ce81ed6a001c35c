// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Random sources and shorthands for the tests of core/noise/. ScriptedSource
// records every bound it is asked for and answers from a script, then with
// `fallback` (clamped into range) once the script runs out; the fixed sources
// break the contract on purpose. Single-threaded.
#ifndef CANDOUR_TESTS_CORE_NOISE_TEST_SOURCES_H_
#define CANDOUR_TESTS_CORE_NOISE_TEST_SOURCES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/noise/fraction.h"
#include "core/noise/random_source.h"

namespace candour::core::noise {

// MakeFraction(num, den).value, for den != 0.
inline Fraction F(uint64_t num, uint64_t den) { return MakeFraction(num, den).value; }

// Always 0: a stuck source, which never ends a Bernoulli(exp(-1)) loop.
inline RandomSource AlwaysZeroSource() {
  return {[](void*, uint32_t) -> uint32_t { return 0; }, nullptr};
}
// Always the bound itself, one past the range.
inline RandomSource OutOfRangeSource() {
  return {[](void*, uint32_t upper_bound) -> uint32_t { return upper_bound; }, nullptr};
}

class ScriptedSource {
 public:
  explicit ScriptedSource(std::vector<uint32_t> script, uint32_t fallback = 0)
      : script_(std::move(script)), fallback_(fallback) {}

  RandomSource source() { return {&Uniform, this}; }
  const std::vector<uint32_t>& bounds() const { return bounds_; }

 private:
  static uint32_t Uniform(void* context, uint32_t upper_bound) {
    auto* self = static_cast<ScriptedSource*>(context);
    self->bounds_.push_back(upper_bound);
    if (self->next_ < self->script_.size()) return self->script_[self->next_++];
    if (upper_bound < 2) return 0;
    return self->fallback_ < upper_bound ? self->fallback_ : upper_bound - 1;
  }

  const std::vector<uint32_t> script_;
  const uint32_t fallback_;
  size_t next_ = 0;
  std::vector<uint32_t> bounds_;
};

}  // namespace candour::core::noise

#endif  // CANDOUR_TESTS_CORE_NOISE_TEST_SOURCES_H_
