// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/case_key.h"

#include <gtest/gtest.h>

#include "crypto/bytes.h"
#include "crypto/contexts.h"

namespace candour::crypto {
namespace {

std::string Str(const SecretKey<32>& k) { return std::string(AsChars(k.span())); }

TEST(CaseKeyTest, NewCaseKeysDiffer) { EXPECT_NE(Str(NewCaseKey()), Str(NewCaseKey())); }

TEST(CaseKeyTest, SubkeysAreCryptoKdfWithCandCaseContext) {
  const CaseKey key = NewCaseKey();
  SecretKey<32> expected;
  crypto_kdf_derive_from_key(expected.data(), 32, 7, "CandCase", key.data());
  EXPECT_EQ(Str(DeriveCaseSubkey(key, 7)), Str(expected));
  EXPECT_NE(Str(DeriveCaseSubkey(key, kCaseSubkeyReportContent)), Str(DeriveCaseSubkey(key, kCaseSubkeyThreadBase)));
}

TEST(CaseKeyTest, CommitmentBindsKeyAndNonce) {
  const CaseKey key = NewCaseKey();
  const std::string nonce(24, 'n');
  const std::string commitment = KeyCommitment(key, nonce);
  EXPECT_EQ(commitment.size(), 32u);
  EXPECT_TRUE(CheckKeyCommitment(key, nonce, commitment).ok());
  EXPECT_EQ(CheckKeyCommitment(NewCaseKey(), nonce, commitment).code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(CheckKeyCommitment(key, std::string(24, 'm'), commitment).code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(CheckKeyCommitment(key, nonce, commitment.substr(1)).code(), absl::StatusCode::kDataLoss);
}

TEST(CaseKeyTest, SealedCaseKeyOpensOnlyForItsRecipient) {
  const CaseKey key = NewCaseKey();
  const X25519KeyPair recipient = NewX25519KeyPair();
  absl::StatusOr<std::string> sealed = SealCaseKey(key, recipient.public_key);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), kSealedKeySize);
  absl::StatusOr<CaseKey> opened = OpenCaseKey(*sealed, recipient);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(sodium_memcmp(opened->data(), key.data(), 32), 0);
  EXPECT_EQ(OpenCaseKey(*sealed, NewX25519KeyPair()).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(OpenCaseKey(sealed->substr(1), recipient).status().code(), absl::StatusCode::kDataLoss);
}

TEST(CaseKeyTest, SealRejectsShortPublicKey) {
  EXPECT_EQ(SealCaseKey(NewCaseKey(), "short").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::crypto
