// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit trail's RPCs (docs/PROTOCOL.md §19): admins read the log and
// store checkpoints they signed; every staff member's client fetches the
// head and the digests it needs to check that the log extends the one it
// saw; a Guardian reads who opened a case. Entries go out exactly as stored,
// so clients check the chain themselves rather than trust this server.
// Reading the log or a case's access is itself audited. Thread-safe.
#ifndef CANDOUR_SERVICES_AUDIT_SERVICE_H_
#define CANDOUR_SERVICES_AUDIT_SERVICE_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "candour/v1/audit.pb.h"
#include "services/audit_trail.h"
#include "services/directory_registry.h"
#include "services/sessions.h"
#include "storage/report_store.h"

namespace candour::services {

class AuditService {
 public:
  static constexpr uint32_t kMaxReadEntries = 1000;
  static constexpr size_t kMaxHeadDigests = 4096;
  static constexpr size_t kMaxCaseAccessRecords = 4096;

  // No pointer is owned.
  AuditService(storage::ReportStore* store, AuditTrail* audit, const DirectoryRegistry* directories)
      : store_(store), audit_(audit), directories_(directories) {}

  // Up to `max` stored entries from `first`, after auditing the read (so a
  // read that reaches the end includes its own entry). INVALID_ARGUMENT
  // unless max is 1..1000.
  absl::StatusOr<candour::v1::ReadAuditResponse> ReadAudit(const Caller& caller,
                                                           const candour::v1::ReadAuditRequest& request) const;

  // Stores a checkpoint with its audit entry. INVALID_ARGUMENT for malformed
  // fields; FAILED_PRECONDITION with no directory yet, a log shorter than the
  // checkpoint, or an entry at its length with another hash;
  // UNAUTHENTICATED if it does not verify against the current directory's
  // admins; ALREADY_EXISTS if that length is checkpointed.
  absl::StatusOr<candour::v1::AddCheckpointResponse> AddCheckpoint(
      const Caller& caller, const candour::v1::AddCheckpointRequest& request) const;

  // The head, the latest checkpoint and the digests of up to 4096 entries
  // after known_length. A known_length beyond the log gets no digests: the
  // client sees the shorter log and reports it. DATA_LOSS if a stored
  // checkpoint does not parse.
  absl::StatusOr<candour::v1::GetAuditHeadResponse> GetAuditHead(const candour::v1::GetAuditHeadRequest& request) const;

  // The newest 4096 entries whose object is the report, after auditing the
  // read. INVALID_ARGUMENT for a malformed id; NOT_FOUND for no such report;
  // DATA_LOSS if a stored entry does not parse (run candourd audit verify).
  absl::StatusOr<candour::v1::GetCaseAccessResponse> GetCaseAccess(
      const Caller& caller, const candour::v1::GetCaseAccessRequest& request) const;

 private:
  // FAILED_PRECONDITION unless the stored entry `length` exists and its hash
  // is `head_hash`.
  absl::Status CheckHeadAt(uint64_t length, const std::string& head_hash) const;

  storage::ReportStore* const store_;           // not owned
  AuditTrail* const audit_;                     // not owned
  const DirectoryRegistry* const directories_;  // not owned
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_AUDIT_SERVICE_H_
