// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The append-only-log half of the ReportStore contract, shared by the audit
// log (AppendAudit, ReadAudit, LastAudit) and the insights ledger
// (AppendLedger, ReadLedger, LastLedger): one typed test suite over (store
// factory, log) pairs, with the same factories as report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, LogStoreContractTest, LogCases<RocksDbFactory>, LogCaseNames);
// What only one log has (checkpoints; a release with its audit entry) is in
// audit_store_contract.h and ledger_store_contract.h. Include this header
// from exactly one .cc per test binary. Each test owns its store; the
// concurrency tests share one store between threads.
#ifndef CANDOUR_TESTS_STORAGE_LOG_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_LOG_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/store_contract_fixture.h"
#include "tests/storage/store_test_data.h"

namespace candour::storage::testing {

// An entry whose bytes name its sequence and `tag`, with a 0x00 inside so
// entries are treated as bytes, not C strings.
inline AuditRecord Audit(uint64_t sequence, const std::string& tag = "a") {
  return AuditRecord{sequence, tag + std::string(1, '\0') + std::to_string(sequence)};
}

inline std::vector<AuditRecord> Audits(uint64_t first, uint64_t last, const std::string& tag = "a") {
  std::vector<AuditRecord> records;
  for (uint64_t sequence = first; sequence <= last; ++sequence) records.push_back(Audit(sequence, tag));
  return records;
}

// As Audit, for the ledger.
inline LedgerRecord Ledger(uint64_t sequence, const std::string& tag = "l") {
  return LedgerRecord{sequence, tag + std::string(1, '\0') + std::to_string(sequence)};
}

inline std::vector<LedgerRecord> Ledgers(uint64_t first, uint64_t last, const std::string& tag = "l") {
  std::vector<LedgerRecord> records;
  for (uint64_t sequence = first; sequence <= last; ++sequence) records.push_back(Ledger(sequence, tag));
  return records;
}

// A log as the suite sees it: how to make, append and read its records.
struct AuditLog {
  using Record = AuditRecord;
  static constexpr const char* kName = "Audit";
  static Record Make(uint64_t sequence, const std::string& tag) { return Audit(sequence, tag); }
  static const std::string& Bytes(const Record& record) { return record.entry; }
  static void Append(UnitOfWork& unit, Record record) { unit.AppendAudit(std::move(record)); }
  static absl::StatusOr<std::vector<Record>> Read(ReportStore& store, uint64_t first, size_t max) {
    return store.ReadAudit(first, max);
  }
  static absl::StatusOr<std::optional<Record>> Last(ReportStore& store) { return store.LastAudit(); }
};

struct LedgerLog {
  using Record = LedgerRecord;
  static constexpr const char* kName = "Ledger";
  static Record Make(uint64_t sequence, const std::string& tag) { return Ledger(sequence, tag); }
  static const std::string& Bytes(const Record& record) { return record.record; }
  static void Append(UnitOfWork& unit, Record record) { unit.AppendLedger(std::move(record)); }
  static absl::StatusOr<std::vector<Record>> Read(ReportStore& store, uint64_t first, size_t max) {
    return store.ReadLedger(first, max);
  }
  static absl::StatusOr<std::optional<Record>> Last(ReportStore& store) { return store.LastLedger(); }
};

// The whole of one log; empty (and a failure) if the read fails.
template <typename Log>
std::vector<typename Log::Record> ReadAll(ReportStore& store) {
  absl::StatusOr<std::vector<typename Log::Record>> records = Log::Read(store, 0, 1 << 20);
  EXPECT_TRUE(records.ok()) << records.status();
  return records.ok() ? *records : std::vector<typename Log::Record>();
}

template <typename FactoryT, typename LogT>
struct LogCase {
  using Factory = FactoryT;
  using Log = LogT;
};

template <typename Factory>
using LogCases = ::testing::Types<LogCase<Factory, AuditLog>, LogCase<Factory, LedgerLog>>;

// Names each instantiation after its log: RocksDb/LogStoreContractTest/Ledger.
struct LogCaseNames {
  template <typename Case>
  static std::string GetName(int) {
    return Case::Log::kName;
  }
};

// A table case of bad writes: `add` adds them to a unit, which then fails
// with `code`.
struct BadWrites {
  const char* name;
  void (*add)(UnitOfWork&);
  absl::StatusCode code;
};

template <typename Case>
class LogStoreContractTest : public StoreContractFixture<typename Case::Factory> {
 protected:
  using Log = typename Case::Log;
  using Record = typename Log::Record;
  using StoreContractFixture<typename Case::Factory>::Apply;
  using StoreContractFixture<typename Case::Factory>::store_;

  static std::vector<Record> Range(uint64_t first, uint64_t last, const std::string& tag = "x") {
    std::vector<Record> records;
    for (uint64_t sequence = first; sequence <= last; ++sequence) records.push_back(Log::Make(sequence, tag));
    return records;
  }

  void Append(const std::vector<Record>& records) {
    UnitOfWork unit;
    for (const Record& record : records) Log::Append(unit, record);
    Apply(unit);
  }

  std::vector<Record> Stored() { return ReadAll<Log>(*store_); }

  std::vector<AuditCheckpointRecord> Checkpoints() {
    absl::StatusOr<std::vector<AuditCheckpointRecord>> checkpoints = store_->ListAuditCheckpoints();
    EXPECT_TRUE(checkpoints.ok()) << checkpoints.status();
    return checkpoints.ok() ? *checkpoints : std::vector<AuditCheckpointRecord>();
  }

  // Expects `unit` to fail with `code` and to leave the store as it was:
  // the audit log, its checkpoints, the ledger, the staff records and the
  // arrivals.
  void ExpectRejected(const UnitOfWork& unit, absl::StatusCode code) {
    const std::vector<AuditRecord> audit = ReadAll<AuditLog>(*store_);
    const std::vector<AuditCheckpointRecord> checkpoints = Checkpoints();
    const std::vector<LedgerRecord> ledger = ReadAll<LedgerLog>(*store_);
    const StaffDump staff = DumpStaff(*store_);
    const size_t arrivals = AllArrivals(*store_).size();
    EXPECT_EQ(store_->Commit(unit).status().code(), code);
    EXPECT_EQ(ReadAll<AuditLog>(*store_), audit);
    EXPECT_EQ(Checkpoints(), checkpoints);
    EXPECT_EQ(ReadAll<LedgerLog>(*store_), ledger);
    EXPECT_EQ(DumpStaff(*store_), staff);
    EXPECT_EQ(AllArrivals(*store_).size(), arrivals);
  }

  // Commits account "alice" (for cases to collide with), then for each case
  // expects a unit of a new report, a new account "carol" and the case's
  // writes to be rejected (ExpectRejected), the report and carol included.
  void ExpectEachRejected(std::initializer_list<BadWrites> cases) {
    UnitOfWork alice;
    alice.AddAccount(Account("alice"));
    Apply(alice);
    for (const BadWrites& c : cases) {
      SCOPED_TRACE(c.name);
      UnitOfWork unit = UnitWith(MakeReport(50));
      unit.AddAccount(Account("carol"));
      c.add(unit);
      ExpectRejected(unit, c.code);
      EXPECT_EQ(store_->GetAccount("carol").status().code(), absl::StatusCode::kNotFound);
      EXPECT_EQ(store_->GetReport(Id(50)).status().code(), absl::StatusCode::kNotFound);
    }
  }
};

TYPED_TEST_SUITE_P(LogStoreContractTest);

TYPED_TEST_P(LogStoreContractTest, EmptyLogHasNoLastEntry) {
  using Log = typename TypeParam::Log;
  EXPECT_TRUE(this->Stored().empty());
  auto last = Log::Last(*this->store_);
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_FALSE(last->has_value());
}

TYPED_TEST_P(LogStoreContractTest, EntriesRoundTripInSequenceOrder) {
  using Log = typename TypeParam::Log;
  for (uint64_t sequence = 1; sequence <= 3; ++sequence) this->Append(this->Range(sequence, sequence));
  this->Append(this->Range(4, 300));  // 255 -> 256 crosses a byte of the key
  EXPECT_EQ(this->Stored(), this->Range(1, 300));
  auto page = Log::Read(*this->store_, 250, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(*page, this->Range(250, 259));
  EXPECT_TRUE(Log::Read(*this->store_, 301, 10)->empty());
  EXPECT_TRUE(Log::Read(*this->store_, 1, 0)->empty());
  EXPECT_EQ(Log::Read(*this->store_, 0, 2).value(), this->Range(1, 2));
  auto last = Log::Last(*this->store_);
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(*last, Log::Make(300, "x"));
}

TYPED_TEST_P(LogStoreContractTest, FailedPreconditionsWriteNothing) {
  using Log = typename TypeParam::Log;
  this->Append(this->Range(1, 3));
  this->ExpectEachRejected({
      {"gap after the log", [](UnitOfWork& u) { Log::Append(u, Log::Make(5, "x")); },
       absl::StatusCode::kFailedPrecondition},
      {"gap inside the unit",
       [](UnitOfWork& u) {
         Log::Append(u, Log::Make(4, "x"));
         Log::Append(u, Log::Make(6, "x"));
       },
       absl::StatusCode::kFailedPrecondition},
      {"entries out of order in the unit",
       [](UnitOfWork& u) {
         Log::Append(u, Log::Make(5, "x"));
         Log::Append(u, Log::Make(4, "x"));
       },
       absl::StatusCode::kFailedPrecondition},
      {"sequence taken", [](UnitOfWork& u) { Log::Append(u, Log::Make(3, "other")); },
       absl::StatusCode::kAlreadyExists},
      {"first sequence again", [](UnitOfWork& u) { Log::Append(u, Log::Make(1, "x")); },
       absl::StatusCode::kAlreadyExists},
      {"account taken beside a good entry",
       [](UnitOfWork& u) {
         Log::Append(u, Log::Make(4, "x"));
         u.AddAccount(Account("alice"));
       },
       absl::StatusCode::kAlreadyExists},
  });
}

TYPED_TEST_P(LogStoreContractTest, MalformedWritesAreInvalidArgument) {
  using Log = typename TypeParam::Log;
  this->Append(this->Range(1, 3));
  this->ExpectEachRejected({
      {"sequence 0", [](UnitOfWork& u) { Log::Append(u, Log::Make(0, "x")); }, absl::StatusCode::kInvalidArgument},
      {"empty entry",
       [](UnitOfWork& u) {
         Log::Append(u, typename Log::Record{4, ""});
       },
       absl::StatusCode::kInvalidArgument},
      {"one sequence twice",
       [](UnitOfWork& u) {
         Log::Append(u, Log::Make(4, "x"));
         Log::Append(u, Log::Make(4, "other"));
       },
       absl::StatusCode::kInvalidArgument},
  });
}

// Rounds in which every thread appends the same next sequence at once: in
// each, exactly one commit lands and every other is ALREADY_EXISTS.
TYPED_TEST_P(LogStoreContractTest, ConcurrentAppendsOfOneSequenceLandOnce) {
  using Log = typename TypeParam::Log;
  constexpr int kThreads = 8;
  constexpr uint64_t kRounds = 20;
  for (uint64_t sequence = 1; sequence <= kRounds; ++sequence) {
    std::latch start(kThreads);
    std::vector<absl::Status> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        UnitOfWork unit;
        Log::Append(unit, Log::Make(sequence, "t" + std::to_string(t)));
        start.arrive_and_wait();
        results[t] = this->store_->Commit(unit).status();
      });
    }
    for (std::thread& thread : threads) thread.join();
    int winner = -1;
    for (int t = 0; t < kThreads; ++t) {
      if (results[t].ok()) {
        EXPECT_EQ(winner, -1) << "round " << sequence << ": threads " << winner << " and " << t << " both landed";
        winner = t;
      } else {
        EXPECT_EQ(results[t].code(), absl::StatusCode::kAlreadyExists) << results[t];
      }
    }
    ASSERT_NE(winner, -1) << "round " << sequence << ": no commit landed";
    EXPECT_EQ(Log::Last(*this->store_).value(), Log::Make(sequence, "t" + std::to_string(winner)));
  }
  EXPECT_EQ(this->Stored().size(), kRounds);
}

// Each thread reads the last entry and appends the next; a lost race must be
// ALREADY_EXISTS, never a second entry at one sequence.
TYPED_TEST_P(LogStoreContractTest, ConcurrentAppendsLeaveAGapFreeLog) {
  using Log = typename TypeParam::Log;
  constexpr int kThreads = 8;
  constexpr int kAttempts = 100;
  std::atomic<int> errors{0};
  std::vector<std::vector<std::string>> appended(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        auto last = Log::Last(*this->store_);
        if (!last.ok()) {
          ++errors;
          continue;
        }
        const typename Log::Record record = Log::Make(last->has_value() ? (*last)->sequence + 1 : 1,
                                                      "t" + std::to_string(t) + "-" + std::to_string(attempt));
        UnitOfWork unit;
        Log::Append(unit, record);
        const absl::Status status = this->store_->Commit(unit).status();
        if (status.ok()) {
          appended[t].push_back(Log::Bytes(record));
        } else if (status.code() != absl::StatusCode::kAlreadyExists) {
          ++errors;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(errors.load(), 0);
  const auto log = this->Stored();
  std::vector<std::string> stored;
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].sequence, i + 1);
    stored.push_back(Log::Bytes(log[i]));
  }
  std::vector<std::string> accepted;
  for (const std::vector<std::string>& mine : appended) accepted.insert(accepted.end(), mine.begin(), mine.end());
  EXPECT_GE(accepted.size(), size_t{kAttempts});
  std::sort(stored.begin(), stored.end());
  std::sort(accepted.begin(), accepted.end());
  EXPECT_EQ(stored, accepted);  // every accepted entry exactly once, nothing else
}

REGISTER_TYPED_TEST_SUITE_P(LogStoreContractTest, EmptyLogHasNoLastEntry, EntriesRoundTripInSequenceOrder,
                            FailedPreconditionsWriteNothing, MalformedWritesAreInvalidArgument,
                            ConcurrentAppendsOfOneSequenceLandOnce, ConcurrentAppendsLeaveAGapFreeLog);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_LOG_STORE_CONTRACT_H_
