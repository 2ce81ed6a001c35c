// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit log of InMemoryReportStore, check for check and code for code as
// RocksDbReportStore's (rocksdb_report_store_audit.cc).
#include <optional>
#include <variant>

#include "absl/status/status.h"
#include "storage/in_memory_report_store.h"

namespace candour::storage {

absl::Status InMemoryReportStore::CheckAuditWrite(const UnitOfWork::Write& write, uint64_t& length) const {
  if (const auto* record = std::get_if<AuditRecord>(&write)) {
    if (record->sequence <= length) return absl::AlreadyExistsError("an audit entry with this sequence exists");
    if (record->sequence != length + 1) {
      return absl::FailedPreconditionError("the audit entry before this sequence is absent");
    }
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
  std::vector<AuditRecord> records;
  for (auto it = audit_.lower_bound(first); it != audit_.end() && records.size() < max; ++it) {
    records.push_back(AuditRecord{it->first, it->second});
  }
  return records;
}

absl::StatusOr<std::optional<AuditRecord>> InMemoryReportStore::LastAudit() {
  std::lock_guard<std::mutex> lock(mu_);
  if (audit_.empty()) return std::nullopt;
  return AuditRecord{audit_.rbegin()->first, audit_.rbegin()->second};
}

absl::StatusOr<std::vector<AuditCheckpointRecord>> InMemoryReportStore::ListAuditCheckpoints() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<AuditCheckpointRecord> checkpoints;
  for (const auto& [length, checkpoint] : audit_checkpoints_) checkpoints.push_back({length, checkpoint});
  return checkpoints;
}

absl::StatusOr<std::optional<AuditCheckpointRecord>> InMemoryReportStore::LatestAuditCheckpoint() {
  std::lock_guard<std::mutex> lock(mu_);
  if (audit_checkpoints_.empty()) return std::nullopt;
  return AuditCheckpointRecord{audit_checkpoints_.rbegin()->first, audit_checkpoints_.rbegin()->second};
}

}  // namespace candour::storage
