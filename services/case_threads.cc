// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/case_threads.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "crypto/envelope.h"
#include "crypto/hash.h"
#include "crypto/keys.h"
#include "crypto/link_mark.h"
#include "crypto/padding.h"
#include "crypto/thread_entry.h"

namespace candour::services {
namespace {

using candour::v1::EntryKind;
using candour::v1::ThreadEntry;

constexpr char kMovedOn[] = "the thread has changed since it was read; fetch it again";
constexpr int kMaxLinksPerCase = 64;

}  // namespace

absl::Status ValidateEntryShape(const ThreadEntry& e, std::string_view organisation_id) {
  if (!e.GetReflection()->GetUnknownFields(e).empty()) {
    return absl::InvalidArgumentError("entry has fields this server does not know");
  }
  if (e.ciphertext().size() > crypto::kMaxEntryBucket + crypto::kAeadTagSize) {
    return absl::ResourceExhaustedError(
        absl::StrCat("entry ciphertext size ", e.ciphertext().size(), " is above 32 KiB + 16"));
  }
  return crypto::CheckEntryShape(e, organisation_id);
}

absl::StatusOr<candour::v1::Envelope> CaseThreads::Envelope(std::string_view report_id) const {
  absl::StatusOr<storage::StoredReport> stored = store_->GetReport(report_id);
  if (!stored.ok()) return stored.status();
  candour::v1::Envelope envelope;
  if (!envelope.ParseFromString(stored->envelope)) return absl::DataLossError("a stored envelope does not parse");
  return envelope;
}

absl::StatusOr<std::vector<ThreadEntry>> CaseThreads::Get(std::string_view report_id) const {
  absl::StatusOr<std::vector<storage::ThreadEntryRecord>> stored = store_->GetThread(report_id);
  if (!stored.ok()) return stored.status();
  std::vector<ThreadEntry> entries(stored->size());
  for (size_t i = 0; i < stored->size(); ++i) {
    if (!entries[i].ParseFromString((*stored)[i].entry)) return absl::DataLossError("a stored entry does not parse");
  }
  return entries;
}

absl::StatusOr<CaseThreads::Appended> CaseThreads::Append(const ThreadEntry& entry, EntryKind allowed,
                                                          const AuditEvent* audited, const WorkflowChange& change,
                                                          const UnitChange& more) const {
  std::shared_ptr<const CurrentDirectory> current = directories_->Current();
  if (current == nullptr) return absl::FailedPreconditionError("no directory has been published yet");
  const std::string& organisation_id = current->directory().organisation_id();
  if (absl::Status s = ValidateEntryShape(entry, organisation_id); !s.ok()) return s;
  if (entry.kind() != allowed) return absl::InvalidArgumentError("this entry kind cannot be written here");

  absl::StatusOr<storage::StoredReport> stored = store_->GetReport(entry.report_id());
  if (!stored.ok()) return stored.status();
  candour::v1::Envelope envelope;
  if (!envelope.ParseFromString(stored->envelope)) return absl::DataLossError("a stored envelope does not parse");
  absl::StatusOr<std::vector<ThreadEntry>> thread = Get(entry.report_id());
  if (!thread.ok()) return thread.status();
  if (entry.sequence() != thread->size() + 1) return absl::FailedPreconditionError(kMovedOn);
  // Both sides read the whole thread in one response, so its size stays under
  // the message limit: a full thread is refused rather than made unreadable.
  size_t bytes = envelope.ByteSizeLong() + entry.ByteSizeLong();
  for (const ThreadEntry& earlier : *thread) bytes += earlier.ByteSizeLong();
  if (bytes > max_thread_bytes_) {
    return absl::ResourceExhaustedError("this case's thread is full; the Guardian can start a new case");
  }
  const std::string envelope_hash = crypto::EnvelopeHash(envelope, organisation_id);
  const std::string last_hash = thread->empty() ? envelope_hash : crypto::EntryHash(thread->back(), organisation_id);
  if (entry.previous_hash() != last_hash) return absl::FailedPreconditionError(kMovedOn);

  if (entry.kind() != candour::v1::ENTRY_KIND_REPORTER_MESSAGE) {
    const auto& recipients = current->directory().recipients();
    auto author = std::find_if(recipients.begin(), recipients.end(), [&](const auto& r) {
      return r.key_id() == entry.author_key_id() && r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN;
    });
    if (author == recipients.end()) {
      return absl::PermissionDeniedError("the entry's author is not a Guardian of the current directory");
    }
    // Only a holder of this case's key (an original recipient, or one it was
    // re-wrapped to) can write something others can open; anyone else could
    // only plant an entry that stops the thread.
    absl::StatusOr<std::vector<storage::CaseKeyRecord>> holders = store_->GetCaseKeys(entry.report_id());
    if (!holders.ok()) return holders.status();
    if (std::none_of(holders->begin(), holders->end(),
                     [&](const auto& h) { return h.recipient_key_id == entry.author_key_id(); })) {
      return absl::PermissionDeniedError("the entry's author does not hold this case's key");
    }
    if (absl::Status s = crypto::VerifyEntrySignature(entry, author->ed25519_public_key(), organisation_id); !s.ok()) {
      return absl::UnauthenticatedError("the entry's signature does not verify with its author's key");
    }
    bool quotes_known = entry.quoted_hash() == envelope_hash;
    for (const ThreadEntry& earlier : *thread) {
      quotes_known |= earlier.kind() == candour::v1::ENTRY_KIND_REPORTER_MESSAGE &&
                      crypto::EntryHash(earlier, organisation_id) == entry.quoted_hash();
    }
    if (!quotes_known) return absl::FailedPreconditionError("the entry quotes nothing in this thread");
  }

  absl::StatusOr<candour::v1::WorkflowRecord> record = workflow_->Record(entry.report_id(), stored->received_day);
  if (!record.ok()) return record.status();
  storage::UnitOfWork unit;
  unit.AddThreadEntry(entry.report_id(), {entry.sequence(), entry.SerializeAsString()});
  if (change != nullptr) {
    if (absl::Status s = change(*record, *current); !s.ok()) return s;
    // The same unit as the entry: a concurrent append that takes this
    // sequence fails the whole unit, so a record never lands without the
    // signed entry that justifies it, nor from a status read before another.
    unit.PutWorkflow(entry.report_id(), record->SerializeAsString());
  }
  if (more != nullptr) {
    if (absl::Status s = more(unit, *current); !s.ok()) return s;
  }
  // A staff action's audit entry joins the same unit, so the entry, its
  // other writes and the audit entry land together or not at all.
  absl::StatusOr<storage::CommitOutcome> committed =
      audited != nullptr ? audit_->Commit(std::move(unit), *audited) : store_->Commit(unit);
  // Another append took this sequence between our read and our write.
  if (absl::IsAlreadyExists(committed.status())) return absl::FailedPreconditionError(kMovedOn);
  if (!committed.ok()) return committed.status();
  return Appended{entry.sequence(), workflow_->Summarise(entry.report_id(), stored->received_day, *record)};
}

absl::StatusOr<candour::v1::GetThreadResponse> CaseThreads::Thread(std::string_view report_id) const {
  absl::StatusOr<storage::StoredReport> stored = store_->GetReport(report_id);
  if (!stored.ok()) return stored.status();
  absl::StatusOr<std::vector<ThreadEntry>> entries = Get(report_id);
  if (!entries.ok()) return entries.status();
  absl::StatusOr<candour::v1::WorkflowRecord> record = workflow_->Record(report_id, stored->received_day);
  if (!record.ok()) return record.status();
  candour::v1::GetThreadResponse response;
  for (ThreadEntry& entry : *entries) *response.add_entries() = std::move(entry);
  *response.mutable_workflow() = workflow_->Summarise(report_id, stored->received_day, *record);
  return response;
}

absl::StatusOr<candour::v1::GetThreadResponse> CaseThreads::GetThread(
    const Caller& caller, const candour::v1::GetThreadRequest& request) const {
  if (request.report_id().size() != crypto::kReportIdSize) {
    return absl::InvalidArgumentError("report_id must be 16 bytes");
  }
  absl::StatusOr<candour::v1::GetThreadResponse> response = Thread(request.report_id());
  if (!response.ok()) return response.status();
  AuditEvent fetched{caller.account, candour::v1::AUDIT_ACTION_FETCH_THREAD, ReportObject(request.report_id())};
  if (absl::Status s = audit_->Record(fetched); !s.ok()) return s;
  return response;
}

absl::StatusOr<candour::v1::ListCasesResponse> CaseThreads::ListCases(
    const Caller& caller, const candour::v1::ListCasesRequest& request) const {
  absl::StatusOr<candour::v1::ListCasesResponse> response = workflow_->List(request);
  if (!response.ok()) return response.status();
  // No object: a list names many reports, and which ones a filter matched
  // says more about the cases than the log needs to.
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_LIST_CASES, ""}); !s.ok()) return s;
  return response;
}

namespace {

// The audit event for `caller` writing `entry` as `action`.
AuditEvent Wrote(const Caller& caller, candour::v1::AuditAction action, const ThreadEntry& entry) {
  return AuditEvent{caller.account, action, ReportObject(entry.report_id())};
}

absl::StatusOr<candour::v1::EntryAdded> Added(absl::StatusOr<CaseThreads::Appended> appended) {
  if (!appended.ok()) return appended.status();
  candour::v1::EntryAdded added;
  added.set_sequence(appended->sequence);
  *added.mutable_workflow() = std::move(appended->workflow);
  return added;
}

template <typename Request>
absl::Status CheckKnownFields(const Request& request) {
  if (!request.GetReflection()->GetUnknownFields(request).empty()) {
    return absl::InvalidArgumentError("request has fields this server does not know");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<candour::v1::ReplyResponse> CaseThreads::Reply(const Caller& caller,
                                                              const candour::v1::ReplyRequest& request) const {
  const AuditEvent replied = Wrote(caller, candour::v1::AUDIT_ACTION_REPLY, request.entry());
  absl::StatusOr<Appended> appended = Append(request.entry(), candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE, &replied);
  if (!appended.ok()) return appended.status();
  candour::v1::ReplyResponse response;
  response.set_sequence(appended->sequence);
  return response;
}

absl::StatusOr<candour::v1::EntryAdded> CaseThreads::ChangeStatus(
    const Caller& caller, const candour::v1::ChangeStatusRequest& request) const {
  if (absl::Status s = CheckKnownFields(request); !s.ok()) return s;
  if (!candour::v1::CaseStatus_IsValid(request.to()) || request.to() == candour::v1::CASE_STATUS_UNSPECIFIED) {
    return absl::InvalidArgumentError("to must be a known status");
  }
  const AuditEvent changed = Wrote(caller, candour::v1::AUDIT_ACTION_STATUS_CHANGE, request.entry());
  return Added(Append(request.entry(), candour::v1::ENTRY_KIND_STATUS_CHANGE, &changed,
                      [&](candour::v1::WorkflowRecord& record, const CurrentDirectory&) {
                        return workflow_->MoveTo(record, request.to());
                      }));
}

absl::StatusOr<candour::v1::EntryAdded> CaseThreads::Assign(const Caller& caller,
                                                            const candour::v1::AssignRequest& request) const {
  if (absl::Status s = CheckKnownFields(request); !s.ok()) return s;
  const std::string& assignee = request.assignee_key_id();
  if (!assignee.empty() && assignee.size() != crypto::kKeyIdSize) {
    return absl::InvalidArgumentError("assignee_key_id must be empty or 16 bytes");
  }
  const AuditEvent assigned = Wrote(caller, candour::v1::AUDIT_ACTION_ASSIGN, request.entry());
  return Added(Append(request.entry(), candour::v1::ENTRY_KIND_ASSIGNMENT, &assigned,
                      [&](candour::v1::WorkflowRecord& record, const CurrentDirectory& current) -> absl::Status {
                        if (!assignee.empty()) {
                          const auto& recipients = current.directory().recipients();
                          if (std::none_of(recipients.begin(), recipients.end(), [&](const auto& r) {
                                return r.key_id() == assignee && r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN;
                              })) {
                            return absl::PermissionDeniedError(
                                "the assignee is not a Guardian of the current directory");
                          }
                        }
                        record.set_assignee_key_id(assignee);
                        return absl::OkStatus();
                      }));
}

absl::StatusOr<candour::v1::EntryAdded> CaseThreads::AddNote(const Caller& caller,
                                                             const candour::v1::AddNoteRequest& request) const {
  if (absl::Status s = CheckKnownFields(request); !s.ok()) return s;
  const AuditEvent noted = Wrote(caller, candour::v1::AUDIT_ACTION_NOTE, request.entry());
  return Added(Append(request.entry(), candour::v1::ENTRY_KIND_NOTE, &noted));
}

absl::StatusOr<candour::v1::EntryAdded> CaseThreads::Classify(const Caller& caller,
                                                              const candour::v1::ClassifyRequest& request) const {
  if (absl::Status s = CheckKnownFields(request); !s.ok()) return s;
  const AuditEvent classified = Wrote(caller, candour::v1::AUDIT_ACTION_CLASSIFY, request.entry());
  return Added(Append(request.entry(), candour::v1::ENTRY_KIND_CLASSIFICATION, &classified));
}

absl::StatusOr<candour::v1::EntryAdded> CaseThreads::Link(const Caller& caller,
                                                          const candour::v1::LinkRequest& request) const {
  if (absl::Status s = CheckKnownFields(request); !s.ok()) return s;
  if (request.sealed_link_mark().size() != crypto::kSealedLinkMarkSize) {
    return absl::InvalidArgumentError("sealed_link_mark must be 162 bytes");
  }
  const AuditEvent linked = Wrote(caller, candour::v1::AUDIT_ACTION_LINK, request.entry());
  return Added(Append(request.entry(), candour::v1::ENTRY_KIND_LINK, &linked,
                      [&](candour::v1::WorkflowRecord& record, const CurrentDirectory&) -> absl::Status {
                        if (record.sealed_link_marks_size() >= kMaxLinksPerCase) {
                          return absl::ResourceExhaustedError("this case already has 64 links");
                        }
                        record.add_sealed_link_marks(request.sealed_link_mark());
                        return absl::OkStatus();
                      }));
}

}  // namespace candour::services
