// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// CounterRandomSource: a seeded, deterministic core::noise::RandomSource for
// tests. Each 64-bit word is SplitMix64 of a counter started at the seed
// (the counter advances by 0x9E3779B97F4A7C15 per word); its low 32 bits are
// reduced to [0, n) by randombytes_uniform's own rejection rule (redraw below
// 2^32 mod n, then take the remainder), and a bound below 2 returns 0 without
// drawing. tests/core/noise/noise_reference.py implements the same source,
// so the C++ sampler and the Python reference see the same draws.
// Header-only; one instance per thread.
#ifndef CANDOUR_TESTS_TESTING_COUNTER_RANDOM_SOURCE_H_
#define CANDOUR_TESTS_TESTING_COUNTER_RANDOM_SOURCE_H_

#include <cstdint>

#include "core/noise/random_source.h"

namespace candour::testing {

class CounterRandomSource {
 public:
  explicit CounterRandomSource(uint64_t seed) : state_(seed) {}
  CounterRandomSource(const CounterRandomSource&) = delete;
  CounterRandomSource& operator=(const CounterRandomSource&) = delete;

  // Valid while this object lives.
  core::noise::RandomSource source() { return {&Uniform, this}; }
  // How many 64-bit words have been drawn.
  uint64_t words() const { return words_; }

 private:
  static uint32_t Uniform(void* context, uint32_t upper_bound) {
    auto* self = static_cast<CounterRandomSource*>(context);
    if (upper_bound < 2) return 0;
    const uint32_t min = (1U + ~upper_bound) % upper_bound;  // 2^32 mod n
    uint32_t r = 0;
    do {
      r = static_cast<uint32_t>(self->Next());
    } while (r < min);
    return r % upper_bound;
  }

  uint64_t Next() {
    ++words_;
    uint64_t z = (state_ += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }

  uint64_t state_;
  uint64_t words_ = 0;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_COUNTER_RANDOM_SOURCE_H_
