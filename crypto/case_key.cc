// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/case_key.h"

#include <cstring>

#include "crypto/bytes.h"
#include "crypto/contexts.h"

namespace candour::crypto {

CaseKey NewCaseKey() {
  CaseKey key;
  randombytes_buf(key.data(), key.size());
  return key;
}

SecretKey<32> DeriveCaseSubkey(const CaseKey& case_key, uint64_t subkey_id) {
  SecretKey<32> subkey;
  crypto_kdf_derive_from_key(subkey.data(), subkey.size(), subkey_id, kCaseKdfContext, case_key.data());
  return subkey;
}

SecretKey<32> ViewKeyOf(const CaseKey& case_key) { return DeriveCaseSubkey(case_key, kCaseSubkeyView); }

std::string KeyCommitment(const CaseKey& case_key, std::string_view nonce) {
  // Keyed BLAKE2b commits to the key: XChaCha20-Poly1305 alone is not key
  // committing, so without this a crafted ciphertext could open under two
  // case keys to two different reports.
  std::string message(kKeyCommitmentContext);
  message.push_back('\0');
  message.append(nonce);
  std::string commitment(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(commitment.data()), commitment.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(), case_key.data(),
                     case_key.size());
  return commitment;
}

absl::Status CheckKeyCommitment(const CaseKey& case_key, std::string_view nonce, std::string_view commitment) {
  if (commitment.size() != 32) return absl::DataLossError("key commitment must be 32 bytes");
  const std::string expected = KeyCommitment(case_key, nonce);
  if (crypto_verify_32(reinterpret_cast<const unsigned char*>(expected.data()),
                       reinterpret_cast<const unsigned char*>(commitment.data())) != 0) {
    return absl::DataLossError("key commitment does not match the case key");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SealCaseKey(const CaseKey& case_key, std::string_view recipient_x25519_public_key) {
  return SealTo(recipient_x25519_public_key, case_key.span());
}

absl::StatusOr<CaseKey> OpenCaseKey(std::string_view sealed, const X25519KeyPair& key) {
  if (sealed.size() != kSealedKeySize) return absl::DataLossError("sealed case key must be 80 bytes");
  absl::StatusOr<SecretBytes> opened = OpenSealed(key, sealed);
  if (!opened.ok()) return absl::DataLossError("sealed case key does not open with this recipient's key");
  return CaseKey::CopyOf(opened->span());
}

absl::StatusOr<std::string> SealViewKey(const CaseKey& case_key, std::string_view report_id,
                                        std::string_view receipt_x25519_public_key) {
  if (report_id.size() != 16) return absl::InvalidArgumentError("report id must be 16 bytes");
  SecretBytes plaintext(32 + 16);
  const SecretKey<32> view = ViewKeyOf(case_key);
  std::memcpy(plaintext.data(), view.data(), 32);
  std::memcpy(plaintext.data() + 32, report_id.data(), 16);
  return SealTo(receipt_x25519_public_key, plaintext.span());
}

absl::StatusOr<SecretKey<32>> OpenViewKey(std::string_view sealed, std::string_view report_id,
                                          const X25519KeyPair& key) {
  if (sealed.size() != kSealedViewKeySize) return absl::DataLossError("sealed view key must be 96 bytes");
  absl::StatusOr<SecretBytes> opened = OpenSealed(key, sealed);
  if (!opened.ok()) return absl::DataLossError("sealed view key does not open with this receipt's key");
  if (report_id.size() != 16 || sodium_memcmp(opened->data() + 32, report_id.data(), 16) != 0) {
    return absl::DataLossError("the sealed view key belongs to another report");
  }
  return SecretKey<32>::CopyOf(opened->span().first(32));
}

}  // namespace candour::crypto
