// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/audit_chain.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

using candour::v1::AuditCheckpoint;
using candour::v1::AuditEntry;

const std::string kOrg(16, '\x11');

// A log of `n` well-formed entries, as stored: (sequence, bytes).
std::vector<std::pair<uint64_t, std::string>> MakeLog(uint64_t n) {
  std::vector<std::pair<uint64_t, std::string>> log;
  std::string previous = AuditGenesisHash();
  for (uint64_t sequence = 1; sequence <= n; ++sequence) {
    AuditEntry entry;
    entry.set_sequence(sequence);
    entry.set_previous_hash(previous);
    entry.set_at_minute(1780000000 + 60 * static_cast<int64_t>(sequence));
    entry.set_actor("guardian");
    entry.set_action(candour::v1::AUDIT_ACTION_OPEN_REPORT);
    entry.set_object("00112233445566778899aabbccddeeff");
    entry.set_salt(std::string(kAuditSaltSize, static_cast<char>(sequence)));
    std::string body = entry.SerializeAsString();
    previous = AuditEntryHash(body).value();
    log.emplace_back(sequence, std::move(body));
  }
  return log;
}

// Feeds `log` and Finish; the first error.
absl::Status Walk(AuditChainVerifier& verifier, const std::vector<std::pair<uint64_t, std::string>>& log) {
  for (const auto& [sequence, body] : log) {
    if (absl::Status s = verifier.Add(sequence, body); !s.ok()) return s;
  }
  return verifier.Finish();
}

std::string MessageOf(const std::vector<std::pair<uint64_t, std::string>>& log,
                      const std::function<void(AuditChainVerifier&)>& setup = nullptr) {
  AuditChainVerifier verifier;
  if (setup) setup(verifier);
  absl::Status status = Walk(verifier, log);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  return std::string(status.message());
}

TEST(AuditChainTest, HashIsTheDocumentedLink) {
  const std::string body = MakeLog(1)[0].second;
  const std::string expected =
      DomainHash(kAuditEntryContext,
                 std::string("\x01\0\0\0\0\0\0\0", 8) + AuditGenesisHash() + DomainHash(kAuditBodyContext, body));
  EXPECT_EQ(AuditEntryHash(body).value(), expected);
  EXPECT_EQ(AuditGenesisHash(), std::string(32, '\0'));
}

TEST(AuditChainTest, IntactLogVerifies) {
  const auto log = MakeLog(5);
  AuditChainVerifier verifier;
  verifier.ExpectHashAt(3, AuditEntryHash(log[2].second).value(), "the checkpoint");
  ASSERT_TRUE(Walk(verifier, log).ok());
  EXPECT_EQ(verifier.length(), 5u);
  EXPECT_EQ(verifier.head(), AuditEntryHash(log[4].second).value());
  AuditChainVerifier empty;
  EXPECT_TRUE(empty.Finish().ok());
  EXPECT_EQ(empty.head(), AuditGenesisHash());
}

TEST(AuditChainTest, ChangedEntryIsNamedByTheNextLink) {
  auto log = MakeLog(5);
  AuditEntry entry = ParseAuditEntry(log[2].second).value();
  entry.set_actor("someone-else");
  log[2].second = entry.SerializeAsString();
  EXPECT_EQ(MessageOf(log), "entry 4 does not chain to entry 3: entry 3 (or 4) was changed or replaced");
}

TEST(AuditChainTest, UnparseableEntryIsChanged) {
  auto log = MakeLog(3);
  log[1].second[0] = '\xff';
  EXPECT_NE(MessageOf(log).find("entry 2 was changed"), std::string::npos);
}

TEST(AuditChainTest, RemovedEntryIsAGap) {
  auto log = MakeLog(5);
  log.erase(log.begin() + 2);
  EXPECT_EQ(MessageOf(log), "entry 3 is missing: the log goes from entry 2 to entry 4 (removed)");
  auto first = MakeLog(2);
  first.erase(first.begin());
  EXPECT_EQ(MessageOf(first), "entry 1 is missing: the log goes from entry 0 to entry 2 (removed)");
}

TEST(AuditChainTest, SwappedEntriesAreReordered) {
  auto log = MakeLog(5);
  std::swap(log[1].second, log[2].second);
  EXPECT_EQ(MessageOf(log), "entry 2 holds entry 3: entries were reordered or moved");
}

TEST(AuditChainTest, ReplacedFirstEntryDoesNotStartTheChain) {
  auto log = MakeLog(2);
  AuditEntry entry = ParseAuditEntry(log[0].second).value();
  entry.set_previous_hash(std::string(32, '\x01'));
  log[0].second = entry.SerializeAsString();
  EXPECT_EQ(MessageOf(log), "entry 1 does not start the chain: it was changed or replaced");
}

TEST(AuditChainTest, TruncationBelowAnAnchorIsCutFromTheEnd) {
  auto log = MakeLog(10);
  const std::string head = AuditEntryHash(log[9].second).value();
  log.resize(7);
  EXPECT_EQ(MessageOf(log, [&](AuditChainVerifier& v) { v.ExpectHashAt(10, head, "the checkpoint"); }),
            "the log ends at entry 7 but the checkpoint covers 10 entries: entries 8 to 10 were cut from the end");
}

TEST(AuditChainTest, ChangedLastEntryDiffersFromTheAnchor) {
  auto log = MakeLog(4);
  const std::string head = AuditEntryHash(log[3].second).value();
  AuditEntry entry = ParseAuditEntry(log[3].second).value();
  entry.set_object("");
  log[3].second = entry.SerializeAsString();
  EXPECT_EQ(MessageOf(log, [&](AuditChainVerifier& v) { v.ExpectHashAt(4, head, "the checkpoint"); }),
            "entry 4 differs from the checkpoint: the log was changed at or before entry 4");
}

TEST(AuditChainTest, DigestsExtendAKnownHead) {
  const auto log = MakeLog(6);
  AuditChainVerifier verifier(2, AuditEntryHash(log[1].second).value());
  verifier.ExpectHashAt(5, AuditEntryHash(log[4].second).value(), "the checkpoint");
  verifier.ExpectHashAt(1, "ignored: at or below the start", "an old anchor");
  for (size_t i = 2; i < log.size(); ++i) ASSERT_TRUE(verifier.AddDigest(AuditBodyDigest(log[i].second)).ok());
  ASSERT_TRUE(verifier.Finish().ok());
  EXPECT_EQ(verifier.head(), AuditEntryHash(log[5].second).value());
  // A server that forked the log after entry 2 cannot reach the checkpoint.
  AuditChainVerifier forked(2, AuditEntryHash(log[1].second).value());
  forked.ExpectHashAt(5, AuditEntryHash(log[4].second).value(), "the checkpoint");
  ASSERT_TRUE(forked.AddDigest(AuditBodyDigest(log[2].second)).ok());
  ASSERT_TRUE(forked.AddDigest(std::string(32, 'x')).ok());
  EXPECT_EQ(forked.AddDigest(AuditBodyDigest(log[4].second)).code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(forked.AddDigest("short").code(), absl::StatusCode::kDataLoss);
}

TEST(AuditChainTest, MalformedStoredFieldsAreDataLoss) {
  AuditEntry entry = ParseAuditEntry(MakeLog(1)[0].second).value();
  for (auto mutate : std::vector<std::function<void(AuditEntry&)>>{
           [](AuditEntry& e) { e.set_previous_hash("short"); },
           [](AuditEntry& e) { e.set_salt(""); },
           [](AuditEntry& e) { e.set_actor(std::string(65, 'a')); },
           [](AuditEntry& e) { e.set_object(std::string(129, 'o')); },
       }) {
    AuditEntry bad = entry;
    mutate(bad);
    EXPECT_EQ(ParseAuditEntry(bad.SerializeAsString()).status().code(), absl::StatusCode::kDataLoss);
  }
}

class AuditCheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_.set_organisation_id(kOrg);
    candour::v1::AdminKey* key = directory_.add_admins();
    key->set_key_id(SigningKeyId(admin_.public_key));
    key->set_display_name("Ada Admin");
    key->set_ed25519_public_key(admin_.public_key);
  }
  AuditCheckpoint Signed() const {
    return SignAuditCheckpoint(admin_, kOrg, 7, std::string(32, 'h'), 1780000000).value();
  }

  Ed25519KeyPair admin_ = NewEd25519KeyPair();
  candour::v1::Directory directory_;
};

TEST_F(AuditCheckpointTest, SignedCheckpointVerifiesAndNamesItsAdmin) {
  absl::StatusOr<std::string> name = VerifyAuditCheckpoint(Signed(), directory_);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, "Ada Admin");
}

TEST_F(AuditCheckpointTest, EveryChangedFieldFailsToVerify) {
  for (auto mutate : std::vector<std::function<void(AuditCheckpoint&)>>{
           [](AuditCheckpoint& c) { c.set_length(8); },
           [](AuditCheckpoint& c) { c.set_head_hash(std::string(32, 'H')); },
           [](AuditCheckpoint& c) { c.set_signed_at(c.signed_at() + 1); },
           [](AuditCheckpoint& c) { (*c.mutable_signature())[0] ^= 1; },
           [](AuditCheckpoint& c) { c.set_organisation_id(std::string(16, '\x22')); },
           [](AuditCheckpoint& c) { c.set_admin_key_id(std::string(16, 'k')); },
       }) {
    AuditCheckpoint checkpoint = Signed();
    mutate(checkpoint);
    EXPECT_EQ(VerifyAuditCheckpoint(checkpoint, directory_).status().code(), absl::StatusCode::kUnauthenticated);
  }
}

TEST_F(AuditCheckpointTest, KeyOutsideTheDirectoryIsRefused) {
  AuditCheckpoint other = SignAuditCheckpoint(NewEd25519KeyPair(), kOrg, 7, std::string(32, 'h'), 1).value();
  EXPECT_EQ(VerifyAuditCheckpoint(other, directory_).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(AuditCheckpointTest, MalformedFieldsAreInvalidArgument) {
  EXPECT_EQ(SignAuditCheckpoint(admin_, "", 7, std::string(32, 'h'), 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignAuditCheckpoint(admin_, kOrg, 0, std::string(32, 'h'), 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignAuditCheckpoint(admin_, kOrg, 7, "short", 1).status().code(), absl::StatusCode::kInvalidArgument);
  AuditCheckpoint checkpoint = Signed();
  checkpoint.set_signature("short");
  EXPECT_EQ(VerifyAuditCheckpoint(checkpoint, directory_).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AuditCheckpointMessage(std::string(256, 'o'), 1, std::string(32, 'h'), 0), "");
}

}  // namespace
}  // namespace candour::crypto
