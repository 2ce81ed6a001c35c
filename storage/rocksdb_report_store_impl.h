// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// RocksDbReportStore::Impl, shared by rocksdb_report_store.cc (open, close,
// reads) and rocksdb_report_store_commit.cc (the write path). Internal to
// storage/. Impl owns the DB and its column-family handles and releases them
// in its destructor. Thread-safe: RocksDB is, and the write path's
// check-then-write sections are guarded by the striped and directory mutexes.
#ifndef CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_IMPL_H_
#define CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_IMPL_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "storage/striped_mutex.h"

namespace candour::storage {

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

  // Writes the schema version into a new database; FAILED_PRECONDITION for a
  // database whose version is unknown, or missing while it holds data.
  absl::Status CheckSchemaVersion();

  absl::StatusOr<CommitOutcome> Commit(const UnitOfWork& unit);

 private:
  // OK(true) if `report` is an identical retry, OK(false) if it is new;
  // ALREADY_EXISTS if it collides with a stored report.
  absl::StatusOr<bool> CheckReport(const NewReport& report);
  absl::StatusOr<bool> MatchesStored(const NewReport& report, std::string_view stored_value);
  absl::Status AddReportToBatch(const NewReport& report, rocksdb::WriteBatch& batch);
  // FAILED_PRECONDITION unless `directory` is above `latest`, which it updates.
  absl::Status AddDirectoryToBatch(const UnitOfWork::DirectoryVersion& directory, std::optional<uint64_t>& latest,
                                   rocksdb::WriteBatch& batch);
  // Checks every write's precondition and adds what must be written to
  // `batch`. REQUIRES: the unit's stripes, and the directory mutex if
  // `has_directory`, are held.
  absl::StatusOr<CommitOutcome> CheckAndBatch(const UnitOfWork& unit, bool has_directory, rocksdb::WriteBatch& batch);
  absl::StatusOr<bool> AllColumnFamiliesEmpty();

  std::unique_ptr<rocksdb::DB> db_;
  const std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; released in ~Impl
  // Held across check and write of a report, keyed by report id and lookup
  // hash: same-key commits serialise, others keep RocksDB's group commit.
  StripedMutex<kReportStripes> report_stripes_;  // boxed in Impl: ~160 KiB
  std::mutex directory_mu_;                      // serialises directory commits (check + write)
};

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_ROCKSDB_REPORT_STORE_IMPL_H_
