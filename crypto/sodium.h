// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// libsodium initialisation. Every binary calls InitSodium() once, at start-up,
// before any other crypto/ function. Thread-safe (sodium_init is).
#ifndef CANDOUR_CRYPTO_SODIUM_H_
#define CANDOUR_CRYPTO_SODIUM_H_

#include "absl/status/status.h"

namespace candour::crypto {

// Initialises libsodium. Returns INTERNAL if it cannot be initialised.
absl::Status InitSodium();

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_SODIUM_H_
