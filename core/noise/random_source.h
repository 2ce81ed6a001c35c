// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The random source the sampler draws from: a plain function pointer and a
// context, so the core needs no headers and tests can pass a seeded source.
// The contract is libsodium's randombytes_uniform: uniform(context, n)
// returns a value uniformly distributed in [0, n), and 0 when n < 2. The
// production source is crypto/sodium_random_source.h; tests use
// tests/testing/counter_random_source.h. Thread-safety is the source's: the
// sampler adds no shared state.
#ifndef CANDOUR_CORE_NOISE_RANDOM_SOURCE_H_
#define CANDOUR_CORE_NOISE_RANDOM_SOURCE_H_

#include <cstdint>

namespace candour::core::noise {

struct RandomSource {
  uint32_t (*uniform)(void* context, uint32_t upper_bound) = nullptr;
  void* context = nullptr;  // not owned; passed back to `uniform`
};

}  // namespace candour::core::noise

#endif  // CANDOUR_CORE_NOISE_RANDOM_SOURCE_H_
