// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/directory_signature.h"

#include <gtest/gtest.h>

#include "crypto/bytes.h"
#include "crypto/contexts.h"

namespace candour::crypto {
namespace {

std::string DirectoryBytes(uint64_t version) {
  candour::v1::Directory d;
  d.set_organisation_id(std::string(16, '\x11'));
  d.set_organisation_name("Example Trust");
  d.set_version(version);
  return d.SerializeAsString();
}

TEST(DirectorySignatureTest, VerifiesAPinnedSignedDirectory) {
  const Ed25519KeyPair org = NewEd25519KeyPair();
  const std::string bytes = DirectoryBytes(3);
  absl::StatusOr<VerifiedDirectory> verified =
      VerifyDirectory(SignDirectory(bytes, org), OrganisationFingerprint(org.public_key));
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->directory.version(), 3u);
  EXPECT_EQ(verified->hash, DirectoryHash(bytes));
  EXPECT_EQ(verified->signed_bytes, bytes);
  EXPECT_EQ(verified->organisation_public_key, org.public_key);
}

TEST(DirectorySignatureTest, SignatureCoversContextAndBytes) {
  const Ed25519KeyPair org = NewEd25519KeyPair();
  const candour::v1::SignedDirectory signed_directory = SignDirectory(DirectoryBytes(1), org);
  EXPECT_TRUE(VerifySignature(org.public_key, std::string(kDirectorySignatureContext) + '\0' + DirectoryBytes(1),
                              signed_directory.signature()));
  EXPECT_FALSE(VerifySignature(org.public_key, DirectoryBytes(1), signed_directory.signature()));
}

TEST(DirectorySignatureTest, RejectsAKeyThatIsNotPinned) {
  const Ed25519KeyPair org = NewEd25519KeyPair();
  const Ed25519KeyPair attacker = NewEd25519KeyPair();
  const std::string pin = OrganisationFingerprint(org.public_key);
  EXPECT_EQ(VerifyDirectory(SignDirectory(DirectoryBytes(1), attacker), pin).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyDirectory(SignDirectory(DirectoryBytes(1), org), pin.substr(1)).status().code(),
            absl::StatusCode::kUnauthenticated);
  candour::v1::SignedDirectory short_key = SignDirectory(DirectoryBytes(1), org);
  short_key.set_organisation_public_key(org.public_key.substr(1));
  EXPECT_EQ(VerifyDirectory(short_key, pin).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(DirectorySignatureTest, RejectsAlteredBytesOrSignature) {
  const Ed25519KeyPair org = NewEd25519KeyPair();
  const std::string pin = OrganisationFingerprint(org.public_key);
  candour::v1::SignedDirectory altered = SignDirectory(DirectoryBytes(1), org);
  altered.set_directory(DirectoryBytes(2));
  EXPECT_EQ(VerifyDirectory(altered, pin).status().code(), absl::StatusCode::kUnauthenticated);
  candour::v1::SignedDirectory bad_signature = SignDirectory(DirectoryBytes(1), org);
  bad_signature.mutable_signature()->at(0) ^= 1;
  EXPECT_EQ(VerifyDirectory(bad_signature, pin).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(DirectorySignatureTest, SignedBytesThatDoNotParseAreInvalidArgument) {
  const Ed25519KeyPair org = NewEd25519KeyPair();
  EXPECT_EQ(
      VerifyDirectory(SignDirectory("\xff\xff\xff", org), OrganisationFingerprint(org.public_key)).status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(DirectorySignatureTest, UnknownFieldsStaySignedAndHashed) {
  const Ed25519KeyPair org = NewEd25519KeyPair();
  // Field 99, varint 1: unknown to this version, still covered.
  const std::string bytes = DirectoryBytes(4) + std::string("\x98\x06\x01", 3);
  absl::StatusOr<VerifiedDirectory> verified =
      VerifyDirectory(SignDirectory(bytes, org), OrganisationFingerprint(org.public_key));
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->hash, DirectoryHash(bytes));
  EXPECT_NE(verified->hash, DirectoryHash(DirectoryBytes(4)));
}

TEST(DirectorySignatureTest, FingerprintFormatsAndParsesBack) {
  const std::string fingerprint = OrganisationFingerprint(NewEd25519KeyPair().public_key);
  const std::string text = FormatFingerprint(fingerprint);
  EXPECT_EQ(text.size(), 16 * 4 + 15u);
  EXPECT_EQ(text[4], ' ');
  EXPECT_EQ(*ParseFingerprint(text), fingerprint);
  std::string upper_colons = HexEncode(fingerprint);
  for (char& c : upper_colons) c = static_cast<char>(std::toupper(c));
  upper_colons.insert(2, ":");
  upper_colons.insert(6, "-");
  EXPECT_EQ(*ParseFingerprint(upper_colons), fingerprint);
}

TEST(DirectorySignatureTest, ParseFingerprintRejectsWrongLengthOrCharacters) {
  const std::string hex = HexEncode(std::string(32, 'a'));
  EXPECT_EQ(ParseFingerprint(hex.substr(2)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFingerprint(hex + "00").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFingerprint("g" + hex.substr(1)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFingerprint(hex.substr(0, 10) + "_" + hex.substr(10)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::crypto

namespace candour::crypto {
namespace {

candour::v1::Directory DirectoryFor(const RecipientKeys& guardian) {
  candour::v1::Directory d;
  d.set_version(1);
  auto* r = d.add_recipients();
  r->set_key_id(guardian.key_id);
  r->set_x25519_public_key(guardian.box.public_key);
  r->set_ed25519_public_key(guardian.sign.public_key);
  d.set_release_holder_key_id(guardian.key_id);
  d.set_release_public_key(guardian.sign.public_key);
  auto* rec = d.add_aggregation_key_records();
  rec->set_recipient_key_id(guardian.key_id);
  return d;
}

absl::StatusCode VerifyCode(const candour::v1::Directory& d, const Ed25519KeyPair& org) {
  return VerifyDirectory(SignDirectory(d.SerializeAsString(), org), OrganisationFingerprint(org.public_key))
      .status()
      .code();
}

TEST(DirectoryKeyIdsTest, VerifyRejectsAKeyIdThatDoesNotNameItsKeys) {
  Ed25519KeyPair org = NewEd25519KeyPair();
  RecipientKeys guardian = NewRecipientKeys();
  RecipientKeys attacker = NewRecipientKeys();
  candour::v1::Directory d = DirectoryFor(guardian);
  EXPECT_EQ(VerifyCode(d, org), absl::StatusCode::kOk);
  // The real Guardian's id with the attacker's box key: reports would go to the attacker.
  d.mutable_recipients(0)->set_x25519_public_key(attacker.box.public_key);
  EXPECT_EQ(VerifyCode(d, org), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckDirectoryKeyIds(d).code(), absl::StatusCode::kInvalidArgument);
}

TEST(DirectoryKeyIdsTest, RejectsForeignReleaseKeyAdminIdAndAggregationRecord) {
  Ed25519KeyPair org = NewEd25519KeyPair();
  RecipientKeys guardian = NewRecipientKeys();
  candour::v1::Directory release = DirectoryFor(guardian);
  release.set_release_public_key(NewEd25519KeyPair().public_key);
  EXPECT_EQ(VerifyCode(release, org), absl::StatusCode::kInvalidArgument);

  candour::v1::Directory admin = DirectoryFor(guardian);
  Ed25519KeyPair admin_key = NewEd25519KeyPair();
  auto* a = admin.add_admins();
  a->set_ed25519_public_key(admin_key.public_key);
  a->set_key_id(SigningKeyId(admin_key.public_key));
  EXPECT_EQ(VerifyCode(admin, org), absl::StatusCode::kOk);
  a->set_key_id(std::string(16, 'x'));
  EXPECT_EQ(VerifyCode(admin, org), absl::StatusCode::kInvalidArgument);

  candour::v1::Directory records = DirectoryFor(guardian);
  records.add_aggregation_key_records()->set_recipient_key_id(std::string(16, 'n'));
  EXPECT_EQ(VerifyCode(records, org), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::crypto
