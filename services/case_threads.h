// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case threads on the server's side: read a report's thread, append an entry
// after checking everything the server can check without the case key —
// field sizes, that it is next in sequence and chained to the stored last
// entry (or the report's envelope), who may write which kind, and for
// Guardians the signature against the current directory. Clients verify
// every entry again, including the reporter's signatures, whose key only
// Guardians can see. Thread-safe.
#ifndef CANDOUR_SERVICES_CASE_THREADS_H_
#define CANDOUR_SERVICES_CASE_THREADS_H_

#include <functional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/casework.pb.h"
#include "candour/v1/intake.pb.h"
#include "candour/v1/thread.pb.h"
#include "services/audit_trail.h"
#include "services/case_workflow.h"
#include "services/directory_registry.h"
#include "services/sessions.h"
#include "storage/report_store.h"

namespace candour::services {

// INVALID_ARGUMENT for unknown fields or any field crypto::CheckEntryShape
// refuses; RESOURCE_EXHAUSTED for a ciphertext above 32 KiB + 16.
absl::Status ValidateEntryShape(const candour::v1::ThreadEntry& entry, std::string_view organisation_id);

class CaseThreads {
 public:
  // No pointer is owned. Both sides read a whole thread in one response, so
  // `max_message_bytes` (candourd's gRPC limit) bounds it: an entry that
  // would take the thread past three quarters of it is refused
  // (RESOURCE_EXHAUSTED), and the thread stays readable.
  CaseThreads(storage::ReportStore* store, const DirectoryRegistry* directories, const CaseWorkflow* workflow,
              AuditTrail* audit, size_t max_message_bytes)
      : store_(store),
        directories_(directories),
        workflow_(workflow),
        audit_(audit),
        max_thread_bytes_(max_message_bytes / 4 * 3) {}

  // What an entry does to its case's workflow record: applied to the current
  // record before anything is written; an error refuses the entry.
  using WorkflowChange = std::function<absl::Status(candour::v1::WorkflowRecord&, const CurrentDirectory&)>;
  // Other writes an entry brings with it (a re-wrap's case keys), added to
  // the entry's unit once every check of the entry passed; an error refuses
  // the entry.
  using UnitChange = std::function<absl::Status(storage::UnitOfWork&, const CurrentDirectory&)>;
  struct Appended {
    uint32_t sequence = 0;
    candour::v1::CaseSummary workflow;  // as it stands after the entry
  };

  // The stored envelope of a report. NOT_FOUND if absent.
  absl::StatusOr<candour::v1::Envelope> Envelope(std::string_view report_id) const;
  // NOT_FOUND if the report does not exist; DATA_LOSS for a stored entry
  // that does not parse.
  absl::StatusOr<std::vector<candour::v1::ThreadEntry>> Get(std::string_view report_id) const;

  // Appends `entry`, which must be of kind `allowed`, and with it (in the same
  // WriteBatch) the workflow record `change` makes and the writes `more`
  // adds, if they are given, and the audit entry for `audited`, if one is
  // given.
  //   INVALID_ARGUMENT: malformed, or of another kind;
  //   NOT_FOUND: no such report;
  //   FAILED_PRECONDITION: not next in sequence or not chained to the last
  //     entry (the thread moved on), a quote of no entry in the thread, or
  //     no directory yet;
  //   PERMISSION_DENIED: a Guardian key not in the current directory, or
  //     without a case-key record for this report;
  //   UNAUTHENTICATED: a Guardian signature that does not verify;
  //   RESOURCE_EXHAUSTED: the thread is full;
  //   whatever `change` or `more` returns.
  // `audited` is the staff action to write in the same unit as the entry and
  // its other writes (AuditTrail), or null for a reporter's entry:
  // reporters have no account and are not audited.
  absl::StatusOr<Appended> Append(const candour::v1::ThreadEntry& entry, candour::v1::EntryKind allowed,
                                  const AuditEvent* audited, const WorkflowChange& change = nullptr,
                                  const UnitChange& more = nullptr) const;

  // A report's thread with its case's workflow summary, not audited: the
  // reporter's read (FollowUpService) and the body of GetThread. NOT_FOUND
  // if the report is absent.
  absl::StatusOr<candour::v1::GetThreadResponse> Thread(std::string_view report_id) const;

  // CaseworkService's side, each audited as the caller's action (the reads
  // once they succeed, the writes in the entry's own unit). INVALID_ARGUMENT
  // for a malformed report id, otherwise as Thread / Append with the kind
  // each RPC writes.
  absl::StatusOr<candour::v1::GetThreadResponse> GetThread(const Caller& caller,
                                                           const candour::v1::GetThreadRequest& request) const;
  absl::StatusOr<candour::v1::ReplyResponse> Reply(const Caller& caller,
                                                   const candour::v1::ReplyRequest& request) const;
  absl::StatusOr<candour::v1::ListCasesResponse> ListCases(const Caller& caller,
                                                           const candour::v1::ListCasesRequest& request) const;
  absl::StatusOr<candour::v1::EntryAdded> ChangeStatus(const Caller& caller,
                                                       const candour::v1::ChangeStatusRequest& request) const;
  absl::StatusOr<candour::v1::EntryAdded> Assign(const Caller& caller, const candour::v1::AssignRequest& request) const;
  absl::StatusOr<candour::v1::EntryAdded> AddNote(const Caller& caller,
                                                  const candour::v1::AddNoteRequest& request) const;
  absl::StatusOr<candour::v1::EntryAdded> Classify(const Caller& caller,
                                                   const candour::v1::ClassifyRequest& request) const;
  absl::StatusOr<candour::v1::EntryAdded> Link(const Caller& caller, const candour::v1::LinkRequest& request) const;
  // Turnover, in case_rewrap.cc: the REWRAP entry, its case-key records and
  // the caller's audit entry in one write. Codes as the RPC documents
  // (casework.proto).
  absl::StatusOr<candour::v1::EntryAdded> Rewrap(const Caller& caller, const candour::v1::RewrapRequest& request) const;

 private:
  storage::ReportStore* const store_;           // not owned
  const DirectoryRegistry* const directories_;  // not owned
  const CaseWorkflow* const workflow_;          // not owned
  AuditTrail* const audit_;                     // not owned
  const size_t max_thread_bytes_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_CASE_THREADS_H_
