// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candourd audit verify`'s logic: walks the audit log stored in a data dir
// (a copy, or a stopped or running server's, opened read-only) from entry 1
// and names the first entry that was changed, removed, reordered, or cut off
// after a checkpoint (docs/PROTOCOL.md §19). Checkpoints, the stored ones and
// one from an admin's file, must verify against a directory the
// organisation key signed, and then pin the log's hash at their length.
// Stateless and thread-safe.
#ifndef CANDOUR_SERVICES_AUDIT_VERIFY_H_
#define CANDOUR_SERVICES_AUDIT_VERIFY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/audit.pb.h"
#include "storage/report_store.h"

namespace candour::services {

// A checkpoint file as `candour admin audit checkpoint` writes it: protobuf
// text, or binary. INVALID_ARGUMENT if it is neither.
absl::StatusOr<candour::v1::AuditCheckpoint> ParseCheckpointFile(std::string_view contents);

struct AuditVerifyResult {
  uint64_t length = 0;               // entries, all intact
  std::vector<std::string> anchors;  // what the log was checked against, for the report
};

// Verifies the log in `store`. `organisation_public_key` (32 bytes) checks
// the stored directories that checkpoints are verified against; `checkpoint`
// is the admin's own copy, if given. Returns
//   DATA_LOSS naming the first altered entry (or a stored checkpoint that
//     no longer verifies, or a stored directory that does not);
//   UNAUTHENTICATED if `checkpoint` verifies against no stored directory;
//   storage errors as they come.
absl::StatusOr<AuditVerifyResult> VerifyAuditLog(storage::ReportStore& store, std::string_view organisation_public_key,
                                                 const std::optional<candour::v1::AuditCheckpoint>& checkpoint);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_AUDIT_VERIFY_H_
