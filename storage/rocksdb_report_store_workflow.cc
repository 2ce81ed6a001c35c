// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Workflow records in RocksDbReportStore: replacing a report's record within
// a unit's one WriteBatch, and reading it back. The writer holds the report
// id's stripe across check and write. Reports are never deleted today, so the
// existence check could not go stale without it; the stripe keeps it right
// once retention deletes reports under the same stripe.
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store_impl.h"
#include "storage/rocksdb_status.h"
#include "storage/schema.h"

namespace candour::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

}  // namespace

absl::Status RocksDbReportStore::Impl::BatchWorkflowRecord(const UnitOfWork::WorkflowRecord& write,
                                                           const std::set<std::string_view>& unit_reports,
                                                           rocksdb::WriteBatch& batch) {
  if (absl::Status s = RequireReport(write.report_id, unit_reports, "the workflow record"); !s.ok()) return s;
  return FromRocksDb(batch.Put(cf(schema::kWorkflowCf), ToSlice(write.report_id), ToSlice(write.record)),
                     "build write batch");
}

absl::StatusOr<std::optional<std::string>> RocksDbReportStore::GetWorkflow(std::string_view report_id) {
  // A record is written only for a stored report and reports are never
  // deleted, so the two reads need no common snapshot.
  absl::StatusOr<std::optional<std::string>> report = impl_->Get(schema::kReportsCf, report_id);
  if (!report.ok()) return report.status();
  if (!report->has_value()) return absl::NotFoundError("no report with this id");
  absl::StatusOr<std::optional<std::string>> record = impl_->Get(schema::kWorkflowCf, report_id);
  if (!record.ok()) return record.status();
  // The write path refuses empty records; an empty one was not written by it.
  if (record->has_value() && (*record)->empty()) return absl::DataLossError("stored workflow record is empty");
  return record;
}

}  // namespace candour::storage
