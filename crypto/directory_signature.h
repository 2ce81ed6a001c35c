// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Signing and verifying the organisation directory. The signature covers
//   kDirectorySignatureContext || 0x00 || directory_bytes
// where directory_bytes are the exact serialised Directory, kept as bytes so
// unknown fields stay signed. Verification checks the pin first, then the
// signature, and only then parses. Policy (expiry, rollback) is the caller's:
// clients/directory_trust.h and the server's publish rules. Thread-safe.
#ifndef CANDOUR_CRYPTO_DIRECTORY_SIGNATURE_H_
#define CANDOUR_CRYPTO_DIRECTORY_SIGNATURE_H_

#include <string>

#include "absl/status/statusor.h"
#include "candour/v1/directory.pb.h"
#include "crypto/keys.h"

namespace candour::crypto {

inline constexpr size_t kFingerprintSize = 32;

// A directory whose signature has been checked against a known key.
struct VerifiedDirectory {
  candour::v1::Directory directory;
  std::string hash;                    // 32 bytes: H(directory-hash, bytes)
  std::string organisation_public_key; // 32 bytes
  std::string signed_bytes;            // the exact bytes that were signed
};

// 32 bytes: H(kFingerprintContext, organisation_public_key).
std::string OrganisationFingerprint(std::string_view organisation_public_key);
// "abcd 1234 ..." : lowercase hex in 16 groups of four.
std::string FormatFingerprint(std::string_view fingerprint);
// Accepts hex with or without spaces, ':' or '-'. INVALID_ARGUMENT otherwise.
absl::StatusOr<std::string> ParseFingerprint(std::string_view text);

// 32 bytes: H(kDirectoryHashContext, directory_bytes).
std::string DirectoryHash(std::string_view directory_bytes);

// INVALID_ARGUMENT unless every recipient's key_id is RecipientKeyId of its
// keys, every admin's is SigningKeyId of its key, the release holder's
// Ed25519 key is release_public_key, and every aggregation key record names
// a recipient. VerifyDirectory runs it; sign before signing.
absl::Status CheckDirectoryKeyIds(const candour::v1::Directory& directory);

// Signs serialised directory bytes with the organisation key.
candour::v1::SignedDirectory SignDirectory(std::string directory_bytes, const Ed25519KeyPair& organisation_key);

// Verifies against a pinned fingerprint. Returns
//   UNAUTHENTICATED if the key does not match the pin or the signature fails;
//   INVALID_ARGUMENT if the signed bytes do not parse as a Directory, or
//     fail CheckDirectoryKeyIds.
absl::StatusOr<VerifiedDirectory> VerifyDirectory(const candour::v1::SignedDirectory& signed_directory,
                                                  std::string_view pinned_fingerprint);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_DIRECTORY_SIGNATURE_H_
