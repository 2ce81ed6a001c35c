// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The RocksDB implementation of ReportStore, and the only code that includes
// rocksdb/. Column families and key encodings are in storage/schema.h. Memory
// is bounded whatever the data size: one capped block cache holds data, index
// and filter blocks, and a write-buffer manager charges memtables to it.
// Every Commit is one WriteBatch written with sync = true. Thread-safe.
#ifndef CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_H_
#define CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/report_store.h"

namespace candour::storage {

struct RocksDbOptions {
  // Shared block cache for data, index and filter blocks.
  size_t block_cache_bytes = 64 << 20;
  // Total memtable budget across column families, charged to the cache.
  size_t write_buffer_bytes = 32 << 20;
  int max_open_files = 256;
};

class RocksDbReportStore : public ReportStore {
 public:
  // Opens or creates the database in `path`, creating missing column families
  // and checking the schema version. Returns FAILED_PRECONDITION for a schema
  // version this build does not know, DATA_LOSS for a corrupt database,
  // UNAVAILABLE if another process holds it, INTERNAL otherwise.
  static absl::StatusOr<std::unique_ptr<RocksDbReportStore>> Open(const std::string& path,
                                                                  const RocksDbOptions& options = {});
  // Opens an existing database for reading only: no lock is taken and
  // nothing is written, so it may be a copy, or the data dir of a running
  // candourd (then reads see it as of the open). As Open, and also NOT_FOUND
  // / INTERNAL if there is no database, FAILED_PRECONDITION if it lacks a
  // column family or a schema version. Every Commit fails.
  static absl::StatusOr<std::unique_ptr<RocksDbReportStore>> OpenReadOnly(const std::string& path,
                                                                          const RocksDbOptions& options = {});
  ~RocksDbReportStore() override;  // flushes nothing extra: the WAL is synced

  absl::StatusOr<CommitOutcome> Commit(const UnitOfWork& unit) override;
  absl::StatusOr<StoredReport> GetReport(std::string_view report_id) override;
  absl::StatusOr<std::vector<CaseKeyRecord>> GetCaseKeys(std::string_view report_id) override;
  absl::StatusOr<Receipt> GetReceipt(std::string_view lookup_hash) override;
  absl::StatusOr<std::string> GetDirectory(uint64_t version) override;
  absl::StatusOr<std::optional<uint64_t>> LatestDirectoryVersion() override;
  // Also DATA_LOSS if a stored key of the thread is malformed or the stored
  // sequences are not 1..n.
  absl::StatusOr<std::vector<ThreadEntryRecord>> GetThread(std::string_view report_id) override;
  // Also DATA_LOSS if the stored record is empty.
  absl::StatusOr<std::optional<std::string>> GetWorkflow(std::string_view report_id) override;
  absl::StatusOr<StaffAccount> GetAccount(std::string_view name) override;
  absl::StatusOr<std::vector<StaffAccount>> ListAccounts() override;
  absl::StatusOr<Invitation> GetInvitation(std::string_view code_hash) override;
  absl::StatusOr<std::vector<Invitation>> ListInvitations() override;
  absl::StatusOr<StaffSession> GetSession(std::string_view token_hash) override;
  absl::StatusOr<std::vector<StaffSession>> ListSessionsOf(std::string_view account) override;
  absl::StatusOr<std::vector<StaffSession>> ListSessions() override;
  absl::Status ForEachArrival(int32_t first_day, int32_t last_day,
                              const std::function<void(int32_t, std::string_view, std::string_view)>& fn) override;
  // Also DATA_LOSS if a stored audit or checkpoint key is not 8 bytes.
  absl::StatusOr<std::vector<AuditRecord>> ReadAudit(uint64_t first, size_t max) override;
  absl::StatusOr<std::optional<AuditRecord>> LastAudit() override;
  absl::StatusOr<std::vector<AuditCheckpointRecord>> ListAuditCheckpoints() override;
  absl::StatusOr<std::optional<AuditCheckpointRecord>> LatestAuditCheckpoint() override;
  // Also DATA_LOSS if a stored ledger key is not 8 bytes.
  absl::StatusOr<std::vector<LedgerRecord>> ReadLedger(uint64_t first, size_t max) override;
  absl::StatusOr<std::optional<LedgerRecord>> LastLedger() override;

  // Every key and value of every column family, through an iterator (so
  // compressed files are read as data). For verification tools and tests.
  absl::Status ForEachRawRecord(
      const std::function<void(std::string_view column_family, std::string_view key, std::string_view value)>& fn);

 private:
  class Impl;
  static absl::StatusOr<std::unique_ptr<RocksDbReportStore>> OpenAs(const std::string& path,
                                                                    const RocksDbOptions& options, bool read_only);
  explicit RocksDbReportStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_H_
