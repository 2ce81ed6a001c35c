// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/intake_service.h"

#include <gtest/gtest.h>

#include "storage/in_memory_report_store.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::TestOrg;

class IntakeServiceTest : public ::testing::Test {
 protected:
  IntakeServiceTest() {
    audit_ = AuditTrail::Load(&store_, [] { return int64_t{1'800'000'000}; }).value();
    auto registry = DirectoryRegistry::Load(&store_, audit_.get(), org_.organisation_public_key());
    EXPECT_TRUE(registry.ok());
    registry_ = *std::move(registry);
    intake_ = std::make_unique<IntakeService>(&store_, registry_.get(), [this] { return today_; });
  }

  const TestOrg org_;
  const core::Day today_ = core::TodayInLondon();
  storage::InMemoryReportStore store_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<DirectoryRegistry> registry_;
  std::unique_ptr<IntakeService> intake_;
};

TEST_F(IntakeServiceTest, RefusesReportsBeforeTheFirstDirectory) {
  auto request = org_.MakeSubmission(org_.SignedDirectory(1));
  EXPECT_EQ(intake_->SubmitReport(request).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_.GetReport(request.envelope().report_id()).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(IntakeServiceTest, StoresAReportWithItsArrivalDay) {
  auto v1 = org_.SignedDirectory(1);
  ASSERT_TRUE(registry_->Publish(v1, today_).ok());
  auto request = org_.MakeSubmission(v1);
  auto response = intake_->SubmitReport(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->report_id(), request.envelope().report_id());
  auto stored = store_.GetReport(request.envelope().report_id());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->received_day, today_);
  EXPECT_EQ(store_.GetCaseKeys(request.envelope().report_id())->size(), 3u);
}

TEST_F(IntakeServiceTest, IdenticalRetryAfterANewDirectoryIsStillAccepted) {
  auto v1 = org_.SignedDirectory(1);
  ASSERT_TRUE(registry_->Publish(v1, today_).ok());
  auto request = org_.MakeSubmission(v1);
  ASSERT_TRUE(intake_->SubmitReport(request).ok());
  ASSERT_TRUE(registry_->Publish(org_.SignedDirectory(2), today_).ok());
  // The reporter's client lost our answer and retries: the report is safe.
  EXPECT_TRUE(intake_->SubmitReport(request).ok());
  // A new report under the old directory is refused...
  EXPECT_EQ(intake_->SubmitReport(org_.MakeSubmission(v1)).status().code(), absl::StatusCode::kFailedPrecondition);
  // ...and so is the old report id with other bytes.
  auto altered = request;
  altered.mutable_envelope()->mutable_ciphertext()->at(0) ^= 1;
  EXPECT_EQ(intake_->SubmitReport(altered).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(IntakeServiceTest, GetDirectoryServesLatestAndOlderVersions) {
  ASSERT_TRUE(registry_->Publish(org_.SignedDirectory(1), today_).ok());
  ASSERT_TRUE(registry_->Publish(org_.SignedDirectory(2), today_).ok());
  candour::v1::GetDirectoryRequest latest;
  auto got = intake_->GetDirectory(latest);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(org_.Verify(*got).directory.version(), 2u);
  candour::v1::GetDirectoryRequest old;
  old.set_version(1);
  EXPECT_EQ(org_.Verify(*intake_->GetDirectory(old)).directory.version(), 1u);
  old.set_version(7);
  EXPECT_EQ(intake_->GetDirectory(old).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace candour::services
