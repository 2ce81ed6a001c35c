// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case threads in RocksDbReportStore: appending an entry within a unit's one
// WriteBatch, and reading a report's thread back in sequence order. Every
// writer of a report's thread holds that report id's stripe across check and
// write, so two appends racing for one sequence cannot both pass the check,
// and the thread stays gap-free.
#include <memory>
#include <optional>
#include <string>
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

}  // namespace

absl::Status RocksDbReportStore::Impl::BatchNewThreadEntry(const UnitOfWork::NewThreadEntry& write,
                                                           ThreadContext& thread, rocksdb::WriteBatch& batch) {
  // Entries of this report can only be written under the stripe this commit holds.
  if (absl::Status s = RequireReport(write.report_id, thread.reports, "the thread entry"); !s.ok()) return s;
  const uint32_t sequence = write.entry.sequence;
  const std::string key = schema::ThreadEntryKey(write.report_id, sequence);
  // ValidateUnit refused a unit writing one (report id, sequence) twice, so
  // only stored entries can hold this sequence already.
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kThreadCf, key);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return absl::AlreadyExistsError("a thread entry with this sequence already exists");
  if (sequence > 1 && !thread.entries.contains({write.report_id, sequence - 1})) {
    absl::StatusOr<std::optional<std::string>> previous =
        Get(schema::kThreadCf, schema::ThreadEntryKey(write.report_id, sequence - 1));
    if (!previous.ok()) return previous.status();
    if (!previous->has_value()) return absl::FailedPreconditionError("the thread entry before this sequence is absent");
  }
  thread.entries.emplace(write.report_id, sequence);
  return FromRocksDb(batch.Put(cf(schema::kThreadCf), key, ToSlice(write.entry.entry)), "build write batch");
}

absl::StatusOr<std::vector<ThreadEntryRecord>> RocksDbReportStore::GetThread(std::string_view report_id) {
  // Entries are written only for a stored report and reports are never
  // deleted, so this check and the scan below need no common snapshot.
  absl::StatusOr<std::optional<std::string>> report = impl_->Get(schema::kReportsCf, report_id);
  if (!report.ok()) return report.status();
  if (!report->has_value()) return absl::NotFoundError("no report with this id");
  rocksdb::ReadOptions read_options;
  const std::optional<std::string> upper = schema::ThreadUpperBound(report_id);
  rocksdb::Slice upper_slice;
  if (upper.has_value()) {
    upper_slice = ToSlice(*upper);
    read_options.iterate_upper_bound = &upper_slice;
  }
  const rocksdb::Slice prefix = ToSlice(schema::ThreadPrefix(report_id));
  std::unique_ptr<rocksdb::Iterator> it(impl_->db()->NewIterator(read_options, impl_->cf(schema::kThreadCf)));
  std::vector<ThreadEntryRecord> entries;
  // starts_with only matters for an id without an upper bound (all 0xff).
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    absl::StatusOr<schema::ThreadEntryKeyParts> key = schema::DecodeThreadEntryKey(ToView(it->key()));
    if (!key.ok()) return key.status();
    // The write path keeps sequences 1..n; anything else was not written by it.
    if (key->sequence != entries.size() + 1) return absl::DataLossError("stored thread sequences are not 1..n");
    entries.push_back(ThreadEntryRecord{key->sequence, it->value().ToString()});
  }
  if (absl::Status s = FromRocksDb(it->status(), "scan thread"); !s.ok()) return s;
  return entries;
}

}  // namespace candour::storage
