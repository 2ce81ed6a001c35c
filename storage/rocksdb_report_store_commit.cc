// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The write path of RocksDbReportStore: check every write's precondition, then
// apply the whole unit as one synced WriteBatch.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store_impl.h"
#include "storage/rocksdb_status.h"
#include "storage/schema.h"
#include "storage/unit_validation.h"

namespace candour::storage {
namespace {

constexpr char kReportIdReused[] = "report id already used with different content";
constexpr char kLookupHashReused[] = "receipt lookup hash already used by another report";

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

}  // namespace

absl::Status RocksDbReportStore::Impl::AddReportToBatch(const NewReport& r, rocksdb::WriteBatch& batch) {
  rocksdb::Status s =
      batch.Put(cf(schema::kReportsCf), ToSlice(r.report_id), schema::EncodeReportValue(r.received_day, r.envelope));
  for (const CaseKeyRecord& record : r.case_keys) {
    if (s.ok()) {
      s = batch.Put(cf(schema::kCaseKeysCf), schema::CaseKeyKey(r.report_id, record.recipient_key_id),
                    ToSlice(record.sealed_case_key));
    }
  }
  if (s.ok()) {
    s = batch.Put(cf(schema::kReceiptsCf), ToSlice(r.receipt_lookup_hash),
                  schema::EncodeReceiptValue(r.report_id, r.receipt_sealed_case_key));
  }
  if (s.ok()) {
    s = batch.Put(cf(schema::kArrivalsCf), schema::ArrivalKey(r.received_day, r.report_id), ToSlice(r.sealed_tag));
  }
  return FromRocksDb(s, "build write batch");
}

absl::Status RocksDbReportStore::Impl::RequireReport(std::string_view report_id,
                                                     const std::set<std::string_view>& unit_reports, const char* what) {
  if (unit_reports.contains(report_id)) return absl::OkStatus();
  absl::StatusOr<std::optional<std::string>> report = Get(schema::kReportsCf, report_id);
  if (!report.ok()) return report.status();
  if (!report->has_value()) return absl::FailedPreconditionError(absl::StrCat("no report with this id for ", what));
  return absl::OkStatus();
}

absl::Status RocksDbReportStore::Impl::BatchNewCaseKeys(const UnitOfWork::NewCaseKeys& write,
                                                        const std::set<std::string_view>& unit_reports,
                                                        rocksdb::WriteBatch& batch) {
  if (absl::Status s = RequireReport(write.report_id, unit_reports, "the case keys"); !s.ok()) return s;
  // A report's case keys are written only under its stripe, which this
  // commit holds. ValidateUnit refused a unit writing one recipient's record twice, so
  // only stored records can clash.
  for (const CaseKeyRecord& record : write.records) {
    const std::string key = schema::CaseKeyKey(write.report_id, record.recipient_key_id);
    absl::StatusOr<std::optional<std::string>> stored = Get(schema::kCaseKeysCf, key);
    if (!stored.ok()) return stored.status();
    if (stored->has_value()) {
      return absl::AlreadyExistsError("this recipient already holds a case-key record for the report");
    }
    rocksdb::Status s = batch.Put(cf(schema::kCaseKeysCf), key, ToSlice(record.sealed_case_key));
    if (!s.ok()) return FromRocksDb(s, "build write batch");
  }
  return absl::OkStatus();
}

// A retry carries the same client-chosen bytes; the received day and sealed
// tag are the server's and differ on a later day, so they are not compared
// (the stored report keeps its first day). Case keys are compared only for the
// key ids in the retry, because later units may add records for new keys.
absl::StatusOr<bool> RocksDbReportStore::Impl::MatchesStored(const NewReport& report, std::string_view stored_value) {
  absl::StatusOr<schema::ReportValue> stored = schema::DecodeReportValue(stored_value);
  if (!stored.ok()) return stored.status();
  if (stored->envelope != report.envelope) return false;
  for (const CaseKeyRecord& record : report.case_keys) {
    absl::StatusOr<std::optional<std::string>> sealed =
        Get(schema::kCaseKeysCf, schema::CaseKeyKey(report.report_id, record.recipient_key_id));
    if (!sealed.ok()) return sealed.status();
    if (*sealed != record.sealed_case_key) return false;
  }
  absl::StatusOr<std::optional<std::string>> receipt = Get(schema::kReceiptsCf, report.receipt_lookup_hash);
  if (!receipt.ok()) return receipt.status();
  return *receipt == schema::EncodeReceiptValue(report.report_id, report.receipt_sealed_case_key);
}

absl::StatusOr<bool> RocksDbReportStore::Impl::CheckReport(const NewReport& report) {
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kReportsCf, report.report_id);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) {
    absl::StatusOr<bool> same = MatchesStored(report, **stored);
    if (!same.ok()) return same.status();
    if (!*same) return absl::AlreadyExistsError(kReportIdReused);
    return true;
  }
  absl::StatusOr<std::optional<std::string>> receipt = Get(schema::kReceiptsCf, report.receipt_lookup_hash);
  if (!receipt.ok()) return receipt.status();
  if (receipt->has_value()) return absl::AlreadyExistsError(kLookupHashReused);
  return false;
}

absl::Status RocksDbReportStore::Impl::AddDirectoryToBatch(const UnitOfWork::DirectoryVersion& directory,
                                                           std::optional<uint64_t>& latest,
                                                           rocksdb::WriteBatch& batch) {
  if (latest.has_value() && directory.version <= *latest) {
    return absl::FailedPreconditionError("directory version is not above the latest stored version");
  }
  latest = directory.version;
  return FromRocksDb(
      batch.Put(cf(schema::kDirectoryCf), schema::DirectoryKey(directory.version), ToSlice(directory.signed_directory)),
      "build write batch");
}

absl::StatusOr<CommitOutcome> RocksDbReportStore::Impl::CheckAndBatch(const UnitOfWork& unit, bool has_directory,
                                                                      StaffContext& staff, rocksdb::WriteBatch& batch) {
  std::optional<uint64_t> latest;
  if (has_directory) {
    absl::StatusOr<std::optional<uint64_t>> stored = LatestDirectoryVersion();
    if (!stored.ok()) return stored.status();
    latest = *stored;
  }
  size_t reports = 0;
  size_t retries = 0;
  ThreadContext thread;
  AuditContext audit;
  std::optional<uint64_t> ledger_length;  // read once ledger_mu_ is held, by the unit's first ledger entry
  for (const UnitOfWork::Write& write : unit.writes()) {
    if (std::holds_alternative<AuditRecord>(write) || std::holds_alternative<AuditCheckpointRecord>(write)) {
      if (absl::Status s = BatchAuditWrite(write, audit, batch); !s.ok()) return s;
      continue;
    }
    if (const auto* ledger = std::get_if<LedgerRecord>(&write)) {
      if (absl::Status s = BatchLogAppend(kLedger, ledger->sequence, ledger->record, ledger_length, batch); !s.ok()) {
        return s;
      }
      continue;
    }
    if (const auto* directory = std::get_if<UnitOfWork::DirectoryVersion>(&write)) {
      if (absl::Status s = AddDirectoryToBatch(*directory, latest, batch); !s.ok()) return s;
      continue;
    }
    if (const auto* entry = std::get_if<UnitOfWork::NewThreadEntry>(&write)) {
      if (absl::Status s = BatchNewThreadEntry(*entry, thread, batch); !s.ok()) return s;
      continue;
    }
    if (const auto* workflow = std::get_if<UnitOfWork::WorkflowRecord>(&write)) {
      if (absl::Status s = BatchWorkflowRecord(*workflow, thread.reports, batch); !s.ok()) return s;
      continue;
    }
    if (const auto* keys = std::get_if<UnitOfWork::NewCaseKeys>(&write)) {
      if (absl::Status s = BatchNewCaseKeys(*keys, thread.reports, batch); !s.ok()) return s;
      continue;
    }
    const auto* report = std::get_if<NewReport>(&write);
    if (report == nullptr) {
      if (absl::Status s = AddStaffWriteToBatch(write, staff, batch); !s.ok()) return s;
      continue;
    }
    ++reports;
    absl::StatusOr<bool> retry = CheckReport(*report);
    if (!retry.ok()) return retry.status();
    thread.reports.insert(report->report_id);
    if (*retry) {
      ++retries;
    } else if (absl::Status s = AddReportToBatch(*report, batch); !s.ok()) {
      return s;
    }
  }
  if (reports > 0 && retries == reports && reports == unit.writes().size()) return CommitOutcome::kIdenticalRetry;
  return CommitOutcome::kApplied;
}

absl::StatusOr<std::optional<CommitOutcome>> RocksDbReportStore::Impl::CommitLocked(const UnitOfWork& unit,
                                                                                    StaffContext& staff) {
  // Lock order is fixed: stripes (ascending), then the directory mutex, then
  // the audit mutex, then the ledger mutex. The locks cover check and write,
  // so two commits of one report id (a report, its case keys, an entry of
  // its thread or its workflow record), lookup hash, account, invitation or
  // session, or two appends to one log, cannot both pass the check, while
  // commits of different keys proceed in parallel and RocksDB groups their
  // synced writes into one fsync.
  std::vector<std::string_view> keys;
  bool has_directory = false;
  bool has_audit = false;
  bool has_ledger = false;
  for (const UnitOfWork::Write& write : unit.writes()) {
    if (const auto* r = std::get_if<NewReport>(&write)) {
      keys.push_back(r->report_id);
      keys.push_back(r->receipt_lookup_hash);
    } else if (const auto* e = std::get_if<UnitOfWork::NewThreadEntry>(&write)) {
      keys.push_back(e->report_id);
    } else if (const auto* w = std::get_if<UnitOfWork::WorkflowRecord>(&write)) {
      keys.push_back(w->report_id);
    } else if (const auto* k = std::get_if<UnitOfWork::NewCaseKeys>(&write)) {
      keys.push_back(k->report_id);
    } else if (std::holds_alternative<UnitOfWork::DirectoryVersion>(write)) {
      has_directory = true;
    } else if (std::holds_alternative<AuditRecord>(write) || std::holds_alternative<AuditCheckpointRecord>(write)) {
      has_audit = true;
    } else if (std::holds_alternative<LedgerRecord>(write)) {
      has_ledger = true;
    } else {
      AppendStaffLockKeys(write, staff, keys);
    }
  }
  StripedMutex<kReportStripes>::Guard report_locks = report_stripes_.LockKeys(keys);
  std::unique_lock<std::mutex> directory_lock(directory_mu_, std::defer_lock);
  if (has_directory) directory_lock.lock();
  std::unique_lock<std::mutex> audit_lock(audit_mu_, std::defer_lock);
  if (has_audit) audit_lock.lock();
  std::unique_lock<std::mutex> ledger_lock(ledger_mu_, std::defer_lock);
  if (has_ledger) ledger_lock.lock();

  rocksdb::WriteBatch batch;
  absl::StatusOr<CommitOutcome> outcome = CheckAndBatch(unit, has_directory, staff, batch);
  if (!outcome.ok()) return outcome.status();
  if (staff.owner_changed) return std::nullopt;
  if (batch.Count() == 0) return *outcome;  // a retry, or nothing to delete
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  if (absl::Status s = FromRocksDb(db_->Write(write_options, &batch), "commit unit of work"); !s.ok()) return s;
  return CommitOutcome::kApplied;
}

absl::StatusOr<CommitOutcome> RocksDbReportStore::Impl::Commit(const UnitOfWork& unit) {
  if (absl::Status s = ValidateUnit(unit); !s.ok()) return s;
  // DeleteSession must hold the stripe of the session's account as well as
  // its token's (see AppendStaffLockKeys), but learns the account only by
  // reading. If the account changed between that read and the lock (the
  // token was deleted and added again for another account), try again: each
  // retry means another commit changed that very token, so it ends.
  for (;;) {
    absl::StatusOr<std::map<std::string_view, std::optional<std::string>>> owners = ReadSessionOwners(unit);
    if (!owners.ok()) return owners.status();
    StaffContext staff;
    staff.session_owners = std::move(*owners);
    absl::StatusOr<std::optional<CommitOutcome>> outcome = CommitLocked(unit, staff);
    if (!outcome.ok()) return outcome.status();
    if (outcome->has_value()) return **outcome;
  }
}

}  // namespace candour::storage
