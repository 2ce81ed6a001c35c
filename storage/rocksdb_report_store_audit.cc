// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit log in RocksDbReportStore: appending entries and checkpoints
// within a unit's one WriteBatch, and reading them back. Every audit writer
// holds audit_mu_ across check and write, so two appends racing for one
// sequence cannot both pass the check, and the log stays 1..n without gaps.
// Reads return what is stored, as it is (rocksdb_report_store_log.cc).
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store_impl.h"
#include "storage/rocksdb_status.h"
#include "storage/schema.h"

namespace candour::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

}  // namespace

absl::Status RocksDbReportStore::Impl::BatchAuditWrite(const UnitOfWork::Write& write, AuditContext& audit,
                                                       rocksdb::WriteBatch& batch) {
  if (const auto* record = std::get_if<AuditRecord>(&write)) {
    return BatchLogAppend(kAuditLog, record->sequence, record->entry, audit.length, batch);
  }
  if (absl::Status s = LoadLogLength(kAuditLog, audit.length); !s.ok()) return s;
  const auto& checkpoint = std::get<AuditCheckpointRecord>(write);
  if (checkpoint.length > *audit.length) {
    return absl::FailedPreconditionError("the audit log is shorter than the checkpoint's length");
  }
  const std::string key = schema::AuditKey(checkpoint.length);
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kAuditCheckpointsCf, key);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return absl::AlreadyExistsError("a checkpoint of this length exists");
  return FromRocksDb(batch.Put(cf(schema::kAuditCheckpointsCf), key, ToSlice(checkpoint.checkpoint)),
                     "build write batch");
}

absl::StatusOr<std::vector<AuditRecord>> RocksDbReportStore::ReadAudit(uint64_t first, size_t max) {
  return impl_->ReadLog<AuditRecord>(kAuditLog, first, max);
}

absl::StatusOr<std::optional<AuditRecord>> RocksDbReportStore::LastAudit() {
  return impl_->LastLogRecord<AuditRecord>(kAuditLog);
}

absl::StatusOr<std::vector<AuditCheckpointRecord>> RocksDbReportStore::ListAuditCheckpoints() {
  return impl_->ReadLog<AuditCheckpointRecord>(kAuditCheckpoints, 0, std::numeric_limits<size_t>::max());
}

absl::StatusOr<std::optional<AuditCheckpointRecord>> RocksDbReportStore::LatestAuditCheckpoint() {
  return impl_->LastLogRecord<AuditCheckpointRecord>(kAuditCheckpoints);
}

}  // namespace candour::storage
