// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The behaviour every ReportStore must have, as a typed test suite. A store's
// test file defines a factory type with `std::unique_ptr<ReportStore> Make()`
// (a fresh, empty store each call; the factory owns any files) and
// instantiates the suite:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, ReportStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns its
// store; the concurrency tests share one store between threads. The staff
// records' half of the contract is in staff_store_contract.h.
#ifndef CANDOUR_TESTS_STORAGE_REPORT_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_REPORT_STORE_CONTRACT_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/store_contract_fixture.h"
#include "tests/storage/store_test_data.h"

namespace candour::storage::testing {

template <typename Factory>
class ReportStoreContractTest : public StoreContractFixture<Factory> {
 protected:
  using StoreContractFixture<Factory>::store_;

  // Asserts `r` is stored exactly as first committed.
  void ExpectStored(const NewReport& r) {
    absl::StatusOr<StoredReport> got = store_->GetReport(r.report_id);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(got->envelope, r.envelope);
    EXPECT_EQ(got->received_day, r.received_day);
    absl::StatusOr<Receipt> receipt = store_->GetReceipt(r.receipt_lookup_hash);
    ASSERT_TRUE(receipt.ok()) << receipt.status();
    EXPECT_EQ(receipt->report_id, r.report_id);
    EXPECT_EQ(receipt->sealed_case_key, r.receipt_sealed_case_key);
  }
};

TYPED_TEST_SUITE_P(ReportStoreContractTest);

TYPED_TEST_P(ReportStoreContractTest, PutThenGetRoundTrips) {
  const NewReport r = MakeReport(1);
  ASSERT_EQ(*this->store_->Commit(UnitWith(r)), CommitOutcome::kApplied);
  this->ExpectStored(r);
  EXPECT_EQ(AllArrivals(*this->store_),
            (std::vector<std::tuple<int32_t, std::string, std::string>>{{r.received_day, r.report_id, r.sealed_tag}}));
}

TYPED_TEST_P(ReportStoreContractTest, MissingRecordsAreNotFound) {
  EXPECT_EQ(this->store_->GetReport(Id(9)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(this->store_->GetCaseKeys(Id(9)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(this->store_->GetReceipt(Hash(9)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(this->store_->GetDirectory(1).status().code(), absl::StatusCode::kNotFound);
  absl::StatusOr<std::optional<uint64_t>> latest = this->store_->LatestDirectoryVersion();
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
}

TYPED_TEST_P(ReportStoreContractTest, IdenticalRetryIsIdempotent) {
  const NewReport r = MakeReport(1);
  ASSERT_EQ(*this->store_->Commit(UnitWith(r)), CommitOutcome::kApplied);
  NewReport retry = r;
  retry.received_day = r.received_day + 1;  // a retry on a later day
  retry.sealed_tag = "another-tag";
  absl::StatusOr<CommitOutcome> outcome = this->store_->Commit(UnitWith(retry));
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(*outcome, CommitOutcome::kIdenticalRetry);
  this->ExpectStored(r);
  EXPECT_EQ(AllArrivals(*this->store_).size(), 1u);
}

TYPED_TEST_P(ReportStoreContractTest, ReusedIdWithOtherBytesIsRejectedAndChangesNothing) {
  const NewReport r = MakeReport(1);
  ASSERT_EQ(*this->store_->Commit(UnitWith(r)), CommitOutcome::kApplied);
  struct Case {
    const char* name;
    void (*mutate)(NewReport&);
  };
  const Case cases[] = {
      {"envelope", [](NewReport& x) { x.envelope += "!"; }},
      {"case key", [](NewReport& x) { x.case_keys[0].sealed_case_key += "!"; }},
      {"extra case key",
       [](NewReport& x) {
         x.case_keys.push_back({Id(3, 'k'), "sealed-3"});
       }},
      {"receipt key", [](NewReport& x) { x.receipt_sealed_case_key += "!"; }},
      {"lookup hash", [](NewReport& x) { x.receipt_lookup_hash = Hash(77); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    NewReport other = r;
    c.mutate(other);
    absl::StatusOr<CommitOutcome> outcome = this->store_->Commit(UnitWith(other));
    EXPECT_EQ(outcome.status().code(), absl::StatusCode::kAlreadyExists);
    EXPECT_EQ(outcome.status().message(), "report id already used with different content");
    this->ExpectStored(r);
    EXPECT_EQ(this->store_->GetCaseKeys(r.report_id)->size(), 2u);
    EXPECT_EQ(this->store_->GetReceipt(Hash(77)).status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(AllArrivals(*this->store_).size(), 1u);
  }
}

TYPED_TEST_P(ReportStoreContractTest, ReusedLookupHashIsRejected) {
  ASSERT_EQ(*this->store_->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
  NewReport other = MakeReport(2);
  other.receipt_lookup_hash = Hash(1);
  EXPECT_EQ(this->store_->Commit(UnitWith(other)).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->store_->GetReport(other.report_id).status().code(), absl::StatusCode::kNotFound);
  this->ExpectStored(MakeReport(1));
}

TYPED_TEST_P(ReportStoreContractTest, FailingReportLeavesWholeUnitUnwritten) {
  ASSERT_EQ(*this->store_->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
  UnitOfWork unit;
  unit.AddReport(MakeReport(2));
  NewReport clash = MakeReport(1);
  clash.envelope = "different";
  unit.AddReport(clash);
  EXPECT_EQ(this->store_->Commit(unit).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->store_->GetReport(Id(2)).status().code(), absl::StatusCode::kNotFound);
}

TYPED_TEST_P(ReportStoreContractTest, MalformedUnitsAreInvalidArgument) {
  struct Case {
    const char* name;
    void (*mutate)(NewReport&);
  };
  const Case cases[] = {
      {"short id", [](NewReport& x) { x.report_id.pop_back(); }},
      {"short hash", [](NewReport& x) { x.receipt_lookup_hash.pop_back(); }},
      {"long key id", [](NewReport& x) { x.case_keys[0].recipient_key_id += "x"; }},
      {"repeated key id", [](NewReport& x) { x.case_keys[1].recipient_key_id = x.case_keys[0].recipient_key_id; }},
      {"negative day", [](NewReport& x) { x.received_day = -1; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    NewReport r = MakeReport(1);
    c.mutate(r);
    EXPECT_EQ(this->store_->Commit(UnitWith(r)).status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(AllArrivals(*this->store_).empty());
  }
  UnitOfWork twice;
  twice.AddReport(MakeReport(1));
  twice.AddReport(MakeReport(1));
  EXPECT_EQ(this->store_->Commit(twice).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(AllArrivals(*this->store_).empty());
}

TYPED_TEST_P(ReportStoreContractTest, DirectoryVersionsMustGoUp) {
  UnitOfWork first;
  first.AddDirectory(5, "dir-5");
  ASSERT_EQ(*this->store_->Commit(first), CommitOutcome::kApplied);
  for (uint64_t stale : {uint64_t{5}, uint64_t{4}, uint64_t{0}}) {
    UnitOfWork unit;
    unit.AddDirectory(stale, "stale");
    EXPECT_EQ(this->store_->Commit(unit).status().code(), absl::StatusCode::kFailedPrecondition);
  }
  UnitOfWork out_of_order;  // versions inside one unit must also rise
  out_of_order.AddDirectory(8, "dir-8");
  out_of_order.AddDirectory(7, "dir-7");
  EXPECT_EQ(this->store_->Commit(out_of_order).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(this->store_->GetDirectory(8).status().code(), absl::StatusCode::kNotFound);
  UnitOfWork next;
  next.AddDirectory(6, "dir-6");
  ASSERT_EQ(*this->store_->Commit(next), CommitOutcome::kApplied);
  EXPECT_EQ(*this->store_->GetDirectory(5), "dir-5");
  EXPECT_EQ(*this->store_->GetDirectory(6), "dir-6");
  EXPECT_EQ(**this->store_->LatestDirectoryVersion(), 6u);
}

TYPED_TEST_P(ReportStoreContractTest, LatestDirectoryVersionComparesNumerically) {
  for (uint64_t v : {uint64_t{255}, uint64_t{256}, uint64_t{1} << 40}) {
    UnitOfWork unit;
    unit.AddDirectory(v, "dir");
    ASSERT_EQ(*this->store_->Commit(unit), CommitOutcome::kApplied);
    EXPECT_EQ(**this->store_->LatestDirectoryVersion(), v);
  }
}

TYPED_TEST_P(ReportStoreContractTest, RetryWithDirectoryIsApplied) {
  ASSERT_EQ(*this->store_->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
  UnitOfWork unit = UnitWith(MakeReport(1));
  unit.AddDirectory(1, "dir-1");
  EXPECT_EQ(*this->store_->Commit(unit), CommitOutcome::kApplied);
  EXPECT_EQ(*this->store_->GetDirectory(1), "dir-1");
}

TYPED_TEST_P(ReportStoreContractTest, CaseKeysAreOrderedByKeyId) {
  NewReport r = MakeReport(1);
  r.case_keys = {{Id(3, 'k'), "c"}, {Id(1, 'k'), "a"}, {Id(2, 'k'), "b"}};
  ASSERT_EQ(*this->store_->Commit(UnitWith(r)), CommitOutcome::kApplied);
  ASSERT_EQ(*this->store_->Commit(UnitWith(MakeReport(2))), CommitOutcome::kApplied);  // a neighbour
  absl::StatusOr<std::vector<CaseKeyRecord>> keys = this->store_->GetCaseKeys(r.report_id);
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(*keys, (std::vector<CaseKeyRecord>{{Id(1, 'k'), "a"}, {Id(2, 'k'), "b"}, {Id(3, 'k'), "c"}}));
}

TYPED_TEST_P(ReportStoreContractTest, ForEachArrivalVisitsInclusiveRangeInOrder) {
  for (int n = 1; n <= 6; ++n) {
    ASSERT_EQ(*this->store_->Commit(UnitWith(MakeReport(7 - n, 100 + n % 3))), CommitOutcome::kApplied);
  }
  // Days: report 6 -> 101, 5 -> 102, 4 -> 100, 3 -> 101, 2 -> 102, 1 -> 100.
  std::vector<std::pair<int32_t, std::string>> seen;
  ASSERT_TRUE(this->store_
                  ->ForEachArrival(101, 102,
                                   [&](int32_t day, std::string_view id, std::string_view) {
                                     seen.emplace_back(day, std::string(id));
                                   })
                  .ok());
  EXPECT_EQ(seen,
            (std::vector<std::pair<int32_t, std::string>>{{101, Id(3)}, {101, Id(6)}, {102, Id(2)}, {102, Id(5)}}));
  seen.clear();
  ASSERT_TRUE(this->store_
                  ->ForEachArrival(
                      102, 101,
                      [&](int32_t d, std::string_view id, std::string_view) { seen.emplace_back(d, std::string(id)); })
                  .ok());
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(AllArrivals(*this->store_).size(), 6u);
}

TYPED_TEST_P(ReportStoreContractTest, ConcurrentDistinctReportsAllLand) {
  constexpr int kThreads = 16;
  constexpr int kPerThread = 8;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        absl::StatusOr<CommitOutcome> outcome = this->store_->Commit(UnitWith(MakeReport(t * kPerThread + i)));
        if (!outcome.ok() || *outcome != CommitOutcome::kApplied) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(AllArrivals(*this->store_).size(), size_t{kThreads * kPerThread});
}

TYPED_TEST_P(ReportStoreContractTest, ConcurrentSameReportAppliesExactlyOnce) {
  for (int round = 0; round < 5; ++round) {
    constexpr int kThreads = 8;
    std::atomic<int> applied{0};
    std::atomic<int> retried{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        absl::StatusOr<CommitOutcome> outcome = this->store_->Commit(UnitWith(MakeReport(round)));
        if (outcome.ok() && *outcome == CommitOutcome::kApplied) ++applied;
        if (outcome.ok() && *outcome == CommitOutcome::kIdenticalRetry) ++retried;
      });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(applied.load(), 1);
    EXPECT_EQ(retried.load(), kThreads - 1);
  }
}

TYPED_TEST_P(ReportStoreContractTest, ConcurrentClaimsOfOneLookupHashAdmitOne) {
  constexpr int kThreads = 8;
  std::atomic<int> applied{0};
  std::atomic<int> rejected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      NewReport r = MakeReport(t);
      r.receipt_lookup_hash = Hash(999);
      absl::StatusOr<CommitOutcome> outcome = this->store_->Commit(UnitWith(r));
      if (outcome.ok()) ++applied;
      if (outcome.status().code() == absl::StatusCode::kAlreadyExists) ++rejected;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(applied.load(), 1);
  EXPECT_EQ(rejected.load(), kThreads - 1);
  EXPECT_EQ(AllArrivals(*this->store_).size(), 1u);
}

REGISTER_TYPED_TEST_SUITE_P(ReportStoreContractTest, PutThenGetRoundTrips, MissingRecordsAreNotFound,
                            IdenticalRetryIsIdempotent, ReusedIdWithOtherBytesIsRejectedAndChangesNothing,
                            ReusedLookupHashIsRejected, FailingReportLeavesWholeUnitUnwritten,
                            MalformedUnitsAreInvalidArgument, DirectoryVersionsMustGoUp,
                            LatestDirectoryVersionComparesNumerically, RetryWithDirectoryIsApplied,
                            CaseKeysAreOrderedByKeyId, ForEachArrivalVisitsInclusiveRangeInOrder,
                            ConcurrentDistinctReportsAllLand, ConcurrentSameReportAppliesExactlyOnce,
                            ConcurrentClaimsOfOneLookupHashAdmitOne);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_REPORT_STORE_CONTRACT_H_
