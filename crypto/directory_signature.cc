// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/directory_signature.h"

#include "absl/container/flat_hash_set.h"

#include <sodium.h>

#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

std::string SignedMessage(std::string_view directory_bytes) { return ContextMessage(kDirectorySignatureContext, directory_bytes); }

}  // namespace

std::string OrganisationFingerprint(std::string_view organisation_public_key) {
  return DomainHash(kFingerprintContext, organisation_public_key);
}

std::string FormatFingerprint(std::string_view fingerprint) {
  const std::string hex = HexEncode(fingerprint);
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 4) {
    if (i != 0) out.push_back(' ');
    out.append(hex, i, 4);
  }
  return out;
}

absl::StatusOr<std::string> ParseFingerprint(std::string_view text) {
  std::string hex;
  for (char c : text) {
    // People copy fingerprints from many places; separators carry nothing.
    if (c == ' ' || c == ':' || c == '-') continue;
    hex.push_back(c);
  }
  absl::StatusOr<std::string> bytes = HexDecode(hex);
  if (!bytes.ok() || bytes->size() != kFingerprintSize) {
    return absl::InvalidArgumentError("fingerprint must be 64 hex digits (separators ' ', ':' or '-' allowed)");
  }
  return bytes;
}

std::string DirectoryHash(std::string_view directory_bytes) {
  return DomainHash(kDirectoryHashContext, directory_bytes);
}

candour::v1::SignedDirectory SignDirectory(std::string directory_bytes, const Ed25519KeyPair& organisation_key) {
  candour::v1::SignedDirectory signed_directory;
  signed_directory.set_signature(Sign(organisation_key, SignedMessage(directory_bytes)));
  signed_directory.set_organisation_public_key(organisation_key.public_key);
  signed_directory.set_directory(std::move(directory_bytes));
  return signed_directory;
}

absl::Status CheckDirectoryKeyIds(const candour::v1::Directory& directory) {
  // A key id is a name for keys; a name that does not match its keys would let
  // a swapped .pub file (or a careless edit) route reports to someone else
  // while every listing still shows the right Guardian's id.
  absl::flat_hash_set<std::string> recipients;
  for (const auto& r : directory.recipients()) {
    if (r.key_id() != RecipientKeyId(r.x25519_public_key(), r.ed25519_public_key())) {
      return absl::InvalidArgumentError("recipients.key_id does not match the recipient's public keys");
    }
    recipients.insert(r.key_id());
    if (r.key_id() == directory.release_holder_key_id() && r.ed25519_public_key() != directory.release_public_key()) {
      return absl::InvalidArgumentError("release_public_key is not the release holder's Ed25519 key");
    }
  }
  for (const auto& a : directory.admins()) {
    if (a.key_id() != SigningKeyId(a.ed25519_public_key())) {
      return absl::InvalidArgumentError("admins.key_id does not match the admin's public key");
    }
  }
  for (const auto& rec : directory.aggregation_key_records()) {
    if (!recipients.contains(rec.recipient_key_id())) {
      return absl::InvalidArgumentError("aggregation_key_records names a key that is not a recipient");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<VerifiedDirectory> VerifyDirectory(const candour::v1::SignedDirectory& signed_directory,
                                                  std::string_view pinned_fingerprint) {
  const std::string& public_key = signed_directory.organisation_public_key();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return absl::UnauthenticatedError("directory organisation_public_key must be 32 bytes");
  }
  // The pin comes first: a valid signature by a key we do not trust means nothing.
  const std::string fingerprint = OrganisationFingerprint(public_key);
  if (pinned_fingerprint.size() != kFingerprintSize ||
      sodium_memcmp(fingerprint.data(), pinned_fingerprint.data(), kFingerprintSize) != 0) {
    return absl::UnauthenticatedError("directory organisation key does not match the pinned fingerprint");
  }
  const std::string& bytes = signed_directory.directory();
  if (!VerifySignature(public_key, SignedMessage(bytes), signed_directory.signature())) {
    return absl::UnauthenticatedError("directory signature does not verify");
  }
  // Parse only now: the parser never sees bytes an attacker could choose.
  VerifiedDirectory verified;
  if (!verified.directory.ParseFromString(bytes)) {
    return absl::InvalidArgumentError("signed directory bytes do not parse as a Directory");
  }
  if (absl::Status s = CheckDirectoryKeyIds(verified.directory); !s.ok()) return s;
  verified.hash = DirectoryHash(bytes);
  verified.organisation_public_key = public_key;
  verified.signed_bytes = bytes;
  return verified;
}

}  // namespace candour::crypto
