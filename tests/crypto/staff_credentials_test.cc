// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/staff_credentials.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "crypto/hash.h"

namespace candour::crypto {
namespace {

constexpr std::string_view kPassphrase = "correct horse battery staple";

std::string Salt(char first) {
  std::string salt(kAccountSaltSize, '\0');
  for (size_t i = 0; i < salt.size(); ++i) salt[i] = static_cast<char>(first + i);
  return salt;
}

// Both keys of a derivation, concatenated, for comparing whole derivations.
std::string Keys(std::string_view passphrase, std::string_view salt, KdfParams kdf) {
  absl::StatusOr<StaffSecrets> secrets = DeriveStaffSecrets(passphrase, salt, kdf);
  EXPECT_TRUE(secrets.ok()) << secrets.status();
  if (!secrets.ok()) return "";
  return std::string(secrets->auth_key.view()) + std::string(secrets->wrap_key.view());
}

SecretBytes ServerSecret(uint8_t byte) {
  SecretBytes secret(kServerSecretSize);
  for (uint8_t& b : secret.span()) b = byte;
  return secret;
}

TEST(StaffCredentialsTest, DerivationIsDeterministicAndSplitsIntoTwoDifferentKeys) {
  absl::StatusOr<StaffSecrets> a = DeriveStaffSecrets(kPassphrase, Salt(0), InteractiveKdf());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->auth_key.size(), kAuthKeySize);
  EXPECT_EQ(a->wrap_key.size(), kWrapKeySize);
  EXPECT_NE(a->auth_key.view(), a->wrap_key.view());
  EXPECT_EQ(Keys(kPassphrase, Salt(0), InteractiveKdf()),
            std::string(a->auth_key.view()) + std::string(a->wrap_key.view()));
}

TEST(StaffCredentialsTest, DerivationDependsOnSaltPassphraseAndLimits) {
  const std::string base = Keys(kPassphrase, Salt(0), InteractiveKdf());
  EXPECT_NE(Keys(kPassphrase, Salt(1), InteractiveKdf()), base);
  EXPECT_NE(Keys("correct horse battery stapler", Salt(0), InteractiveKdf()), base);
  KdfParams more_ops = InteractiveKdf();
  ++more_ops.opslimit;
  EXPECT_NE(Keys(kPassphrase, Salt(0), more_ops), base);
  KdfParams more_mem = InteractiveKdf();
  more_mem.memlimit += 1 << 20;
  EXPECT_NE(Keys(kPassphrase, Salt(0), more_mem), base);
}

TEST(StaffCredentialsTest, RejectsSaltOfWrongSize) {
  for (size_t size : {size_t{0}, size_t{15}, size_t{17}, size_t{32}}) {
    EXPECT_EQ(DeriveStaffSecrets(kPassphrase, std::string(size, 'x'), InteractiveKdf()).status().code(),
              absl::StatusCode::kInvalidArgument)
        << size;
  }
}

TEST(StaffCredentialsTest, RejectsLimitsOutOfRange) {
  const KdfParams interactive = InteractiveKdf();
  const std::vector<KdfParams> bad = {
      {interactive.opslimit - 1, interactive.memlimit},
      {interactive.opslimit, interactive.memlimit - 1},
      {65, interactive.memlimit},
      {interactive.opslimit, (uint64_t{4} << 30) + 1},
      {0, 0},
  };
  for (const KdfParams& kdf : bad) {
    EXPECT_FALSE(AccountKdfInRange(kdf)) << kdf.opslimit << " " << kdf.memlimit;
    EXPECT_EQ(DeriveStaffSecrets(kPassphrase, Salt(0), kdf).status().code(), absl::StatusCode::kInvalidArgument);
  }
  EXPECT_TRUE(AccountKdfInRange(interactive));
  EXPECT_TRUE(AccountKdfInRange(ModerateKdf()));
  EXPECT_TRUE(AccountKdfInRange({64, uint64_t{4} << 30}));
}

TEST(StaffCredentialsTest, VerifierAcceptsItsKeyAndNoOther) {
  absl::StatusOr<StaffSecrets> secrets = DeriveStaffSecrets(kPassphrase, Salt(0), InteractiveKdf());
  ASSERT_TRUE(secrets.ok());
  absl::StatusOr<std::string> verifier = HashAuthKey(secrets->auth_key.view());
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_TRUE(verifier->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyAuthKey(*verifier, secrets->auth_key.view()));
  EXPECT_FALSE(VerifyAuthKey(*verifier, secrets->wrap_key.view()));
  EXPECT_FALSE(VerifyAuthKey(*verifier, ""));
  // Salted: the same key hashes to another verifier.
  EXPECT_NE(*HashAuthKey(secrets->auth_key.view()), *verifier);
}

TEST(StaffCredentialsTest, HashAuthKeyRejectsKeyOfWrongSize) {
  EXPECT_EQ(HashAuthKey(std::string(31, 'k')).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HashAuthKey("").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(StaffCredentialsTest, MalformedVerifiersNeverMatch) {
  const std::string key(kAuthKeySize, 'k');
  const std::string good = *HashAuthKey(key);
  const std::vector<std::string> bad = {
      "",
      "garbage",
      good.substr(0, good.size() - 5),                                 // truncated
      "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  // bcrypt
      "$argon2i$" + good.substr(10),                                   // another Argon2
      good + std::string(1, '\0') + "tail",                            // holds NUL
      good + std::string(crypto_pwhash_STRBYTES, 'A'),                 // too long
  };
  for (const std::string& verifier : bad) EXPECT_FALSE(VerifyAuthKey(verifier, key)) << verifier.size();
  EXPECT_TRUE(VerifyAuthKey(good, key));
}

TEST(StaffCredentialsTest, DecoyVerifierIsMadeOnceAndIsWellFormed) {
  const std::string& decoy = DecoyVerifier();
  EXPECT_EQ(&decoy, &DecoyVerifier());
  EXPECT_TRUE(decoy.starts_with("$argon2id$"));
  EXPECT_EQ(crypto_pwhash_str_needs_rehash(decoy.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                           crypto_pwhash_MEMLIMIT_INTERACTIVE),
            0);
  EXPECT_FALSE(VerifyAuthKey(decoy, std::string(kAuthKeySize, '\0')));
}

TEST(StaffCredentialsTest, AccountSaltIsStablePerNameAndSecret) {
  const SecretBytes secret = ServerSecret(0x42);
  const std::string alice = AccountSalt(secret, "alice");
  EXPECT_EQ(alice.size(), kAccountSaltSize);
  EXPECT_EQ(AccountSalt(secret, "alice"), alice);
  EXPECT_NE(AccountSalt(secret, "bob"), alice);
  EXPECT_NE(AccountSalt(secret, "Alice"), alice);
  EXPECT_NE(AccountSalt(ServerSecret(0x43), "alice"), alice);
  // Keyed: not the unkeyed hash of the same input.
  EXPECT_NE(DomainHashN("candour.v1/unknown-account-salt", "alice", 16), alice);
}

TEST(StaffCredentialsTest, SessionTokensAreRandomAndStoredAsDomainHashes) {
  const SecretBytes a = NewSessionToken();
  const SecretBytes b = NewSessionToken();
  EXPECT_EQ(a.size(), kSessionTokenSize);
  EXPECT_NE(a.view(), b.view());
  const std::string hash = SessionTokenHash(a.view());
  EXPECT_EQ(hash.size(), kHashSize);
  EXPECT_EQ(SessionTokenHash(a.view()), hash);
  EXPECT_NE(SessionTokenHash(b.view()), hash);
  EXPECT_NE(DomainHash("candour.v1/invitation-code", a.view()), hash);
  EXPECT_EQ(DomainHash("candour.v1/session-token", a.view()), hash);
}

TEST(StaffCredentialsTest, InvitationCodesHaveTheGeneratedPassphraseForm) {
  const SecretBytes a = NewInvitationCode();
  EXPECT_TRUE(IsGeneratedPassphrase(a.view()));
  EXPECT_EQ(a.size(), 23u);
  EXPECT_NE(a.view(), NewInvitationCode().view());
  absl::StatusOr<std::string> hash = InvitationCodeHash(a.view());
  ASSERT_TRUE(hash.ok()) << hash.status();
  EXPECT_EQ(hash->size(), kHashSize);
}

TEST(StaffCredentialsTest, InvitationCodeHashCanonicalises) {
  const std::string want = *InvitationCodeHash("k3m9p-0x1hf-dtvzr-4a3e8");
  EXPECT_EQ(want, DomainHash("candour.v1/invitation-code", "k3m9p0x1hfdtvzr4a3e8"));
  for (std::string_view typed : {"k3m9p0x1hfdtvzr4a3e8", "K3M9P-0X1HF-DTVZR-4A3E8", " k3m9p 0x1hf dtvzr 4a3e8 ",
                                 "K3M9P OXLHF-DTVZR-4A3E8", "k3m9p-oxihf-dtvzr-4a3e8"}) {
    absl::StatusOr<std::string> hash = InvitationCodeHash(typed);
    ASSERT_TRUE(hash.ok()) << typed << ": " << hash.status();
    EXPECT_EQ(*hash, want) << typed;
  }
  EXPECT_NE(*InvitationCodeHash("k3m9p-0x1hf-dtvzr-4a3e9"), want);
}

TEST(StaffCredentialsTest, MalformedInvitationCodesAreRejectedWithoutEchoingThem) {
  for (std::string_view code : {"", "k3m9p-0x1hf-dtvzr-4a3e", "k3m9p-0x1hf-dtvzr-4a3e8z", "k3m9p-0x1hf-dtvzr-4a3eu",
                                "k3m9p-0x1hf-dtvzr-4a3e*", "k3m9p_0x1hf_dtvzr_4a3e8"}) {
    absl::StatusOr<std::string> hash = InvitationCodeHash(code);
    ASSERT_EQ(hash.status().code(), absl::StatusCode::kInvalidArgument) << code;
    const std::string message(hash.status().message());
    if (!code.empty()) {
      EXPECT_EQ(message.find(code), std::string::npos) << message;
    }
    EXPECT_EQ(message.find("k3m9p"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace candour::crypto
