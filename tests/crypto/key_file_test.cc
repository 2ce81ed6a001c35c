// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/key_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "crypto/bytes.h"
#include "crypto/contexts.h"

namespace candour::crypto {
namespace {

constexpr std::string_view kPassphrase = "abcde-fghjk-mnpqr-stvwx";

std::string Line(std::string_view text, int n) {
  size_t start = 0;
  for (int i = 0; i < n; ++i) start = text.find('\n', start) + 1;
  return std::string(text.substr(start, text.find('\n', start) - start));
}

// Rewraps a key file's binary form after `edit`, keeping the comment line.
std::string EditBinary(std::string_view text, const std::function<void(std::string&)>& edit) {
  std::string binary = *Base64Decode(Line(text, 1));
  edit(binary);
  return Line(text, 0) + "\n" + Base64Encode(binary) + "\n";
}

// Builds a key file from its parts as docs/PROTOCOL.md specifies, with
// public keys that need not match the secrets.
std::string BuildRecipientFile(std::string_view public_keys, std::string_view key_id, std::string_view secret) {
  const KdfParams kdf = InteractiveKdf();
  std::string b = "CDK1";
  b.push_back(1);
  b.append(key_id);
  AppendU64Le(b, kdf.opslimit);
  AppendU64Le(b, kdf.memlimit);
  const std::string salt(16, 's'), nonce(24, 'n');
  b += salt + nonce + std::string(public_keys);
  SecretKey<32> key;
  EXPECT_EQ(crypto_pwhash(key.data(), 32, kPassphrase.data(), kPassphrase.size(),
                          reinterpret_cast<const unsigned char*>(salt.data()), kdf.opslimit, kdf.memlimit,
                          crypto_pwhash_ALG_ARGON2ID13),
            0);
  const std::string aad = std::string(kKeyFileAadContext) + '\0' + b;
  std::string ciphertext(secret.size() + 16, '\0');
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(ciphertext.data()), nullptr,
                                             reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                                             reinterpret_cast<const unsigned char*>(aad.data()), aad.size(), nullptr,
                                             reinterpret_cast<const unsigned char*>(nonce.data()), key.data());
  return "untrusted comment: built\n" + Base64Encode(b + ciphertext) + "\n";
}

class KeyFileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys_ = new RecipientKeys(NewRecipientKeys());
    text_ = new std::string(*WrapRecipientKeys(*keys_, "Guardian\nkey", kPassphrase, InteractiveKdf()));
  }
  static void TearDownTestSuite() {
    delete keys_;
    delete text_;
  }
  static RecipientKeys* keys_;
  static std::string* text_;
};
RecipientKeys* KeyFileTest::keys_ = nullptr;
std::string* KeyFileTest::text_ = nullptr;

TEST_F(KeyFileTest, TextIsCommentLineThenBase64Line) {
  EXPECT_EQ(Line(*text_, 0), "untrusted comment: Guardiankey");
  EXPECT_TRUE(Base64Decode(Line(*text_, 1)).ok());
  EXPECT_TRUE(text_->ends_with("\n"));
  EXPECT_EQ(std::count(text_->begin(), text_->end(), '\n'), 2);
}

TEST_F(KeyFileTest, BinaryLayoutMatchesTheSpec) {
  const std::string b = *Base64Decode(Line(*text_, 1));
  ASSERT_EQ(b.size(), 4 + 1 + 16 + 8 + 8 + 16 + 24 + 64 + 64 + 16u);
  EXPECT_EQ(b.substr(0, 4), "CDK1");
  EXPECT_EQ(b[4], 1);
  EXPECT_EQ(b.substr(5, 16), keys_->key_id);
  std::string kdf;
  AppendU64Le(kdf, InteractiveKdf().opslimit);
  AppendU64Le(kdf, InteractiveKdf().memlimit);
  EXPECT_EQ(b.substr(21, 16), kdf);
  EXPECT_EQ(b.substr(77, 64), keys_->box.public_key + keys_->sign.public_key);
}

TEST_F(KeyFileTest, UnwrapsWithTheRightPassphrase) {
  absl::StatusOr<RecipientKeys> keys = UnwrapRecipientKeys(*text_, kPassphrase);
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(keys->key_id, keys_->key_id);
  EXPECT_EQ(keys->box.public_key, keys_->box.public_key);
  EXPECT_EQ(sodium_memcmp(keys->box.secret_key.data(), keys_->box.secret_key.data(), 32), 0);
  EXPECT_EQ(sodium_memcmp(keys->sign.secret_key.data(), keys_->sign.secret_key.data(), 64), 0);
}

TEST_F(KeyFileTest, ToleratesAMissingFinalNewline) {
  EXPECT_TRUE(UnwrapRecipientKeys(text_->substr(0, text_->size() - 1), kPassphrase).ok());
}

TEST_F(KeyFileTest, RejectsAWrongPassphrase) {
  EXPECT_EQ(UnwrapRecipientKeys(*text_, "abcde-fghjk-mnpqr-stvwy").status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(KeyFileTest, InspectShowsPublicPartsWithoutPassphrase) {
  absl::StatusOr<KeyFileInfo> info = InspectKeyFile(*text_);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->kind, KeyFileKind::kRecipient);
  EXPECT_EQ(info->key_id, keys_->key_id);
  EXPECT_EQ(info->x25519_public_key, keys_->box.public_key);
  EXPECT_EQ(info->ed25519_public_key, keys_->sign.public_key);
}

TEST_F(KeyFileTest, AlteringAnyAuthenticatedByteDeniesUnwrap) {
  // Key id, salt, nonce, public keys, ciphertext: each covered by AAD or key.
  for (size_t offset : {6, 40, 60, 80, 120, 150, 200}) {
    const std::string altered = EditBinary(*text_, [&](std::string& b) { b[offset] ^= 0x01; });
    EXPECT_EQ(UnwrapRecipientKeys(altered, kPassphrase).status().code(), absl::StatusCode::kPermissionDenied) << offset;
  }
}

TEST_F(KeyFileTest, RejectsWrongKindForTheCall) {
  EXPECT_EQ(UnwrapSigningKey(*text_, kPassphrase).status().code(), absl::StatusCode::kInvalidArgument);
  const std::string retyped = EditBinary(*text_, [](std::string& b) { b[4] = 2; });
  EXPECT_EQ(InspectKeyFile(retyped).status().code(), absl::StatusCode::kInvalidArgument);  // size now wrong
}

TEST_F(KeyFileTest, RejectsMalformedFiles) {
  const std::string bad[] = {
      "",
      Line(*text_, 1) + "\n",                                    // no comment line
      Line(*text_, 0) + "\n",                                    // no key line
      Line(*text_, 0) + "\n" + Line(*text_, 1) + "\nextra\n",    // three lines
      Line(*text_, 0) + "\n" + Line(*text_, 1) + "!\n",          // not base64
      EditBinary(*text_, [](std::string& b) { b[0] = 'X'; }),    // magic
      EditBinary(*text_, [](std::string& b) { b[4] = 9; }),      // kind
      EditBinary(*text_, [](std::string& b) { b.pop_back(); }),  // size
      EditBinary(*text_, [](std::string& b) { b[21] = 0; }),     // opslimit 0
      EditBinary(*text_, [](std::string& b) { b[21] = 17; }),    // opslimit 17
      EditBinary(*text_, [](std::string& b) { b.replace(29, 8, std::string("\0\0\0\0\0\0\0\0", 8)); }),  // mem 0
      EditBinary(*text_, [](std::string& b) { b[36] = 1; }),  // memlimit 2^56
  };
  for (const std::string& text : bad) {
    EXPECT_EQ(InspectKeyFile(text).status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(UnwrapRecipientKeys(text, kPassphrase).status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST_F(KeyFileTest, SecretsThatDoNotMatchTheNamedKeysAreDataLoss) {
  SecretBytes secret(64);
  std::memcpy(secret.data(), keys_->box.secret_key.data(), 32);
  crypto_sign_ed25519_sk_to_seed(secret.data() + 32, keys_->sign.secret_key.data());
  const std::string public_keys = keys_->box.public_key + keys_->sign.public_key;
  // Consistent: opens.
  EXPECT_TRUE(
      UnwrapRecipientKeys(BuildRecipientFile(public_keys, keys_->key_id, AsChars(secret.span())), kPassphrase).ok());
  // Names another recipient's public keys and id: authenticated, but a lie.
  const RecipientKeys other = NewRecipientKeys();
  const std::string lie =
      BuildRecipientFile(other.box.public_key + other.sign.public_key, other.key_id, AsChars(secret.span()));
  EXPECT_EQ(UnwrapRecipientKeys(lie, kPassphrase).status().code(), absl::StatusCode::kDataLoss);
  // Right public keys, wrong key id.
  const std::string bad_id = BuildRecipientFile(public_keys, other.key_id, AsChars(secret.span()));
  EXPECT_EQ(UnwrapRecipientKeys(bad_id, kPassphrase).status().code(), absl::StatusCode::kDataLoss);
}

TEST(KeyFileSigningTest, WrapsAndUnwrapsASigningKey) {
  const Ed25519KeyPair key = NewEd25519KeyPair();
  const std::string text = *WrapSigningKey(key, "organisation", kPassphrase, InteractiveKdf());
  absl::StatusOr<KeyFileInfo> info = InspectKeyFile(text);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->kind, KeyFileKind::kSigningKey);
  EXPECT_EQ(info->key_id, SigningKeyId(key.public_key));
  EXPECT_TRUE(info->x25519_public_key.empty());
  absl::StatusOr<Ed25519KeyPair> unwrapped = UnwrapSigningKey(text, kPassphrase);
  ASSERT_TRUE(unwrapped.ok());
  EXPECT_EQ(unwrapped->public_key, key.public_key);
  EXPECT_EQ(UnwrapRecipientKeys(text, kPassphrase).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(UnwrapSigningKey(text, "wrong").status().code(), absl::StatusCode::kPermissionDenied);
}

TEST(KeyFileSigningTest, RejectsAbsurdKdfParamsOnWrap) {
  const Ed25519KeyPair key = NewEd25519KeyPair();
  EXPECT_EQ(WrapSigningKey(key, "", kPassphrase, {0, InteractiveKdf().memlimit}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WrapSigningKey(key, "", kPassphrase, {2, 1024}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(KeyFilePassphraseTest, GeneratedPassphrasesHaveTheirForm) {
  for (int i = 0; i < 50; ++i) {
    const SecretBytes p = GeneratePassphrase();
    ASSERT_EQ(p.size(), 23u);
    EXPECT_TRUE(IsGeneratedPassphrase(p.view()));
    for (size_t j : {5, 11, 17}) EXPECT_EQ(p.view()[j], '-');
  }
  EXPECT_NE(std::string(GeneratePassphrase().view()), std::string(GeneratePassphrase().view()));
}

TEST(KeyFilePassphraseTest, OtherPassphrasesAreNotGenerated) {
  for (std::string_view p : {"", "abcde-fghjk-mnpqr-stvw", "ABCDE-FGHJK-MNPQR-STVWX", "abcde-fghjk-mnpqr-stvwu",
                             "abcdefghjk-mnpqr-stvwx-", "abcde fghjk mnpqr stvwx", "correct horse battery staple"}) {
    EXPECT_FALSE(IsGeneratedPassphrase(p)) << p;
  }
  EXPECT_TRUE(IsGeneratedPassphrase(kPassphrase));
}

TEST(KeyFileKdfTest, PresetsAreLibsodiumArgon2idPresets) {
  EXPECT_EQ(ModerateKdf().opslimit, crypto_pwhash_OPSLIMIT_MODERATE);
  EXPECT_EQ(ModerateKdf().memlimit, crypto_pwhash_MEMLIMIT_MODERATE);
  EXPECT_EQ(InteractiveKdf().opslimit, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  EXPECT_EQ(InteractiveKdf().memlimit, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

}  // namespace
}  // namespace candour::crypto
