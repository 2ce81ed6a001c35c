// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// RocksDbReportStore::Impl, shared by rocksdb_report_store.cc (open, close,
// reads), rocksdb_report_store_commit.cc (the write path),
// rocksdb_report_store_staff.cc (the staff writes within it),
// rocksdb_report_store_thread.cc (case threads: writes and reads),
// rocksdb_report_store_workflow.cc (workflow records: writes and reads),
// rocksdb_report_store_log.cc (what the append-only logs share),
// rocksdb_report_store_audit.cc (the audit log: writes and reads) and
// rocksdb_report_store_ledger.cc (the insights ledger: reads). Internal to
// storage/. Impl owns the DB and its column-family handles and releases them
// in its destructor. Thread-safe: RocksDB is, and the write path's
// check-then-write sections are guarded by the striped, directory, audit and
// ledger mutexes.
#ifndef CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_IMPL_H_
#define CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_IMPL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "storage/striped_mutex.h"

namespace candour::storage {

// An append-only log's column family ("audit", "audit_checkpoints",
// "ledger"): records keyed by a u64 number (a sequence, or the length a
// checkpoint covers) in schema.h's encoding.
struct LogFamily {
  std::string_view cf_name;
  std::string (*encode_key)(uint64_t number);
  absl::StatusOr<uint64_t> (*decode_key)(std::string_view key);
  const char* log;  // in messages: "audit log"
};
// A record of a LogFamily, as stored.
struct LogRecord {
  uint64_t number = 0;
  std::string value;
};
inline constexpr LogFamily kAuditLog{schema::kAuditCf, schema::AuditKey, schema::DecodeAuditKey, "audit log"};
inline constexpr LogFamily kAuditCheckpoints{schema::kAuditCheckpointsCf, schema::AuditKey, schema::DecodeAuditKey,
                                             "audit checkpoints"};
inline constexpr LogFamily kLedger{schema::kLedgerCf, schema::LedgerKey, schema::DecodeLedgerKey, "ledger"};

class RocksDbReportStore::Impl {
 public:
  // Each commit holds two stripes across its synced write, so with N commits
  // in flight a commit shares a stripe with another with probability about
  // 4N / kReportStripes, and then waits a whole fsync. 4096 stripes keep that
  // near 6% at 64 clients (256 would make it certain) for 160 KiB of mutexes.
  static constexpr size_t kReportStripes = 4096;

  // Takes ownership of `db` and `handles` (one per schema::kAllColumnFamilies,
  // in that order).
  Impl(std::unique_ptr<rocksdb::DB> db, std::vector<rocksdb::ColumnFamilyHandle*> handles);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  rocksdb::DB* db() const { return db_.get(); }
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles() const { return handles_; }
  // The handle of a column family named in schema.h.
  rocksdb::ColumnFamilyHandle* cf(std::string_view name) const;

  // Reads one value. nullopt if absent; translated status on failure.
  absl::StatusOr<std::optional<std::string>> Get(std::string_view cf_name, std::string_view key);
  // The highest directory version, or nullopt if none.
  absl::StatusOr<std::optional<uint64_t>> LatestDirectoryVersion();

  // Writes the schema version into a new database (unless `read_only`);
  // FAILED_PRECONDITION for a database whose version is unknown, or missing
  // while it holds data (or at all, when `read_only`).
  absl::Status CheckSchemaVersion(bool read_only);
  // The last key and value of a column family, or nullopt if it is empty.
  absl::StatusOr<std::optional<std::pair<std::string, std::string>>> LastRecord(std::string_view cf_name);

  // Calls `fn` with the number and value of up to `max` records of `family`
  // with number >= `first`, in order, as stored. DATA_LOSS for a malformed
  // key. (rocksdb_report_store_log.cc)
  absl::Status ScanLog(const LogFamily& family, uint64_t first, size_t max,
                       const std::function<void(uint64_t number, std::string value)>& fn);
  // As ScanLog, each record made as Record{number, value}.
  template <typename Record>
  absl::StatusOr<std::vector<Record>> ReadLog(const LogFamily& family, uint64_t first, size_t max) {
    std::vector<Record> records;
    absl::Status s = ScanLog(family, first, max, [&](uint64_t number, std::string value) {
      records.push_back({number, std::move(value)});
    });
    if (!s.ok()) return s;
    return records;
  }
  // The record of `family` with the highest number, or nullopt if it is empty.
  template <typename Record>
  absl::StatusOr<std::optional<Record>> LastLogRecord(const LogFamily& family) {
    absl::StatusOr<std::optional<std::pair<std::string, std::string>>> last = LastRecord(family.cf_name);
    if (!last.ok()) return last.status();
    if (!last->has_value()) return std::nullopt;
    absl::StatusOr<uint64_t> number = family.decode_key((*last)->first);
    if (!number.ok()) return number.status();
    return Record{*number, std::move((*last)->second)};
  }

  absl::StatusOr<CommitOutcome> Commit(const UnitOfWork& unit);

 private:
  // What a unit's staff writes need besides stored data while it commits.
  struct StaffContext {
    // The account of each session the unit deletes by token hash (nullopt if
    // absent), read before locking so the commit can lock that account too.
    std::map<std::string_view, std::optional<std::string>> session_owners;
    std::set<std::string_view> added_accounts;  // by AddAccount earlier in the unit
    bool owner_changed = false;                 // a session_owners entry was stale once locked
  };

  // One locked attempt at the unit: nullopt if it must be retried because a
  // session owner changed before the stripes were taken, else as Commit.
  absl::StatusOr<std::optional<CommitOutcome>> CommitLocked(const UnitOfWork& unit, StaffContext& staff);
  // Reads the session owners of every DeleteSession in `unit`.
  absl::StatusOr<std::map<std::string_view, std::optional<std::string>>> ReadSessionOwners(const UnitOfWork& unit);
  // Appends the stripe keys a staff write checks or writes under: its account
  // name, code hash or token hash, and for a session write also the session's
  // account (see rocksdb_report_store_staff.cc for why that suffices).
  static void AppendStaffLockKeys(const UnitOfWork::Write& write, const StaffContext& staff,
                                  std::vector<std::string_view>& keys);
  // Checks a staff write's precondition and adds its writes to `batch`.
  // REQUIRES: the stripes from AppendStaffLockKeys are held.
  absl::Status AddStaffWriteToBatch(const UnitOfWork::Write& write, StaffContext& staff, rocksdb::WriteBatch& batch);
  absl::Status BatchNewAccount(const StaffAccount& account, StaffContext& staff, rocksdb::WriteBatch& batch);
  absl::Status BatchChangedAccount(const StaffAccount& account, rocksdb::WriteBatch& batch);
  absl::Status BatchNewInvitation(const Invitation& invitation, rocksdb::WriteBatch& batch);
  absl::Status BatchRedeemedInvitation(std::string_view code_hash, rocksdb::WriteBatch& batch);
  absl::Status BatchNewSession(const StaffSession& session, const StaffContext& staff, rocksdb::WriteBatch& batch);
  absl::Status BatchChangedSession(const StaffSession& session, rocksdb::WriteBatch& batch);
  absl::Status BatchEndedSession(std::string_view token_hash, StaffContext& staff, rocksdb::WriteBatch& batch);
  absl::Status BatchEndedSessionsOf(std::string_view account, rocksdb::WriteBatch& batch);
  // The account a stored session belongs to; nullopt if there is none.
  absl::StatusOr<std::optional<std::string>> SessionOwner(std::string_view token_hash);

  // OK if `report_id` is in `unit_reports` (new or retried earlier in the
  // unit) or stored; FAILED_PRECONDITION naming `what` otherwise. Reports
  // are never deleted, so the answer cannot go stale while the caller holds
  // the report id's stripe.
  absl::Status RequireReport(std::string_view report_id, const std::set<std::string_view>& unit_reports,
                             const char* what);

  // What a unit's thread entries need besides stored data while it commits.
  struct ThreadContext {
    std::set<std::string_view> reports;                       // new or retried earlier in the unit
    std::set<std::pair<std::string_view, uint32_t>> entries;  // added earlier in the unit
  };
  // Checks a thread entry's precondition against stored data and `thread`,
  // adds the entry to `batch` and records it in `thread`. REQUIRES: the
  // stripe of its report id is held.
  absl::Status BatchNewThreadEntry(const UnitOfWork::NewThreadEntry& write, ThreadContext& thread,
                                   rocksdb::WriteBatch& batch);
  // Checks a workflow record's precondition (its report is stored or in
  // `unit_reports`, the reports new or retried earlier in the unit) and adds
  // it to `batch`. REQUIRES: the stripe of its report id is held.
  absl::Status BatchWorkflowRecord(const UnitOfWork::WorkflowRecord& write,
                                   const std::set<std::string_view>& unit_reports, rocksdb::WriteBatch& batch);

  // Checks added case keys' precondition (their report is stored or in
  // `unit_reports`; no recipient holds a stored record) and adds them to
  // `batch`. REQUIRES: the stripe of the report id is held.
  absl::Status BatchNewCaseKeys(const UnitOfWork::NewCaseKeys& write, const std::set<std::string_view>& unit_reports,
                                rocksdb::WriteBatch& batch);

  // Sets `length` to the last sequence of `family` (0 while it is empty)
  // unless it is set already: read once per commit, under the log's mutex,
  // then advanced by the unit's own appends.
  absl::Status LoadLogLength(const LogFamily& family, std::optional<uint64_t>& length);
  // Checks an append to `family` against `length` (CheckLogAppend), advances
  // it and adds the record to `batch`. REQUIRES: the log's mutex is held.
  absl::Status BatchLogAppend(const LogFamily& family, uint64_t sequence, std::string_view value,
                              std::optional<uint64_t>& length, rocksdb::WriteBatch& batch);

  // What a unit's audit writes need besides stored data while it commits.
  struct AuditContext {
    std::optional<uint64_t> length;  // the log's last sequence, read once the audit mutex is held
  };
  // Checks an AuditRecord's or AuditCheckpointRecord's precondition against
  // stored data and `audit`, adds it to `batch` and records it in `audit`.
  // REQUIRES: audit_mu_ is held.
  absl::Status BatchAuditWrite(const UnitOfWork::Write& write, AuditContext& audit, rocksdb::WriteBatch& batch);

  // OK(true) if `report` is an identical retry, OK(false) if it is new;
  // ALREADY_EXISTS if it collides with a stored report.
  absl::StatusOr<bool> CheckReport(const NewReport& report);
  absl::StatusOr<bool> MatchesStored(const NewReport& report, std::string_view stored_value);
  absl::Status AddReportToBatch(const NewReport& report, rocksdb::WriteBatch& batch);
  // FAILED_PRECONDITION unless `directory` is above `latest`, which it updates.
  absl::Status AddDirectoryToBatch(const UnitOfWork::DirectoryVersion& directory, std::optional<uint64_t>& latest,
                                   rocksdb::WriteBatch& batch);
  // Checks every write's precondition and adds what must be written to
  // `batch`. REQUIRES: the unit's stripes, the directory mutex if
  // `has_directory`, audit_mu_ if the unit has audit writes and ledger_mu_
  // if it has ledger writes, are held.
  absl::StatusOr<CommitOutcome> CheckAndBatch(const UnitOfWork& unit, bool has_directory, StaffContext& staff,
                                              rocksdb::WriteBatch& batch);
  absl::StatusOr<bool> AllColumnFamiliesEmpty();

  std::unique_ptr<rocksdb::DB> db_;
  const std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; released in ~Impl
  // Held across check and write, keyed by report id (reports, their case
  // keys, thread entries and workflow records) and lookup hash, account
  // name, code hash and token hash: same-key commits serialise, others keep
  // RocksDB's group commit.
  StripedMutex<kReportStripes> report_stripes_;  // boxed in Impl: ~160 KiB
  std::mutex directory_mu_;                      // serialises directory commits (check + write)
  std::mutex audit_mu_;                          // serialises audit commits (check + write)
  std::mutex ledger_mu_;                         // serialises ledger commits (check + write)
};

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_IMPL_H_
