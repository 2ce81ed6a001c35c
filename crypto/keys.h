// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Key pairs and key ids. An X25519 pair receives sealed case keys; an Ed25519
// pair signs. A recipient (Guardian or recovery key) holds one of each, and its
// key id is H16(recipient-key-id, x25519_pk || ed25519_pk). Public keys are
// std::string (32 bytes); secrets live in SecretKey. Thread-compatible.
#ifndef CANDOUR_CRYPTO_KEYS_H_
#define CANDOUR_CRYPTO_KEYS_H_

#include <sodium.h>

#include <string>

#include "absl/status/statusor.h"
#include "crypto/secret_bytes.h"

namespace candour::crypto {

inline constexpr size_t kKeyIdSize = 16;
inline constexpr size_t kPublicKeySize = 32;

struct X25519KeyPair {
  std::string public_key;         // 32 bytes
  SecretKey<32> secret_key;       // crypto_box secret key
};

struct Ed25519KeyPair {
  std::string public_key;         // 32 bytes
  SecretKey<64> secret_key;       // libsodium's seed || public key form
};

// A recipient's two pairs and the id derived from them.
struct RecipientKeys {
  std::string key_id;             // 16 bytes
  X25519KeyPair box;
  Ed25519KeyPair sign;
};

X25519KeyPair NewX25519KeyPair();
Ed25519KeyPair NewEd25519KeyPair();
// Deterministic pairs from a 32-byte seed (receipt-derived keys, key files).
X25519KeyPair X25519KeyPairFromSeed(const SecretKey<32>& seed);
Ed25519KeyPair Ed25519KeyPairFromSeed(const SecretKey<32>& seed);
// Rebuilds a pair from a stored secret. INVALID_ARGUMENT if sizes are wrong.
absl::StatusOr<X25519KeyPair> X25519KeyPairFromSecret(const SecretKey<32>& secret);

RecipientKeys NewRecipientKeys();
// 16 bytes: DomainHashN(kRecipientKeyIdContext, x25519_pk || ed25519_pk, 16).
std::string RecipientKeyId(std::string_view x25519_public_key, std::string_view ed25519_public_key);
// 16 bytes: DomainHashN(kSigningKeyIdContext, ed25519_pk, 16).
std::string SigningKeyId(std::string_view ed25519_public_key);

// Ed25519 detached signatures (64 bytes) over `message`.
std::string Sign(const Ed25519KeyPair& key, std::string_view message);
// UNAUTHENTICATED-free: returns true only if the signature verifies.
bool VerifySignature(std::string_view public_key, std::string_view message,
                     std::string_view signature);

// crypto_box_seal / crypto_box_seal_open. Seal never fails on a valid key;
// Open returns DATA_LOSS if the box does not open.
absl::StatusOr<std::string> SealTo(std::string_view x25519_public_key, std::span<const uint8_t> plaintext);
absl::StatusOr<SecretBytes> OpenSealed(const X25519KeyPair& key, std::string_view sealed);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_KEYS_H_
