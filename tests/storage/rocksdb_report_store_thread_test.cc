// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case threads in RocksDbReportStore beyond the shared contract
// (thread_store_contract.h): durability, the on-disk layout, an older data
// dir, the scan's bounds and malformed stored keys.
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "tests/storage/rocksdb_test_support.h"
#include "tests/storage/store_test_data.h"

namespace candour::storage {
namespace {

using testing::Dump;
using testing::Id;
using testing::MakeReport;
using testing::RawRecords;
using testing::UnitWith;

class RocksDbThreadTest : public testing::RocksDbStoreTest {};

UnitOfWork EntriesOf(const std::string& report_id, uint32_t first, uint32_t last) {
  UnitOfWork unit;
  for (uint32_t sequence = first; sequence <= last; ++sequence) {
    unit.AddThreadEntry(report_id, ThreadEntryRecord{sequence, "entry-" + std::to_string(sequence)});
  }
  return unit;
}

std::vector<ThreadEntryRecord> Expected(uint32_t last) {
  std::vector<ThreadEntryRecord> entries;
  for (uint32_t sequence = 1; sequence <= last; ++sequence) {
    entries.push_back(ThreadEntryRecord{sequence, "entry-" + std::to_string(sequence)});
  }
  return entries;
}

TEST_F(RocksDbThreadTest, EntriesSurviveReopenInTheDocumentedLayout) {
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(*store->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
    ASSERT_EQ(*store->Commit(EntriesOf(Id(1), 1, 3)), CommitOutcome::kApplied);
    const RawRecords records = Dump(*store);
    const std::set<std::tuple<std::string, std::string, std::string>> set(records.begin(), records.end());
    EXPECT_TRUE(set.contains({"thread", Id(1) + std::string("\0\0\0\x03", 4), "entry-3"}));
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->GetThread(Id(1)), Expected(3));
  EXPECT_EQ(store->Commit(EntriesOf(Id(1), 3, 3)).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store->Commit(EntriesOf(Id(1), 5, 5)).status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_EQ(*store->Commit(EntriesOf(Id(1), 4, 4)), CommitOutcome::kApplied);
  store.reset();
  store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->GetThread(Id(1)), Expected(4));
}

// A data dir made before "thread" existed: same schema version, eleven
// families (none of the later ones). Open adds the rest and keeps the data.
TEST_F(RocksDbThreadTest, OpensADataDirWithoutTheThreadFamily) {
  const NewReport r = MakeReport(1);
  MakeOlderDataDir(11, r);
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->GetThread(r.report_id)->empty());
  ASSERT_EQ(*store->Commit(EntriesOf(r.report_id, 1, 2)), CommitOutcome::kApplied);
  store.reset();
  EXPECT_EQ(FamiliesOnDisk(),
            std::set<std::string>(schema::kAllColumnFamilies.begin(), schema::kAllColumnFamilies.end()));
  store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->GetThread(r.report_id), Expected(2));
}

// An id of all 0xff bytes has no prefix upper bound; the id just below it
// has the all-0xff id as its bound. Neither scan may see the other's entries.
TEST_F(RocksDbThreadTest, ScanStopsAtTheEndOfTheThreadForExtremeIds) {
  const std::string top(kReportIdSize, '\xff');
  const std::string below = std::string(kReportIdSize - 1, '\xff') + '\xfe';
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  UnitOfWork unit;
  for (int n : {1, 2}) {
    NewReport r = MakeReport(n);
    r.report_id = n == 1 ? top : below;
    unit.AddReport(r);
  }
  ASSERT_EQ(*store->Commit(unit), CommitOutcome::kApplied);
  ASSERT_EQ(*store->Commit(EntriesOf(top, 1, 2)), CommitOutcome::kApplied);
  ASSERT_EQ(*store->Commit(EntriesOf(below, 1, 3)), CommitOutcome::kApplied);
  EXPECT_EQ(*store->GetThread(top), Expected(2));
  EXPECT_EQ(*store->GetThread(below), Expected(3));
}

TEST_F(RocksDbThreadTest, MalformedStoredThreadsAreDataLoss) {
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    UnitOfWork unit;
    for (int n : {1, 2, 3}) unit.AddReport(MakeReport(n));
    ASSERT_EQ(*store->Commit(unit), CommitOutcome::kApplied);
    ASSERT_EQ(*store->Commit(EntriesOf(Id(3), 1, 1)), CommitOutcome::kApplied);
  }
  PutRaw(schema::kThreadCf, Id(1) + std::string("\0\x01", 2), "short key");
  PutRaw(schema::kThreadCf, schema::ThreadEntryKey(Id(2), 2), "no entry 1");
  PutRaw(schema::kThreadCf, schema::ThreadEntryKey(Id(3), 0), "sequence 0");
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  for (int n : {1, 2, 3}) {
    SCOPED_TRACE(n);
    EXPECT_EQ(store->GetThread(Id(n)).status().code(), absl::StatusCode::kDataLoss);
  }
}

}  // namespace
}  // namespace candour::storage
