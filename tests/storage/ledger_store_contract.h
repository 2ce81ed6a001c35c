// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights-ledger half of the ReportStore contract beyond what every
// append-only log does (log_store_contract.h): a release's ledger entry and
// its audit entry land in one unit, or neither does. A typed test suite with
// the same factories as report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, LedgerStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store; the concurrency test shares one store between threads.
#ifndef CANDOUR_TESTS_STORAGE_LEDGER_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_LEDGER_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/log_store_contract.h"

namespace candour::storage::testing {

// What the insights service commits to publish: a ledger entry and the audit
// entry that records it, in one unit.
inline UnitOfWork Release(LedgerRecord ledger, AuditRecord audit) {
  UnitOfWork unit;
  unit.AppendLedger(std::move(ledger));
  unit.AppendAudit(std::move(audit));
  return unit;
}

// ExpectRejected (LogStoreContractTest's) checks both logs, so a failing
// release is seen to write neither.
template <typename Factory>
class LedgerStoreContractTest : public LogStoreContractTest<LogCase<Factory, LedgerLog>> {
 protected:
  std::vector<LedgerRecord> StoredLedger() { return ReadAll<LedgerLog>(*this->store_); }
  std::vector<AuditRecord> StoredAudit() { return ReadAll<AuditLog>(*this->store_); }

  // Ledger entries 1..3, each with its audit entry (1..3).
  void Populate() {
    UnitOfWork unit;
    for (const LedgerRecord& record : Ledgers(1, 3)) unit.AppendLedger(record);
    for (const AuditRecord& record : Audits(1, 3)) unit.AppendAudit(record);
    this->Apply(unit);
  }
};

TYPED_TEST_SUITE_P(LedgerStoreContractTest);

// What the insights service commits for a release: the ledger entry and its
// audit entry, in one unit. The two logs number their entries independently.
TYPED_TEST_P(LedgerStoreContractTest, EntryLandsInOneUnitWithItsAuditEntry) {
  UnitOfWork first;
  first.AppendAudit(Audit(1));
  first.AppendAudit(Audit(2));
  this->Apply(first);
  this->Apply(Release(Ledger(1), Audit(3)));
  EXPECT_EQ(this->StoredLedger(), Ledgers(1, 1));
  EXPECT_EQ(this->StoredAudit(), Audits(1, 3));
  EXPECT_EQ(this->store_->LastLedger().value(), Ledger(1));
  EXPECT_EQ(this->store_->LastAudit().value(), Audit(3));
}

// A release raced by another publisher: its ledger sequence is taken (or
// beyond the ledger), so its audit entry does not land either; and a unit
// whose audit entry fails writes no ledger entry.
TYPED_TEST_P(LedgerStoreContractTest, FailingPreconditionWritesNeitherLog) {
  this->Populate();
  this->ExpectRejected(Release(Ledger(3, "stale"), Audit(4)), absl::StatusCode::kAlreadyExists);
  this->ExpectRejected(Release(Ledger(5), Audit(4)), absl::StatusCode::kFailedPrecondition);
  this->ExpectRejected(Release(Ledger(4), Audit(3, "stale")), absl::StatusCode::kAlreadyExists);
  // The next release still lands.
  this->Apply(Release(Ledger(4), Audit(4)));
  EXPECT_EQ(this->StoredLedger(), Ledgers(1, 4));
  EXPECT_EQ(this->StoredAudit(), Audits(1, 4));
}

// Each thread reads both logs' last entries and commits a release with its
// audit entry; a lost race must be ALREADY_EXISTS. At the end both logs are
// 1..n without gaps, and each accepted release has its own audit entry.
TYPED_TEST_P(LedgerStoreContractTest, ConcurrentReleasesKeepBothLogsGapFree) {
  constexpr int kThreads = 8;
  constexpr int kAttempts = 50;
  std::atomic<int> errors{0};
  std::vector<std::vector<std::string>> accepted(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        absl::StatusOr<std::optional<LedgerRecord>> ledger = this->store_->LastLedger();
        absl::StatusOr<std::optional<AuditRecord>> audit = this->store_->LastAudit();
        if (!ledger.ok() || !audit.ok()) {
          ++errors;
          continue;
        }
        const std::string bytes = "t" + std::to_string(t) + "-" + std::to_string(attempt);
        const uint64_t next_ledger = ledger->has_value() ? (*ledger)->sequence + 1 : 1;
        const uint64_t next_audit = audit->has_value() ? (*audit)->sequence + 1 : 1;
        const absl::Status status = this->store_->Commit(Release({next_ledger, bytes}, {next_audit, bytes})).status();
        if (status.ok()) {
          accepted[t].push_back(bytes);
        } else if (status.code() != absl::StatusCode::kAlreadyExists) {
          ++errors;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(errors.load(), 0);
  const std::vector<LedgerRecord> ledger = this->StoredLedger();
  const std::vector<AuditRecord> log = this->StoredAudit();
  ASSERT_EQ(ledger.size(), log.size());
  std::vector<std::string> stored;
  for (size_t i = 0; i < ledger.size(); ++i) {
    EXPECT_EQ(ledger[i].sequence, i + 1);
    EXPECT_EQ(log[i].sequence, i + 1);
    EXPECT_EQ(ledger[i].record, log[i].entry);  // landed in one unit
    stored.push_back(ledger[i].record);
  }
  std::vector<std::string> all;
  for (const std::vector<std::string>& mine : accepted) all.insert(all.end(), mine.begin(), mine.end());
  EXPECT_GE(all.size(), size_t{kAttempts});
  std::sort(stored.begin(), stored.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(stored, all);  // every accepted release exactly once, nothing else
}

REGISTER_TYPED_TEST_SUITE_P(LedgerStoreContractTest, EntryLandsInOneUnitWithItsAuditEntry,
                            FailingPreconditionWritesNeitherLog, ConcurrentReleasesKeepBothLogsGapFree);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_LEDGER_STORE_CONTRACT_H_
