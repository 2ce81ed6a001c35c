// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit half of the ReportStore contract (AppendAudit, AddAuditCheckpoint
// and their reads), as a typed test suite with the same factories as
// report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, AuditStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store; the concurrency test shares one store between threads.
#ifndef CANDOUR_TESTS_STORAGE_AUDIT_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_AUDIT_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/store_contract_fixture.h"
#include "tests/storage/thread_store_contract.h"

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

inline AuditCheckpointRecord Checkpoint(uint64_t length, const std::string& tag = "c") {
  return AuditCheckpointRecord{length, tag + std::string(1, '\0') + std::to_string(length)};
}

template <typename Factory>
class AuditStoreContractTest : public StoreContractFixture<Factory> {
 protected:
  using StoreContractFixture<Factory>::Apply;
  using StoreContractFixture<Factory>::store_;

  void Append(const std::vector<AuditRecord>& records) {
    UnitOfWork unit;
    for (const AuditRecord& record : records) unit.AppendAudit(record);
    Apply(unit);
  }

  // The whole log; empty (and a failure) if the read fails.
  std::vector<AuditRecord> Log() {
    absl::StatusOr<std::vector<AuditRecord>> log = store_->ReadAudit(0, 1 << 20);
    EXPECT_TRUE(log.ok()) << log.status();
    return log.ok() ? *log : std::vector<AuditRecord>();
  }

  std::vector<AuditCheckpointRecord> Checkpoints() {
    absl::StatusOr<std::vector<AuditCheckpointRecord>> checkpoints = store_->ListAuditCheckpoints();
    EXPECT_TRUE(checkpoints.ok()) << checkpoints.status();
    return checkpoints.ok() ? *checkpoints : std::vector<AuditCheckpointRecord>();
  }

  // Entries 1..3 and a checkpoint of length 2.
  void Populate() {
    UnitOfWork unit;
    for (const AuditRecord& record : Audits(1, 3)) unit.AppendAudit(record);
    unit.AddAuditCheckpoint(Checkpoint(2));
    Apply(unit);
  }

  // Expects `unit` to fail with `code` and to leave the store as it was.
  void ExpectRejected(const UnitOfWork& unit, absl::StatusCode code) {
    const std::vector<AuditRecord> log = Log();
    const std::vector<AuditCheckpointRecord> checkpoints = Checkpoints();
    const StaffDump staff = DumpStaff(*store_);
    const size_t arrivals = AllArrivals(*store_).size();
    EXPECT_EQ(store_->Commit(unit).status().code(), code);
    EXPECT_EQ(Log(), log);
    EXPECT_EQ(Checkpoints(), checkpoints);
    EXPECT_EQ(DumpStaff(*store_), staff);
    EXPECT_EQ(AllArrivals(*store_).size(), arrivals);
  }
};

TYPED_TEST_SUITE_P(AuditStoreContractTest);

TYPED_TEST_P(AuditStoreContractTest, EmptyLogHasNoLastEntryAndNoCheckpoint) {
  EXPECT_TRUE(this->Log().empty());
  absl::StatusOr<std::optional<AuditRecord>> last = this->store_->LastAudit();
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_FALSE(last->has_value());
  absl::StatusOr<std::optional<AuditCheckpointRecord>> latest = this->store_->LatestAuditCheckpoint();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_FALSE(latest->has_value());
  EXPECT_TRUE(this->Checkpoints().empty());
}

TYPED_TEST_P(AuditStoreContractTest, EntriesRoundTripInSequenceOrder) {
  for (uint64_t sequence = 1; sequence <= 3; ++sequence) this->Append({Audit(sequence)});
  this->Append(Audits(4, 300));  // 255 -> 256 crosses a byte of the key
  EXPECT_EQ(this->Log(), Audits(1, 300));
  absl::StatusOr<std::vector<AuditRecord>> page = this->store_->ReadAudit(250, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(*page, Audits(250, 259));
  EXPECT_TRUE(this->store_->ReadAudit(301, 10)->empty());
  EXPECT_TRUE(this->store_->ReadAudit(1, 0)->empty());
  EXPECT_EQ(this->store_->ReadAudit(0, 2).value(), Audits(1, 2));
  absl::StatusOr<std::optional<AuditRecord>> last = this->store_->LastAudit();
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(*last, Audit(300));
}

TYPED_TEST_P(AuditStoreContractTest, EntryLandsInOneUnitWithTheAction) {
  UnitOfWork unit = UnitWith(MakeReport(1));
  unit.AddAccount(Account("alice"));
  unit.AppendAudit(Audit(1));
  unit.AppendAudit(Audit(2));
  this->Apply(unit);
  EXPECT_TRUE(this->store_->GetAccount("alice").ok());
  EXPECT_EQ(this->Log(), Audits(1, 2));
  // An identical report retry with an audit entry still writes the entry.
  UnitOfWork retry = UnitWith(MakeReport(1));
  retry.AppendAudit(Audit(3));
  this->Apply(retry);
  EXPECT_EQ(this->Log(), Audits(1, 3));
}

// What CaseThreads commits for a Guardian's status change: the thread entry,
// the workflow record and the audit entry, all or none.
TYPED_TEST_P(AuditStoreContractTest, EntryLandsWithAThreadEntryAndItsWorkflowRecord) {
  this->Apply(UnitWith(MakeReport(1)));
  UnitOfWork unit;
  unit.AddThreadEntry(Id(1), Entry(1));
  unit.PutWorkflow(Id(1), "acknowledged");
  unit.AppendAudit(Audit(1));
  this->Apply(unit);
  // The same change raced by another writer: its entry's sequence is taken,
  // so neither its record nor its audit entry lands.
  UnitOfWork stale;
  stale.AddThreadEntry(Id(1), Entry(1, "stale"));
  stale.PutWorkflow(Id(1), "closed");
  stale.AppendAudit(Audit(2));
  EXPECT_EQ(this->store_->Commit(stale).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->Log(), Audits(1, 1));
  EXPECT_EQ(this->store_->GetWorkflow(Id(1)).value(), "acknowledged");
  EXPECT_EQ(this->store_->GetThread(Id(1)).value(), Entries(1, 1));
}

// What CaseThreads commits for a re-wrap: the REWRAP thread entry, the
// case-key records it names and the audit entry, all or none.
TYPED_TEST_P(AuditStoreContractTest, EntryLandsWithAThreadEntryAndItsCaseKeys) {
  this->Apply(UnitWith(MakeReport(1)));  // keys 1 and 2
  const auto given = [](int n) { return CaseKeyRecord{Id(n, 'k'), "sealed" + std::string(1, '\0') + "given"}; };
  UnitOfWork unit;
  unit.AddThreadEntry(Id(1), Entry(1));
  unit.AddCaseKeys(Id(1), {given(3)});
  unit.AppendAudit(Audit(1));
  this->Apply(unit);
  EXPECT_EQ(this->store_->GetCaseKeys(Id(1))->size(), 3u);
  // Raced: its entry's sequence is taken, so no record and no audit entry.
  UnitOfWork stale;
  stale.AddThreadEntry(Id(1), Entry(1, "stale"));
  stale.AddCaseKeys(Id(1), {given(4)});
  stale.AppendAudit(Audit(2));
  EXPECT_EQ(this->store_->Commit(stale).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->Log(), Audits(1, 1));
  EXPECT_EQ(this->store_->GetCaseKeys(Id(1))->size(), 3u);
  EXPECT_EQ(this->store_->GetThread(Id(1)).value(), Entries(1, 1));
}

TYPED_TEST_P(AuditStoreContractTest, FailedPreconditionsWriteNothing) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
    absl::StatusCode code;
  };
  const Case cases[] = {
      {"gap after the log", [](UnitOfWork& u) { u.AppendAudit(Audit(5)); }, absl::StatusCode::kFailedPrecondition},
      {"gap inside the unit",
       [](UnitOfWork& u) {
         u.AppendAudit(Audit(4));
         u.AppendAudit(Audit(6));
       },
       absl::StatusCode::kFailedPrecondition},
      {"entries out of order in the unit",
       [](UnitOfWork& u) {
         u.AppendAudit(Audit(5));
         u.AppendAudit(Audit(4));
       },
       absl::StatusCode::kFailedPrecondition},
      {"sequence taken", [](UnitOfWork& u) { u.AppendAudit(Audit(3, "other")); }, absl::StatusCode::kAlreadyExists},
      {"first sequence again", [](UnitOfWork& u) { u.AppendAudit(Audit(1)); }, absl::StatusCode::kAlreadyExists},
      {"checkpoint beyond the log", [](UnitOfWork& u) { u.AddAuditCheckpoint(Checkpoint(4)); },
       absl::StatusCode::kFailedPrecondition},
      {"checkpoint before its entry in the unit",
       [](UnitOfWork& u) {
         u.AddAuditCheckpoint(Checkpoint(4));
         u.AppendAudit(Audit(4));
       },
       absl::StatusCode::kFailedPrecondition},
      {"length checkpointed", [](UnitOfWork& u) { u.AddAuditCheckpoint(Checkpoint(2, "other")); },
       absl::StatusCode::kAlreadyExists},
      {"account taken beside a good entry",
       [](UnitOfWork& u) {
         u.AppendAudit(Audit(4));
         u.AddAccount(Account("alice"));
       },
       absl::StatusCode::kAlreadyExists},
  };
  UnitOfWork alice;
  alice.AddAccount(Account("alice"));
  this->Apply(alice);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    c.add(unit);
    this->ExpectRejected(unit, c.code);
    EXPECT_EQ(this->store_->GetAccount("carol").status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(this->store_->GetReport(Id(50)).status().code(), absl::StatusCode::kNotFound);
  }
}

TYPED_TEST_P(AuditStoreContractTest, MalformedWritesAreInvalidArgument) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
  };
  const Case cases[] = {
      {"sequence 0", [](UnitOfWork& u) { u.AppendAudit(Audit(0)); }},
      {"empty entry",
       [](UnitOfWork& u) {
         u.AppendAudit(AuditRecord{4, ""});
       }},
      {"one sequence twice",
       [](UnitOfWork& u) {
         u.AppendAudit(Audit(4));
         u.AppendAudit(Audit(4, "other"));
       }},
      {"checkpoint length 0", [](UnitOfWork& u) { u.AddAuditCheckpoint(Checkpoint(0)); }},
      {"empty checkpoint",
       [](UnitOfWork& u) {
         u.AddAuditCheckpoint(AuditCheckpointRecord{3, ""});
       }},
      {"one length twice",
       [](UnitOfWork& u) {
         u.AddAuditCheckpoint(Checkpoint(3));
         u.AddAuditCheckpoint(Checkpoint(3, "other"));
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    UnitOfWork unit;
    unit.AddAccount(Account("carol"));
    c.add(unit);
    this->ExpectRejected(unit, absl::StatusCode::kInvalidArgument);
  }
}

TYPED_TEST_P(AuditStoreContractTest, CheckpointsRoundTripOrderedByLength) {
  this->Populate();
  UnitOfWork more;
  for (const AuditRecord& record : Audits(4, 300)) more.AppendAudit(record);
  more.AddAuditCheckpoint(Checkpoint(300));  // its entry appended earlier in the unit
  more.AddAuditCheckpoint(Checkpoint(1));    // below the latest is allowed: a late signature of an old head
  this->Apply(more);
  EXPECT_EQ(this->Checkpoints(), (std::vector<AuditCheckpointRecord>{Checkpoint(1), Checkpoint(2), Checkpoint(300)}));
  absl::StatusOr<std::optional<AuditCheckpointRecord>> latest = this->store_->LatestAuditCheckpoint();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(*latest, Checkpoint(300));
}

// Each thread reads the last entry and appends the next; a lost race must be
// ALREADY_EXISTS, never a second entry at one sequence.
TYPED_TEST_P(AuditStoreContractTest, ConcurrentAppendsLeaveAGapFreeLog) {
  constexpr int kThreads = 8;
  constexpr int kAttempts = 100;
  std::atomic<int> errors{0};
  std::vector<std::vector<std::string>> appended(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        absl::StatusOr<std::optional<AuditRecord>> last = this->store_->LastAudit();
        if (!last.ok()) {
          ++errors;
          continue;
        }
        const std::string bytes = "t" + std::to_string(t) + "-" + std::to_string(attempt);
        UnitOfWork unit;
        unit.AppendAudit(AuditRecord{last->has_value() ? (*last)->sequence + 1 : 1, bytes});
        const absl::Status status = this->store_->Commit(unit).status();
        if (status.ok()) {
          appended[t].push_back(bytes);
        } else if (status.code() != absl::StatusCode::kAlreadyExists) {
          ++errors;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(errors.load(), 0);
  const std::vector<AuditRecord> log = this->Log();
  std::vector<std::string> stored;
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].sequence, i + 1);
    stored.push_back(log[i].entry);
  }
  std::vector<std::string> accepted;
  for (const std::vector<std::string>& mine : appended) accepted.insert(accepted.end(), mine.begin(), mine.end());
  EXPECT_GE(accepted.size(), size_t{kAttempts});
  std::sort(stored.begin(), stored.end());
  std::sort(accepted.begin(), accepted.end());
  EXPECT_EQ(stored, accepted);  // every accepted entry exactly once, nothing else
}

REGISTER_TYPED_TEST_SUITE_P(AuditStoreContractTest, EmptyLogHasNoLastEntryAndNoCheckpoint,
                            EntriesRoundTripInSequenceOrder, EntryLandsInOneUnitWithTheAction,
                            EntryLandsWithAThreadEntryAndItsWorkflowRecord, EntryLandsWithAThreadEntryAndItsCaseKeys,
                            FailedPreconditionsWriteNothing, MalformedWritesAreInvalidArgument,
                            CheckpointsRoundTripOrderedByLength, ConcurrentAppendsLeaveAGapFreeLog);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_AUDIT_STORE_CONTRACT_H_
