// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit log of InMemoryReportStore, check for check and code for code as
// RocksDbReportStore's (rocksdb_report_store_audit.cc).
#include <optional>
#include <variant>

#include "absl/status/status.h"
#include "storage/in_memory_report_store.h"
#include "storage/unit_validation.h"

namespace candour::storage {

absl::Status InMemoryReportStore::CheckAuditWrite(const UnitOfWork::Write& write, uint64_t& length) const {
  if (const auto* record = std::get_if<AuditRecord>(&write)) {
    if (absl::Status s = CheckLogAppend(record->sequence, length, "audit log"); !s.ok()) return s;
    length = record->sequence;
    return absl::OkStatus();
  }
  const auto& checkpoint = std::get<AuditCheckpointRecord>(write);
  if (checkpoint.length > length) {
    return absl::FailedPreconditionError("the audit log is shorter than the checkpoint's length");
  }
  if (audit_checkpoints_.contains(checkpoint.length)) {
    return absl::AlreadyExistsError("a checkpoint of this length exists");
  }
  return absl::OkStatus();
}

void InMemoryReportStore::ApplyAuditWrite(const UnitOfWork::Write& write) {
  if (const auto* record = std::get_if<AuditRecord>(&write)) {
    audit_[record->sequence] = record->entry;
  } else if (const auto* checkpoint = std::get_if<AuditCheckpointRecord>(&write)) {
    audit_checkpoints_[checkpoint->length] = checkpoint->checkpoint;
  }
}

absl::StatusOr<std::vector<AuditRecord>> InMemoryReportStore::ReadAudit(uint64_t first, size_t max) {
  std::lock_guard<std::mutex> lock(mu_);
  return ReadLog<AuditRecord>(audit_, first, max);
}

absl::StatusOr<std::optional<AuditRecord>> InMemoryReportStore::LastAudit() {
  std::lock_guard<std::mutex> lock(mu_);
  return LastOf<AuditRecord>(audit_);
}

absl::StatusOr<std::vector<AuditCheckpointRecord>> InMemoryReportStore::ListAuditCheckpoints() {
  std::lock_guard<std::mutex> lock(mu_);
  return ReadLog<AuditCheckpointRecord>(audit_checkpoints_, 0, audit_checkpoints_.size());
}

absl::StatusOr<std::optional<AuditCheckpointRecord>> InMemoryReportStore::LatestAuditCheckpoint() {
  std::lock_guard<std::mutex> lock(mu_);
  return LastOf<AuditCheckpointRecord>(audit_checkpoints_);
}

}  // namespace candour::storage
