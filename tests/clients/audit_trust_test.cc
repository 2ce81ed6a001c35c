// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A staff client's audit-head check against a stand-in server that answers
// GetAuditHead from a log built with the real crypto: an honest log that
// grows is accepted page by page; one cut, rewritten or forked since the
// client's last visit, or away from a checkpoint an admin signed, is not.
#include "clients/audit_trust.h"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "crypto/audit_chain.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_org.h"

namespace candour::clients {
namespace {

using candour::testing::ScopedTempDir;
using candour::testing::TestOrg;
using candour::v1::GetAuditHeadResponse;
using Code = absl::StatusCode;

// A server's log as stored, answering GetAuditHead with at most `page` digests.
class FakeLog {
 public:
  // Appends `n` entries by `actor`.
  void Append(int n, const std::string& actor = "guardian") {
    for (int i = 0; i < n; ++i) {
      candour::v1::AuditEntry entry;
      entry.set_sequence(bodies_.size() + 1);
      entry.set_previous_hash(Head());
      entry.set_actor(actor);
      entry.set_action(candour::v1::AUDIT_ACTION_SIGN_IN);
      entry.set_salt(crypto::NewAuditSalt());
      bodies_.push_back(entry.SerializeAsString());
    }
  }
  // Keeps the first `n` entries.
  void CutTo(size_t n) { bodies_.resize(n); }
  std::string Head() const {
    return bodies_.empty() ? crypto::AuditGenesisHash() : crypto::AuditEntryHash(bodies_.back()).value();
  }
  uint64_t length() const { return bodies_.size(); }

  absl::StatusOr<GetAuditHeadResponse> Fetch(uint64_t known) const {
    GetAuditHeadResponse response;
    response.set_length(bodies_.size());
    if (!bodies_.empty()) response.set_head_hash(Head());
    if (checkpoint.has_value()) *response.mutable_checkpoint() = *checkpoint;
    for (uint64_t s = known + 1; s <= bodies_.size() && s <= known + page; ++s) {
      response.add_body_digests(digest_lies ? std::string(32, 'l') : crypto::AuditBodyDigest(bodies_[s - 1]));
    }
    return response;
  }

  std::optional<candour::v1::AuditCheckpoint> checkpoint;
  size_t page = 3;
  bool digest_lies = false;

 private:
  std::vector<std::string> bodies_;
};

class AuditTrustTest : public ::testing::Test {
 protected:
  absl::StatusOr<AuditTrust::Checked> Check() {
    AuditTrust trust(state_file_, "127.0.0.1:7443");
    return trust.CheckHead([this](uint64_t known) { return log_.Fetch(known); },
                           [this]() -> absl::StatusOr<candour::v1::Directory> {
                             if (!pinned_)
                               return absl::FailedPreconditionError("no organisation fingerprint is pinned");
                             return org_.MakeDirectory(1);
                           });
  }
  RememberedHead Remembered() const { return AuditTrust(state_file_, "127.0.0.1:7443").Remembered().value(); }

  void SignCheckpoint(const crypto::Ed25519KeyPair& key) {
    log_.checkpoint =
        crypto::SignAuditCheckpoint(key, org_.organisation_id(), log_.length(), log_.Head(), 1'800'000'000).value();
  }

  static const TestOrg org_;
  ScopedTempDir dir_{"candour_audit_trust"};
  const std::string state_file_ = dir_.path() + "/state/audit-heads";
  FakeLog log_;
  bool pinned_ = true;
};

const TestOrg AuditTrustTest::org_(1);

TEST_F(AuditTrustTest, FirstContactRemembersTheHeadAndAGrownLogExtendsIt) {
  log_.Append(5);
  ASSERT_TRUE(Check().ok());
  EXPECT_EQ(Remembered().length, 5u);
  EXPECT_EQ(Remembered().hash, log_.Head());
  log_.Append(11);  // walked three digests at a time
  absl::StatusOr<AuditTrust::Checked> checked = Check();
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->length, 16u);
  EXPECT_EQ(Remembered().hash, log_.Head());
  ASSERT_TRUE(Check().ok());  // unchanged since
}

TEST_F(AuditTrustTest, LogCutSinceTheLastVisitIsDataLoss) {
  log_.Append(10);
  ASSERT_TRUE(Check().ok());
  log_.CutTo(8);
  absl::StatusOr<AuditTrust::Checked> checked = Check();
  EXPECT_EQ(checked.status().code(), Code::kDataLoss);
  EXPECT_NE(checked.status().message().find("fewer than the 10"), std::string::npos) << checked.status();
  EXPECT_EQ(Remembered().length, 10u);  // nothing forgotten
}

TEST_F(AuditTrustTest, LogRewrittenSinceTheLastVisitIsDataLoss) {
  log_.Append(10);
  ASSERT_TRUE(Check().ok());
  log_.CutTo(6);
  log_.Append(4, "someone-else");  // the same length, another history
  EXPECT_EQ(Check().status().code(), Code::kDataLoss);
  log_.Append(10);  // and longer
  EXPECT_EQ(Check().status().code(), Code::kDataLoss);
}

TEST_F(AuditTrustTest, DigestsThatDoNotLeadToTheHeadAreDataLoss) {
  log_.Append(4);
  ASSERT_TRUE(Check().ok());
  log_.Append(4);
  log_.digest_lies = true;
  EXPECT_EQ(Check().status().code(), Code::kDataLoss);
  log_.digest_lies = false;
  log_.page = 0;  // a server that will not say
  EXPECT_EQ(Check().status().code(), Code::kDataLoss);
}

TEST_F(AuditTrustTest, CheckpointOnTheChainIsCheckedOnceAndAnchorsLaterVisits) {
  log_.Append(7);
  SignCheckpoint(org_.admin_key());
  log_.Append(3);
  absl::StatusOr<AuditTrust::Checked> checked = Check();  // first contact, from the checkpoint
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->checkpoint, "length 7, signed by Test Admin");
  EXPECT_EQ(Remembered().checkpoint_length, 7u);
  log_.Append(2);
  checked = Check();
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_TRUE(checked->checkpoint.empty());  // not checked again
}

TEST_F(AuditTrustTest, NewCheckpointOlderThanTheRememberedHeadMustLeadToIt) {
  log_.Append(10);
  ASSERT_TRUE(Check().ok());  // remembers 10
  // The operator rewrites entries 5..10 and an admin, shown only that log,
  // checkpoints its entry 8.
  log_.CutTo(4);
  log_.Append(4, "someone-else");
  SignCheckpoint(org_.admin_key());
  log_.Append(2, "someone-else");
  absl::StatusOr<AuditTrust::Checked> checked = Check();
  EXPECT_EQ(checked.status().code(), Code::kDataLoss) << checked.status();
}

TEST_F(AuditTrustTest, CheckpointOffTheChainIsDataLoss) {
  log_.Append(6);
  ASSERT_TRUE(Check().ok());
  log_.Append(3);
  log_.checkpoint =
      crypto::SignAuditCheckpoint(org_.admin_key(), org_.organisation_id(), 8, std::string(32, 'f'), 1).value();
  EXPECT_EQ(Check().status().code(), Code::kDataLoss);
}

TEST_F(AuditTrustTest, CheckpointThatCannotBeVerifiedIsANoteNotAnAnchor) {
  log_.Append(4);
  SignCheckpoint(crypto::NewEd25519KeyPair());  // not an admin of the directory
  absl::StatusOr<AuditTrust::Checked> checked = Check();
  ASSERT_TRUE(checked.ok()) << checked.status();
  ASSERT_EQ(checked->notes.size(), 1u);
  EXPECT_NE(checked->notes[0].find("not in the directory"), std::string::npos) << checked->notes[0];
  EXPECT_EQ(Remembered().checkpoint_length, 0u);
  SignCheckpoint(org_.admin_key());
  pinned_ = false;
  checked = Check();
  ASSERT_TRUE(checked.ok()) << checked.status();
  ASSERT_EQ(checked->notes.size(), 1u);
  EXPECT_NE(checked->notes[0].find("pinned"), std::string::npos) << checked->notes[0];
}

TEST_F(AuditTrustTest, CorruptStateFileIsDataLossAndNoStateIsAlwaysAFirstContact) {
  log_.Append(3);
  ASSERT_TRUE(Check().ok());
  std::ofstream(state_file_) << "127.0.0.1:7443 3 nothex 0\n";
  EXPECT_EQ(Check().status().code(), Code::kDataLoss);
  AuditTrust stateless("", "127.0.0.1:7443");
  log_.CutTo(1);
  EXPECT_TRUE(stateless
                  .CheckHead([this](uint64_t known) { return log_.Fetch(known); },
                             []() -> absl::StatusOr<candour::v1::Directory> { return candour::v1::Directory(); })
                  .ok());
}

}  // namespace
}  // namespace candour::clients
