// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case threads end to end through the real server (RocksDB, gRPC on
// 127.0.0.1): a reporter with only the receipt code and a signed-in Guardian
// write to one thread; the server refuses entries out of order, off the
// chain, of the wrong kind, or signed by keys outside the directory; and
// entries altered straight in the database (unsigned, signed by another key,
// reordered, dropped) are reported as errors by both sides' clients, with the
// entries before the break still shown.
#include <gtest/gtest.h>

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
namespace {

using candour::testing::InProcessServer;
using candour::testing::RawDb;
using candour::testing::ScopedTempDir;
using candour::testing::StaffFixture;
using candour::testing::TestOrg;
using candour::v1::ThreadEntry;
using Code = absl::StatusCode;
namespace schema = storage::schema;

constexpr std::chrono::seconds kDeadline(10);

std::string View(const crypto::SecretKey<32>& key) {
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

  static const TestOrg org_;
  ScopedTempDir dir_{"candour_thread"};
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<StaffFixture> staff_;
  candour::v1::SignedDirectory v1_;
  const crypto::ReceiptCode code_ = crypto::ReceiptCode::Generate();
  const crypto::ReceiptKeys receipt_ = crypto::DeriveReceiptKeys(code_);
  candour::v1::SubmitReportRequest submission_;
  std::optional<crypto::ThreadKeys> reporter_keys_;  // the view key, from the receipt
  std::optional<crypto::ThreadKeys> guardian_keys_;  // from guardian(0)'s case key
};

const TestOrg ThreadTest::org_(2);

TEST_F(ThreadTest, ReporterAndGuardianTalkThroughTheServer) {
  EXPECT_TRUE(ReporterView().items.empty());
  WriteThreeEntries();
  for (const char* side : {"reporter", "guardian"}) {
    clients::VerifiedThread view = side[0] == 'r' ? ReporterView() : GuardianView();
    ASSERT_TRUE(view.problem.ok()) << view.problem;
    ASSERT_EQ(view.items.size(), 3u);
    EXPECT_EQ(view.items[0].content.text(), "first");
    EXPECT_EQ(view.items[0].kind, candour::v1::ENTRY_KIND_REPORTER_MESSAGE);
    EXPECT_EQ(view.items[1].content.text(), "reply");
    EXPECT_EQ(view.items[1].kind, candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE);
    EXPECT_EQ(view.items[2].content.text(), "second");
  }
}

TEST_F(ThreadTest, ServerRefusesWhatDoesNotFitTheThreadAndChangesNothing) {
  WriteThreeEntries();
  const clients::VerifiedThread now = ReporterView();
  const crypto::RecipientKeys& g = org_.guardian(1);

  ThreadEntry stale = ReporterEntry("stale", now);
  stale.set_sequence(2);
  EXPECT_EQ(PostAsReporter(stale).code(), Code::kFailedPrecondition);  // sequence taken
  ThreadEntry off_chain = ReporterEntry("off chain", now);
  off_chain.set_previous_hash(std::string(32, 'x'));
  EXPECT_EQ(PostAsReporter(off_chain).code(), Code::kFailedPrecondition);
  EXPECT_EQ(PostAsGuardian(ReporterEntry("wrong door", now)).code(), Code::kInvalidArgument);
  EXPECT_EQ(PostAsReporter(GuardianEntry("wrong door", now, g.sign, g.key_id)).code(), Code::kInvalidArgument);
  const crypto::Ed25519KeyPair stranger = crypto::NewEd25519KeyPair();
  EXPECT_EQ(PostAsGuardian(GuardianEntry("stranger", now, stranger, std::string(16, 's'))).code(),
            Code::kPermissionDenied);
  EXPECT_EQ(PostAsGuardian(GuardianEntry("forged", now, stranger, g.key_id)).code(), Code::kUnauthenticated);
  ThreadEntry bad_quote = GuardianEntry("bad quote", now, g.sign, g.key_id);
  bad_quote.set_quoted_hash(std::string(32, 'q'));
  EXPECT_NE(PostAsGuardian(bad_quote).code(), Code::kOk);
  ThreadEntry other_report = ReporterEntry("other", now);
  other_report.set_report_id(std::string(16, 'o'));
  EXPECT_EQ(PostAsReporter(other_report).code(), Code::kPermissionDenied);
  ThreadEntry malformed = ReporterEntry("malformed", now);
  malformed.mutable_ciphertext()->push_back('x');
  EXPECT_EQ(PostAsReporter(malformed).code(), Code::kInvalidArgument);

  clients::IntakeClient intake(server_->channel(), kDeadline);
  EXPECT_EQ(intake.GetCase(std::string(32, 'w')).status().code(), Code::kNotFound);
  EXPECT_EQ(intake.GetCase("short").status().code(), Code::kInvalidArgument);

  const clients::VerifiedThread after = GuardianView();
  EXPECT_TRUE(after.problem.ok());
  EXPECT_EQ(after.items.size(), 3u);
}

TEST_F(ThreadTest, AFullThreadIsRefusedAndStaysReadable) {
  const std::string big(crypto::kMaxEntryTextBytes, 'b');
  absl::Status last;
  int posted = 0;
  for (; posted < 80; ++posted) {
    last = PostAsReporter(ReporterEntry(big, ReporterView()));
    if (!last.ok()) break;
  }
  EXPECT_EQ(last.code(), Code::kResourceExhausted) << last;
  EXPECT_GE(posted, 4);  // the test server allows 256 KiB messages: about five 32 KiB entries
  for (const char* side : {"reporter", "guardian"}) {
    clients::VerifiedThread view = side[0] == 'r' ? ReporterView() : GuardianView();
    EXPECT_TRUE(view.problem.ok()) << side << ": " << view.problem;
    EXPECT_EQ(view.items.size(), static_cast<size_t>(posted)) << side;
  }
}

TEST_F(ThreadTest, BothClientsReportEntriesAlteredInTheDatabase) {
  WriteThreeEntries();
  server_->Stop();
  server_.reset();
  const std::string key1 = schema::ThreadEntryKey(ReportId(), 1);
  const std::string key2 = schema::ThreadEntryKey(ReportId(), 2);
  std::string entry1, entry2;
  {
    RawDb db(dir_.path());
    entry1 = db.Get(schema::kThreadCf, key1);
    entry2 = db.Get(schema::kThreadCf, key2);
  }
  ThreadEntry guardian_entry;
  ASSERT_TRUE(guardian_entry.ParseFromString(entry2));

  // A forged Guardian entry: right key id, another key's signature (the
  // server asking "please tell us your name" in a Guardian's name).
  ThreadEntry forged;
  {
    clients::VerifiedThread upto_one;
    upto_one.next_sequence = 2;
    ThreadEntry first;
    ASSERT_TRUE(first.ParseFromString(entry1));
    upto_one.last_hash = crypto::EntryHash(first, OrgId());
    upto_one.last_reporter_hash = upto_one.last_hash;
    forged = GuardianEntry("please tell us your name", upto_one, crypto::NewEd25519KeyPair(), org_.guardian(0).key_id);
  }
  // A real Guardian's signature over a reply quoting something the reporter
  // never wrote (what a server could get a Guardian to sign by showing them
  // a forged view).
  ThreadEntry misquoting;
  {
    clients::VerifiedThread upto_one;
    upto_one.next_sequence = 2;
    ThreadEntry first;
    ASSERT_TRUE(first.ParseFromString(entry1));
    upto_one.last_hash = crypto::EntryHash(first, OrgId());
    upto_one.last_reporter_hash = std::string(32, 'q');
    misquoting = GuardianEntry("misquoting", upto_one, org_.guardian(0).sign, org_.guardian(0).key_id);
  }
  ThreadEntry unsigned_entry = guardian_entry;
  unsigned_entry.set_signature(std::string(64, '\0'));

  struct Tamper {
    std::string name;
    std::function<void(RawDb&)> apply;
    size_t shown_before_break;
  };
  const std::vector<Tamper> tampers = {
      {"unsigned", [&](RawDb& db) { db.Put(schema::kThreadCf, key2, unsigned_entry.SerializeAsString()); }, 1},
      {"signed by another key", [&](RawDb& db) { db.Put(schema::kThreadCf, key2, forged.SerializeAsString()); }, 1},
      {"quoting nothing the reporter wrote",
       [&](RawDb& db) { db.Put(schema::kThreadCf, key2, misquoting.SerializeAsString()); }, 1},
      {"reordered",
       [&](RawDb& db) {
         db.Put(schema::kThreadCf, key1, entry2);
         db.Put(schema::kThreadCf, key2, entry1);
       },
       0},
      {"dropped from the middle", [&](RawDb& db) { db.Delete(schema::kThreadCf, key1); }, 0},
  };
  for (const Tamper& tamper : tampers) {
    {
      RawDb db(dir_.path());
      tamper.apply(db);
    }
    Start();
    // A gap the server itself notices (its store checks sequences are 1..n)
    // comes back as its DATA_LOSS; everything else the client catches.
    for (const char* side : {"reporter", "guardian"}) {
      clients::VerifiedThread view = side[0] == 'r' ? ReporterView() : GuardianView();
      EXPECT_EQ(view.problem.code(), Code::kDataLoss) << tamper.name << ", " << side << ": " << view.problem;
      EXPECT_EQ(view.items.size(), tamper.shown_before_break) << tamper.name << ", " << side;
      for (const auto& m : view.items) EXPECT_NE(m.content.text(), "please tell us your name");
    }
    server_->Stop();
    server_.reset();
    RawDb db(dir_.path());
    db.Put(schema::kThreadCf, key1, entry1);
    db.Put(schema::kThreadCf, key2, entry2);
  }
  Start();
  EXPECT_TRUE(ReporterView().problem.ok());
}

}  // namespace
}  // namespace candour::services
