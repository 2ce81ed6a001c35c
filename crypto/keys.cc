// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/keys.h"

#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

unsigned char* U(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* U(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

X25519KeyPair NewX25519KeyPair() {
  X25519KeyPair pair{std::string(crypto_box_PUBLICKEYBYTES, '\0'), {}};
  crypto_box_keypair(U(pair.public_key), pair.secret_key.data());
  return pair;
}

Ed25519KeyPair NewEd25519KeyPair() {
  Ed25519KeyPair pair{std::string(crypto_sign_PUBLICKEYBYTES, '\0'), {}};
  crypto_sign_keypair(U(pair.public_key), pair.secret_key.data());
  return pair;
}

X25519KeyPair X25519KeyPairFromSeed(const SecretKey<32>& seed) {
  // crypto_box_seed_keypair: secret = SHA-512(seed)[0..32], public = X25519 base point times it.
  X25519KeyPair pair{std::string(crypto_box_PUBLICKEYBYTES, '\0'), {}};
  crypto_box_seed_keypair(U(pair.public_key), pair.secret_key.data(), seed.data());
  return pair;
}

Ed25519KeyPair Ed25519KeyPairFromSeed(const SecretKey<32>& seed) {
  Ed25519KeyPair pair{std::string(crypto_sign_PUBLICKEYBYTES, '\0'), {}};
  crypto_sign_seed_keypair(U(pair.public_key), pair.secret_key.data(), seed.data());
  return pair;
}

absl::StatusOr<X25519KeyPair> X25519KeyPairFromSecret(const SecretKey<32>& secret) {
  X25519KeyPair pair{std::string(crypto_box_PUBLICKEYBYTES, '\0'), SecretKey<32>::CopyOf(secret.span())};
  if (crypto_scalarmult_base(U(pair.public_key), pair.secret_key.data()) != 0) {
    return absl::InvalidArgumentError("x25519 secret key gives no valid public key");
  }
  return pair;
}

RecipientKeys NewRecipientKeys() {
  RecipientKeys keys{"", NewX25519KeyPair(), NewEd25519KeyPair()};
  keys.key_id = RecipientKeyId(keys.box.public_key, keys.sign.public_key);
  return keys;
}

std::string RecipientKeyId(std::string_view x25519_public_key, std::string_view ed25519_public_key) {
  std::string both(x25519_public_key);
  both.append(ed25519_public_key);
  return DomainHashN(kRecipientKeyIdContext, both, kKeyIdSize);
}

std::string SigningKeyId(std::string_view ed25519_public_key) {
  return DomainHashN(kSigningKeyIdContext, ed25519_public_key, kKeyIdSize);
}

std::string Sign(const Ed25519KeyPair& key, std::string_view message) {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(U(signature), nullptr, U(message), message.size(), key.secret_key.data());
  return signature;
}

bool VerifySignature(std::string_view public_key, std::string_view message, std::string_view signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(U(signature), U(message), message.size(), U(public_key)) == 0;
}

absl::StatusOr<std::string> SealTo(std::string_view x25519_public_key, std::span<const uint8_t> plaintext) {
  if (x25519_public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return absl::InvalidArgumentError("x25519 public key must be 32 bytes");
  }
  std::string sealed(plaintext.size() + crypto_box_SEALBYTES, '\0');
  // Fails only when the key is a low-order point (the shared secret is zero).
  if (crypto_box_seal(U(sealed), plaintext.data(), plaintext.size(), U(x25519_public_key)) != 0) {
    return absl::InvalidArgumentError("x25519 public key is not usable (low-order point)");
  }
  return sealed;
}

absl::StatusOr<SecretBytes> OpenSealed(const X25519KeyPair& key, std::string_view sealed) {
  if (sealed.size() < crypto_box_SEALBYTES) {
    return absl::DataLossError("sealed box is shorter than 48 bytes");
  }
  if (key.public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return absl::InvalidArgumentError("x25519 public key must be 32 bytes");
  }
  SecretBytes plaintext(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(plaintext.data(), U(sealed), sealed.size(), U(key.public_key), key.secret_key.data()) != 0) {
    return absl::DataLossError("sealed box does not open with this key");
  }
  return plaintext;
}

}  // namespace candour::crypto
