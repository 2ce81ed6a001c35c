// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The one key-wrap format of Candour: private keys encrypted with
// XChaCha20-Poly1305 under Argon2id(passphrase), the KDF parameters and salt
// stored beside them, and additional data binding the kind, key id and public
// keys. A key file is text:
//   untrusted comment: <free text, one line>
//   base64(binary)
// with binary = "CDK1" || kind (1) || key_id (16) || opslimit (u64 LE) ||
//   memlimit (u64 LE) || salt (16) || nonce (24) || public keys ||
//   ciphertext(secret keys) and AAD = kKeyFileAadContext || 0x00 || every byte
//   before the ciphertext. See docs/PROTOCOL.md, "Key files". Thread-safe.
#ifndef CANDOUR_CRYPTO_KEY_FILE_H_
#define CANDOUR_CRYPTO_KEY_FILE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "crypto/keys.h"
#include "crypto/secret_bytes.h"

namespace candour::crypto {

enum class KeyFileKind : uint8_t {
  kRecipient = 1,     // X25519 + Ed25519: a Guardian or the recovery key
  kSigningKey = 2,    // Ed25519 only: the organisation key, admins' keys
};

struct KdfParams {
  uint64_t opslimit;
  uint64_t memlimit;  // bytes
};
// Argon2id "moderate": ~0.4 s here. The default for every key file.
KdfParams ModerateKdf();
// Argon2id "interactive": tests only, where seconds add up.
KdfParams InteractiveKdf();

// A generated passphrase: 20 characters of the receipt alphabet in lower
// case, in four groups of five (100 bits).
SecretBytes GeneratePassphrase();
// Keys that open reports need at least 90 bits; we only accept generated
// passphrases for them. True if `passphrase` has the generated form.
bool IsGeneratedPassphrase(std::string_view passphrase);

// Wraps a recipient's keys. RESOURCE_EXHAUSTED if Argon2id cannot get memory.
absl::StatusOr<std::string> WrapRecipientKeys(const RecipientKeys& keys, std::string_view comment,
                                              std::string_view passphrase, KdfParams kdf);
absl::StatusOr<std::string> WrapSigningKey(const Ed25519KeyPair& key, std::string_view comment,
                                           std::string_view passphrase, KdfParams kdf);

// What a key file shows without its passphrase.
struct KeyFileInfo {
  KeyFileKind kind;
  std::string key_id;              // 16 bytes
  std::string x25519_public_key;   // empty for kSigningKey
  std::string ed25519_public_key;
};
// INVALID_ARGUMENT if the text is not a key file of a known kind.
absl::StatusOr<KeyFileInfo> InspectKeyFile(std::string_view text);

// Unwrap. INVALID_ARGUMENT for a malformed file or the wrong kind;
// PERMISSION_DENIED if the passphrase is wrong (or the file was altered);
// DATA_LOSS if the decrypted secrets do not belong to the public keys and key
// id the file names (a file written inconsistently).
absl::StatusOr<RecipientKeys> UnwrapRecipientKeys(std::string_view text, std::string_view passphrase);
absl::StatusOr<Ed25519KeyPair> UnwrapSigningKey(std::string_view text, std::string_view passphrase);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_KEY_FILE_H_
