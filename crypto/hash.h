// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Domain-separated hashing. Every hash in the protocol is
//   H(context, m) = BLAKE2b-256(context || 0x00 || m)   (unkeyed)
// with a named context string, so no two uses can collide. A few uses are
// keyed (BLAKE2b's key parameter) over the same context || 0x00 || m input.
// Thread-safe.
#ifndef CANDOUR_CRYPTO_HASH_H_
#define CANDOUR_CRYPTO_HASH_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace candour::crypto {

inline constexpr size_t kHashSize = 32;

// context || 0x00 || message: what a signature under a context signs.
std::string ContextMessage(std::string_view context, std::string_view message);
// Returns H(context, message): 32 bytes.
std::string DomainHash(std::string_view context, std::string_view message);
// As DomainHash but BLAKE2b with `out_size` bytes of output (16..64).
std::string DomainHashN(std::string_view context, std::string_view message, size_t out_size);
// BLAKE2b(key = key, m = context || 0x00 || message) with `out_size` bytes of
// output. REQUIRES: key is empty (unkeyed) or 16..64 bytes; out_size 16..64.
std::string KeyedDomainHashN(std::span<const uint8_t> key, std::string_view context, std::string_view message,
                             size_t out_size);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_HASH_H_
