// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The case workflow through the real server: status moves only by legal
// steps, each with its signed entry and the clear workflow record in one
// write; bad input to every workflow RPC gets its specific status and leaves
// every column family byte-identical (acceptance point 8 of the casework
// issue); lists filter and page; the reporter reads status changes but not
// the Guardians' staff-only entries; each Guardian action is on the audit
// log, naming the Guardian, the action and the report and no content, while
// the reporter's follow-ups are not; and a workflow record altered in the
// database is caught by the client's comparison with the signed thread.
#include "tests/services/thread_fixture.h"

#include <tuple>

#include "core/case_workflow.h"
#include "core/period.h"
#include "crypto/audit_chain.h"
#include "crypto/bytes.h"
#include "crypto/link_mark.h"
#include "tests/testing/rocksdb_snapshot.h"

namespace candour::services {
namespace {

using candour::v1::EntryContent;
using Code = absl::StatusCode;

EntryContent Move(candour::v1::CaseStatus from, candour::v1::CaseStatus to,
                  candour::v1::CaseOutcome outcome = candour::v1::CASE_OUTCOME_UNSPECIFIED) {
  EntryContent c;
  c.mutable_status_change()->set_from(from);
  c.mutable_status_change()->set_to(to);
  c.mutable_status_change()->set_outcome(outcome);
  return c;
}

EntryContent Note(std::string text) {
  EntryContent c;
  c.set_text(std::move(text));
  return c;
}

class WorkflowTest : public ThreadTest {
 protected:
  absl::StatusOr<candour::v1::EntryAdded> ChangeStatus(const ThreadEntry& entry, candour::v1::CaseStatus to) {
    candour::v1::ChangeStatusRequest request;
    *request.mutable_entry() = entry;
    request.set_to(to);
    return Casework().ChangeStatus(request);
  }

  // Moves the case one legal step with a properly sealed entry.
  void Step(candour::v1::CaseStatus from, candour::v1::CaseStatus to,
            candour::v1::CaseOutcome outcome = candour::v1::CASE_OUTCOME_UNSPECIFIED) {
    auto added = ChangeStatus(GuardianWrites(candour::v1::ENTRY_KIND_STATUS_CHANGE, Move(from, to, outcome),
                                             GuardianView()),
                              to);
    ASSERT_TRUE(added.ok()) << added.status();
    EXPECT_EQ(added->workflow().status(), to);
  }

  testing::DbSnapshot Snapshot() { return testing::Snapshot(server_->store()); }
};

TEST_F(WorkflowTest, StatusMovesByLegalStepsAndBothSidesSeeIt) {
  clients::CaseworkClient casework = Casework();
  auto thread = casework.GetThread(ReportId());
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->workflow().status(), candour::v1::CASE_STATUS_NEW);
  EXPECT_EQ(thread->workflow().received_day(), core::TodayInLondon());
  EXPECT_GT(thread->workflow().acknowledge_due_day(), thread->workflow().received_day());
  EXPECT_EQ(thread->workflow().feedback_due_day(), thread->workflow().received_day() + 30);

  Step(candour::v1::CASE_STATUS_NEW, candour::v1::CASE_STATUS_ACKNOWLEDGED);
  Step(candour::v1::CASE_STATUS_ACKNOWLEDGED, candour::v1::CASE_STATUS_IN_PROGRESS);
  Step(candour::v1::CASE_STATUS_IN_PROGRESS, candour::v1::CASE_STATUS_ESCALATED);
  Step(candour::v1::CASE_STATUS_ESCALATED, candour::v1::CASE_STATUS_CLOSED, candour::v1::CASE_OUTCOME_NOT_UPHELD);

  thread = casework.GetThread(ReportId());
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->workflow().status(), candour::v1::CASE_STATUS_CLOSED);
  EXPECT_EQ(thread->workflow().closed_day(), core::TodayInLondon());
  EXPECT_EQ(thread->workflow().acknowledged_day(), core::TodayInLondon());
  EXPECT_FALSE(thread->workflow().feedback_overdue());
  for (const char* side : {"reporter", "guardian"}) {
    clients::VerifiedThread view = side[0] == 'r' ? ReporterView() : GuardianView();
    ASSERT_TRUE(view.problem.ok()) << side << ": " << view.problem;
    EXPECT_EQ(view.status, candour::v1::CASE_STATUS_CLOSED) << side;
    EXPECT_EQ(view.outcome, candour::v1::CASE_OUTCOME_NOT_UPHELD) << side;
    EXPECT_EQ(clients::WorkflowMismatch(view, thread->workflow().status(), "", false), std::nullopt) << side;
  }
}

TEST_F(WorkflowTest, BadInputGetsItsOwnStatusAndChangesNothing) {
  Step(candour::v1::CASE_STATUS_NEW, candour::v1::CASE_STATUS_ACKNOWLEDGED);
  const clients::VerifiedThread now = GuardianView();
  const auto status_entry = [&](candour::v1::CaseStatus to, candour::v1::CaseOutcome outcome =
                                                               candour::v1::CASE_OUTCOME_UNSPECIFIED) {
    return GuardianWrites(candour::v1::ENTRY_KIND_STATUS_CHANGE,
                          Move(candour::v1::CASE_STATUS_ACKNOWLEDGED, to, outcome), now);
  };
  const ThreadEntry note = GuardianWrites(candour::v1::ENTRY_KIND_NOTE, Note("private"), now);
  // One session for every call below: signing in writes a session record.
  clients::CaseworkClient casework = Casework();
  const auto change = [&](const ThreadEntry& entry, candour::v1::CaseStatus to) {
    candour::v1::ChangeStatusRequest request;
    *request.mutable_entry() = entry;
    request.set_to(to);
    return casework.ChangeStatus(request).status();
  };
  const testing::DbSnapshot before = Snapshot();

  struct Case {
    std::string name;
    std::function<absl::Status()> call;
    Code expected;
  };
  const std::vector<Case> cases = {
      {"illegal move: acknowledged to referred",
       [&] { return change(status_entry(candour::v1::CASE_STATUS_REFERRED), candour::v1::CASE_STATUS_REFERRED); },
       Code::kFailedPrecondition},
      {"illegal move: back to new",
       [&] { return change(status_entry(candour::v1::CASE_STATUS_IN_PROGRESS), candour::v1::CASE_STATUS_NEW); },
       Code::kFailedPrecondition},
      {"unknown status", [&] { return change(status_entry(candour::v1::CASE_STATUS_IN_PROGRESS),
                                                   static_cast<candour::v1::CaseStatus>(42));},
       Code::kInvalidArgument},
      {"unknown case",
       [&] {
         ThreadEntry e = status_entry(candour::v1::CASE_STATUS_IN_PROGRESS);
         e.set_report_id(std::string(16, 'u'));
         return change(e, candour::v1::CASE_STATUS_IN_PROGRESS); },
       Code::kNotFound},
      {"a note sent as a status change",
       [&] { return change(note, candour::v1::CASE_STATUS_IN_PROGRESS);}, Code::kInvalidArgument},
      {"oversize ciphertext",
       [&] {
         candour::v1::AddNoteRequest r;
         *r.mutable_entry() = note;
         r.mutable_entry()->set_ciphertext(std::string(64 * 1024 + 16, 'c'));
         return casework.AddNote(r).status();
       },
       Code::kResourceExhausted},
      {"malformed ciphertext (not a bucket)",
       [&] {
         candour::v1::AddNoteRequest r;
         *r.mutable_entry() = note;
         r.mutable_entry()->mutable_ciphertext()->push_back('x');
         return casework.AddNote(r).status();
       },
       Code::kInvalidArgument},
      {"malformed signature",
       [&] {
         candour::v1::AddNoteRequest r;
         *r.mutable_entry() = note;
         r.mutable_entry()->mutable_signature()->pop_back();
         return casework.AddNote(r).status();
       },
       Code::kInvalidArgument},
      {"signature that does not verify",
       [&] {
         candour::v1::AddNoteRequest r;
         *r.mutable_entry() = note;
         (*r.mutable_entry()->mutable_signature())[0] ^= 1;
         return casework.AddNote(r).status();
       },
       Code::kUnauthenticated},
      {"assignee who is not a Guardian",
       [&] {
         EntryContent c;
         c.mutable_assignment()->set_assignee_key_id(std::string(16, 'z'));
         candour::v1::AssignRequest r;
         *r.mutable_entry() = GuardianWrites(candour::v1::ENTRY_KIND_ASSIGNMENT, c, now);
         r.set_assignee_key_id(std::string(16, 'z'));
         return casework.Assign(r).status();
       },
       Code::kPermissionDenied},
      {"link without a sealed mark",
       [&] {
         EntryContent c;
         c.mutable_link()->set_other_report_id(std::string(16, 'o'));
         c.mutable_link()->set_relation(candour::v1::LINK_RELATION_DUPLICATE);
         candour::v1::LinkRequest r;
         *r.mutable_entry() = GuardianWrites(candour::v1::ENTRY_KIND_LINK, c, now);
         return casework.Link(r).status();
       },
       Code::kInvalidArgument},
      {"stale entry (the thread has moved on)",
       [&] {
         candour::v1::ClassifyRequest r;
         EntryContent c;
         c.mutable_classification()->add_elements(candour::v1::CASE_ELEMENT_DETRIMENT);
         clients::VerifiedThread old;  // as if read before the acknowledgement
         old.last_hash = crypto::EnvelopeHash(submission_.envelope(), OrgId());
         old.last_reporter_hash = old.last_hash;
         *r.mutable_entry() = GuardianWrites(candour::v1::ENTRY_KIND_CLASSIFICATION, c, old);
         return casework.Classify(r).status();
       },
       Code::kFailedPrecondition},
      {"malformed page token",
       [&] {
         candour::v1::ListCasesRequest r;
         r.set_page_token("nonsense");
         return casework.ListCases(r).status();
       },
       Code::kInvalidArgument},
      {"page too large",
       [&] {
         candour::v1::ListCasesRequest r;
         r.set_page_size(201);
         return casework.ListCases(r).status();
       },
       Code::kInvalidArgument},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.call().code(), c.expected) << c.name;
    const testing::DbSnapshot after = Snapshot();
    EXPECT_TRUE(after == before) << c.name << ": " << testing::SnapshotDiff(before, after);
  }
}

TEST_F(WorkflowTest, ListsFilterAndPage) {
  // Three more reports, so four in all.
  std::vector<std::string> ids = {ReportId()};
  clients::IntakeClient intake(server_->channel(), kDeadline);
  for (int i = 0; i < 3; ++i) {
    auto more = org_.MakeSubmissionFor(crypto::ReceiptCode::Generate(), v1_);
    ASSERT_TRUE(intake.SubmitReport(more).ok());
    ids.push_back(more.envelope().report_id());
  }
  Step(candour::v1::CASE_STATUS_NEW, candour::v1::CASE_STATUS_ACKNOWLEDGED);
  EntryContent mine;
  mine.mutable_assignment()->set_assignee_key_id(org_.guardian(0).key_id);
  candour::v1::AssignRequest assign;
  *assign.mutable_entry() = GuardianWrites(candour::v1::ENTRY_KIND_ASSIGNMENT, mine, GuardianView());
  assign.set_assignee_key_id(org_.guardian(0).key_id);
  clients::CaseworkClient casework = Casework();
  ASSERT_TRUE(casework.Assign(assign).ok());

  // Paged two at a time, every case once.
  candour::v1::ListCasesRequest request;
  request.set_page_size(2);
  std::vector<std::string> seen;
  int pages = 0;
  do {
    auto page = casework.ListCases(request);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& c : page->cases()) seen.push_back(c.report_id());
    request.set_page_token(page->page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 2);
  std::sort(seen.begin(), seen.end());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(seen, ids);

  candour::v1::ListCasesRequest by_status;
  by_status.add_statuses(candour::v1::CASE_STATUS_NEW);
  auto fresh = casework.ListCases(by_status);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->cases_size(), 3);
  candour::v1::ListCasesRequest by_assignee;
  by_assignee.set_assignee_key_id(org_.guardian(0).key_id);
  auto assigned = casework.ListCases(by_assignee);
  ASSERT_TRUE(assigned.ok());
  ASSERT_EQ(assigned->cases_size(), 1);
  EXPECT_EQ(assigned->cases(0).report_id(), ReportId());
  EXPECT_EQ(assigned->cases(0).status(), candour::v1::CASE_STATUS_ACKNOWLEDGED);
  // Nothing received today is overdue yet.
  candour::v1::ListCasesRequest overdue;
  overdue.set_overdue_only(true);
  EXPECT_EQ(casework.ListCases(overdue)->cases_size(), 0);
}

TEST_F(WorkflowTest, TheReporterSeesStatusButNotStaffOnlyEntries) {
  ASSERT_TRUE(PostAsReporter(ReporterEntry("hello", ReporterView())).ok());
  Step(candour::v1::CASE_STATUS_NEW, candour::v1::CASE_STATUS_ACKNOWLEDGED);
  candour::v1::AddNoteRequest note;
  *note.mutable_entry() = GuardianWrites(candour::v1::ENTRY_KIND_NOTE, Note("staff only"), GuardianView());
  ASSERT_TRUE(Casework().AddNote(note).ok());
  ASSERT_TRUE(PostAsReporter(ReporterEntry("still there?", ReporterView())).ok());

  const clients::VerifiedThread reporter = ReporterView();
  ASSERT_TRUE(reporter.problem.ok()) << reporter.problem;
  ASSERT_EQ(reporter.items.size(), 4u);
  EXPECT_EQ(reporter.status, candour::v1::CASE_STATUS_ACKNOWLEDGED);
  EXPECT_FALSE(reporter.items[2].readable);  // the note: verified, not opened
  EXPECT_TRUE(reporter.unreadable.empty());  // and not reported as damaged
  const std::string shown = clients::RenderThread(reporter, /*staff_view=*/false);
  EXPECT_EQ(shown.find("staff only"), std::string::npos) << shown;
  EXPECT_NE(shown.find("still there?"), std::string::npos) << shown;
  const clients::VerifiedThread guardian = GuardianView();
  EXPECT_EQ(guardian.items[2].content.text(), "staff only");
}

// The audit log as stored, parsed.
std::vector<candour::v1::AuditEntry> AuditLog(storage::ReportStore& store) {
  std::vector<candour::v1::AuditEntry> log;
  auto records = store.ReadAudit(1, 100000);
  EXPECT_TRUE(records.ok()) << records.status();
  if (!records.ok()) return log;
  for (const storage::AuditRecord& record : *records) {
    auto entry = crypto::ParseAuditEntry(record.entry);
    EXPECT_TRUE(entry.ok()) << "entry " << record.sequence;
    if (!entry.ok()) continue;
    EXPECT_TRUE(entry->GetReflection()->GetUnknownFields(*entry).empty()) << "entry " << record.sequence;
    for (const std::string& secret : {std::string("MARKER-note-3b7d"), std::string("MARKER-reporter-8e2f")}) {
      EXPECT_EQ(record.entry.find(secret), std::string::npos) << "entry " << record.sequence;
    }
    log.push_back(*std::move(entry));
  }
  return log;
}

TEST_F(WorkflowTest, GuardianActionsAreAuditedInTheirOwnWriteAndTheReportersAreNot) {
  const uint64_t before = AuditLog(server_->store()).size();
  ASSERT_TRUE(PostAsReporter(ReporterEntry("MARKER-reporter-8e2f", ReporterView())).ok());
  EXPECT_TRUE(ReporterView().problem.ok());
  EXPECT_EQ(AuditLog(server_->store()).size(), before);  // GetCase and AddFollowUp: not audited

  clients::CaseworkClient casework = Casework();  // one sign-in for what follows
  const uint64_t signed_in = AuditLog(server_->store()).size();
  const ThreadEntry status =
      GuardianWrites(candour::v1::ENTRY_KIND_STATUS_CHANGE,
                     Move(candour::v1::CASE_STATUS_NEW, candour::v1::CASE_STATUS_ACKNOWLEDGED), GuardianView());
  candour::v1::ChangeStatusRequest change;
  *change.mutable_entry() = status;
  change.set_to(candour::v1::CASE_STATUS_ACKNOWLEDGED);
  ASSERT_TRUE(casework.ChangeStatus(change).ok());
  const ThreadEntry note = GuardianWrites(candour::v1::ENTRY_KIND_NOTE, Note("MARKER-note-3b7d"), GuardianView());
  candour::v1::AddNoteRequest add_note;
  *add_note.mutable_entry() = note;
  ASSERT_TRUE(casework.AddNote(add_note).ok());
  ASSERT_TRUE(casework.ListCases(candour::v1::ListCasesRequest()).ok());
  // A refused status change (the thread has moved on) writes no entry.
  EXPECT_EQ(casework.ChangeStatus(change).status().code(), Code::kFailedPrecondition);

  // Of the casework client's calls (GuardianView's sign-ins and reads come
  // from other sessions and are left out): exactly these three, in order.
  const std::vector<candour::v1::AuditEntry> log = AuditLog(server_->store());
  const std::string report = crypto::HexEncode(ReportId());
  std::vector<std::tuple<std::string, candour::v1::AuditAction, std::string>> written;
  for (size_t i = signed_in; i < log.size(); ++i) {
    const candour::v1::AuditAction action = log[i].action();
    if (action == candour::v1::AUDIT_ACTION_SIGN_IN || action == candour::v1::AUDIT_ACTION_FETCH_THREAD ||
        action == candour::v1::AUDIT_ACTION_OPEN_REPORT) {
      continue;
    }
    written.emplace_back(log[i].actor(), action, log[i].object());
  }
  EXPECT_EQ(written, (std::vector<std::tuple<std::string, candour::v1::AuditAction, std::string>>{
                         {"guardian", candour::v1::AUDIT_ACTION_STATUS_CHANGE, report},
                         {"guardian", candour::v1::AUDIT_ACTION_NOTE, report},
                         {"guardian", candour::v1::AUDIT_ACTION_LIST_CASES, ""},
                     }));
  // And the sealed entries themselves are nowhere in the log.
  auto records = server_->store().ReadAudit(1, 100000);
  ASSERT_TRUE(records.ok());
  for (const storage::AuditRecord& record : *records) {
    for (const ThreadEntry* entry : {&status, &note}) {
      EXPECT_EQ(record.entry.find(entry->ciphertext()), std::string::npos) << "entry " << record.sequence;
      EXPECT_EQ(record.entry.find(entry->signature()), std::string::npos) << "entry " << record.sequence;
    }
  }
}

TEST_F(WorkflowTest, AWorkflowRecordAlteredInTheDatabaseIsFlagged) {
  Step(candour::v1::CASE_STATUS_NEW, candour::v1::CASE_STATUS_ACKNOWLEDGED);
  server_->Stop();
  server_.reset();
  {
    RawDb db(dir_.path());
    candour::v1::WorkflowRecord record;
    ASSERT_TRUE(record.ParseFromString(db.Get(schema::kWorkflowCf, ReportId())));
    record.set_status(candour::v1::CASE_STATUS_CLOSED);
    db.Put(schema::kWorkflowCf, ReportId(), record.SerializeAsString());
  }
  Start();
  auto thread = Casework().GetThread(ReportId());
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->workflow().status(), candour::v1::CASE_STATUS_CLOSED);
  const clients::VerifiedThread view = GuardianView();
  ASSERT_TRUE(view.problem.ok());
  EXPECT_EQ(view.status, candour::v1::CASE_STATUS_ACKNOWLEDGED);
  EXPECT_NE(clients::WorkflowMismatch(view, thread->workflow().status(), thread->workflow().assignee_key_id(), true),
            std::nullopt);
}

}  // namespace
}  // namespace candour::services
