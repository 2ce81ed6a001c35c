// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Someone with write access to the database (a stolen backup put back, a
// malicious operator) alters stored reports underneath candourd. The server
// cannot tell, and serves what it has; the Guardian's client must then refuse
// to open the report (DATA_LOSS) rather than show altered or mixed-up content,
// while untampered reports still open. Each test submits real reports to the
// in-process server over gRPC, stops it, edits RocksDB directly through the
// layout in storage/schema.h, restarts, and fetches with CaseworkService.
#include <gtest/gtest.h>

#include <ctime>

#include "clients/intake_client.h"
#include "crypto/access_proof.h"
#include "crypto/envelope.h"
#include "storage/schema.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_db.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

namespace schema = storage::schema;
using candour::testing::InProcessServer;
using candour::testing::RawDb;
using candour::testing::ScopedTempDir;
using candour::testing::StaffFixture;
using candour::testing::TestOrg;
using candour::v1::Envelope;
using candour::v1::SubmitReportRequest;
using Code = absl::StatusCode;

constexpr std::chrono::seconds kDeadline(10);

// Reports A and B are the ones tests tamper with; C is a control that no
// test touches. All three are under directory v1 of a three-Guardian org.
class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StartServer();
    ASSERT_NE(server_, nullptr);
    v1_ = org_.SignedDirectory(1);
    clients::AdminClient admin(server_->channel(), kDeadline);
    ASSERT_TRUE(admin.PublishDirectory(v1_).ok());
    clients::IntakeClient intake(server_->channel(), kDeadline);
    for (SubmitReportRequest* report : {&a_, &b_, &c_}) {
      *report = org_.MakeSubmission(v1_);
      absl::StatusOr<candour::v1::SubmitReportResponse> response = intake.SubmitReport(*report);
      ASSERT_TRUE(response.ok()) << response.status();
    }
    server_->Stop();
    server_.reset();
  }

  void StartServer() {
    auto server = InProcessServer::Start(dir_.path(), org_.organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  static const std::string& Id(const SubmitReportRequest& report) { return report.envelope().report_id(); }

  // Fetches `report` over gRPC as Guardian `guardian` and opens it, returning
  // OpenAsRecipient's code. The fetch itself must succeed: the server cannot
  // see the tampering.
  Code FetchAndOpen(const SubmitReportRequest& report, int guardian) {
    const crypto::RecipientKeys& keys = org_.guardian(guardian);
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    candour::v1::GetReportRequest request;
    request.set_report_id(Id(report));
    request.set_recipient_key_id(keys.key_id);
    request.set_issued_at(now);
    request.set_signature(crypto::SignReportAccess(keys, Id(report), now));
    if (staff_ == nullptr) {
      staff_ = std::make_unique<StaffFixture>(&server_->store(), server_->channel());
      EXPECT_TRUE(staff_->Create("guardian", StaffFixture::RoleGrants(candour::v1::ROLE_GUARDIAN)).ok());
    }
    staff_->Reconnect(&server_->store(), server_->channel());
    absl::StatusOr<clients::SignedIn> session = staff_->SignIn("guardian");
    EXPECT_TRUE(session.ok()) << session.status();
    if (!session.ok()) return session.status().code();
    clients::CaseworkClient casework(server_->channel(), kDeadline, session->token.get());
    absl::StatusOr<candour::v1::GetReportResponse> response = casework.GetReport(request);
    EXPECT_TRUE(response.ok()) << response.status();
    if (!response.ok()) return response.status().code();
    EXPECT_EQ(response->case_key_record().recipient_key_id(), keys.key_id);
    absl::StatusOr<crypto::OpenedReport> opened =
        crypto::OpenAsRecipient(response->envelope(), response->case_key_record(), keys, org_.Verify(v1_));
    if (opened.ok()) {
      EXPECT_EQ(opened->content.what_happened(), org_.DefaultContent().what_happened());
    }
    return opened.status().code();
  }

  // Reopens the server on the tampered data and checks the control.
  void Restart() {
    StartServer();
    ASSERT_NE(server_, nullptr);
    for (int g = 0; g < 3; ++g) EXPECT_EQ(FetchAndOpen(c_, g), Code::kOk) << "control, guardian " << g;
  }

  static const TestOrg org_;
  ScopedTempDir dir_{"candour_tamper"};
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<StaffFixture> staff_;
  candour::v1::SignedDirectory v1_;
  SubmitReportRequest a_, b_, c_;
};

const TestOrg TamperTest::org_;

TEST_F(TamperTest, UntamperedReportsOpenAfterRestart) {
  ASSERT_NO_FATAL_FAILURE(Restart());
  for (int g = 0; g < 3; ++g) {
    EXPECT_EQ(FetchAndOpen(a_, g), Code::kOk);
    EXPECT_EQ(FetchAndOpen(b_, g), Code::kOk);
  }
}

TEST_F(TamperTest, FlippedCiphertextByteFailsToOpen) {
  {
    RawDb db(dir_.path());
    ASSERT_TRUE(db.ok());
    auto [day, envelope] = db.GetEnvelope(Id(a_));
    ASSERT_EQ(envelope.ciphertext().size(), 1024u + 16u);
    envelope.mutable_ciphertext()->at(100) ^= 0x01;
    db.PutEnvelope(Id(a_), day, envelope);
  }
  ASSERT_NO_FATAL_FAILURE(Restart());
  for (int g = 0; g < 3; ++g) {
    EXPECT_EQ(FetchAndOpen(a_, g), Code::kDataLoss) << "guardian " << g;
    EXPECT_EQ(FetchAndOpen(b_, g), Code::kOk) << "guardian " << g;
  }
}

TEST_F(TamperTest, SwappedCaseKeyRecordsFailToOpen) {
  const std::string& guardian = org_.guardian(0).key_id;
  {
    RawDb db(dir_.path());
    ASSERT_TRUE(db.ok());
    const std::string key_a = schema::CaseKeyKey(Id(a_), guardian);
    const std::string key_b = schema::CaseKeyKey(Id(b_), guardian);
    const std::string record_a = db.Get(schema::kCaseKeysCf, key_a);
    const std::string record_b = db.Get(schema::kCaseKeysCf, key_b);
    ASSERT_EQ(record_a.size(), 80u);
    ASSERT_NE(record_a, record_b);
    db.Put(schema::kCaseKeysCf, key_a, record_b);
    db.Put(schema::kCaseKeysCf, key_b, record_a);
  }
  ASSERT_NO_FATAL_FAILURE(Restart());
  // The swapped record opens (it is sealed to this Guardian) but holds the
  // other report's case key, which the key commitment refuses.
  EXPECT_EQ(FetchAndOpen(a_, 0), Code::kDataLoss);
  EXPECT_EQ(FetchAndOpen(b_, 0), Code::kDataLoss);
  // The other Guardians' records were not touched.
  for (int g = 1; g < 3; ++g) {
    EXPECT_EQ(FetchAndOpen(a_, g), Code::kOk) << "guardian " << g;
    EXPECT_EQ(FetchAndOpen(b_, g), Code::kOk) << "guardian " << g;
  }
}

TEST_F(TamperTest, SwappedSealedTagsFailToOpen) {
  {
    RawDb db(dir_.path());
    ASSERT_TRUE(db.ok());
    auto [day_a, envelope_a] = db.GetEnvelope(Id(a_));
    auto [day_b, envelope_b] = db.GetEnvelope(Id(b_));
    ASSERT_EQ(envelope_a.sealed_tag().size(), 64u);
    ASSERT_NE(envelope_a.sealed_tag(), envelope_b.sealed_tag());
    envelope_a.mutable_sealed_tag()->swap(*envelope_b.mutable_sealed_tag());
    db.PutEnvelope(Id(a_), day_a, envelope_a);
    db.PutEnvelope(Id(b_), day_b, envelope_b);
  }
  ASSERT_NO_FATAL_FAILURE(Restart());
  // The tag is bound into the AAD by its hash, so the AEAD fails.
  for (int g = 0; g < 3; ++g) {
    EXPECT_EQ(FetchAndOpen(a_, g), Code::kDataLoss) << "guardian " << g;
    EXPECT_EQ(FetchAndOpen(b_, g), Code::kDataLoss) << "guardian " << g;
  }
}

}  // namespace
}  // namespace candour::services
