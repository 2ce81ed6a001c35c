// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/casework_service.h"

#include <gtest/gtest.h>

#include <ctime>
#include <limits>

#include "crypto/access_proof.h"
#include "crypto/envelope.h"
#include "services/intake_service.h"
#include "storage/in_memory_report_store.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::TestOrg;
using candour::v1::GetReportRequest;
using candour::v1::SubmitReportRequest;
using Code = absl::StatusCode;

// Four Guardians; directory v1 lists the first three, and one report is
// stored under it. The casework clock is fixed at now_.
class CaseworkServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    audit_ = AuditTrail::Load(&store_, [this] { return now_; }).value();
    auto registry = DirectoryRegistry::Load(&store_, audit_.get(), org_.organisation_public_key());
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = *std::move(registry);
    v1_ = org_.Sign(FirstThreeGuardians(1));
    ASSERT_TRUE(registry_->Publish(v1_, today_).ok());
    intake_ = std::make_unique<IntakeService>(&store_, registry_.get(), [this] { return today_; });
    casework_ = std::make_unique<CaseworkService>(&store_, registry_.get(), audit_.get(), [this] { return now_; });
    report_ = org_.MakeSubmission(v1_);
    ASSERT_TRUE(intake_->SubmitReport(report_).ok());
  }

  candour::v1::Directory FirstThreeGuardians(uint64_t version) const {
    candour::v1::Directory d = org_.MakeDirectory(version);
    d.mutable_recipients()->RemoveLast();
    d.mutable_aggregation_key_records()->RemoveLast();
    return d;
  }

  const std::string& report_id() const { return report_.envelope().report_id(); }

  // A request for `report_id` by `keys`, signed at `issued_at`.
  static GetReportRequest Request(std::string_view report_id, const crypto::RecipientKeys& keys, int64_t issued_at) {
    GetReportRequest request;
    request.set_report_id(std::string(report_id));
    request.set_recipient_key_id(keys.key_id);
    request.set_issued_at(issued_at);
    request.set_signature(crypto::SignReportAccess(keys, report_id, issued_at));
    return request;
  }
  GetReportRequest Request(const crypto::RecipientKeys& keys) const { return Request(report_id(), keys, now_); }

  Code GetCode(const GetReportRequest& request) const {
    return casework_->GetReport(caller_, request).status().code();
  }

  static const TestOrg org_;
  const core::Day today_ = core::TodayInLondon();
  const int64_t now_ = static_cast<int64_t>(std::time(nullptr));
  storage::InMemoryReportStore store_;
  std::unique_ptr<AuditTrail> audit_;
  Caller caller_ = [] {
    Caller caller;
    caller.account = "guardian";
    return caller;
  }();
  std::unique_ptr<DirectoryRegistry> registry_;
  std::unique_ptr<IntakeService> intake_;
  std::unique_ptr<CaseworkService> casework_;
  candour::v1::SignedDirectory v1_;
  SubmitReportRequest report_;
};

const TestOrg CaseworkServiceTest::org_(4);

TEST_F(CaseworkServiceTest, ReturnsEnvelopeAndTheCallersOwnRecord) {
  for (int i = 0; i < 3; ++i) {
    const crypto::RecipientKeys& guardian = org_.guardian(i);
    absl::StatusOr<candour::v1::GetReportResponse> response = casework_->GetReport(caller_, Request(guardian));
    ASSERT_TRUE(response.ok()) << response.status();
    EXPECT_EQ(response->envelope().SerializeAsString(), report_.envelope().SerializeAsString());
    EXPECT_EQ(response->case_key_record().recipient_key_id(), guardian.key_id);
    bool found = false;
    for (const auto& record : report_.case_key_records()) {
      if (record.recipient_key_id() != guardian.key_id) continue;
      EXPECT_EQ(response->case_key_record().sealed_case_key(), record.sealed_case_key());
      found = true;
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(response->received_day(), today_);
    // And it is what the Guardian needs to read the report.
    absl::StatusOr<crypto::OpenedReport> opened =
        crypto::OpenAsRecipient(response->envelope(), response->case_key_record(), guardian, org_.Verify(v1_));
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(opened->content.what_happened(), org_.DefaultContent().what_happened());
  }
}

TEST_F(CaseworkServiceTest, AcceptsProofAtEdgesOfWindow) {
  EXPECT_EQ(GetCode(Request(report_id(), org_.guardian(0), now_ - kAccessProofWindowSeconds)), Code::kOk);
  EXPECT_EQ(GetCode(Request(report_id(), org_.guardian(0), now_ + kAccessProofWindowSeconds)), Code::kOk);
}

TEST_F(CaseworkServiceTest, RejectsStaleOrFutureIssuedAtAsUnauthenticated) {
  EXPECT_EQ(GetCode(Request(report_id(), org_.guardian(0), now_ - kAccessProofWindowSeconds - 1)),
            Code::kUnauthenticated);
  EXPECT_EQ(GetCode(Request(report_id(), org_.guardian(0), now_ + kAccessProofWindowSeconds + 1)),
            Code::kUnauthenticated);
  EXPECT_EQ(GetCode(Request(report_id(), org_.guardian(0), 0)), Code::kUnauthenticated);
  // Extremes must not wrap around into the window (run under UBSan too).
  EXPECT_EQ(GetCode(Request(report_id(), org_.guardian(0), std::numeric_limits<int64_t>::min())),
            Code::kUnauthenticated);
  EXPECT_EQ(GetCode(Request(report_id(), org_.guardian(0), std::numeric_limits<int64_t>::max())),
            Code::kUnauthenticated);
}

TEST_F(CaseworkServiceTest, RejectsIssuedAtOtherThanSignedAsUnauthenticated) {
  GetReportRequest request = Request(org_.guardian(0));
  request.set_issued_at(now_ - 1);
  EXPECT_EQ(GetCode(request), Code::kUnauthenticated);
}

TEST_F(CaseworkServiceTest, RejectsKeyNotInDirectoryAsUnauthenticated) {
  const crypto::RecipientKeys stranger = crypto::NewRecipientKeys();
  EXPECT_EQ(GetCode(Request(stranger)), Code::kUnauthenticated);
  // The fourth Guardian has keys but is not in the current directory.
  EXPECT_EQ(GetCode(Request(org_.guardian(3))), Code::kUnauthenticated);
}

TEST_F(CaseworkServiceTest, RejectsSignatureByNonRecipientForRecipientIdAsUnauthenticated) {
  const crypto::RecipientKeys stranger = crypto::NewRecipientKeys();
  GetReportRequest request = Request(org_.guardian(1));
  request.set_signature(crypto::Sign(
      stranger.sign, crypto::ReportAccessMessage(report_id(), org_.guardian(1).key_id, request.issued_at())));
  EXPECT_EQ(GetCode(request), Code::kUnauthenticated);
  // Another Guardian's signature does not stand for this one either.
  request.set_signature(crypto::Sign(
      org_.guardian(2).sign, crypto::ReportAccessMessage(report_id(), org_.guardian(1).key_id, request.issued_at())));
  EXPECT_EQ(GetCode(request), Code::kUnauthenticated);
}

TEST_F(CaseworkServiceTest, RejectsBadSignatureAsUnauthenticated) {
  GetReportRequest request = Request(org_.guardian(0));
  request.mutable_signature()->at(20) ^= 0x04;
  EXPECT_EQ(GetCode(request), Code::kUnauthenticated);
}

TEST_F(CaseworkServiceTest, RejectsProofForAnotherReportAsUnauthenticated) {
  const SubmitReportRequest other = org_.MakeSubmission(v1_);
  ASSERT_TRUE(intake_->SubmitReport(other).ok());
  GetReportRequest request = Request(org_.guardian(0));
  request.set_report_id(other.envelope().report_id());
  EXPECT_EQ(GetCode(request), Code::kUnauthenticated);
}

TEST_F(CaseworkServiceTest, UnknownReportIsNotFound) {
  EXPECT_EQ(GetCode(Request(std::string(16, '\x33'), org_.guardian(0), now_)), Code::kNotFound);
}

TEST_F(CaseworkServiceTest, RecipientAddedAfterTheReportIsNotFound) {
  ASSERT_TRUE(registry_->Publish(org_.SignedDirectory(2), today_).ok());  // all four Guardians
  EXPECT_EQ(GetCode(Request(org_.guardian(3))), Code::kNotFound);
  EXPECT_EQ(GetCode(Request(org_.guardian(0))), Code::kOk);
}

TEST_F(CaseworkServiceTest, RecipientRemovedFromDirectoryIsUnauthenticated) {
  candour::v1::Directory v2 = FirstThreeGuardians(2);
  v2.mutable_recipients()->RemoveLast();
  v2.mutable_aggregation_key_records()->RemoveLast();
  ASSERT_TRUE(registry_->Publish(org_.Sign(v2), today_).ok());
  EXPECT_EQ(GetCode(Request(org_.guardian(2))), Code::kUnauthenticated);
  EXPECT_EQ(GetCode(Request(org_.guardian(0))), Code::kOk);
}

TEST_F(CaseworkServiceTest, RejectsMalformedFieldsAsInvalidArgument) {
  GetReportRequest short_id = Request(org_.guardian(0));
  short_id.mutable_report_id()->pop_back();
  EXPECT_EQ(GetCode(short_id), Code::kInvalidArgument);
  GetReportRequest long_key_id = Request(org_.guardian(0));
  long_key_id.mutable_recipient_key_id()->push_back('k');
  EXPECT_EQ(GetCode(long_key_id), Code::kInvalidArgument);
  GetReportRequest short_signature = Request(org_.guardian(0));
  short_signature.mutable_signature()->pop_back();
  EXPECT_EQ(GetCode(short_signature), Code::kInvalidArgument);
  EXPECT_EQ(GetCode(GetReportRequest()), Code::kInvalidArgument);
}

TEST(CaseworkServiceNoDirectoryTest, RejectsEveryoneBeforeFirstDirectory) {
  const TestOrg org(1);
  storage::InMemoryReportStore store;
  const int64_t now = 1'800'000'000;
  std::unique_ptr<AuditTrail> audit = AuditTrail::Load(&store, [now] { return now; }).value();
  auto registry = DirectoryRegistry::Load(&store, audit.get(), org.organisation_public_key());
  ASSERT_TRUE(registry.ok());
  CaseworkService casework(&store, registry->get(), audit.get(), [now] { return now; });
  GetReportRequest request;
  request.set_report_id(std::string(16, '\x01'));
  request.set_recipient_key_id(org.guardian(0).key_id);
  request.set_issued_at(now);
  request.set_signature(crypto::SignReportAccess(org.guardian(0), request.report_id(), now));
  Caller guardian;
  guardian.account = "guardian";
  EXPECT_EQ(casework.GetReport(guardian, request).status().code(), Code::kUnauthenticated);
}

}  // namespace
}  // namespace candour::services
