// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The production random source for the noise sampler (core/noise/): a
// core::noise::RandomSource over libsodium's randombytes_uniform, whose
// contract RandomSource copies (uniform in [0, n), 0 when n < 2). The core
// must not include sodium.h, so this thin adapter lives here. It holds no
// state; thread-safe, as randombytes is once InitSodium() has run.
#ifndef CANDOUR_CRYPTO_SODIUM_RANDOM_SOURCE_H_
#define CANDOUR_CRYPTO_SODIUM_RANDOM_SOURCE_H_

#include "core/noise/random_source.h"

namespace candour::crypto {

// REQUIRES: InitSodium() has succeeded.
core::noise::RandomSource SodiumRandomSource();

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_SODIUM_RANDOM_SOURCE_H_
