// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A real candourd (RocksDB, gRPC on 127.0.0.1) with one published directory,
// one submitted report, its receipt code, and a Guardian account for
// guardian(0) of a two-Guardian TestOrg: what the case-thread and workflow
// tests share, with helpers that seal entries as either side would.
#ifndef CANDOUR_TESTS_SERVICES_THREAD_FIXTURE_H_
#define CANDOUR_TESTS_SERVICES_THREAD_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clients/case_thread.h"
#include "clients/intake_client.h"
#include "crypto/envelope.h"
#include "crypto/receipt.h"
#include "crypto/thread_entry.h"
#include "storage/schema.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_db.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour::services {

using candour::testing::InProcessServer;
using candour::testing::RawDb;
using candour::testing::ScopedTempDir;
using candour::testing::StaffFixture;
using candour::testing::TestOrg;
using candour::v1::ThreadEntry;
using Code = absl::StatusCode;
namespace schema = storage::schema;

inline constexpr std::chrono::seconds kDeadline(10);

inline std::string View(const crypto::SecretKey<32>& key) {
  return std::string(reinterpret_cast<const char*>(key.data()), key.size());
}

class ThreadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Start();
    v1_ = org_.SignedDirectory(1);
    clients::AdminClient admin(server_->channel(), kDeadline);
    ASSERT_TRUE(admin.PublishDirectory(v1_).ok());
    submission_ = org_.MakeSubmissionFor(code_, v1_);
    clients::IntakeClient intake(server_->channel(), kDeadline);
    ASSERT_TRUE(intake.SubmitReport(submission_).ok());
    staff_ = std::make_unique<StaffFixture>(&server_->store(), server_->channel());
    ASSERT_TRUE(staff_->Create("guardian", StaffFixture::RoleGrants(candour::v1::ROLE_GUARDIAN)).ok());
    auto view_key = crypto::OpenViewKey(submission_.receipt().sealed_view_key(), ReportId(), receipt_.box);
    ASSERT_TRUE(view_key.ok());
    reporter_keys_.emplace(crypto::ThreadKeys::FromViewKey(*std::move(view_key)));
    for (const auto& record : submission_.case_key_records()) {
      if (record.recipient_key_id() != org_.guardian(0).key_id) continue;
      auto case_key = crypto::OpenCaseKey(record.sealed_case_key(), org_.guardian(0).box);
      ASSERT_TRUE(case_key.ok());
      guardian_keys_.emplace(crypto::ThreadKeys::FromCaseKey(*case_key));
    }
    ASSERT_TRUE(guardian_keys_.has_value());
  }

  void Start() {
    auto server = InProcessServer::Start(dir_.path(), org_.organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    if (staff_ != nullptr) staff_->Reconnect(&server_->store(), server_->channel());
  }

  const std::string& ReportId() const { return submission_.envelope().report_id(); }
  const std::string& OrgId() const { return org_.organisation_id(); }

  clients::VerifiedThread Verify(const std::vector<ThreadEntry>& entries, const crypto::ThreadKeys& keys) {
    crypto::VerifiedDirectory directory = org_.Verify(v1_);
    return clients::VerifyThread(entries, submission_.envelope(), keys, receipt_.sign.public_key,
                                 {&directory.directory}, OrgId());
  }

  // A failed fetch as the client shows it: no messages, the server's error.
  static clients::VerifiedThread Failed(absl::Status status) {
    clients::VerifiedThread thread;
    thread.problem = std::move(status);
    return thread;
  }

  // The thread as the reporter's client reads it, with the receipt code.
  clients::VerifiedThread ReporterView() {
    clients::IntakeClient intake(server_->channel(), kDeadline);
    auto found = intake.GetCase(View(receipt_.lookup));
    if (!found.ok()) return Failed(found.status());
    return Verify({found->entries().begin(), found->entries().end()}, *reporter_keys_);
  }

  // The thread as a signed-in Guardian's client reads it.
  clients::VerifiedThread GuardianView() {
    auto session = staff_->SignIn("guardian");
    EXPECT_TRUE(session.ok()) << session.status();
    clients::CaseworkClient casework(server_->channel(), kDeadline, session->token.get());
    auto thread = casework.GetThread(ReportId());
    if (!thread.ok()) return Failed(thread.status());
    return Verify({thread->entries().begin(), thread->entries().end()}, *guardian_keys_);
  }

  ThreadEntry ReporterEntry(const std::string& text, const clients::VerifiedThread& thread) {
    crypto::EntryHeader header{ReportId(), thread.next_sequence, candour::v1::ENTRY_KIND_REPORTER_MESSAGE,
                               thread.last_hash, ""};
    candour::v1::EntryContent content;
    content.set_text(text);
    auto entry = crypto::SealEntry(header, content, *reporter_keys_, receipt_.sign,
                                   crypto::SigningKeyId(receipt_.sign.public_key), OrgId());
    EXPECT_TRUE(entry.ok()) << entry.status();
    return *entry;
  }

  ThreadEntry GuardianEntry(const std::string& text, const clients::VerifiedThread& thread,
                            const crypto::Ed25519KeyPair& signer, const std::string& key_id) {
    crypto::EntryHeader header{ReportId(), thread.next_sequence, candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE,
                               thread.last_hash, thread.last_reporter_hash};
    candour::v1::EntryContent content;
    content.set_text(text);
    auto entry = crypto::SealEntry(header, content, *guardian_keys_, signer, key_id, OrgId());
    EXPECT_TRUE(entry.ok()) << entry.status();
    return *entry;
  }

  // Any Guardian kind, sealed by guardian(0) as the next entry of `thread`.
  ThreadEntry GuardianWrites(candour::v1::EntryKind kind, const candour::v1::EntryContent& content,
                             const clients::VerifiedThread& thread) {
    const crypto::RecipientKeys& g = org_.guardian(0);
    crypto::EntryHeader header{ReportId(), thread.next_sequence, kind, thread.last_hash, thread.last_reporter_hash};
    auto entry = crypto::SealEntry(header, content, *guardian_keys_, g.sign, g.key_id, OrgId());
    EXPECT_TRUE(entry.ok()) << entry.status();
    return *entry;
  }

  // A signed-in Guardian's casework client (the session lives as long as the fixture).
  clients::CaseworkClient Casework() {
    auto session = staff_->SignIn("guardian");
    EXPECT_TRUE(session.ok()) << session.status();
    sessions_.push_back(std::make_unique<clients::SignedIn>(*std::move(session)));
    return clients::CaseworkClient(server_->channel(), kDeadline, sessions_.back()->token.get());
  }

  absl::Status PostAsReporter(const ThreadEntry& entry) {
    clients::IntakeClient intake(server_->channel(), kDeadline);
    return intake.AddFollowUp(View(receipt_.lookup), entry).status();
  }

  absl::Status PostAsGuardian(const ThreadEntry& entry) {
    auto session = staff_->SignIn("guardian");
    if (!session.ok()) return session.status();
    clients::CaseworkClient casework(server_->channel(), kDeadline, session->token.get());
    return casework.Reply(entry).status();
  }

  // reporter: "first", Guardian: "reply", reporter: "second".
  void WriteThreeEntries() {
    ASSERT_TRUE(PostAsReporter(ReporterEntry("first", ReporterView())).ok());
    const crypto::RecipientKeys& g = org_.guardian(0);
    ASSERT_TRUE(PostAsGuardian(GuardianEntry("reply", GuardianView(), g.sign, g.key_id)).ok());
    ASSERT_TRUE(PostAsReporter(ReporterEntry("second", ReporterView())).ok());
  }

  static inline const TestOrg org_{2};
  ScopedTempDir dir_{"candour_thread"};
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<StaffFixture> staff_;
  candour::v1::SignedDirectory v1_;
  const crypto::ReceiptCode code_ = crypto::ReceiptCode::Generate();
  const crypto::ReceiptKeys receipt_ = crypto::DeriveReceiptKeys(code_);
  candour::v1::SubmitReportRequest submission_;
  std::optional<crypto::ThreadKeys> reporter_keys_;  // the view key, from the receipt
  std::optional<crypto::ThreadKeys> guardian_keys_;  // from guardian(0)'s case key
  std::vector<std::unique_ptr<clients::SignedIn>> sessions_;
};

}  // namespace candour::services

#endif  // CANDOUR_TESTS_SERVICES_THREAD_FIXTURE_H_
