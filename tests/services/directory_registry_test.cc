// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/directory_registry.h"

#include <gtest/gtest.h>

#include "crypto/keys.h"
#include "storage/in_memory_report_store.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::TestOrg;
using candour::v1::Directory;
using candour::v1::SignedDirectory;

class DirectoryRegistryTest : public ::testing::Test {
 protected:
  DirectoryRegistryTest() : today_(core::TodayInLondon()) {}

  std::unique_ptr<DirectoryRegistry> LoadRegistry() {
    absl::StatusOr<std::unique_ptr<DirectoryRegistry>> registry =
        DirectoryRegistry::Load(&store_, audit_.get(), org_.organisation_public_key());
    EXPECT_TRUE(registry.ok()) << registry.status();
    return registry.ok() ? *std::move(registry) : nullptr;
  }

  // The number of directory versions in the store (probing 1..10).
  int StoredVersions() {
    int n = 0;
    for (uint64_t v = 1; v <= 10; ++v) n += store_.GetDirectory(v).ok() ? 1 : 0;
    return n;
  }

  const TestOrg org_;
  const core::Day today_;
  storage::InMemoryReportStore store_;
  std::unique_ptr<AuditTrail> audit_ = AuditTrail::Load(&store_, [] { return int64_t{1'800'000'000}; }).value();
};

TEST_F(DirectoryRegistryTest, EmptyStoreHasNoCurrentDirectory) {
  auto registry = LoadRegistry();
  ASSERT_NE(registry, nullptr);
  EXPECT_EQ(registry->Current(), nullptr);
  EXPECT_EQ(registry->Get(0).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(registry->Get(1).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(DirectoryRegistryTest, LoadRejectsOrganisationKeyOfWrongSize) {
  EXPECT_EQ(DirectoryRegistry::Load(&store_, audit_.get(), std::string(31, 'k')).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DirectoryRegistry::Load(&store_, audit_.get(), "").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(DirectoryRegistryTest, PublishStoresAndMakesCurrent) {
  auto registry = LoadRegistry();
  const SignedDirectory v1 = org_.SignedDirectory(1);
  absl::StatusOr<uint64_t> published = registry->Publish(v1, today_);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(*published, 1u);
  auto current = registry->Current();
  ASSERT_NE(current, nullptr);
  EXPECT_EQ(current->directory().version(), 1u);
  EXPECT_EQ(current->verified.hash, crypto::DirectoryHash(v1.directory()));
  EXPECT_EQ(current->recipient_key_ids.size(), 3u);
  for (const auto& g : org_.guardians()) EXPECT_TRUE(current->recipient_key_ids.contains(g.key_id));
  EXPECT_EQ(*store_.GetDirectory(1), v1.SerializeAsString());
}

TEST_F(DirectoryRegistryTest, LoadAfterPublishRestoresCurrent) {
  {
    auto registry = LoadRegistry();
    ASSERT_TRUE(registry->Publish(org_.SignedDirectory(1), today_).ok());
    ASSERT_TRUE(registry->Publish(org_.SignedDirectory(2), today_).ok());
  }
  auto reloaded = LoadRegistry();
  ASSERT_NE(reloaded, nullptr);
  ASSERT_NE(reloaded->Current(), nullptr);
  EXPECT_EQ(reloaded->Current()->directory().version(), 2u);
  EXPECT_EQ(reloaded->Current()->recipient_key_ids.size(), 3u);
}

TEST_F(DirectoryRegistryTest, GetZeroIsLatestAndGetVersionIsThatVersion) {
  auto registry = LoadRegistry();
  const SignedDirectory v1 = org_.SignedDirectory(1);
  const SignedDirectory v3 = org_.SignedDirectory(3);
  ASSERT_TRUE(registry->Publish(v1, today_).ok());
  ASSERT_TRUE(registry->Publish(v3, today_).ok());

  absl::StatusOr<SignedDirectory> latest = registry->Get(0);
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(latest->SerializeAsString(), v3.SerializeAsString());
  absl::StatusOr<SignedDirectory> first = registry->Get(1);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->SerializeAsString(), v1.SerializeAsString());
  EXPECT_EQ(registry->Get(2).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(registry->Get(4).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(DirectoryRegistryTest, RejectsBadSignatureAsUnauthenticated) {
  auto registry = LoadRegistry();
  SignedDirectory forged = org_.SignedDirectory(1);
  forged.mutable_signature()->at(10) ^= 0x01;
  EXPECT_EQ(registry->Publish(forged, today_).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(registry->Current(), nullptr);
  EXPECT_EQ(StoredVersions(), 0);
}

TEST_F(DirectoryRegistryTest, RejectsAlteredDirectoryBytesAsUnauthenticated) {
  auto registry = LoadRegistry();
  SignedDirectory altered = org_.SignedDirectory(1);
  altered.mutable_directory()->back() ^= 0x01;
  EXPECT_EQ(registry->Publish(altered, today_).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(StoredVersions(), 0);
}

TEST_F(DirectoryRegistryTest, RejectsDirectorySignedByAnotherKeyAsUnauthenticated) {
  auto registry = LoadRegistry();
  const crypto::Ed25519KeyPair forger = crypto::NewEd25519KeyPair();
  EXPECT_EQ(registry->Publish(TestOrg::SignWith(org_.MakeDirectory(1), forger), today_).status().code(),
            absl::StatusCode::kUnauthenticated);
  // Even when the forger claims the real organisation's public key.
  SignedDirectory claimed = TestOrg::SignWith(org_.MakeDirectory(1), forger);
  claimed.set_organisation_public_key(org_.organisation_public_key());
  EXPECT_EQ(registry->Publish(claimed, today_).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(StoredVersions(), 0);
}

TEST_F(DirectoryRegistryTest, RejectsEqualOrLowerVersionAsFailedPrecondition) {
  auto registry = LoadRegistry();
  ASSERT_TRUE(registry->Publish(org_.SignedDirectory(5), today_).ok());
  EXPECT_EQ(registry->Publish(org_.SignedDirectory(5), today_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry->Publish(org_.SignedDirectory(4), today_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry->Current()->directory().version(), 5u);
  EXPECT_EQ(StoredVersions(), 1);
}

TEST_F(DirectoryRegistryTest, RejectsExpiredDirectoryAsFailedPrecondition) {
  auto registry = LoadRegistry();
  const SignedDirectory expired = org_.Sign(org_.MakeDirectory(1, today_ - 31, today_ - 1));
  EXPECT_EQ(registry->Publish(expired, today_).status().code(), absl::StatusCode::kFailedPrecondition);
  // The last valid day is still accepted.
  EXPECT_TRUE(registry->Publish(org_.Sign(org_.MakeDirectory(2, today_ - 31, today_)), today_).ok());
}

TEST_F(DirectoryRegistryTest, RejectsDirectoryIssuedInTheFutureAsFailedPrecondition) {
  auto registry = LoadRegistry();
  EXPECT_EQ(registry->Publish(org_.Sign(org_.MakeDirectory(1, today_ + 2, today_ + 20)), today_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // One day of clock skew is allowed.
  EXPECT_TRUE(registry->Publish(org_.Sign(org_.MakeDirectory(1, today_ + 1, today_ + 20)), today_).ok());
}

TEST_F(DirectoryRegistryTest, RejectsOtherOrganisationIdAsInvalidArgument) {
  auto registry = LoadRegistry();
  ASSERT_TRUE(registry->Publish(org_.SignedDirectory(1), today_).ok());
  Directory other = org_.MakeDirectory(2);
  other.set_organisation_id(std::string(16, '\x42'));
  EXPECT_EQ(registry->Publish(org_.Sign(other), today_).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(registry->Current()->directory().version(), 1u);
  EXPECT_EQ(StoredVersions(), 1);
}

TEST_F(DirectoryRegistryTest, RejectsMalformedContentsAsInvalidArgument) {
  auto registry = LoadRegistry();
  Directory no_recipients = org_.MakeDirectory(1);
  no_recipients.clear_recipients();
  EXPECT_EQ(registry->Publish(org_.Sign(no_recipients), today_).status().code(),
            absl::StatusCode::kInvalidArgument);
  Directory too_long = org_.MakeDirectory(1, today_, today_ + 32);
  EXPECT_EQ(registry->Publish(org_.Sign(too_long), today_).status().code(), absl::StatusCode::kInvalidArgument);
  SignedDirectory not_a_directory = crypto::SignDirectory("\xff\xff\xff", org_.organisation_key());
  EXPECT_EQ(registry->Publish(not_a_directory, today_).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StoredVersions(), 0);
}

TEST_F(DirectoryRegistryTest, LoadFailsWithDataLossWhenStoredDirectoryDoesNotVerify) {
  {
    auto registry = LoadRegistry();
    ASSERT_TRUE(registry->Publish(org_.SignedDirectory(1), today_).ok());
  }
  // A changed organisation key in the config: the stored directory is not its.
  const TestOrg other;
  EXPECT_EQ(DirectoryRegistry::Load(&store_, audit_.get(), other.organisation_public_key()).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(DirectoryRegistryTest, FailedPublishLeavesCurrentUnchanged) {
  auto registry = LoadRegistry();
  ASSERT_TRUE(registry->Publish(org_.SignedDirectory(1), today_).ok());
  auto before = registry->Current();
  SignedDirectory forged = org_.SignedDirectory(2);
  forged.mutable_signature()->at(0) ^= 0x80;
  ASSERT_FALSE(registry->Publish(forged, today_).ok());
  EXPECT_EQ(registry->Current(), before);
}

}  // namespace
}  // namespace candour::services

namespace candour::services {
namespace {

TEST_F(DirectoryRegistryTest, RejectsUnsignedFieldsAroundTheSignedDirectory) {
  auto registry = LoadRegistry();
  SignedDirectory v1 = org_.SignedDirectory(1);
  v1.GetReflection()->MutableUnknownFields(&v1)->AddLengthDelimited(99, "served to every client unsigned");
  EXPECT_EQ(registry->Publish(v1, today_).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StoredVersions(), 0);
}

TEST_F(DirectoryRegistryTest, RejectsARecipientWhoseKeyIdNamesOtherKeys) {
  auto registry = LoadRegistry();
  Directory d = org_.MakeDirectory(1);
  d.mutable_recipients(0)->set_x25519_public_key(crypto::NewX25519KeyPair().public_key);
  EXPECT_EQ(registry->Publish(org_.Sign(d), today_).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StoredVersions(), 0);
}

}  // namespace
}  // namespace candour::services
