// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/directory_trust.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "crypto/keys.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_org.h"

namespace candour::clients {
namespace {

using candour::testing::ScopedTempDir;
using candour::testing::TestOrg;
using candour::v1::SignedDirectory;
using Code = absl::StatusCode;

class DirectoryTrustTest : public ::testing::Test {
 protected:
  DirectoryTrust NewTrust() const { return DirectoryTrust(org_.fingerprint(), state_file_); }

  static const TestOrg org_;
  const core::Day today_ = core::TodayInLondon();
  ScopedTempDir dir_{"candour_trust"};
  const std::string state_file_ = dir_.path() + "/state/directories";
};

const TestOrg DirectoryTrustTest::org_;

TEST_F(DirectoryTrustTest, AcceptsValidDirectoryAndRemembersVersion) {
  DirectoryTrust trust = NewTrust();
  EXPECT_EQ(*trust.HighestSeen(), 0u);
  const SignedDirectory v1 = org_.SignedDirectory(1);
  absl::StatusOr<crypto::VerifiedDirectory> verified = trust.AcceptCurrent(v1, today_);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->directory.version(), 1u);
  EXPECT_EQ(verified->hash, crypto::DirectoryHash(v1.directory()));
  EXPECT_EQ(verified->signed_bytes, v1.directory());
  EXPECT_EQ(*trust.HighestSeen(), 1u);
  EXPECT_TRUE(std::filesystem::exists(state_file_));
}

TEST_F(DirectoryTrustTest, RefusesDirectorySignedByAnotherKey) {
  DirectoryTrust trust = NewTrust();
  const crypto::Ed25519KeyPair forger = crypto::NewEd25519KeyPair();
  EXPECT_EQ(trust.AcceptCurrent(TestOrg::SignWith(org_.MakeDirectory(2), forger), today_).status().code(),
            Code::kUnauthenticated);
  // Claiming the real organisation key does not help the forger.
  SignedDirectory claimed = TestOrg::SignWith(org_.MakeDirectory(2), forger);
  claimed.set_organisation_public_key(org_.organisation_public_key());
  EXPECT_EQ(trust.AcceptCurrent(claimed, today_).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(*trust.HighestSeen(), 0u);
}

TEST_F(DirectoryTrustTest, RefusesFlippedSignatureByte) {
  DirectoryTrust trust = NewTrust();
  const SignedDirectory good = org_.SignedDirectory(1);
  for (size_t i : {size_t{0}, size_t{31}, size_t{63}}) {
    SignedDirectory forged = good;
    forged.mutable_signature()->at(i) ^= 0x01;
    EXPECT_EQ(trust.AcceptCurrent(forged, today_).status().code(), Code::kUnauthenticated) << "byte " << i;
  }
  SignedDirectory altered = good;
  altered.mutable_directory()->at(5) ^= 0x01;
  EXPECT_EQ(trust.AcceptCurrent(altered, today_).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(*trust.HighestSeen(), 0u);
}

TEST_F(DirectoryTrustTest, RefusesExpiredDirectory) {
  DirectoryTrust trust = NewTrust();
  const SignedDirectory expired = org_.Sign(org_.MakeDirectory(1, today_ - 31, today_ - 1));
  EXPECT_EQ(trust.AcceptCurrent(expired, today_).status().code(), Code::kFailedPrecondition);
  // The same directory was fine on its last day.
  EXPECT_TRUE(trust.AcceptCurrent(expired, today_ - 1).ok());
}

TEST_F(DirectoryTrustTest, RefusesDirectoryNotYetIssued) {
  DirectoryTrust trust = NewTrust();
  EXPECT_EQ(trust.AcceptCurrent(org_.Sign(org_.MakeDirectory(1, today_ + 2, today_ + 30)), today_).status().code(),
            Code::kFailedPrecondition);
}

TEST_F(DirectoryTrustTest, RefusesMalformedContents) {
  DirectoryTrust trust = NewTrust();
  candour::v1::Directory d = org_.MakeDirectory(1);
  d.clear_recipients();
  EXPECT_EQ(trust.AcceptCurrent(org_.Sign(d), today_).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(*trust.HighestSeen(), 0u);
}

TEST_F(DirectoryTrustTest, RefusesRollbackAcrossInstances) {
  {
    DirectoryTrust trust = NewTrust();
    ASSERT_TRUE(trust.AcceptCurrent(org_.SignedDirectory(3), today_).ok());
    EXPECT_EQ(trust.AcceptCurrent(org_.SignedDirectory(2), today_).status().code(), Code::kFailedPrecondition);
  }
  // A new process reads the state file and still refuses the rollback.
  DirectoryTrust trust = NewTrust();
  EXPECT_EQ(*trust.HighestSeen(), 3u);
  EXPECT_EQ(trust.AcceptCurrent(org_.SignedDirectory(2), today_).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(trust.AcceptCurrent(org_.SignedDirectory(1), today_).status().code(), Code::kFailedPrecondition);
  // The version already seen is still current; a newer one moves the mark.
  EXPECT_TRUE(trust.AcceptCurrent(org_.SignedDirectory(3), today_).ok());
  absl::StatusOr<crypto::VerifiedDirectory> v4 = trust.AcceptCurrent(org_.SignedDirectory(4), today_);
  ASSERT_TRUE(v4.ok()) << v4.status();
  EXPECT_EQ(v4->directory.version(), 4u);
  EXPECT_EQ(*NewTrust().HighestSeen(), 4u);
}

TEST_F(DirectoryTrustTest, StateIsKeptPerOrganisation) {
  DirectoryTrust trust = NewTrust();
  ASSERT_TRUE(trust.AcceptCurrent(org_.SignedDirectory(5), today_).ok());
  const TestOrg other;
  DirectoryTrust other_trust(other.fingerprint(), state_file_);
  EXPECT_EQ(*other_trust.HighestSeen(), 0u);
  ASSERT_TRUE(other_trust.AcceptCurrent(other.SignedDirectory(1), today_).ok());
  EXPECT_EQ(*NewTrust().HighestSeen(), 5u);
  EXPECT_EQ(*DirectoryTrust(other.fingerprint(), state_file_).HighestSeen(), 1u);
}

TEST_F(DirectoryTrustTest, CorruptStateFileIsDataLoss) {
  std::filesystem::create_directories(std::filesystem::path(state_file_).parent_path());
  std::ofstream(state_file_) << "abcd notanumber\n";
  DirectoryTrust trust = NewTrust();
  EXPECT_EQ(trust.HighestSeen().status().code(), Code::kDataLoss);
  EXPECT_EQ(trust.AcceptCurrent(org_.SignedDirectory(1), today_).status().code(), Code::kDataLoss);
}

TEST_F(DirectoryTrustTest, AcceptHistoricalAcceptsOldVersionAfterNewer) {
  DirectoryTrust trust = NewTrust();
  const SignedDirectory v1 = org_.SignedDirectory(1);
  ASSERT_TRUE(trust.AcceptCurrent(org_.SignedDirectory(3), today_).ok());
  absl::StatusOr<crypto::VerifiedDirectory> old = trust.AcceptHistorical(v1, 1);
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->directory.version(), 1u);
  EXPECT_EQ(old->hash, crypto::DirectoryHash(v1.directory()));
  // History does not move the rollback mark, and long-expired history opens.
  EXPECT_EQ(*trust.HighestSeen(), 3u);
  const SignedDirectory expired = org_.Sign(org_.MakeDirectory(2, today_ - 400, today_ - 370));
  EXPECT_TRUE(trust.AcceptHistorical(expired, 2).ok());
}

TEST_F(DirectoryTrustTest, AcceptHistoricalChecksVersionNumber) {
  DirectoryTrust trust = NewTrust();
  EXPECT_EQ(trust.AcceptHistorical(org_.SignedDirectory(2), 1).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(trust.AcceptHistorical(org_.SignedDirectory(1), 2).status().code(), Code::kFailedPrecondition);
}

TEST_F(DirectoryTrustTest, AcceptHistoricalChecksPinAndSignature) {
  DirectoryTrust trust = NewTrust();
  const crypto::Ed25519KeyPair forger = crypto::NewEd25519KeyPair();
  EXPECT_EQ(trust.AcceptHistorical(TestOrg::SignWith(org_.MakeDirectory(1), forger), 1).status().code(),
            Code::kUnauthenticated);
  SignedDirectory flipped = org_.SignedDirectory(1);
  flipped.mutable_signature()->at(3) ^= 0x01;
  EXPECT_EQ(trust.AcceptHistorical(flipped, 1).status().code(), Code::kUnauthenticated);
}

}  // namespace
}  // namespace candour::clients
