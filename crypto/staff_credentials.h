// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Staff sign-in secrets (docs/PROTOCOL.md, "Staff accounts"). The passphrase
// never leaves the device: the client runs Argon2id over it with the
// account's salt and splits the 32-byte result with crypto_kdf (context
// kAccountKdfContext) into
//   subkey 1: the authentication key, sent to the server at sign-in, which
//             keeps only crypto_pwhash_str of it;
//   subkey 2: the wrapping key, which never leaves the device.
// Session tokens and invitation codes are random secrets the server stores
// only as domain-separated hashes. Thread-safe.
#ifndef CANDOUR_CRYPTO_STAFF_CREDENTIALS_H_
#define CANDOUR_CRYPTO_STAFF_CREDENTIALS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "crypto/key_file.h"
#include "crypto/secret_bytes.h"

namespace candour::crypto {

inline constexpr size_t kAccountSaltSize = 16;  // crypto_pwhash_SALTBYTES
inline constexpr size_t kAuthKeySize = 32;
inline constexpr size_t kWrapKeySize = 32;
inline constexpr size_t kSessionTokenSize = 32;  // 256 random bits
inline constexpr size_t kServerSecretSize = 32;

// The Argon2id limits a client may ask the server to record for an account:
// at least "interactive", at most 4 GiB / opslimit 64.
bool AccountKdfInRange(const KdfParams& kdf);

struct StaffSecrets {
  SecretBytes auth_key;  // kAuthKeySize
  SecretBytes wrap_key;  // kWrapKeySize
};
// INVALID_ARGUMENT for a salt of the wrong size or limits out of range;
// RESOURCE_EXHAUSTED if Argon2id cannot get its memory.
absl::StatusOr<StaffSecrets> DeriveStaffSecrets(std::string_view passphrase, std::string_view salt,
                                                const KdfParams& kdf);

// Server side. The stored verifier: crypto_pwhash_str (Argon2id,
// interactive limits) of the authentication key, a "$argon2id$..." string.
// INVALID_ARGUMENT for a key of the wrong size; RESOURCE_EXHAUSTED if
// Argon2id cannot get memory.
absl::StatusOr<std::string> HashAuthKey(std::string_view auth_key);
// True if `auth_key` matches `verifier`. Always does the full Argon2id work,
// also for a malformed verifier (empty, too long, holding NUL, not
// "$argon2id$", or not parsing as one), which is checked against
// DecoyVerifier() and gives false, so that timing does not tell them apart.
bool VerifyAuthKey(std::string_view verifier, std::string_view auth_key);
// A verifier of a random key, made once per process (on first use; call it at
// start-up to pay the cost there), for unknown accounts: checking against it
// costs what a real check costs. Aborts if Argon2id cannot get its memory that
// once: without a decoy, unknown names would answer fast from then on.
const std::string& DecoyVerifier();

// The salt of the account `name`, whether or not it exists: a keyed BLAKE2b
// of the name under the server's secret, kAccountSaltSize bytes. The server
// answers it for a name with no account and requires it when the account is
// made, so a name's answer is the same before and after and does not tell
// who has an account (docs/PROTOCOL.md §15). `name` is the account name
// exactly as the server looks accounts up.
// REQUIRES: server_secret.size() == kServerSecretSize (checked where the
// secret is loaded; aborts otherwise).
std::string AccountSalt(const SecretBytes& server_secret, std::string_view name);

// A session token: 32 random bytes, sent hex-encoded in the "authorization"
// metadata as "Bearer <64 hex digits>".
SecretBytes NewSessionToken();
// What the server stores and looks up: H(kSessionTokenContext, token).
std::string SessionTokenHash(std::string_view token);

// An invitation code: 20 characters of the receipt alphabet in lower case,
// in four groups of five (100 bits), e.g. "k3m9p-0x1hf-dtvzr-4a3e8": the form
// of GeneratePassphrase() (crypto/key_file.h).
SecretBytes NewInvitationCode();
// H(kInvitationCodeContext, canonical code), where the canonical code is the
// 20 characters in lower case. Reads `code` as receipt codes are read
// (NormaliseTypedCode: any case, spaces and '-' dropped, O as 0, I and L as
// 1). INVALID_ARGUMENT, with a message that never repeats the input, if the
// result is not 20 alphabet characters.
absl::StatusOr<std::string> InvitationCodeHash(std::string_view code);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_STAFF_CREDENTIALS_H_
