// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case threads in RocksDbReportStore beyond the shared contract
// (thread_store_contract.h): durability, the on-disk layout, an older data
// dir, the scan's bounds and malformed stored keys.
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "tests/storage/rocksdb_test_support.h"

namespace candour::storage {
namespace {

using testing::Dump;
using testing::RawRecords;

class RocksDbThreadTest : public testing::RocksDbStoreTest {};

// Not the contract's helpers: including report_store_contract.h would
// register its suite in this binary without instantiating it.
std::string Id(int n) { return std::string(kReportIdSize - 1, 'r') + static_cast<char>(n); }

NewReport MakeReport(int n) {
  NewReport r;
  r.report_id = Id(n);
  r.received_day = 20000;
  r.envelope = "envelope-" + std::to_string(n);
  r.sealed_tag = "tag";
  r.receipt_lookup_hash = std::string(kLookupHashSize - 1, 'h') + static_cast<char>(n);
  r.receipt_sealed_case_key = "receipt";
  return r;
}

UnitOfWork UnitWith(NewReport r) {
  UnitOfWork unit;
  unit.AddReport(std::move(r));
  return unit;
}

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
  {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (std::string_view name : schema::kAllColumnFamilies) {
      if (name != schema::kThreadCf && name != schema::kAuditCf && name != schema::kAuditCheckpointsCf) {
        descriptors.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
      }
    }
    ASSERT_EQ(descriptors.size(), 11u);
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path(), descriptors, &handles, &db).ok());
    EXPECT_TRUE(db->Put(rocksdb::WriteOptions(), handles[1], "schema_version", "1").ok());
    EXPECT_TRUE(
        db->Put(rocksdb::WriteOptions(), handles[2], r.report_id, schema::EncodeReportValue(r.received_day, r.envelope))
            .ok());
    for (rocksdb::ColumnFamilyHandle* handle : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
    EXPECT_TRUE(db->Close().ok());
    delete db;
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->GetThread(r.report_id)->empty());
  ASSERT_EQ(*store->Commit(EntriesOf(r.report_id, 1, 2)), CommitOutcome::kApplied);
  store.reset();
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir_.path(), &families).ok());
  EXPECT_EQ(std::set<std::string>(families.begin(), families.end()),
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
