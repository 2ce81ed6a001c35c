// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Guardian turnover through the real server (RocksDB, gRPC on 127.0.0.1)
// and the real client code (OpenCase, MissingRecipients, SealRewrap), for
// acceptance point 3 of the casework issue: a Guardian added in a later
// directory reads an open case once a Guardian who holds it re-wraps it,
// and writes to it; a Guardian removed from the directory gets nothing of a
// report made after, and what they wrote before still verifies for everyone
// else. Bad re-wraps get their own status and leave every column family
// byte-identical. A re-wrap is on the audit log, naming the Guardian and the
// report, and a refused one is not.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "clients/author_directories.h"
#include "clients/case_rewrap.h"
#include "clients/guardian_case.h"
#include "clients/intake_client.h"
#include "crypto/audit_chain.h"
#include "crypto/bytes.h"
#include "crypto/case_key.h"
#include "crypto/receipt.h"
#include "crypto/thread_entry.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/rocksdb_snapshot.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::InProcessServer;
using candour::testing::ScopedTempDir;
using candour::testing::StaffFixture;
using candour::testing::TestOrg;
using candour::v1::ThreadEntry;
using Code = absl::StatusCode;

constexpr std::chrono::seconds kDeadline(10);

std::vector<std::string> KeyIds(const std::vector<candour::v1::Recipient>& recipients) {
  std::vector<std::string> ids;
  for (const auto& r : recipients) ids.push_back(r.key_id());
  return ids;
}

class RewrapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = InProcessServer::Start(dir_.path(), org_.organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    StaffFixture staff(&server_->store(), server_->channel());
    ASSERT_TRUE(staff.Create("guardian", StaffFixture::RoleGrants(candour::v1::ROLE_GUARDIAN)).ok());
    auto signed_in = staff.SignIn("guardian");
    ASSERT_TRUE(signed_in.ok()) << signed_in.status();
    signed_in_ = std::make_unique<clients::SignedIn>(*std::move(signed_in));
    clients::GlobalOptions globals;
    globals.channel.server = server_->address();
    globals.channel.deadline = kDeadline;
    globals.pin = crypto::HexEncode(org_.fingerprint());
    auto connection = clients::Connect(globals);
    ASSERT_TRUE(connection.ok()) << connection.status();
    connection_.emplace(*std::move(connection));
  }

  // One account serves every Guardian here: sessions are not tied to keys,
  // what each Guardian writes is (by its signature).
  clients::CaseworkClient Casework() {
    return clients::CaseworkClient(server_->channel(), kDeadline, signed_in_->token.get());
  }

  // Signs and publishes directory `version` listing the Guardians `members`
  // (indexes into org_) and, if asked, the organisation's recovery key.
  candour::v1::SignedDirectory Publish(uint64_t version, const std::set<size_t>& members, bool with_recovery = false) {
    candour::v1::Directory d = org_.MakeDirectory(version);
    const auto listed = [&](const std::string& key_id) {
      return std::any_of(members.begin(), members.end(), [&](size_t i) { return org_.guardian(i).key_id == key_id; });
    };
    std::vector<candour::v1::Recipient> recipients(d.recipients().begin(), d.recipients().end());
    std::vector<candour::v1::SealedKeyRecord> sealed(d.aggregation_key_records().begin(),
                                                     d.aggregation_key_records().end());
    d.clear_recipients();
    d.clear_aggregation_key_records();
    for (const auto& r : recipients) {
      if (listed(r.key_id())) *d.add_recipients() = r;
    }
    for (const auto& s : sealed) {
      if (listed(s.recipient_key_id())) *d.add_aggregation_key_records() = s;
    }
    d.set_release_holder_key_id(d.recipients(0).key_id());
    d.set_release_public_key(d.recipients(0).ed25519_public_key());
    if (with_recovery) {
      candour::v1::Recipient* r = d.add_recipients();
      r->set_key_id(recovery_.key_id);
      r->set_display_name("Recovery key");
      r->set_role(candour::v1::RECIPIENT_ROLE_RECOVERY);
      r->set_x25519_public_key(recovery_.box.public_key);
      r->set_ed25519_public_key(recovery_.sign.public_key);
    }
    candour::v1::SignedDirectory signed_directory = org_.Sign(d);
    clients::AdminClient admin(server_->channel(), kDeadline);
    absl::StatusOr<uint64_t> published = admin.PublishDirectory(signed_directory);
    EXPECT_TRUE(published.ok()) << published.status();
    return signed_directory;
  }

  // The report: made under v1, listing guardian(0) only, with the receipt code_.
  void Submit() {
    v1_ = Publish(1, {0});
    submission_ = org_.MakeSubmissionFor(code_, v1_);
    clients::IntakeClient intake(server_->channel(), kDeadline);
    ASSERT_TRUE(intake.SubmitReport(submission_).ok());
    auto view_key = crypto::OpenViewKey(submission_.receipt().sealed_view_key(), ReportId(), receipt_.box);
    ASSERT_TRUE(view_key.ok());
    reporter_keys_.emplace(crypto::ThreadKeys::FromViewKey(*std::move(view_key)));
  }
  const std::string& ReportId() const { return submission_.envelope().report_id(); }
  std::string Lookup() const { return std::string(reinterpret_cast<const char*>(receipt_.lookup.data()), 32); }

  // The case as `keys`' Guardian (or recovery) client opens it.
  absl::StatusOr<clients::OpenedCase> Open(const crypto::RecipientKeys& keys, const std::string& report_id) {
    clients::CaseworkClient casework = Casework();
    return clients::OpenCase(*connection_, casework, keys, report_id);
  }

  absl::Status Reply(const clients::OpenedCase& opened, const crypto::RecipientKeys& keys, const std::string& text) {
    candour::v1::EntryContent content;
    content.set_text(text);
    auto entry = clients::SealNext(opened, keys, candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE, content);
    if (!entry.ok()) return entry.status();
    return Casework().Reply(*entry).status();
  }

  // The thread as the reporter's client reads it with the receipt code:
  // against the report's directory, the current one and any in between an
  // author is in.
  clients::VerifiedThread ReporterView() {
    clients::VerifiedThread failed;
    clients::IntakeClient intake(server_->channel(), kDeadline);
    auto found = intake.GetCase(Lookup());
    auto current = clients::FetchCurrentDirectory(*connection_);
    if (!found.ok() || !current.ok()) {
      failed.problem = found.ok() ? current.status() : found.status();
      return failed;
    }
    std::vector<ThreadEntry> entries(found->entries().begin(), found->entries().end());
    auto directories = clients::AuthorDirectories(*connection_, entries, org_.Verify(v1_), *current);
    if (!directories.ok()) {
      failed.problem = directories.status();
      return failed;
    }
    return clients::VerifyThread(entries, submission_.envelope(), *reporter_keys_, receipt_.sign.public_key,
                                 clients::DirectoryPointers(*directories), org_.organisation_id());
  }

  absl::Status ReporterWrites(const std::string& text) {
    const clients::VerifiedThread thread = ReporterView();
    if (!thread.problem.ok()) return thread.problem;
    crypto::EntryHeader header{ReportId(), thread.next_sequence, candour::v1::ENTRY_KIND_REPORTER_MESSAGE,
                               thread.last_hash, ""};
    candour::v1::EntryContent content;
    content.set_text(text);
    auto entry = crypto::SealEntry(header, content, *reporter_keys_, receipt_.sign,
                                   crypto::SigningKeyId(receipt_.sign.public_key), org_.organisation_id());
    if (!entry.ok()) return entry.status();
    clients::IntakeClient intake(server_->channel(), kDeadline);
    return intake.AddFollowUp(Lookup(), *entry).status();
  }

  // An entry of `kind` signed by `author` as the next of `opened`'s thread,
  // sealed with the case's keys however `author` came by them.
  ThreadEntry SignedBy(const crypto::RecipientKeys& author, const clients::OpenedCase& opened,
                       candour::v1::EntryKind kind, const candour::v1::EntryContent& content) {
    crypto::EntryHeader header{ReportId(), opened.thread.next_sequence, kind, opened.thread.last_hash,
                               opened.thread.last_reporter_hash};
    auto entry =
        crypto::SealEntry(header, content, *opened.thread_keys, author.sign, author.key_id, org_.organisation_id());
    EXPECT_TRUE(entry.ok()) << entry.status();
    return entry.ok() ? *entry : ThreadEntry();
  }

  // What the server answers a reply signed by `author` as the next entry of
  // `opened`'s thread.
  Code ReplyCode(const crypto::RecipientKeys& author, const clients::OpenedCase& opened, const std::string& text) {
    candour::v1::EntryContent content;
    content.set_text(text);
    return Casework()
        .Reply(SignedBy(author, opened, candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE, content))
        .status()
        .code();
  }

  // The report with a reporter message and guardian(0)'s reply, then v2
  // adding guardian(1) and the recovery key, and guardian(0)'s re-wrap.
  void SubmitJoinAndRewrap() {
    Submit();
    ASSERT_TRUE(ReporterWrites("I am still worried").ok());
    auto first = Open(org_.guardian(0), ReportId());
    ASSERT_TRUE(first.ok()) << first.status();
    ASSERT_TRUE(Reply(*first, org_.guardian(0), "We are looking into it").ok());
    Publish(2, {0, 1}, /*with_recovery=*/true);
    auto now = Open(org_.guardian(0), ReportId());
    ASSERT_TRUE(now.ok()) << now.status();
    const std::vector<candour::v1::Recipient> missing = clients::MissingRecipients(*now);
    ASSERT_EQ(KeyIds(missing), (std::vector<std::string>{org_.guardian(1).key_id, recovery_.key_id}));
    auto request = clients::SealRewrap(*now, org_.guardian(0), missing);
    ASSERT_TRUE(request.ok()) << request.status();
    auto added = Casework().Rewrap(*request);
    ASSERT_TRUE(added.ok()) << added.status();
    EXPECT_EQ(added->sequence(), 3u);
    EXPECT_EQ(added->workflow().status(), candour::v1::CASE_STATUS_NEW);  // a re-wrap moves nothing
  }

  // guardian(0)'s re-wrap of the report to every recipient of the current
  // directory without the key, as the next entry of the thread as it stands.
  absl::StatusOr<candour::v1::RewrapRequest> NextRewrap() {
    auto opened = Open(org_.guardian(0), ReportId());
    if (!opened.ok()) return opened.status();
    return clients::SealRewrap(*opened, org_.guardian(0), clients::MissingRecipients(*opened));
  }

  // The audit log as stored.
  std::vector<storage::AuditRecord> AuditLog() {
    absl::StatusOr<std::vector<storage::AuditRecord>> log = server_->store().ReadAudit(1, 100000);
    EXPECT_TRUE(log.ok()) << log.status();
    return log.ok() ? *std::move(log) : std::vector<storage::AuditRecord>();
  }

  static inline const TestOrg org_{3};
  const crypto::RecipientKeys recovery_ = crypto::NewRecipientKeys();
  ScopedTempDir dir_{"candour_rewrap"};
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<clients::SignedIn> signed_in_;
  std::optional<clients::Session> connection_;
  candour::v1::SignedDirectory v1_;
  const crypto::ReceiptCode code_ = crypto::ReceiptCode::Generate();
  const crypto::ReceiptKeys receipt_ = crypto::DeriveReceiptKeys(code_);
  candour::v1::SubmitReportRequest submission_;
  std::optional<crypto::ThreadKeys> reporter_keys_;
};

TEST_F(RewrapTest, AGuardianAddedLaterReadsAnOpenCaseAfterRewrapAndWritesToIt) {
  Submit();
  ASSERT_TRUE(ReporterWrites("I am still worried").ok());
  Publish(2, {0, 1}, /*with_recovery=*/true);
  // Before the re-wrap the newcomer holds no record: the server has nothing
  // to give them, and refuses what they write.
  EXPECT_EQ(Open(org_.guardian(1), ReportId()).status().code(), Code::kNotFound);
  auto first = Open(org_.guardian(0), ReportId());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(ReplyCode(org_.guardian(1), *first, "hello from the newcomer"), Code::kPermissionDenied);

  auto request = clients::SealRewrap(*first, org_.guardian(0), clients::MissingRecipients(*first));
  ASSERT_TRUE(request.ok()) << request.status();
  ASSERT_TRUE(Casework().Rewrap(*request).ok());

  auto newcomer = Open(org_.guardian(1), ReportId());
  ASSERT_TRUE(newcomer.ok()) << newcomer.status();
  ASSERT_TRUE(newcomer->thread.problem.ok()) << newcomer->thread.problem;
  EXPECT_EQ(newcomer->report->content.what_happened(), org_.DefaultContent().what_happened());
  ASSERT_EQ(newcomer->thread.items.size(), 2u);
  EXPECT_EQ(newcomer->thread.items[0].content.text(), "I am still worried");
  // The signed re-wrap says who was given the case, and by whom.
  const clients::ThreadItem& rewrap = newcomer->thread.items[1];
  EXPECT_EQ(rewrap.kind, candour::v1::ENTRY_KIND_REWRAP);
  EXPECT_EQ(rewrap.author_key_id, org_.guardian(0).key_id);
  EXPECT_EQ(std::vector<std::string>(rewrap.content.rewrap().recipient_key_ids().begin(),
                                     rewrap.content.rewrap().recipient_key_ids().end()),
            (std::vector<std::string>{org_.guardian(1).key_id, recovery_.key_id}));
  const std::string shown = clients::RenderThread(newcomer->thread, /*staff_view=*/true);
  EXPECT_NE(
      shown.find("Guardian 1 gave the case key to key " + crypto::HexEncode(org_.guardian(1).key_id).substr(0, 8)),
      std::string::npos)
      << shown;
  EXPECT_TRUE(clients::MissingRecipients(*newcomer).empty());
  // The recovery key opens it too.
  auto recovered = Open(recovery_, ReportId());
  ASSERT_TRUE(recovered.ok()) << recovered.status();
  EXPECT_EQ(recovered->report->content.what_happened(), org_.DefaultContent().what_happened());

  // The newcomer replies, and every side verifies what they wrote.
  ASSERT_TRUE(Reply(*newcomer, org_.guardian(1), "I am the new Guardian for your case").ok());
  const clients::VerifiedThread reporter = ReporterView();
  ASSERT_TRUE(reporter.problem.ok()) << reporter.problem;
  ASSERT_EQ(reporter.items.size(), 3u);
  EXPECT_FALSE(reporter.items[1].readable);  // the re-wrap: staff only
  EXPECT_EQ(reporter.items[2].content.text(), "I am the new Guardian for your case");
  EXPECT_EQ(reporter.items[2].author_key_id, org_.guardian(1).key_id);
  auto again = Open(org_.guardian(0), ReportId());
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_TRUE(again->thread.problem.ok()) << again->thread.problem;
  EXPECT_EQ(again->thread.items.size(), 3u);
}

TEST_F(RewrapTest, ARemovedGuardianCannotReadAReportMadeAfter) {
  SubmitJoinAndRewrap();
  auto newcomer = Open(org_.guardian(1), ReportId());
  ASSERT_TRUE(newcomer.ok()) << newcomer.status();
  ASSERT_TRUE(Reply(*newcomer, org_.guardian(1), "I am the new Guardian for your case").ok());

  // v3: guardian(1) leaves, guardian(2) joins.
  const candour::v1::SignedDirectory v3 = Publish(3, {0, 2});
  const candour::v1::SubmitReportRequest later = org_.MakeSubmission(v3);
  clients::IntakeClient intake(server_->channel(), kDeadline);
  ASSERT_TRUE(intake.SubmitReport(later).ok());
  // Nothing in the later report is sealed to the removed Guardian...
  for (const candour::v1::CaseKeyRecord& record : later.case_key_records()) {
    EXPECT_NE(record.recipient_key_id(), org_.guardian(1).key_id);
    EXPECT_FALSE(crypto::OpenCaseKey(record.sealed_case_key(), org_.guardian(1).box).ok());
  }
  auto kept = Open(org_.guardian(0), later.envelope().report_id());
  ASSERT_TRUE(kept.ok()) << kept.status();
  std::vector<std::string> holders = {org_.guardian(0).key_id, org_.guardian(2).key_id};
  std::sort(holders.begin(), holders.end());
  EXPECT_EQ(kept->key_holders, holders);
  // ...and the server gives them neither report, nor takes an entry from them.
  EXPECT_EQ(Open(org_.guardian(1), later.envelope().report_id()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(Open(org_.guardian(1), ReportId()).status().code(), Code::kUnauthenticated);
  auto first = Open(org_.guardian(0), ReportId());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(ReplyCode(org_.guardian(1), *first, "still here"), Code::kPermissionDenied);

  // What they wrote while they were a Guardian still verifies for everyone
  // else, though neither the report's directory nor the current one lists
  // them: the client finds them in v2.
  ASSERT_TRUE(first->thread.problem.ok()) << first->thread.problem;
  ASSERT_EQ(first->thread.items.size(), 4u);
  EXPECT_EQ(first->thread.items[3].author_key_id, org_.guardian(1).key_id);
  EXPECT_EQ(first->thread.items[3].content.text(), "I am the new Guardian for your case");
  const clients::VerifiedThread reporter = ReporterView();
  ASSERT_TRUE(reporter.problem.ok()) << reporter.problem;
  EXPECT_EQ(reporter.items.size(), 4u);
  // The next re-wrap goes to guardian(2), never back to guardian(1).
  EXPECT_EQ(KeyIds(clients::MissingRecipients(*first)), std::vector<std::string>{org_.guardian(2).key_id});
}

TEST_F(RewrapTest, ARewrapIsAuditedAsTheGuardiansActOnTheReportAndARefusedOneIsNot) {
  Submit();
  Publish(2, {0, 1}, /*with_recovery=*/true);
  auto request = NextRewrap();
  ASSERT_TRUE(request.ok()) << request.status();
  clients::CaseworkClient casework = Casework();  // the session SetUp signed in
  const size_t before = AuditLog().size();

  // Refused before anything is written: a recipient who holds the key.
  candour::v1::RewrapRequest holder = *request;
  holder.mutable_case_key_records(0)->set_recipient_key_id(org_.guardian(0).key_id);
  EXPECT_EQ(casework.Rewrap(holder).status().code(), Code::kAlreadyExists);
  EXPECT_EQ(AuditLog().size(), before);

  ASSERT_TRUE(casework.Rewrap(*request).ok());
  const std::vector<storage::AuditRecord> log = AuditLog();
  ASSERT_EQ(log.size(), before + 1);
  auto entry = crypto::ParseAuditEntry(log.back().entry);
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->actor(), "guardian");
  EXPECT_EQ(entry->action(), candour::v1::AUDIT_ACTION_REWRAP);
  EXPECT_EQ(entry->object(), crypto::HexEncode(ReportId()));
  // Who was given the key is in the sealed entry only, not in the log.
  for (const candour::v1::CaseKeyRecord& record : request->case_key_records()) {
    EXPECT_EQ(log.back().entry.find(record.recipient_key_id()), std::string::npos);
    EXPECT_EQ(log.back().entry.find(record.sealed_case_key()), std::string::npos);
  }
  EXPECT_EQ(log.back().entry.find(request->entry().ciphertext()), std::string::npos);

  // The same re-wrap again: the thread has moved on, and nothing is logged.
  EXPECT_EQ(casework.Rewrap(*request).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(AuditLog().size(), before + 1);
}

TEST_F(RewrapTest, BadRewrapsGetTheirOwnStatusAndChangeNothing) {
  Submit();
  Publish(2, {0, 1}, /*with_recovery=*/true);
  auto stale = NextRewrap();
  ASSERT_TRUE(stale.ok()) << stale.status();
  ASSERT_TRUE(ReporterWrites("are you there?").ok());  // the thread moves on
  auto first = Open(org_.guardian(0), ReportId());
  ASSERT_TRUE(first.ok()) << first.status();
  auto good = clients::SealRewrap(*first, org_.guardian(0), clients::MissingRecipients(*first));
  ASSERT_TRUE(good.ok()) << good.status();
  const crypto::RecipientKeys& outsider = org_.guardian(2);  // a real Guardian key, not in v2
  auto sealed_to_outsider = crypto::SealCaseKey(first->report->case_key, outsider.box.public_key);
  ASSERT_TRUE(sealed_to_outsider.ok());
  candour::v1::EntryContent note;
  note.set_text("a note");
  const ThreadEntry note_entry = SignedBy(org_.guardian(0), *first, candour::v1::ENTRY_KIND_NOTE, note);
  candour::v1::EntryContent listed;
  listed.mutable_rewrap()->add_recipient_key_ids(org_.guardian(1).key_id);
  const ThreadEntry by_newcomer = SignedBy(org_.guardian(1), *first, candour::v1::ENTRY_KIND_REWRAP, listed);

  // One session for every call below: signing in writes a session record.
  clients::CaseworkClient casework = Casework();
  const testing::DbSnapshot snapshot = testing::Snapshot(server_->store());
  using Edit = std::function<void(candour::v1::RewrapRequest&)>;
  struct Case {
    std::string name;
    Edit edit;
    Code expected;
  };
  const std::vector<Case> cases = {
      {"a recipient no directory names",
       [](auto& r) { r.mutable_case_key_records(0)->set_recipient_key_id(std::string(16, 'z')); },
       Code::kPermissionDenied},
      {"a Guardian the current directory does not list",
       [&](auto& r) {
         r.mutable_case_key_records(0)->set_recipient_key_id(outsider.key_id);
         r.mutable_case_key_records(0)->set_sealed_case_key(*sealed_to_outsider);
       },
       Code::kPermissionDenied},
      {"a recipient who already holds the key",
       [&](auto& r) { r.mutable_case_key_records(0)->set_recipient_key_id(org_.guardian(0).key_id); },
       Code::kAlreadyExists},
      {"one recipient twice", [](auto& r) { *r.add_case_key_records() = r.case_key_records(0); },
       Code::kInvalidArgument},
      {"a sealed key of 79 bytes",
       [](auto& r) { r.mutable_case_key_records(0)->mutable_sealed_case_key()->pop_back(); }, Code::kInvalidArgument},
      {"a sealed key of 96 bytes",
       [](auto& r) { r.mutable_case_key_records(0)->mutable_sealed_case_key()->append(16, 'x'); },
       Code::kInvalidArgument},
      {"a key id of 15 bytes", [](auto& r) { r.mutable_case_key_records(0)->mutable_recipient_key_id()->pop_back(); },
       Code::kInvalidArgument},
      {"no records", [](auto& r) { r.clear_case_key_records(); }, Code::kInvalidArgument},
      {"65 records",
       [](auto& r) {
         r.clear_case_key_records();
         for (int i = 0; i < 65; ++i) {
           candour::v1::CaseKeyRecord* record = r.add_case_key_records();
           record->set_recipient_key_id(std::string(15, 'k') + static_cast<char>(i));
           record->set_sealed_case_key(std::string(80, 's'));
         }
       },
       Code::kInvalidArgument},
      {"a record with a field the server does not know",
       [](auto& r) {
         candour::v1::CaseKeyRecord* record = r.mutable_case_key_records(0);
         record->GetReflection()->MutableUnknownFields(record)->AddVarint(99, 1);
       },
       Code::kInvalidArgument},
      {"a note sent as a re-wrap", [&](auto& r) { *r.mutable_entry() = note_entry; }, Code::kInvalidArgument},
      {"an entry by a Guardian who does not hold the key", [&](auto& r) { *r.mutable_entry() = by_newcomer; },
       Code::kPermissionDenied},
      {"a signature that does not verify", [](auto& r) { (*r.mutable_entry()->mutable_signature())[0] ^= 1; },
       Code::kUnauthenticated},
      {"a stale entry (the thread has moved on)", [&](auto& r) { r = *stale; }, Code::kFailedPrecondition},
      {"an unknown case", [](auto& r) { r.mutable_entry()->set_report_id(std::string(16, 'u')); }, Code::kNotFound},
  };
  for (const Case& c : cases) {
    candour::v1::RewrapRequest request = *good;
    c.edit(request);
    EXPECT_EQ(casework.Rewrap(request).status().code(), c.expected) << c.name;
    const testing::DbSnapshot after = testing::Snapshot(server_->store());
    EXPECT_TRUE(after == snapshot) << c.name << ": " << testing::SnapshotDiff(snapshot, after);
  }
  // The request they were made from is fine, once.
  ASSERT_TRUE(casework.Rewrap(*good).ok());
  EXPECT_EQ(casework.Rewrap(*good).status().code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace candour::services
