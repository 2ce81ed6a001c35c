// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit log in RocksDbReportStore: appending entries and checkpoints
// within a unit's one WriteBatch, and reading them back. Every audit writer
// holds audit_mu_ across check and write, so two appends racing for one
// sequence cannot both pass the check, and the log stays 1..n without gaps.
// Reads return what is stored, as it is: checking the log is the verifier's
// job, and it can only be precise if storage does not hide a gap.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "rocksdb/iterator.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store_impl.h"
#include "storage/rocksdb_status.h"
#include "storage/schema.h"

namespace candour::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
std::string_view ToView(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

// The last record of "audit" or "audit_checkpoints", its key decoded.
template <typename Record>
absl::StatusOr<std::optional<Record>> DecodeLast(
    absl::StatusOr<std::optional<std::pair<std::string, std::string>>> last) {
  if (!last.ok()) return last.status();
  if (!last->has_value()) return std::nullopt;
  absl::StatusOr<uint64_t> number = schema::DecodeAuditKey((*last)->first);
  if (!number.ok()) return number.status();
  return Record{*number, std::move((*last)->second)};
}

}  // namespace

absl::Status RocksDbReportStore::Impl::BatchAuditWrite(const UnitOfWork::Write& write, AuditContext& audit,
                                                       rocksdb::WriteBatch& batch) {
  if (!audit.length.has_value()) {
    absl::StatusOr<std::optional<AuditRecord>> last = DecodeLast<AuditRecord>(LastRecord(schema::kAuditCf));
    if (!last.ok()) return last.status();
    audit.length = last->has_value() ? (*last)->sequence : 0;
  }
  if (const auto* record = std::get_if<AuditRecord>(&write)) {
    if (record->sequence <= *audit.length) return absl::AlreadyExistsError("an audit entry with this sequence exists");
    if (record->sequence != *audit.length + 1) {
      return absl::FailedPreconditionError("the audit entry before this sequence is absent");
    }
    audit.length = record->sequence;
    return FromRocksDb(batch.Put(cf(schema::kAuditCf), schema::AuditKey(record->sequence), ToSlice(record->entry)),
                       "build write batch");
  }
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
  std::vector<AuditRecord> records;
  if (max == 0) return records;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db()->NewIterator(rocksdb::ReadOptions(), impl_->cf(schema::kAuditCf)));
  for (it->Seek(schema::AuditKey(first)); it->Valid() && records.size() < max; it->Next()) {
    absl::StatusOr<uint64_t> sequence = schema::DecodeAuditKey(ToView(it->key()));
    if (!sequence.ok()) return sequence.status();
    records.push_back(AuditRecord{*sequence, it->value().ToString()});
  }
  if (absl::Status s = FromRocksDb(it->status(), "scan audit log"); !s.ok()) return s;
  return records;
}

absl::StatusOr<std::optional<AuditRecord>> RocksDbReportStore::LastAudit() {
  return DecodeLast<AuditRecord>(impl_->LastRecord(schema::kAuditCf));
}

absl::StatusOr<std::vector<AuditCheckpointRecord>> RocksDbReportStore::ListAuditCheckpoints() {
  std::vector<AuditCheckpointRecord> checkpoints;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db()->NewIterator(rocksdb::ReadOptions(), impl_->cf(schema::kAuditCheckpointsCf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    absl::StatusOr<uint64_t> length = schema::DecodeAuditKey(ToView(it->key()));
    if (!length.ok()) return length.status();
    checkpoints.push_back(AuditCheckpointRecord{*length, it->value().ToString()});
  }
  if (absl::Status s = FromRocksDb(it->status(), "scan audit checkpoints"); !s.ok()) return s;
  return checkpoints;
}

absl::StatusOr<std::optional<AuditCheckpointRecord>> RocksDbReportStore::LatestAuditCheckpoint() {
  return DecodeLast<AuditCheckpointRecord>(impl_->LastRecord(schema::kAuditCheckpointsCf));
}

}  // namespace candour::storage
