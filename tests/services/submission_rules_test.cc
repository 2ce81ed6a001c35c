// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/submission_rules.h"

#include <gtest/gtest.h>

#include "crypto/padding.h"
#include "services/directory_registry.h"
#include "storage/in_memory_report_store.h"
#include "tests/testing/bad_submissions.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::BadSubmission;
using candour::testing::TestOrg;
using candour::v1::SubmitReportRequest;

// A registry holding directory v1 of a three-Guardian organisation, and a
// valid submission under it.
class SubmissionRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    audit_ = AuditTrail::Load(&store_, [] { return int64_t{1'800'000'000}; }).value();
    auto registry = DirectoryRegistry::Load(&store_, audit_.get(), org_.organisation_public_key());
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = *std::move(registry);
    signed_v1_ = org_.SignedDirectory(1);
    ASSERT_TRUE(registry_->Publish(signed_v1_, today_).ok());
    current_ = registry_->Current();
    ASSERT_NE(current_, nullptr);
    valid_ = org_.MakeSubmission(signed_v1_);
  }

  absl::StatusCode Validate(const SubmitReportRequest& request, core::Day today) const {
    return ValidateSubmission(request, *current_, today).code();
  }
  absl::StatusCode Validate(const SubmitReportRequest& request) const { return Validate(request, today_); }

  static TestOrg org_;  // shared: key generation is the slow part
  const core::Day today_ = core::TodayInLondon();
  storage::InMemoryReportStore store_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<DirectoryRegistry> registry_;
  candour::v1::SignedDirectory signed_v1_;
  std::shared_ptr<const CurrentDirectory> current_;
  SubmitReportRequest valid_;
};

TestOrg SubmissionRulesTest::org_;

TEST_F(SubmissionRulesTest, AcceptsValidSubmission) {
  EXPECT_EQ(ValidateSubmission(valid_, *current_, today_), absl::OkStatus());
}

TEST_F(SubmissionRulesTest, AcceptsEveryBucketSize) {
  for (size_t bucket = crypto::kSmallestBucket; bucket <= crypto::kLargestBucket; bucket *= 2) {
    SubmitReportRequest request = valid_;
    request.mutable_envelope()->set_ciphertext(std::string(bucket + 16, '\0'));
    EXPECT_EQ(Validate(request), absl::StatusCode::kOk) << "bucket " << bucket;
  }
}

TEST_F(SubmissionRulesTest, RejectsSubmissionOnceDirectoryHasExpired) {
  const core::Day expiry = current_->directory().expiry_day();
  EXPECT_EQ(Validate(valid_, expiry), absl::StatusCode::kOk);
  EXPECT_EQ(Validate(valid_, expiry + 1), absl::StatusCode::kFailedPrecondition);
}

TEST_F(SubmissionRulesTest, RejectsSubmissionUnderPreviousDirectory) {
  ASSERT_TRUE(registry_->Publish(org_.SignedDirectory(2), today_).ok());
  EXPECT_EQ(ValidateSubmission(valid_, *registry_->Current(), today_).code(), absl::StatusCode::kFailedPrecondition);
  // Re-encrypted under v2, the same content is accepted.
  const SubmitReportRequest fresh = org_.MakeSubmission(*registry_->Get(2));
  EXPECT_EQ(ValidateSubmission(fresh, *registry_->Current(), today_), absl::OkStatus());
}

TEST_F(SubmissionRulesTest, ChecksShapeBeforeDirectoryBinding) {
  // Both faults at once: the malformed field wins, so a client learns to fix
  // its request before it is told to fetch a new directory.
  SubmitReportRequest request = valid_;
  request.mutable_envelope()->set_directory_version(99);
  request.mutable_envelope()->mutable_report_id()->pop_back();
  EXPECT_EQ(Validate(request), absl::StatusCode::kInvalidArgument);
}

TEST_F(SubmissionRulesTest, ChecksDirectoryBindingBeforeRecipients) {
  SubmitReportRequest request = valid_;
  request.mutable_envelope()->set_directory_version(99);
  request.mutable_envelope()->mutable_recipient_key_ids()->RemoveLast();
  EXPECT_EQ(Validate(request), absl::StatusCode::kFailedPrecondition);
}

TEST_F(SubmissionRulesTest, ErrorMessagesNameTheFieldButNoBytes) {
  SubmitReportRequest request = valid_;
  request.mutable_envelope()->set_ciphertext(std::string(1041, 'Q'));
  absl::Status status = ValidateSubmission(request, *current_, today_);
  EXPECT_NE(status.message().find("ciphertext"), absl::string_view::npos) << status;
  EXPECT_EQ(status.message().find("QQQQ"), absl::string_view::npos) << status;
}

class BadSubmissionRulesTest : public SubmissionRulesTest,
                               public ::testing::WithParamInterface<BadSubmission> {};

TEST_P(BadSubmissionRulesTest, GetsExpectedCode) {
  SubmitReportRequest request = valid_;
  GetParam().mutate(request);
  ASSERT_NE(request.SerializeAsString(), valid_.SerializeAsString()) << "mutation changed nothing";
  EXPECT_EQ(Validate(request), GetParam().expected) << ValidateSubmission(request, *current_, today_);
}

INSTANTIATE_TEST_SUITE_P(Table, BadSubmissionRulesTest, ::testing::ValuesIn(candour::testing::BadSubmissions()),
                         [](const ::testing::TestParamInfo<BadSubmission>& info) { return info.param.name; });

}  // namespace
}  // namespace candour::services
