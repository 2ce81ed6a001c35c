// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/hash.h"

#include <sodium.h>

#include <cstdlib>

namespace candour::crypto {

std::string KeyedDomainHashN(std::span<const uint8_t> key, std::string_view context, std::string_view message,
                             size_t out_size) {
  // Sizes outside 16..64 are programmer errors (sizes are constants, keys
  // checked where they are loaded), not input: fail loudly rather than return
  // a short or unkeyed hash.
  if (out_size < 16 || out_size > crypto_generichash_BYTES_MAX) std::abort();
  if (!key.empty() && (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX)) {
    std::abort();
  }
  crypto_generichash_state state;
  crypto_generichash_init(&state, key.empty() ? nullptr : key.data(), key.size(), out_size);
  // The 0x00 separator makes the encoding injective: contexts never contain
  // NUL, so (context, message) pairs cannot collide.
  const unsigned char separator = 0;
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(context.data()), context.size());
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  std::string out(out_size, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), out_size);
  sodium_memzero(&state, sizeof state);  // a keyed state holds the key
  return out;
}

std::string DomainHashN(std::string_view context, std::string_view message, size_t out_size) {
  return KeyedDomainHashN({}, context, message, out_size);
}

std::string ContextMessage(std::string_view context, std::string_view message) {
  std::string out(context);
  out.push_back('\0');
  out.append(message);
  return out;
}

std::string DomainHash(std::string_view context, std::string_view message) {
  return DomainHashN(context, message, kHashSize);
}

}  // namespace candour::crypto
