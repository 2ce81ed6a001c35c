// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// AuditService against InMemoryReportStore: reads are paged and audited,
// checkpoints are stored only when they verify and match the server's own
// chain, the head's digests lead a client from what it saw to today's head,
// and a case's access lists that case's entries alone.
#include "services/audit_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/audit_chain.h"
#include "storage/in_memory_report_store.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::TestOrg;
using candour::v1::AuditCheckpoint;
using Code = absl::StatusCode;

class AuditServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    audit_ = AuditTrail::Load(&store_, [] { return int64_t{1'800'000'000}; }).value();
    directories_ = DirectoryRegistry::Load(&store_, audit_.get(), org_.organisation_public_key()).value();
    ASSERT_TRUE(directories_->Publish(org_.SignedDirectory(1), core::TodayInLondon()).ok());
    service_ = std::make_unique<AuditService>(&store_, audit_.get(), directories_.get());
    admin_.account = "root";
    guardian_.account = "guardian";
  }

  // `n` sign-ins by the guardian.
  void AddEntries(int n) {
    for (int i = 0; i < n; ++i) ASSERT_TRUE(audit_->Record({"guardian", candour::v1::AUDIT_ACTION_SIGN_IN, ""}).ok());
  }

  AuditCheckpoint SignHead(uint64_t length, const std::string& hash) const {
    return crypto::SignAuditCheckpoint(org_.admin_key(), org_.organisation_id(), length, hash, 1'800'000'000).value();
  }
  AuditCheckpoint SignCurrentHead() const { return SignHead(audit_->head().length, audit_->head().hash); }

  absl::Status Add(const AuditCheckpoint& checkpoint) {
    candour::v1::AddCheckpointRequest request;
    *request.mutable_checkpoint() = checkpoint;
    return service_->AddCheckpoint(admin_, request).status();
  }

  std::vector<storage::AuditRecord> Log() { return store_.ReadAudit(1, 100000).value(); }

  static const TestOrg org_;
  storage::InMemoryReportStore store_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<DirectoryRegistry> directories_;
  std::unique_ptr<AuditService> service_;
  Caller admin_;
  Caller guardian_;
};

const TestOrg AuditServiceTest::org_(1);

TEST_F(AuditServiceTest, ReadAuditPagesAndRecordsTheRead) {
  AddEntries(4);  // after the directory's entry: 5 entries
  candour::v1::ReadAuditRequest request;
  request.set_first(2);
  request.set_max(3);
  absl::StatusOr<candour::v1::ReadAuditResponse> page = service_->ReadAudit(admin_, request);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records_size(), 3);
  EXPECT_EQ(page->records(0).sequence(), 2u);
  EXPECT_EQ(page->length(), 6u);
  candour::v1::AuditEntry read = crypto::ParseAuditEntry(Log().back().entry).value();
  EXPECT_EQ(read.actor(), "root");
  EXPECT_EQ(read.action(), candour::v1::AUDIT_ACTION_READ_AUDIT);
  EXPECT_EQ(read.object(), "2");
  for (uint32_t max : {0u, 1001u}) {
    request.set_max(max);
    EXPECT_EQ(service_->ReadAudit(admin_, request).status().code(), Code::kInvalidArgument);
  }
  EXPECT_EQ(Log().size(), 6u);
}

TEST_F(AuditServiceTest, CheckpointOfTheServersOwnChainIsStoredAndAudited) {
  AddEntries(3);
  const AuditCheckpoint checkpoint = SignCurrentHead();
  ASSERT_TRUE(Add(checkpoint).ok());
  EXPECT_EQ(store_.LatestAuditCheckpoint()->value().length, checkpoint.length());
  candour::v1::AuditEntry last = crypto::ParseAuditEntry(Log().back().entry).value();
  EXPECT_EQ(last.action(), candour::v1::AUDIT_ACTION_CHECKPOINT);
  EXPECT_EQ(last.object(), "4");
  // An older head is fine too: the admin may have read the log a while ago.
  const storage::AuditRecord second = Log()[1];
  EXPECT_TRUE(Add(SignHead(2, crypto::AuditEntryHash(second.entry).value())).ok());
}

TEST_F(AuditServiceTest, CheckpointThatDoesNotFitIsRefusedAndWritesNothing) {
  AddEntries(3);
  ASSERT_TRUE(Add(SignCurrentHead()).ok());  // length 4
  const AuditTrail::Head head = audit_->head();
  const crypto::Ed25519KeyPair stranger = crypto::NewEd25519KeyPair();
  struct Case {
    const char* name;
    AuditCheckpoint checkpoint;
    Code code;
  };
  AuditCheckpoint unsigned_field;
  ASSERT_TRUE(unsigned_field.ParseFromString(SignCurrentHead().SerializeAsString() + "\x78\x01"));  // field 15 = 1
  const Case cases[] = {
      {"not an admin of the directory",
       crypto::SignAuditCheckpoint(stranger, org_.organisation_id(), head.length, head.hash, 1).value(),
       Code::kUnauthenticated},
      {"another organisation",
       crypto::SignAuditCheckpoint(org_.admin_key(), std::string(16, 'o'), head.length, head.hash, 1).value(),
       Code::kUnauthenticated},
      {"beyond the log", SignHead(head.length + 1, head.hash), Code::kFailedPrecondition},
      {"another head", SignHead(head.length, std::string(32, 'h')), Code::kFailedPrecondition},
      {"length already checkpointed", SignHead(4, crypto::AuditEntryHash(Log()[3].entry).value()),
       Code::kAlreadyExists},
      {"malformed", AuditCheckpoint(), Code::kInvalidArgument},
      {"a field outside the signature", unsigned_field, Code::kInvalidArgument},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const size_t entries = Log().size();
    const size_t checkpoints = store_.ListAuditCheckpoints()->size();
    EXPECT_EQ(Add(c.checkpoint).code(), c.code);
    EXPECT_EQ(Log().size(), entries);
    EXPECT_EQ(store_.ListAuditCheckpoints()->size(), checkpoints);
  }
}

TEST_F(AuditServiceTest, HeadDigestsLeadFromAKnownHeadToTodaysInPages) {
  AddEntries(5000);
  const std::vector<storage::AuditRecord> log = Log();
  const uint64_t known = 10;
  crypto::AuditChainVerifier verifier(known, crypto::AuditEntryHash(log[known - 1].entry).value());
  candour::v1::GetAuditHeadRequest request;
  request.set_known_length(known);
  candour::v1::GetAuditHeadResponse response;
  do {
    absl::StatusOr<candour::v1::GetAuditHeadResponse> page = service_->GetAuditHead(request);
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_LE(page->body_digests_size(), 4096);
    for (const std::string& digest : page->body_digests()) ASSERT_TRUE(verifier.AddDigest(digest).ok());
    request.set_known_length(verifier.length());
    response = *std::move(page);
  } while (verifier.length() < response.length());
  EXPECT_EQ(response.length(), log.size());
  EXPECT_EQ(verifier.head(), response.head_hash());
  EXPECT_FALSE(response.has_checkpoint());
  // A client that remembers more than the log holds gets no digests.
  request.set_known_length(response.length() + 5);
  EXPECT_EQ(service_->GetAuditHead(request)->body_digests_size(), 0);
}

TEST_F(AuditServiceTest, CaseAccessListsThatCaseAlone) {
  storage::UnitOfWork reports;
  for (char n : {'a', 'b'}) {
    storage::NewReport report;
    report.report_id = std::string(16, n);
    report.envelope = "envelope";
    report.receipt_lookup_hash = std::string(32, n);
    reports.AddReport(report);
  }
  ASSERT_TRUE(store_.Commit(reports).ok());
  const std::string a(16, 'a');
  ASSERT_TRUE(audit_->Record({"guardian", candour::v1::AUDIT_ACTION_OPEN_REPORT, ReportObject(a)}).ok());
  ASSERT_TRUE(
      audit_->Record({"other", candour::v1::AUDIT_ACTION_OPEN_REPORT, ReportObject(std::string(16, 'b'))}).ok());
  ASSERT_TRUE(audit_->Record({"hr", candour::v1::AUDIT_ACTION_FETCH_THREAD, ReportObject(a)}).ok());
  candour::v1::GetCaseAccessRequest request;
  request.set_report_id(a);
  absl::StatusOr<candour::v1::GetCaseAccessResponse> access = service_->GetCaseAccess(guardian_, request);
  ASSERT_TRUE(access.ok()) << access.status();
  std::vector<std::string> actors;
  for (const candour::v1::AuditRecord& record : access->records()) {
    candour::v1::AuditEntry entry = crypto::ParseAuditEntry(record.entry()).value();
    EXPECT_EQ(entry.object(), ReportObject(a));
    actors.push_back(entry.actor() + ":" + candour::v1::AuditAction_Name(entry.action()));
  }
  EXPECT_EQ(actors, (std::vector<std::string>{"guardian:AUDIT_ACTION_OPEN_REPORT", "hr:AUDIT_ACTION_FETCH_THREAD",
                                              "guardian:AUDIT_ACTION_CASE_ACCESS"}));
  request.set_report_id(std::string(16, 'z'));
  EXPECT_EQ(service_->GetCaseAccess(guardian_, request).status().code(), Code::kNotFound);
  request.set_report_id("short");
  EXPECT_EQ(service_->GetCaseAccess(guardian_, request).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace candour::services
