// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The per-case key: 32 random bytes made by the reporter's client. It never
// encrypts directly: each use has its own crypto_kdf subkey (context
// "CandCase"), and a key commitment proves which key a ciphertext was made
// under. Sealed once per recipient as a case-key record. Thread-safe.
#ifndef CANDOUR_CRYPTO_CASE_KEY_H_
#define CANDOUR_CRYPTO_CASE_KEY_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "crypto/keys.h"
#include "crypto/secret_bytes.h"

namespace candour::crypto {

using CaseKey = SecretKey<32>;

inline constexpr size_t kSealedKeySize = 32 + crypto_box_SEALBYTES;  // 80

CaseKey NewCaseKey();
// crypto_kdf_derive_from_key(32, subkey_id, "CandCase", case_key).
SecretKey<32> DeriveCaseSubkey(const CaseKey& case_key, uint64_t subkey_id);
// The case's view key, subkey kCaseSubkeyView (docs/PROTOCOL.md, "Thread
// keys"): what the receipt binding seals for the reporter.
SecretKey<32> ViewKeyOf(const CaseKey& case_key);
// 32 bytes: BLAKE2b-256(key = case_key, kKeyCommitmentContext || 0x00 || nonce).
std::string KeyCommitment(const CaseKey& case_key, std::string_view nonce);
// Checks a commitment in constant time. DATA_LOSS if it does not match.
absl::Status CheckKeyCommitment(const CaseKey& case_key, std::string_view nonce,
                                std::string_view commitment);

// 80 bytes: crypto_box_seal(case_key, recipient_x25519_public_key).
// INVALID_ARGUMENT if the public key is not 32 bytes.
absl::StatusOr<std::string> SealCaseKey(const CaseKey& case_key, std::string_view recipient_x25519_public_key);
// DATA_LOSS if the record is not 80 bytes or does not open with `key`.
absl::StatusOr<CaseKey> OpenCaseKey(std::string_view sealed, const X25519KeyPair& key);

// The receipt binding's sealed key: crypto_box_seal(view key || report id) to
// the receipt's X25519 key, 96 bytes. The report id inside lets the reporter
// check that the envelope the server returns is the report the code was made
// for: the server cannot seal to that key, as only the code derives it.
inline constexpr size_t kSealedViewKeySize = 32 + 16 + crypto_box_SEALBYTES;  // 96
// INVALID_ARGUMENT if the report id is not 16 bytes or the key not 32.
absl::StatusOr<std::string> SealViewKey(const CaseKey& case_key, std::string_view report_id,
                                        std::string_view receipt_x25519_public_key);
// DATA_LOSS if the record is not 96 bytes, does not open with `key`, or names
// a report other than `report_id`.
absl::StatusOr<SecretKey<32>> OpenViewKey(std::string_view sealed, std::string_view report_id,
                                          const X25519KeyPair& key);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_CASE_KEY_H_
