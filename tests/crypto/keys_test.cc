// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/keys.h"

#include <gtest/gtest.h>

#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

SecretKey<32> Seed(uint8_t fill) {
  SecretKey<32> seed;
  std::memset(seed.data(), fill, seed.size());
  return seed;
}

TEST(KeysTest, SeedPairsAreDeterministic) {
  EXPECT_EQ(X25519KeyPairFromSeed(Seed(1)).public_key, X25519KeyPairFromSeed(Seed(1)).public_key);
  EXPECT_NE(X25519KeyPairFromSeed(Seed(1)).public_key, X25519KeyPairFromSeed(Seed(2)).public_key);
  EXPECT_EQ(Ed25519KeyPairFromSeed(Seed(1)).public_key, Ed25519KeyPairFromSeed(Seed(1)).public_key);
}

TEST(KeysTest, PairFromSecretRebuildsThePublicKey) {
  const X25519KeyPair pair = NewX25519KeyPair();
  absl::StatusOr<X25519KeyPair> rebuilt = X25519KeyPairFromSecret(pair.secret_key);
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(rebuilt->public_key, pair.public_key);
}

TEST(KeysTest, RecipientKeyIdCoversBothPublicKeys) {
  const RecipientKeys keys = NewRecipientKeys();
  EXPECT_EQ(keys.key_id.size(), kKeyIdSize);
  EXPECT_EQ(keys.key_id, DomainHashN(kRecipientKeyIdContext, keys.box.public_key + keys.sign.public_key, 16));
  const RecipientKeys other = NewRecipientKeys();
  EXPECT_NE(RecipientKeyId(keys.box.public_key, other.sign.public_key), keys.key_id);
  EXPECT_NE(SigningKeyId(keys.sign.public_key), keys.key_id);
  EXPECT_EQ(SigningKeyId(keys.sign.public_key), DomainHashN(kSigningKeyIdContext, keys.sign.public_key, 16));
}

TEST(KeysTest, SignatureVerifiesOnlyForTheSameMessageAndKey) {
  const Ed25519KeyPair key = NewEd25519KeyPair();
  const std::string signature = Sign(key, "message");
  EXPECT_TRUE(VerifySignature(key.public_key, "message", signature));
  EXPECT_FALSE(VerifySignature(key.public_key, "messagE", signature));
  EXPECT_FALSE(VerifySignature(NewEd25519KeyPair().public_key, "message", signature));
  EXPECT_FALSE(VerifySignature(key.public_key, "message", signature.substr(1)));
  EXPECT_FALSE(VerifySignature(key.public_key.substr(1), "message", signature));
}

TEST(KeysTest, SealedBoxOpensOnlyWithTheRecipientKey) {
  const X25519KeyPair key = NewX25519KeyPair();
  absl::StatusOr<std::string> sealed = SealTo(key.public_key, AsBytes("secret"));
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), 6 + crypto_box_SEALBYTES);
  absl::StatusOr<SecretBytes> opened = OpenSealed(key, *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->view(), "secret");
  EXPECT_EQ(OpenSealed(NewX25519KeyPair(), *sealed).status().code(), absl::StatusCode::kDataLoss);
  std::string altered = *sealed;
  altered[40] ^= 1;
  EXPECT_EQ(OpenSealed(key, altered).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(OpenSealed(key, "short").status().code(), absl::StatusCode::kDataLoss);
}

TEST(KeysTest, SealToRejectsBadPublicKeys) {
  EXPECT_EQ(SealTo("short", AsBytes("x")).status().code(), absl::StatusCode::kInvalidArgument);
  // The all-zero point is of low order: the shared secret would be zero.
  EXPECT_EQ(SealTo(std::string(32, '\0'), AsBytes("x")).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::crypto
