// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The case-thread half of the ReportStore contract (AddThreadEntry and
// GetThread), as a typed test suite with the same factories as
// report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, ThreadStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store; the concurrency test shares one store between threads.
#ifndef CANDOUR_TESTS_STORAGE_THREAD_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_THREAD_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/store_contract_fixture.h"

namespace candour::storage::testing {

// An entry whose bytes name its sequence and `tag`, with a 0x00 inside so
// entries are treated as bytes, not C strings.
inline ThreadEntryRecord Entry(uint32_t sequence, const std::string& tag = "e") {
  return ThreadEntryRecord{sequence, tag + std::string(1, '\0') + std::to_string(sequence)};
}

// Entries first..last of `tag`, in order.
inline std::vector<ThreadEntryRecord> Entries(uint32_t first, uint32_t last, const std::string& tag = "e") {
  std::vector<ThreadEntryRecord> entries;
  for (uint32_t sequence = first; sequence <= last; ++sequence) entries.push_back(Entry(sequence, tag));
  return entries;
}

template <typename Factory>
class ThreadStoreContractTest : public StoreContractFixture<Factory> {
 protected:
  using StoreContractFixture<Factory>::Apply;
  using StoreContractFixture<Factory>::store_;

  void Append(const std::string& report_id, const std::vector<ThreadEntryRecord>& entries) {
    UnitOfWork unit;
    for (const ThreadEntryRecord& entry : entries) unit.AddThreadEntry(report_id, entry);
    Apply(unit);
  }

  // The thread of `report_id`; empty (and a failure) if the read fails.
  std::vector<ThreadEntryRecord> Thread(const std::string& report_id) {
    absl::StatusOr<std::vector<ThreadEntryRecord>> thread = store_->GetThread(report_id);
    EXPECT_TRUE(thread.ok()) << thread.status();
    return thread.ok() ? *thread : std::vector<ThreadEntryRecord>();
  }

  // Reports 1, 2 and 3; report 1 has entries 1 and 2, report 2 entry 1.
  void Populate() {
    UnitOfWork unit;
    for (int n : {1, 2, 3}) unit.AddReport(MakeReport(n));
    unit.AddThreadEntry(Id(1), Entry(1));
    unit.AddThreadEntry(Id(1), Entry(2));
    unit.AddThreadEntry(Id(2), Entry(1));
    Apply(unit);
  }

  // Expects `unit` to fail with `code` and to leave the store as it was.
  void ExpectRejected(const UnitOfWork& unit, absl::StatusCode code) {
    const std::vector<std::vector<ThreadEntryRecord>> before = {Thread(Id(1)), Thread(Id(2)), Thread(Id(3))};
    const size_t arrivals = AllArrivals(*store_).size();
    const StaffDump staff = DumpStaff(*store_);
    EXPECT_EQ(store_->Commit(unit).status().code(), code);
    EXPECT_EQ((std::vector<std::vector<ThreadEntryRecord>>{Thread(Id(1)), Thread(Id(2)), Thread(Id(3))}), before);
    EXPECT_EQ(AllArrivals(*store_).size(), arrivals);
    EXPECT_EQ(DumpStaff(*store_), staff);
  }
};

TYPED_TEST_SUITE_P(ThreadStoreContractTest);

TYPED_TEST_P(ThreadStoreContractTest, EntriesRoundTripInSequenceOrder) {
  UnitOfWork reports;
  for (int n : {1, 2}) reports.AddReport(MakeReport(n));  // ids differ only in their last byte
  this->Apply(reports);
  for (uint32_t sequence = 1; sequence <= 3; ++sequence) {
    this->Append(Id(1), {Entry(sequence)});
    this->Append(Id(2), {Entry(sequence, "other")});
  }
  this->Append(Id(1), Entries(4, 300));  // 255 -> 256 crosses a byte of the sequence
  EXPECT_EQ(this->Thread(Id(1)), Entries(1, 300));
  EXPECT_EQ(this->Thread(Id(2)), Entries(1, 3, "other"));
}

TYPED_TEST_P(ThreadStoreContractTest, ReportWithoutEntriesHasAnEmptyThread) {
  this->Populate();
  absl::StatusOr<std::vector<ThreadEntryRecord>> thread = this->store_->GetThread(Id(3));
  ASSERT_TRUE(thread.ok()) << thread.status();
  EXPECT_TRUE(thread->empty());
}

TYPED_TEST_P(ThreadStoreContractTest, ThreadOfAnUnknownReportIsNotFound) {
  EXPECT_EQ(this->store_->GetThread(Id(1)).status().code(), absl::StatusCode::kNotFound);
  this->Populate();
  for (const std::string& id : UnknownReportIds()) {
    EXPECT_EQ(this->store_->GetThread(id).status().code(), absl::StatusCode::kNotFound);
  }
}

TYPED_TEST_P(ThreadStoreContractTest, ReportAndItsFirstEntriesLandInOneUnit) {
  UnitOfWork unit = UnitWith(MakeReport(1));
  for (const ThreadEntryRecord& entry : Entries(1, 3)) unit.AddThreadEntry(Id(1), entry);
  unit.AddAccount(Account("alice"));
  this->Apply(unit);
  EXPECT_EQ(this->Thread(Id(1)), Entries(1, 3));
  // A retried report with its next entry: the entry is a write, so Applied.
  UnitOfWork retry = UnitWith(MakeReport(1));
  retry.AddThreadEntry(Id(1), Entry(4));
  this->Apply(retry);
  EXPECT_EQ(this->Thread(Id(1)), Entries(1, 4));
}

TYPED_TEST_P(ThreadStoreContractTest, GapIsRefused) {
  this->Populate();
  UnitOfWork gap;
  gap.AddThreadEntry(Id(2), Entry(3));
  this->ExpectRejected(gap, absl::StatusCode::kFailedPrecondition);
  this->Append(Id(2), {Entry(2)});
  this->Append(Id(2), {Entry(3)});
  EXPECT_EQ(this->Thread(Id(2)), Entries(1, 3));
}

TYPED_TEST_P(ThreadStoreContractTest, DuplicateSequenceIsAlreadyExists) {
  this->Populate();
  // Even the same bytes: an entry, unlike a report, has no idempotent retry.
  for (const ThreadEntryRecord& entry : {Entry(1, "other"), Entry(1), Entry(2), Entry(2, "other")}) {
    UnitOfWork unit;
    unit.AddThreadEntry(Id(1), entry);
    this->ExpectRejected(unit, absl::StatusCode::kAlreadyExists);
  }
  EXPECT_EQ(this->Thread(Id(1)), Entries(1, 2));
}

TYPED_TEST_P(ThreadStoreContractTest, FailedEntryPreconditionsWriteNothing) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
    absl::StatusCode code;
  };
  const Case cases[] = {
      {"report absent", [](UnitOfWork& u) { u.AddThreadEntry(Id(9), Entry(1)); },
       absl::StatusCode::kFailedPrecondition},
      {"entry before its report in the unit",
       [](UnitOfWork& u) {
         u.AddThreadEntry(Id(60), Entry(1));
         u.AddReport(MakeReport(60));
       },
       absl::StatusCode::kFailedPrecondition},
      {"new report's second entry without its first",
       [](UnitOfWork& u) {
         u.AddReport(MakeReport(60));
         u.AddThreadEntry(Id(60), Entry(2));
       },
       absl::StatusCode::kFailedPrecondition},
      {"gap after a stored entry", [](UnitOfWork& u) { u.AddThreadEntry(Id(2), Entry(3)); },
       absl::StatusCode::kFailedPrecondition},
      {"gap inside the unit",
       [](UnitOfWork& u) {
         u.AddThreadEntry(Id(3), Entry(1));
         u.AddThreadEntry(Id(3), Entry(3));
       },
       absl::StatusCode::kFailedPrecondition},
      {"entry after the next in the unit",
       [](UnitOfWork& u) {
         u.AddThreadEntry(Id(3), Entry(2));
         u.AddThreadEntry(Id(3), Entry(1));
       },
       absl::StatusCode::kFailedPrecondition},
      {"last sequence", [](UnitOfWork& u) { u.AddThreadEntry(Id(1), Entry(kMaxThreadEntries)); },
       absl::StatusCode::kFailedPrecondition},
      {"sequence taken", [](UnitOfWork& u) { u.AddThreadEntry(Id(2), Entry(1, "other")); },
       absl::StatusCode::kAlreadyExists},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    // Valid writes of other kinds, and a valid entry, around the failing one.
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    unit.AddThreadEntry(Id(1), Entry(3));
    unit.AddThreadEntry(Id(50), Entry(1));
    c.add(unit);
    this->ExpectRejected(unit, c.code);
    EXPECT_EQ(this->store_->GetAccount("carol").status().code(), absl::StatusCode::kNotFound);
    for (int n : {50, 60}) {
      EXPECT_EQ(this->store_->GetThread(Id(n)).status().code(), absl::StatusCode::kNotFound);
    }
  }
}

TYPED_TEST_P(ThreadStoreContractTest, MalformedEntriesAreInvalidArgument) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
  };
  const Case cases[] = {
      {"short report id", [](UnitOfWork& u) { u.AddThreadEntry(Id(1).substr(1), Entry(3)); }},
      {"long report id", [](UnitOfWork& u) { u.AddThreadEntry(Id(1) + "x", Entry(3)); }},
      {"empty report id", [](UnitOfWork& u) { u.AddThreadEntry("", Entry(3)); }},
      {"sequence 0", [](UnitOfWork& u) { u.AddThreadEntry(Id(3), Entry(0)); }},
      {"sequence above the limit", [](UnitOfWork& u) { u.AddThreadEntry(Id(1), Entry(kMaxThreadEntries + 1)); }},
      {"largest u32", [](UnitOfWork& u) { u.AddThreadEntry(Id(1), Entry(UINT32_MAX)); }},
      {"empty entry",
       [](UnitOfWork& u) {
         u.AddThreadEntry(Id(1), ThreadEntryRecord{3, ""});
       }},
      {"one sequence twice",
       [](UnitOfWork& u) {
         u.AddThreadEntry(Id(3), Entry(1));
         u.AddThreadEntry(Id(3), Entry(1, "other"));
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    c.add(unit);
    this->ExpectRejected(unit, absl::StatusCode::kInvalidArgument);
  }
  // One sequence in two reports' threads is fine.
  UnitOfWork chained;
  chained.AddThreadEntry(Id(2), Entry(2));
  chained.AddThreadEntry(Id(3), Entry(1, "3"));
  chained.AddThreadEntry(Id(3), Entry(2, "3"));
  this->Apply(chained);
  EXPECT_EQ(this->Thread(Id(2)), Entries(1, 2));
  EXPECT_EQ(this->Thread(Id(3)), Entries(1, 2, "3"));
}

// Each thread reads the thread's length and appends the next sequence; a
// lost race must be ALREADY_EXISTS, never a second entry at one sequence.
TYPED_TEST_P(ThreadStoreContractTest, ConcurrentAppendsLeaveAGapFreeThread) {
  this->Apply(UnitWith(MakeReport(1)));
  constexpr int kThreads = 8;
  constexpr int kAttempts = 200;
  std::atomic<int> errors{0};
  std::vector<std::vector<std::string>> appended(kThreads);  // each thread's accepted entries, in order
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        absl::StatusOr<std::vector<ThreadEntryRecord>> thread = this->store_->GetThread(Id(1));
        if (!thread.ok()) {
          ++errors;
          continue;
        }
        const std::string bytes = "t" + std::to_string(t) + "-" + std::to_string(attempt);
        UnitOfWork unit;
        unit.AddThreadEntry(Id(1), ThreadEntryRecord{static_cast<uint32_t>(thread->size() + 1), bytes});
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
  const std::vector<ThreadEntryRecord> thread = this->Thread(Id(1));
  std::vector<std::string> stored;
  for (size_t i = 0; i < thread.size(); ++i) {
    EXPECT_EQ(thread[i].sequence, i + 1);
    stored.push_back(thread[i].entry);
  }
  std::vector<std::string> accepted;
  for (const std::vector<std::string>& mine : appended) {
    // A thread's own entries appear in the order it appended them.
    std::vector<std::string> in_thread;
    for (const std::string& bytes : stored) {
      if (std::find(mine.begin(), mine.end(), bytes) != mine.end()) in_thread.push_back(bytes);
    }
    EXPECT_EQ(in_thread, mine);
    accepted.insert(accepted.end(), mine.begin(), mine.end());
  }
  // Each attempt of one thread leaves the thread longer than it read it.
  EXPECT_GE(accepted.size(), size_t{kAttempts});
  std::sort(stored.begin(), stored.end());
  std::sort(accepted.begin(), accepted.end());
  EXPECT_EQ(stored, accepted);  // every accepted entry exactly once, nothing else
}

REGISTER_TYPED_TEST_SUITE_P(ThreadStoreContractTest, EntriesRoundTripInSequenceOrder,
                            ReportWithoutEntriesHasAnEmptyThread, ThreadOfAnUnknownReportIsNotFound,
                            ReportAndItsFirstEntriesLandInOneUnit, GapIsRefused, DuplicateSequenceIsAlreadyExists,
                            FailedEntryPreconditionsWriteNothing, MalformedEntriesAreInvalidArgument,
                            ConcurrentAppendsLeaveAGapFreeThread);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_THREAD_STORE_CONTRACT_H_
