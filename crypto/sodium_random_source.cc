// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/sodium_random_source.h"

#include <sodium.h>

#include <cstdint>

namespace candour::crypto {
namespace {

uint32_t SodiumUniform(void* /*context*/, uint32_t upper_bound) { return randombytes_uniform(upper_bound); }

}  // namespace

core::noise::RandomSource SodiumRandomSource() { return {&SodiumUniform, nullptr}; }

}  // namespace candour::crypto
