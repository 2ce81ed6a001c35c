// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/hash.h"

#include <sodium.h>

#include <cstdlib>

namespace candour::crypto {

std::string DomainHashN(std::string_view context, std::string_view message, size_t out_size) {
  // A size outside 16..64 is a programmer error (sizes are constants), not
  // input: fail loudly rather than return a short hash.
  if (out_size < 16 || out_size > crypto_generichash_BYTES_MAX) std::abort();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, out_size);
  // The 0x00 separator makes the encoding injective: contexts never contain
  // NUL, so (context, message) pairs cannot collide.
  const unsigned char separator = 0;
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(context.data()), context.size());
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  std::string out(out_size, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), out_size);
  return out;
}

std::string DomainHash(std::string_view context, std::string_view message) {
  return DomainHashN(context, message, kHashSize);
}

}  // namespace candour::crypto
