// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights ledger of InMemoryReportStore, read for read as
// RocksDbReportStore's (rocksdb_report_store_ledger.cc). Appends are checked
// and applied in Commit (in_memory_report_store.cc), under the one mutex.
#include <optional>
#include <vector>

#include "storage/in_memory_report_store.h"

namespace candour::storage {

absl::StatusOr<std::vector<LedgerRecord>> InMemoryReportStore::ReadLedger(uint64_t first, size_t max) {
  std::lock_guard<std::mutex> lock(mu_);
  return ReadLog<LedgerRecord>(ledger_, first, max);
}

absl::StatusOr<std::optional<LedgerRecord>> InMemoryReportStore::LastLedger() {
  std::lock_guard<std::mutex> lock(mu_);
  return LastOf<LedgerRecord>(ledger_);
}

}  // namespace candour::storage
