// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Checks the C++ code against the test vectors of docs/PROTOCOL.md, read at
// run time: the document is the source of truth. A vector block is
//   ```vector <name>
//   key = value
//   ```
// where a value is hex, or decimal if the key ends in _int, or literal text
// to the end of the line if it ends in _text. Lines starting '#' are comments.
#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "crypto/audit_chain.h"
#include "crypto/bytes.h"
#include "crypto/case_key.h"
#include "crypto/contexts.h"
#include "crypto/directory_signature.h"
#include "crypto/envelope.h"
#include "crypto/hash.h"
#include "crypto/key_file.h"
#include "crypto/keys.h"
#include "crypto/padding.h"
#include "crypto/receipt.h"
#include "crypto/sealed_tag.h"
#include "crypto/staff_credentials.h"
#include "crypto/thread_entry.h"

namespace candour::crypto {
namespace {

using Block = std::map<std::string, std::string>;

std::map<std::string, Block> ParseVectors(const std::string& path) {
  std::ifstream in(path);
  std::map<std::string, Block> blocks;
  std::string line, current;
  constexpr std::string_view kOpen = "```vector ";
  while (std::getline(in, line)) {
    if (current.empty()) {
      if (line.starts_with(kOpen)) current = line.substr(kOpen.size());
      continue;
    }
    if (line.starts_with("```")) {
      current.clear();
    } else if (!line.empty() && line[0] != '#') {
      const size_t eq = line.find(" = ");
      if (eq != std::string::npos) blocks[current][line.substr(0, eq)] = line.substr(eq + 3);
    }
  }
  return blocks;
}

const std::map<std::string, Block>& Vectors() {
  static const auto* vectors = new std::map<std::string, Block>(ParseVectors(CANDOUR_SOURCE_DIR "/docs/PROTOCOL.md"));
  return *vectors;
}

// The named block; fails the test if the document lost it.
const Block& Get(const std::string& name) {
  static const Block kEmpty;
  auto it = Vectors().find(name);
  if (it == Vectors().end()) {
    ADD_FAILURE() << "docs/PROTOCOL.md has no vector block " << name;
    return kEmpty;
  }
  return it->second;
}

std::string Raw(const Block& b, const std::string& key) {
  auto it = b.find(key);
  if (it == b.end()) {
    ADD_FAILURE() << "vector lacks " << key;
    return "";
  }
  return it->second;
}
std::string Hex(const Block& b, const std::string& key) {
  absl::StatusOr<std::string> bytes = HexDecode(Raw(b, key));
  EXPECT_TRUE(bytes.ok()) << key;
  return bytes.value_or("");
}
uint64_t Int(const Block& b, const std::string& key) { return std::stoull(Raw(b, key)); }
SecretKey<32> Key(const Block& b, const std::string& key) {
  std::string bytes = Hex(b, key);
  bytes.resize(32);
  return SecretKey<32>::CopyOf(AsBytes(bytes));
}

// crypto_box_seal with a chosen ephemeral secret key, built from the
// definition in docs/PROTOCOL.md, "Sealed boxes".
std::string SealWithEphemeral(const std::string& pk, const std::string& esk, const std::string& m) {
  std::string epk(32, '\0');
  EXPECT_EQ(crypto_scalarmult_base(reinterpret_cast<unsigned char*>(epk.data()),
                                   reinterpret_cast<const unsigned char*>(esk.data())),
            0);
  const std::string both = epk + pk;
  unsigned char nonce[24];
  crypto_generichash(nonce, 24, reinterpret_cast<const unsigned char*>(both.data()), both.size(), nullptr, 0);
  std::string c(m.size() + 16, '\0');
  EXPECT_EQ(
      crypto_box_easy(reinterpret_cast<unsigned char*>(c.data()), reinterpret_cast<const unsigned char*>(m.data()),
                      m.size(), nonce, reinterpret_cast<const unsigned char*>(pk.data()),
                      reinterpret_cast<const unsigned char*>(esk.data())),
      0);
  return epk + c;
}

TEST(VectorsTest, DocumentHasVectors) { EXPECT_GE(Vectors().size(), 20u); }

TEST(VectorsTest, DomainHash) {
  const Block& b = Get("domain-hash");
  EXPECT_EQ(HexEncode(DomainHash(Hex(b, "context"), Hex(b, "message"))), Raw(b, "hash"));
  const Block& b16 = Get("domain-hash-16");
  EXPECT_EQ(HexEncode(DomainHashN(Hex(b16, "context"), Hex(b16, "message"), 16)), Raw(b16, "hash"));
}

TEST(VectorsTest, KdfSubkeysMatchCryptoKdfAndItsBlake2bDefinition) {
  for (const char* name : {"kdf-case-1", "kdf-case-thread-base", "kdf-receipt-3"}) {
    const Block& b = Get(name);
    const std::string context = Hex(b, "context");
    const uint64_t id = Int(b, "subkey_id_int");
    const SecretKey<32> master = Key(b, "master");
    SecretKey<32> subkey;
    crypto_kdf_derive_from_key(subkey.data(), 32, id, context.c_str(), master.data());
    EXPECT_EQ(HexEncode(subkey.span()), Raw(b, "subkey")) << name;
    if (context == kCaseKdfContext) {
      EXPECT_EQ(HexEncode(DeriveCaseSubkey(master, id).span()), Raw(b, "subkey"));
    }
    // The definition the document gives for implementers without crypto_kdf.
    unsigned char salt[16] = {0}, personal[16] = {0}, out[32];
    for (int i = 0; i < 8; ++i) salt[i] = static_cast<unsigned char>(id >> (8 * i));
    std::memcpy(personal, context.data(), 8);
    crypto_generichash_blake2b_salt_personal(out, 32, nullptr, 0, master.data(), 32, salt, personal);
    EXPECT_EQ(HexEncode(std::span<const uint8_t>(out, 32)), Raw(b, "subkey")) << name;
  }
}

TEST(VectorsTest, RecipientKeysAndIds) {
  const Block& b = Get("recipient-keys");
  const X25519KeyPair box = X25519KeyPairFromSeed(Key(b, "x25519_seed"));
  const Ed25519KeyPair sign = Ed25519KeyPairFromSeed(Key(b, "ed25519_seed"));
  EXPECT_EQ(HexEncode(box.secret_key.span()), Raw(b, "x25519_secret_key"));
  EXPECT_EQ(HexEncode(box.public_key), Raw(b, "x25519_public_key"));
  EXPECT_EQ(HexEncode(sign.public_key), Raw(b, "ed25519_public_key"));
  EXPECT_EQ(HexEncode(RecipientKeyId(box.public_key, sign.public_key)), Raw(b, "recipient_key_id"));
  EXPECT_EQ(HexEncode(SigningKeyId(sign.public_key)), Raw(b, "signing_key_id"));
}

TEST(VectorsTest, DirectorySignatureFingerprintAndHash) {
  const Block& b = Get("directory-signature");
  const Ed25519KeyPair org = Ed25519KeyPairFromSeed(Key(b, "organisation_ed25519_seed"));
  EXPECT_EQ(HexEncode(org.public_key), Raw(b, "organisation_public_key"));
  const std::string fingerprint = OrganisationFingerprint(org.public_key);
  EXPECT_EQ(HexEncode(fingerprint), Raw(b, "fingerprint"));
  EXPECT_EQ(FormatFingerprint(fingerprint), Raw(b, "fingerprint_text"));
  EXPECT_EQ(*ParseFingerprint(Raw(b, "fingerprint_text")), fingerprint);
  const candour::v1::SignedDirectory signed_directory = SignDirectory(Hex(b, "directory"), org);
  EXPECT_EQ(HexEncode(signed_directory.signature()), Raw(b, "signature"));
  absl::StatusOr<VerifiedDirectory> verified = VerifyDirectory(signed_directory, Hex(b, "fingerprint"));
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(HexEncode(verified->hash), Raw(b, "directory_hash"));
}

TEST(VectorsTest, CaseKeySubkeyAndCommitment) {
  const Block& b = Get("case-key");
  const CaseKey case_key = Key(b, "case_key");
  EXPECT_EQ(HexEncode(DeriveCaseSubkey(case_key, kCaseSubkeyReportContent).span()), Raw(b, "content_subkey"));
  EXPECT_EQ(HexEncode(KeyCommitment(case_key, Hex(b, "nonce"))), Raw(b, "key_commitment"));
}

TEST(VectorsTest, PaddingBuckets) {
  for (int i = 1; i <= 6; ++i) {
    const Block& b = Get("padding-" + std::to_string(i));
    EXPECT_EQ(*BucketFor(Int(b, "content_size_int")), Int(b, "bucket_int")) << i;
  }
}

TEST(VectorsTest, TagEncoding) {
  for (int i = 1; i <= 3; ++i) {
    const Block& b = Get("tag-" + std::to_string(i));
    const AggregationTag tag{
        static_cast<uint32_t>(Int(b, "department_id_int")), static_cast<uint8_t>(Int(b, "kind_int")),
        static_cast<uint16_t>(Int(b, "characteristics_int")), static_cast<uint8_t>(Int(b, "source_int"))};
    EXPECT_EQ(HexEncode(EncodeTag(tag)), Raw(b, "tag")) << i;
    absl::StatusOr<AggregationTag> decoded = DecodeTag(Hex(b, "tag"));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(EncodeTag(*decoded), EncodeTag(tag));
  }
}

TEST(VectorsTest, SealedBoxOpensAndFollowsItsDefinition) {
  const Block& b = Get("sealed-box");
  absl::StatusOr<X25519KeyPair> recipient = X25519KeyPairFromSecret(Key(b, "recipient_x25519_secret_key"));
  ASSERT_TRUE(recipient.ok());
  EXPECT_EQ(HexEncode(recipient->public_key), Raw(b, "recipient_x25519_public_key"));
  absl::StatusOr<CaseKey> opened = OpenCaseKey(Hex(b, "sealed"), *recipient);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(HexEncode(opened->span()), Raw(b, "plaintext"));
  EXPECT_EQ(HexEncode(SealWithEphemeral(recipient->public_key, Hex(b, "ephemeral_secret_key"), Hex(b, "plaintext"))),
            Raw(b, "sealed"));
}

TEST(VectorsTest, SealedTagOpensWithAggregationKey) {
  const Block& b = Get("sealed-tag");
  const X25519KeyPair aggregation = X25519KeyPairFromSeed(Key(b, "aggregation_x25519_seed"));
  EXPECT_EQ(HexEncode(aggregation.secret_key.span()), Raw(b, "aggregation_x25519_secret_key"));
  EXPECT_EQ(HexEncode(aggregation.public_key), Raw(b, "aggregation_public_key"));
  absl::StatusOr<AggregationTag> tag = OpenTag(Hex(b, "sealed_tag"), aggregation);
  ASSERT_TRUE(tag.ok()) << tag.status();
  EXPECT_EQ(HexEncode(EncodeTag(*tag)), Raw(b, "tag"));
  EXPECT_EQ(HexEncode(SealWithEphemeral(aggregation.public_key, Hex(b, "ephemeral_secret_key"), Hex(b, "tag"))),
            Raw(b, "sealed_tag"));
}

candour::v1::Envelope EnvelopeFrom(const Block& b) {
  candour::v1::Envelope e;
  e.set_envelope_version(static_cast<uint32_t>(Int(b, "envelope_version_int")));
  e.set_report_id(Hex(b, "report_id"));
  e.set_directory_version(Int(b, "directory_version_int"));
  e.set_directory_hash(Hex(b, "directory_hash"));
  const std::string ids = Hex(b, "recipient_key_ids");
  for (size_t i = 0; i + kKeyIdSize <= ids.size(); i += kKeyIdSize) e.add_recipient_key_ids(ids.substr(i, kKeyIdSize));
  e.set_sealed_tag(Hex(b, "sealed_tag"));
  return e;
}

TEST(VectorsTest, EnvelopeEncryptsToTheVector) {
  const Block& b = Get("envelope");
  candour::v1::Envelope e = EnvelopeFrom(b);
  EXPECT_EQ(HexEncode(EnvelopeAad(e, Hex(b, "organisation_id"))), Raw(b, "aad"));
  candour::v1::ReportContent content;
  ASSERT_TRUE(content.ParseFromString(Hex(b, "content")));
  ASSERT_TRUE(EncryptContent(content, Key(b, "case_key"), Hex(b, "nonce"), Hex(b, "organisation_id"), e).ok());
  EXPECT_EQ(HexEncode(e.key_commitment()), Raw(b, "key_commitment"));
  EXPECT_EQ(HexEncode(e.ciphertext()), Raw(b, "ciphertext"));
}

TEST(VectorsTest, EnvelopeVectorOpens) {
  const Block& b = Get("envelope");
  candour::v1::Envelope e = EnvelopeFrom(b);
  e.set_nonce(Hex(b, "nonce"));
  e.set_ciphertext(Hex(b, "ciphertext"));
  e.set_key_commitment(Hex(b, "key_commitment"));
  VerifiedDirectory directory;
  directory.directory.set_organisation_id(Hex(b, "organisation_id"));
  directory.directory.set_version(Int(b, "directory_version_int"));
  directory.hash = Hex(b, "directory_hash");
  // The envelope must name exactly the directory's recipients.
  for (const auto& id : e.recipient_key_ids()) directory.directory.add_recipients()->set_key_id(id);
  absl::StatusOr<OpenedReport> opened = OpenWithCaseKey(e, Key(b, "case_key"), directory);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(HexEncode(opened->content.SerializeAsString()), Raw(b, "content"));
}

TEST(VectorsTest, ReceiptCodeAndDerivedKeys) {
  const Block& b = Get("receipt");
  absl::StatusOr<ReceiptCode> code = ReceiptCode::Parse(Raw(b, "canonical_text"));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(code->canonical(), Raw(b, "canonical_text"));
  EXPECT_EQ(code->Display().view(), Raw(b, "display_text"));
  absl::StatusOr<ReceiptCode> typed = ReceiptCode::Parse(Raw(b, "typed_text"));
  ASSERT_TRUE(typed.ok());
  EXPECT_EQ(typed->canonical(), Raw(b, "canonical_text"));
  EXPECT_EQ(HexEncode(kReceiptMasterKey), Raw(b, "receipt_master_key"));
  SecretKey<32> master;
  crypto_generichash(master.data(), 32, reinterpret_cast<const unsigned char*>(code->canonical().data()), 28,
                     reinterpret_cast<const unsigned char*>(kReceiptMasterKey.data()), kReceiptMasterKey.size());
  EXPECT_EQ(HexEncode(master.span()), Raw(b, "master"));
  const ReceiptKeys keys = DeriveReceiptKeys(*code);
  EXPECT_EQ(HexEncode(keys.lookup.span()), Raw(b, "lookup"));
  EXPECT_EQ(HexEncode(keys.lookup_hash), Raw(b, "lookup_hash"));
  EXPECT_EQ(HexEncode(keys.box.public_key), Raw(b, "box_public_key"));
  EXPECT_EQ(HexEncode(keys.sign.public_key), Raw(b, "sign_public_key"));
}

TEST(VectorsTest, KeyFileOpensWithItsPassphrase) {
  const Block& b = Get("key-file");
  const std::string text =
      "untrusted comment: " + Raw(b, "comment_text") + "\n" + Base64Encode(Hex(b, "binary")) + "\n";
  absl::StatusOr<KeyFileInfo> info = InspectKeyFile(text);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->kind, KeyFileKind::kRecipient);
  absl::StatusOr<RecipientKeys> keys = UnwrapRecipientKeys(text, Raw(b, "passphrase_text"));
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(HexEncode(keys->box.secret_key.span()), Raw(b, "x25519_secret_key"));
  EXPECT_EQ(HexEncode(keys->sign.secret_key.span().first(32)), Raw(b, "ed25519_seed"));
  EXPECT_EQ(keys->key_id, info->key_id);
  const std::string salt = Hex(b, "salt");
  const std::string passphrase = Raw(b, "passphrase_text");
  SecretKey<32> wrap_key;
  ASSERT_EQ(crypto_pwhash(wrap_key.data(), 32, passphrase.data(), passphrase.size(),
                          reinterpret_cast<const unsigned char*>(salt.data()), Int(b, "opslimit_int"),
                          Int(b, "memlimit_int"), crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_EQ(HexEncode(wrap_key.span()), Raw(b, "wrap_key"));
  EXPECT_EQ(UnwrapRecipientKeys(text, "wrong").status().code(), absl::StatusCode::kPermissionDenied);
}

TEST(VectorsTest, StaffSecretsAndVerifier) {
  const Block& b = Get("staff-secrets");
  const std::string passphrase = Raw(b, "passphrase_text");
  const std::string salt = Hex(b, "salt");
  const KdfParams kdf{Int(b, "opslimit_int"), Int(b, "memlimit_int")};
  EXPECT_EQ(kdf.opslimit, InteractiveKdf().opslimit);
  EXPECT_EQ(kdf.memlimit, InteractiveKdf().memlimit);
  EXPECT_EQ(Hex(b, "context"), kAccountKdfContext);
  absl::StatusOr<StaffSecrets> secrets = DeriveStaffSecrets(passphrase, salt, kdf);
  ASSERT_TRUE(secrets.ok()) << secrets.status();
  EXPECT_EQ(HexEncode(secrets->auth_key.span()), Raw(b, "auth_key"));
  EXPECT_EQ(HexEncode(secrets->wrap_key.span()), Raw(b, "wrap_key"));
  // The steps, as the document writes them.
  SecretKey<32> seed;
  ASSERT_EQ(crypto_pwhash(seed.data(), 32, passphrase.data(), passphrase.size(),
                          reinterpret_cast<const unsigned char*>(salt.data()), kdf.opslimit, kdf.memlimit,
                          crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_EQ(HexEncode(seed.span()), Raw(b, "seed"));
  SecretKey<32> subkey;
  crypto_kdf_derive_from_key(subkey.data(), 32, kAccountSubkeyAuth, kAccountKdfContext, seed.data());
  EXPECT_EQ(HexEncode(subkey.span()), Raw(b, "auth_key"));
  crypto_kdf_derive_from_key(subkey.data(), 32, kAccountSubkeyWrap, kAccountKdfContext, seed.data());
  EXPECT_EQ(HexEncode(subkey.span()), Raw(b, "wrap_key"));
  // The verifier another implementation wrote is one ours accepts.
  EXPECT_TRUE(VerifyAuthKey(Raw(b, "verifier_text"), secrets->auth_key.view()));
  EXPECT_FALSE(VerifyAuthKey(Raw(b, "verifier_text"), secrets->wrap_key.view()));
}

TEST(VectorsTest, UnknownAccountSalt) {
  const Block& b = Get("unknown-account-salt");
  const SecretBytes secret = SecretBytes::CopyOf(Hex(b, "server_secret"));
  EXPECT_EQ(HexEncode(AccountSalt(secret, Raw(b, "name_text"))), Raw(b, "salt"));
}

TEST(VectorsTest, SessionTokenHash) {
  const Block& b = Get("session-token");
  EXPECT_EQ(HexEncode(SessionTokenHash(Hex(b, "token"))), Raw(b, "token_hash"));
}

TEST(VectorsTest, InvitationCodeHash) {
  const Block& b = Get("invitation-code");
  EXPECT_TRUE(IsGeneratedPassphrase(Raw(b, "code_text")));
  EXPECT_EQ(HexEncode(DomainHash(kInvitationCodeContext, Raw(b, "canonical_text"))), Raw(b, "code_hash"));
  for (const char* key : {"code_text", "typed_text", "canonical_text"}) {
    absl::StatusOr<std::string> hash = InvitationCodeHash(Raw(b, key));
    ASSERT_TRUE(hash.ok()) << key << ": " << hash.status();
    EXPECT_EQ(HexEncode(*hash), Raw(b, "code_hash")) << key;
  }
}

TEST(VectorsTest, EnvelopeHash) {
  const Block& b = Get("envelope");
  candour::v1::Envelope e = EnvelopeFrom(b);
  e.set_nonce(Hex(b, "nonce"));
  e.set_key_commitment(Hex(b, "key_commitment"));
  e.set_ciphertext(Hex(b, "ciphertext"));
  EXPECT_EQ(HexEncode(EnvelopeHash(e, Hex(b, "organisation_id"))), Raw(Get("envelope-hash"), "envelope_hash"));
}

TEST(VectorsTest, ThreadEntrySealsToTheVectorAndOpens) {
  const Block& b = Get("thread-entry");
  const Ed25519KeyPair author = Ed25519KeyPairFromSeed(Key(b, "author_ed25519_seed"));
  EXPECT_EQ(HexEncode(author.public_key), Raw(b, "author_public_key"));
  EXPECT_EQ(HexEncode(SigningKeyId(author.public_key)), Raw(b, "author_key_id"));
  const CaseKey case_key = Key(b, "case_key");
  const uint64_t sequence = Int(b, "sequence_int");
  const SecretKey<32> view_key = ViewKeyOf(case_key);
  EXPECT_EQ(HexEncode(view_key.span()), Raw(b, "view_key"));
  EXPECT_EQ(HexEncode(DeriveCaseSubkey(case_key, kCaseSubkeyStaff).span()), Raw(b, "staff_key"));
  EXPECT_EQ(HexEncode(DeriveCaseSubkey(view_key, kCaseSubkeyThreadBase + sequence).span()), Raw(b, "entry_key"));
  const ThreadKeys keys = ThreadKeys::FromCaseKey(case_key);
  candour::v1::EntryContent content;
  content.set_text(Raw(b, "text_text"));
  EXPECT_EQ(HexEncode(content.SerializeAsString()), Raw(b, "content"));
  ASSERT_EQ(Int(b, "kind_int"), static_cast<uint64_t>(candour::v1::ENTRY_KIND_REPORTER_MESSAGE));
  const EntryHeader header{Hex(b, "report_id"), static_cast<uint32_t>(sequence),
                           candour::v1::ENTRY_KIND_REPORTER_MESSAGE, Hex(b, "previous_hash"), ""};
  const std::string organisation_id = Raw(b, "organisation_id_text");
  absl::StatusOr<candour::v1::ThreadEntry> entry =
      SealEntryWithNonce(header, content, keys, author, Hex(b, "author_key_id"), organisation_id, Hex(b, "nonce"));
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(HexEncode(entry->ciphertext()), Raw(b, "ciphertext"));
  EXPECT_EQ(HexEncode(entry->signature()), Raw(b, "signature"));
  EXPECT_EQ(HexEncode(EntrySigningMessage(*entry, organisation_id)), Raw(b, "header") + Raw(b, "ciphertext_hash"));
  EXPECT_EQ(HexEncode(EntryHash(*entry, organisation_id)), Raw(b, "entry_hash"));
  EXPECT_TRUE(VerifyEntrySignature(*entry, author.public_key, organisation_id).ok());
  absl::StatusOr<candour::v1::EntryContent> opened = OpenEntry(*entry, keys, organisation_id);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->text(), Raw(b, "text_text"));
}

TEST(VectorsTest, AuditEntriesSerialiseHashAndChain) {
  AuditChainVerifier chain;
  for (const char* name : {"audit-entry-1", "audit-entry-2"}) {
    SCOPED_TRACE(name);
    const Block& b = Get(name);
    candour::v1::AuditEntry entry;
    entry.set_sequence(Int(b, "sequence_int"));
    entry.set_previous_hash(Hex(b, "previous_hash"));
    entry.set_at_minute(static_cast<int64_t>(Int(b, "at_minute_int")));
    entry.set_actor(Raw(b, "actor_text"));
    entry.set_action(static_cast<candour::v1::AuditAction>(Int(b, "action_int")));
    entry.set_object(Raw(b, "object_text"));
    entry.set_salt(Hex(b, "salt"));
    const std::string body = entry.SerializeAsString();
    EXPECT_EQ(HexEncode(body), Raw(b, "body"));
    EXPECT_EQ(HexEncode(AuditBodyDigest(body)), Raw(b, "body_digest"));
    EXPECT_EQ(HexEncode(AuditEntryHash(body).value_or("")), Raw(b, "entry_hash"));
    EXPECT_TRUE(chain.Add(entry.sequence(), body).ok());
  }
  EXPECT_EQ(HexEncode(chain.head()), Raw(Get("audit-entry-2"), "entry_hash"));
}

TEST(VectorsTest, AuditCheckpointSignsToTheVector) {
  const Block& b = Get("audit-checkpoint");
  const Ed25519KeyPair admin = Ed25519KeyPairFromSeed(Key(b, "admin_ed25519_seed"));
  EXPECT_EQ(HexEncode(admin.public_key), Raw(b, "admin_public_key"));
  const std::string organisation_id = Hex(b, "organisation_id");
  const int64_t signed_at = static_cast<int64_t>(Int(b, "signed_at_int"));
  EXPECT_EQ(HexEncode(AuditCheckpointMessage(organisation_id, Int(b, "length_int"), Hex(b, "head_hash"), signed_at)),
            Raw(b, "message"));
  absl::StatusOr<candour::v1::AuditCheckpoint> checkpoint =
      SignAuditCheckpoint(admin, organisation_id, Int(b, "length_int"), Hex(b, "head_hash"), signed_at);
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status();
  EXPECT_EQ(HexEncode(checkpoint->admin_key_id()), Raw(b, "admin_key_id"));
  EXPECT_EQ(HexEncode(checkpoint->signature()), Raw(b, "signature"));
  candour::v1::Directory directory;
  directory.set_organisation_id(organisation_id);
  candour::v1::AdminKey* key = directory.add_admins();
  key->set_key_id(checkpoint->admin_key_id());
  key->set_ed25519_public_key(admin.public_key);
  EXPECT_TRUE(VerifyAuditCheckpoint(*checkpoint, directory).ok());
}

}  // namespace
}  // namespace candour::crypto
