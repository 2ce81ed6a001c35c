// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights ledger in RocksDbReportStore: the services layer's signed
// ledger entries, opaque here, under their sequence in "ledger". Appends are
// checked and batched in CheckAndBatch (rocksdb_report_store_commit.cc)
// under ledger_mu_, exactly as audit entries are under audit_mu_, so two
// publishers racing for one sequence cannot both land and the ledger stays
// 1..n without gaps. Reads return what is stored, as it is
// (rocksdb_report_store_log.cc).
#include <optional>
#include <vector>

#include "storage/rocksdb_report_store_impl.h"

namespace candour::storage {

absl::StatusOr<std::vector<LedgerRecord>> RocksDbReportStore::ReadLedger(uint64_t first, size_t max) {
  return impl_->ReadLog<LedgerRecord>(kLedger, first, max);
}

absl::StatusOr<std::optional<LedgerRecord>> RocksDbReportStore::LastLedger() {
  return impl_->LastLogRecord<LedgerRecord>(kLedger);
}

}  // namespace candour::storage
