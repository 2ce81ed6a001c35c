// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit trail end to end (issue 4, acceptance 6): staff act against a
// real server (RocksDB, gRPC on 127.0.0.1); the log names who did what to
// which case, and holds no content, code or token; a Guardian sees who opened
// the case; only admins read the log. Then the server stops, and in fresh
// copies of its data dir an entry is edited, deleted, swapped with the next,
// or cut from the end after a checkpoint; the real `candourd audit verify`
// binary finds each, and passes the untouched copy.
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "clients/intake_client.h"
#include "crypto/access_proof.h"
#include "crypto/audit_chain.h"
#include "crypto/bytes.h"
#include "crypto/thread_entry.h"
#include "services/audit_trail.h"
#include "storage/schema.h"
#include "tests/integration/process.h"
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
using candour::v1::AuditEntry;
using Code = absl::StatusCode;

constexpr std::chrono::seconds kDeadline(10);
constexpr char kReportMarker[] = "MARKER-report-narrative-7f3a";
constexpr char kReplyMarker[] = "MARKER-guardian-reply-9c1e";
constexpr char kWrongName[] = "marker-typed-wrongly";

using Triple = std::tuple<std::string, std::string, std::string>;  // actor, action, object

class AuditTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { org_ = new TestOrg(1); }
  static void TearDownTestSuite() { delete org_; }

  void SetUp() override {
    auto server = InProcessServer::Start(dir_.path(), org_->organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    const candour::v1::SignedDirectory v1 = org_->SignedDirectory(1);
    ASSERT_TRUE(clients::AdminClient(server_->channel(), kDeadline).PublishDirectory(v1).ok());
    report_ = org_->MakeSubmission(v1, [](candour::v1::ReportContent& c) { c.set_what_happened(kReportMarker); });
    ASSERT_TRUE(clients::IntakeClient(server_->channel(), kDeadline).SubmitReport(report_).ok());
    staff_ = std::make_unique<StaffFixture>(&server_->store(), server_->channel());
    ASSERT_TRUE(staff_->Create("guardian", StaffFixture::RoleGrants(candour::v1::ROLE_GUARDIAN)).ok());
  }

  const std::string& ReportId() const { return report_.envelope().report_id(); }

  // The guardian opens the report, reads its thread and replies.
  void GuardianWorksTheCase() {
    absl::StatusOr<clients::SignedIn> session = staff_->SignIn("guardian");
    ASSERT_TRUE(session.ok()) << session.status();
    tokens_.push_back(std::string(session->token->bytes().view()));
    clients::CaseworkClient casework(server_->channel(), kDeadline, session->token.get());
    const crypto::RecipientKeys& keys = org_->guardian(0);
    candour::v1::GetReportRequest open;
    open.set_report_id(ReportId());
    open.set_recipient_key_id(keys.key_id);
    open.set_issued_at(std::time(nullptr));
    open.set_signature(crypto::SignReportAccess(keys, ReportId(), open.issued_at()));
    absl::StatusOr<candour::v1::GetReportResponse> opened = casework.GetReport(open);
    ASSERT_TRUE(opened.ok()) << opened.status();
    absl::StatusOr<candour::v1::GetThreadResponse> thread = casework.GetThread(ReportId());
    ASSERT_TRUE(thread.ok()) << thread.status();
    absl::StatusOr<crypto::CaseKey> case_key =
        crypto::OpenCaseKey(opened->case_key_record().sealed_case_key(), keys.box);
    ASSERT_TRUE(case_key.ok()) << case_key.status();
    const std::string envelope_hash = crypto::EnvelopeHash(opened->envelope(), org_->organisation_id());
    crypto::EntryHeader header{ReportId(), 1, candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE, envelope_hash, envelope_hash};
    candour::v1::EntryContent content;
    content.set_text(kReplyMarker);
    absl::StatusOr<candour::v1::ThreadEntry> reply = crypto::SealEntry(
        header, content, crypto::ThreadKeys::FromCaseKey(*case_key), keys.sign, keys.key_id, org_->organisation_id());
    ASSERT_TRUE(reply.ok()) << reply.status();
    ASSERT_TRUE(casework.Reply(*reply).ok());
    ASSERT_TRUE(clients::AuthClient(server_->channel(), kDeadline, session->token.get()).SignOut().ok());
  }

  // root lists staff and reads the log; returns the log as stored.
  std::vector<candour::v1::AuditRecord> AdminReadsTheLog() {
    absl::StatusOr<clients::SignedIn> root = staff_->SignIn("root");
    EXPECT_TRUE(root.ok()) << root.status();
    if (!root.ok()) return {};
    tokens_.push_back(std::string(root->token->bytes().view()));
    clients::AdminClient admin(server_->channel(), kDeadline, root->token.get());
    EXPECT_TRUE(admin.ListStaff().ok());
    std::vector<candour::v1::AuditRecord> log;
    for (uint64_t first = 1;;) {
      absl::StatusOr<candour::v1::ReadAuditResponse> page = admin.ReadAudit(first, 1000);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      log.insert(log.end(), page->records().begin(), page->records().end());
      if (page->records_size() < 1000) break;
      first = log.back().sequence() + 1;
    }
    return log;
  }

  // Signs the server's head with the organisation's admin key and stores it
  // through AddCheckpoint, as root. Returns the checkpoint.
  candour::v1::AuditCheckpoint Checkpoint() {
    const AuditTrail::Head head = TrailHead();
    absl::StatusOr<candour::v1::AuditCheckpoint> checkpoint = crypto::SignAuditCheckpoint(
        org_->admin_key(), org_->organisation_id(), head.length, head.hash, std::time(nullptr));
    EXPECT_TRUE(checkpoint.ok());
    absl::StatusOr<clients::SignedIn> root = staff_->SignIn("root");
    EXPECT_TRUE(root.ok());
    clients::AdminClient admin(server_->channel(), kDeadline, root->token.get());
    EXPECT_TRUE(admin.AddCheckpoint(*checkpoint).ok());
    return *checkpoint;
  }

  // The head as a staff client sees it.
  AuditTrail::Head TrailHead() {
    absl::StatusOr<clients::SignedIn> session = staff_->SignIn("guardian");
    EXPECT_TRUE(session.ok());
    clients::AdminClient admin(server_->channel(), kDeadline, session->token.get());
    absl::StatusOr<candour::v1::GetAuditHeadResponse> head = admin.GetAuditHead(0);
    EXPECT_TRUE(head.ok()) << head.status();
    return head.ok() ? AuditTrail::Head{head->length(), head->head_hash()} : AuditTrail::Head{};
  }

  // A fresh copy of the stopped server's data dir.
  std::string CopyOfDataDir(const std::string& name) {
    const std::string copy = copies_.path() + "/" + name;
    std::filesystem::copy(dir_.path(), copy, std::filesystem::copy_options::recursive);
    return copy;
  }

  // Runs the real binary on `data_dir`.
  candour::testing::RunResult Verify(const std::string& data_dir, const std::string& checkpoint_file = "") {
    std::vector<std::string> argv = {CANDOURD_PATH,
                                     "audit",
                                     "verify",
                                     "--data-dir",
                                     data_dir,
                                     "--organisation_key",
                                     crypto::HexEncode(org_->organisation_public_key())};
    if (!checkpoint_file.empty()) {
      argv.push_back("--checkpoint");
      argv.push_back(checkpoint_file);
    }
    return candour::testing::Run(argv, copies_.path());
  }

  // Expects the binary to fail on `data_dir` naming `problem`.
  void ExpectVerifyFinds(const std::string& data_dir, const std::string& problem,
                         const std::string& checkpoint_file = "") {
    const candour::testing::RunResult result = Verify(data_dir, checkpoint_file);
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_NE(result.err.find(problem), std::string::npos) << result.err;
  }

  static TestOrg* org_;
  ScopedTempDir dir_{"candour_audit"};
  ScopedTempDir copies_{"candour_audit_copies"};
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<StaffFixture> staff_;
  candour::v1::SubmitReportRequest report_;
  std::vector<std::string> tokens_;  // every session token used
};

TestOrg* AuditTest::org_ = nullptr;

Triple Describe(const AuditEntry& entry) {
  return {entry.actor(), candour::v1::AuditAction_Name(entry.action()), entry.object()};
}

TEST_F(AuditTest, EntriesNameActorActionAndObjectAndNothingElse) {
  GuardianWorksTheCase();
  // A sign-in with a wrong name and one with a wrong passphrase: no entries.
  clients::AuthClient auth(server_->channel(), kDeadline);
  EXPECT_FALSE(clients::SignInStaff(auth, kWrongName, "not the passphrase").ok());
  EXPECT_FALSE(clients::SignInStaff(auth, "guardian", "not the passphrase").ok());
  const std::vector<candour::v1::AuditRecord> log = AdminReadsTheLog();

  const std::string object = crypto::HexEncode(ReportId());
  std::set<Triple> seen;
  crypto::AuditChainVerifier chain;
  for (const candour::v1::AuditRecord& record : log) {
    ASSERT_TRUE(chain.Add(record.sequence(), record.entry()).ok());
    seen.insert(Describe(crypto::ParseAuditEntry(record.entry()).value()));
    for (const std::string& secret : {std::string(kReportMarker), std::string(kReplyMarker), std::string(kWrongName),
                                      staff_->passphrase("guardian"), staff_->passphrase("root")}) {
      EXPECT_EQ(record.entry().find(secret), std::string::npos) << "entry " << record.sequence();
    }
    for (const std::string& token : tokens_) {
      EXPECT_EQ(record.entry().find(token), std::string::npos);
      EXPECT_EQ(record.entry().find(crypto::HexEncode(token)), std::string::npos);
    }
  }
  for (const Triple& expected : std::vector<Triple>{
           {"@organisation-key", "AUDIT_ACTION_PUBLISH_DIRECTORY", "1"},
           {"@candourd-host", "AUDIT_ACTION_INVITE_STAFF", "root"},
           {"root", "AUDIT_ACTION_ACCEPT_INVITATION", ""},
           {"root", "AUDIT_ACTION_SIGN_IN", ""},
           {"root", "AUDIT_ACTION_INVITE_STAFF", "guardian"},
           {"guardian", "AUDIT_ACTION_ACCEPT_INVITATION", ""},
           {"guardian", "AUDIT_ACTION_SIGN_IN", ""},
           {"guardian", "AUDIT_ACTION_OPEN_REPORT", object},
           {"guardian", "AUDIT_ACTION_FETCH_THREAD", object},
           {"guardian", "AUDIT_ACTION_REPLY", object},
           {"guardian", "AUDIT_ACTION_SIGN_OUT", ""},
           {"root", "AUDIT_ACTION_LIST_STAFF", ""},
           {"root", "AUDIT_ACTION_READ_AUDIT", "1"},
       }) {
    EXPECT_TRUE(seen.contains(expected)) << std::get<0>(expected) << " " << std::get<1>(expected) << " "
                                         << std::get<2>(expected);
  }
  // Exactly the successful sign-ins: root twice (Create, then the read), the
  // guardian once; the failed ones left nothing.
  EXPECT_EQ(std::count_if(log.begin(), log.end(),
                          [](const candour::v1::AuditRecord& r) {
                            return crypto::ParseAuditEntry(r.entry())->action() == candour::v1::AUDIT_ACTION_SIGN_IN;
                          }),
            3);
}

TEST_F(AuditTest, GuardianSeesWhoOpenedTheCaseAndOnlyAdminsReadTheLog) {
  GuardianWorksTheCase();
  absl::StatusOr<clients::SignedIn> guardian = staff_->SignIn("guardian");
  ASSERT_TRUE(guardian.ok());
  clients::CaseworkClient casework(server_->channel(), kDeadline, guardian->token.get());
  absl::StatusOr<candour::v1::GetCaseAccessResponse> access = casework.GetCaseAccess(ReportId());
  ASSERT_TRUE(access.ok()) << access.status();
  std::vector<Triple> opened;
  for (const candour::v1::AuditRecord& record : access->records()) {
    opened.push_back(Describe(crypto::ParseAuditEntry(record.entry()).value()));
  }
  const std::string object = crypto::HexEncode(ReportId());
  EXPECT_EQ(opened, (std::vector<Triple>{{"guardian", "AUDIT_ACTION_OPEN_REPORT", object},
                                         {"guardian", "AUDIT_ACTION_FETCH_THREAD", object},
                                         {"guardian", "AUDIT_ACTION_REPLY", object},
                                         {"guardian", "AUDIT_ACTION_CASE_ACCESS", object}}));
  clients::AdminClient as_guardian(server_->channel(), kDeadline, guardian->token.get());
  EXPECT_EQ(as_guardian.ReadAudit(1, 10).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(as_guardian.GetAuditHead(0).ok());
}

TEST_F(AuditTest, VerifyFindsEachAlterationInACopyOfTheDataDir) {
  GuardianWorksTheCase();
  const candour::v1::AuditCheckpoint checkpoint = Checkpoint();
  AdminReadsTheLog();  // entries after the checkpoint
  const uint64_t length = TrailHead().length;
  ASSERT_GT(length, checkpoint.length());
  const uint64_t k = checkpoint.length() / 2;  // an entry well inside the checkpoint
  const std::string checkpoint_file = copies_.path() + "/checkpoint.txtpb";
  std::string text;
  google::protobuf::TextFormat::PrintToString(checkpoint, &text);
  std::ofstream(checkpoint_file) << text;
  server_->Stop();

  {
    const candour::testing::RunResult intact = Verify(CopyOfDataDir("intact"), checkpoint_file);
    EXPECT_EQ(intact.exit_code, 0) << intact.err;
    EXPECT_NE(intact.out.find("audit chain intact: " + std::to_string(length) + " entries"), std::string::npos)
        << intact.out;
  }
  {
    const std::string copy = CopyOfDataDir("edited");
    {
      RawDb db(copy);
      AuditEntry entry = crypto::ParseAuditEntry(db.Get(schema::kAuditCf, schema::AuditKey(k))).value();
      entry.set_actor("someone-else");  // still a well-formed entry
      db.Put(schema::kAuditCf, schema::AuditKey(k), entry.SerializeAsString());
    }
    ExpectVerifyFinds(copy, "entry " + std::to_string(k + 1) + " does not chain to entry " + std::to_string(k));
  }
  {
    const std::string copy = CopyOfDataDir("deleted");
    RawDb(copy).Delete(schema::kAuditCf, schema::AuditKey(k));
    ExpectVerifyFinds(copy, "entry " + std::to_string(k) + " is missing");
  }
  {
    const std::string copy = CopyOfDataDir("reordered");
    {
      RawDb db(copy);
      const std::string first = db.Get(schema::kAuditCf, schema::AuditKey(k));
      const std::string second = db.Get(schema::kAuditCf, schema::AuditKey(k + 1));
      db.Put(schema::kAuditCf, schema::AuditKey(k), second);
      db.Put(schema::kAuditCf, schema::AuditKey(k + 1), first);
    }
    ExpectVerifyFinds(copy, "entry " + std::to_string(k) + " holds entry " + std::to_string(k + 1));
  }
  {
    // Cut back to two entries short of the checkpoint: the stored checkpoint
    // shows it, and so does the admin's file once the stored one is gone too.
    const std::string copy = CopyOfDataDir("truncated");
    {
      RawDb db(copy);
      for (uint64_t sequence = checkpoint.length() - 1; sequence <= length; ++sequence) {
        db.Delete(schema::kAuditCf, schema::AuditKey(sequence));
      }
    }
    const std::string cut = "entries " + std::to_string(checkpoint.length() - 1) + " to " +
                            std::to_string(checkpoint.length()) + " were cut from the end";
    ExpectVerifyFinds(copy, cut);
    RawDb(copy).Delete(schema::kAuditCheckpointsCf, schema::AuditKey(checkpoint.length()));
    ExpectVerifyFinds(copy, cut, checkpoint_file);
    // Without any checkpoint a shorter log is still a valid chain: that is
    // what checkpoints are for (docs/PROTOCOL.md §19).
    EXPECT_EQ(Verify(copy).exit_code, 0);
  }
  {
    const std::string copy = CopyOfDataDir("last-edited");
    {
      RawDb db(copy);
      for (uint64_t sequence = checkpoint.length() + 1; sequence <= length; ++sequence) {
        db.Delete(schema::kAuditCf, schema::AuditKey(sequence));
      }
      const std::string key = schema::AuditKey(checkpoint.length());
      AuditEntry entry = crypto::ParseAuditEntry(db.Get(schema::kAuditCf, key)).value();
      entry.set_object("changed");
      db.Put(schema::kAuditCf, key, entry.SerializeAsString());
    }
    ExpectVerifyFinds(copy, "entry " + std::to_string(checkpoint.length()) + " differs from the stored checkpoint");
  }
}

TEST_F(AuditTest, ServerThatFindsItsHeadAlteredRefusesToStart) {
  server_->Stop();
  uint64_t last = 0;
  {
    auto store = storage::RocksDbReportStore::OpenReadOnly(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status();
    last = (*store)->LastAudit()->value().sequence;
  }
  RawDb(dir_.path()).Put(schema::kAuditCf, schema::AuditKey(last), "not an audit entry");
  EXPECT_EQ(InProcessServer::Start(dir_.path(), org_->organisation_public_key()).status().code(), Code::kDataLoss);
}

}  // namespace
}  // namespace candour::services
