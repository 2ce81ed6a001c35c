// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// What RocksDbReportStore's append-only logs share (the audit log, its
// checkpoints and the insights ledger): a scan by number and an append
// checked against the log's last sequence. There is no cached head: each
// commit that appends reads the log's last key once, under the log's mutex,
// which it holds until its batch is written, so two appends racing for one
// sequence cannot both pass the check. Reads return what is stored, as it
// is: checking a log is the verifier's job, and it can only be precise if
// storage does not hide a gap.
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/iterator.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store_impl.h"
#include "storage/rocksdb_status.h"
#include "storage/unit_validation.h"

namespace candour::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
std::string_view ToView(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

}  // namespace

absl::Status RocksDbReportStore::Impl::ScanLog(const LogFamily& family, uint64_t first, size_t max,
                                               const std::function<void(uint64_t, std::string)>& fn) {
  if (max == 0) return absl::OkStatus();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf(family.cf_name)));
  size_t count = 0;
  for (it->Seek(family.encode_key(first)); it->Valid() && count < max; it->Next(), ++count) {
    absl::StatusOr<uint64_t> number = family.decode_key(ToView(it->key()));
    if (!number.ok()) return number.status();
    fn(*number, it->value().ToString());
  }
  if (it->status().ok()) return absl::OkStatus();
  return FromRocksDb(it->status(), absl::StrCat("scan ", family.log));
}

absl::Status RocksDbReportStore::Impl::LoadLogLength(const LogFamily& family, std::optional<uint64_t>& length) {
  if (length.has_value()) return absl::OkStatus();
  absl::StatusOr<std::optional<LogRecord>> last = LastLogRecord<LogRecord>(family);
  if (!last.ok()) return last.status();
  length = last->has_value() ? (*last)->number : 0;
  return absl::OkStatus();
}

absl::Status RocksDbReportStore::Impl::BatchLogAppend(const LogFamily& family, uint64_t sequence,
                                                      std::string_view value, std::optional<uint64_t>& length,
                                                      rocksdb::WriteBatch& batch) {
  if (absl::Status s = LoadLogLength(family, length); !s.ok()) return s;
  if (absl::Status s = CheckLogAppend(sequence, *length, family.log); !s.ok()) return s;
  length = sequence;
  return FromRocksDb(batch.Put(cf(family.cf_name), family.encode_key(sequence), ToSlice(value)), "build write batch");
}

}  // namespace candour::storage
