// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit log in RocksDbReportStore beyond the shared contract
// (audit_store_contract.h): durability, the on-disk layout, reads that show
// a log altered underneath the store as it is, the read-only open that
// `candourd audit verify` uses, and an older data dir.
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "tests/storage/rocksdb_test_support.h"
#include "tests/storage/store_test_data.h"

namespace candour::storage {
namespace {

using testing::Dump;
using testing::MakeReport;
using testing::RawRecords;

class RocksDbAuditTest : public testing::RocksDbStoreTest {};

UnitOfWork ThreeEntriesAndACheckpoint() {
  UnitOfWork unit;
  for (uint64_t sequence : {1, 2, 3}) unit.AppendAudit({sequence, "entry-" + std::to_string(sequence)});
  unit.AddAuditCheckpoint({3, "checkpoint-3"});
  return unit;
}

TEST_F(RocksDbAuditTest, EntriesSurviveReopenInTheDocumentedLayout) {
  {
    auto store = OpenStore();
    ASSERT_EQ(*store->Commit(ThreeEntriesAndACheckpoint()), CommitOutcome::kApplied);
    const RawRecords records = Dump(*store);
    const std::set<std::tuple<std::string, std::string, std::string>> set(records.begin(), records.end());
    EXPECT_TRUE(set.contains({"audit", std::string("\0\0\0\0\0\0\0\x02", 8), "entry-2"}));
    EXPECT_TRUE(set.contains({"audit_checkpoints", std::string("\0\0\0\0\0\0\0\x03", 8), "checkpoint-3"}));
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->ReadAudit(1, 10)->size(), 3u);
  EXPECT_EQ(store->LastAudit()->value(), (AuditRecord{3, "entry-3"}));
  EXPECT_EQ(store->LatestAuditCheckpoint()->value(), (AuditCheckpointRecord{3, "checkpoint-3"}));
  UnitOfWork next;
  next.AppendAudit({4, "entry-4"});
  EXPECT_EQ(*store->Commit(next), CommitOutcome::kApplied);
}

TEST_F(RocksDbAuditTest, ReadsShowAnAlteredLogAsItIs) {
  {
    auto store = OpenStore();
    ASSERT_EQ(*store->Commit(ThreeEntriesAndACheckpoint()), CommitOutcome::kApplied);
  }
  // Entry 2 removed and entry 7 planted: ReadAudit reports both, in key order.
  PutRaw(schema::kAuditCf, schema::AuditKey(7), "planted");
  {
    auto store = OpenStore();
    UnitOfWork next;
    next.AppendAudit({4, "entry-4"});  // the log's last is 7 now
    EXPECT_EQ(store->Commit(next).status().code(), absl::StatusCode::kAlreadyExists);
    absl::StatusOr<std::vector<AuditRecord>> log = store->ReadAudit(1, 10);
    ASSERT_TRUE(log.ok()) << log.status();
    EXPECT_EQ(*log, (std::vector<AuditRecord>{{1, "entry-1"}, {2, "entry-2"}, {3, "entry-3"}, {7, "planted"}}));
  }
  PutRaw(schema::kAuditCf, "short", "bad key");
  auto store = OpenStore();
  EXPECT_EQ(store->ReadAudit(0, 10).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(RocksDbAuditTest, ReadOnlyOpenReadsBesideAnOpenStoreAndWritesNothing) {
  auto store = OpenStore();
  ASSERT_EQ(*store->Commit(ThreeEntriesAndACheckpoint()), CommitOutcome::kApplied);
  absl::StatusOr<std::unique_ptr<RocksDbReportStore>> reader = RocksDbReportStore::OpenReadOnly(dir_.path());
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->ReadAudit(1, 10)->size(), 3u);
  EXPECT_EQ((*reader)->ListAuditCheckpoints()->size(), 1u);
  const RawRecords before = Dump(*store);
  UnitOfWork next;
  next.AppendAudit({4, "entry-4"});
  EXPECT_FALSE((*reader)->Commit(next).ok());
  EXPECT_EQ(Dump(*store), before);
}

TEST_F(RocksDbAuditTest, ReadOnlyOpenRefusesAMissingOrOlderDataDir) {
  EXPECT_EQ(RocksDbReportStore::OpenReadOnly(dir_.path()).status().code(), absl::StatusCode::kNotFound);
  MakeOlderDataDir(7, MakeReport(1));
  EXPECT_EQ(RocksDbReportStore::OpenReadOnly(dir_.path()).status().code(), absl::StatusCode::kFailedPrecondition);
  OpenStore().reset();  // adds the families
  EXPECT_TRUE(RocksDbReportStore::OpenReadOnly(dir_.path()).ok());
}

// A data dir made before the audit families existed: same schema version,
// thirteen families (through "workflow"). Open adds them and keeps the data.
TEST_F(RocksDbAuditTest, OpensADataDirWithoutTheAuditFamilies) {
  const NewReport r = MakeReport(1);
  MakeOlderDataDir(13, r);
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->LastAudit(), std::nullopt);
  ASSERT_EQ(*store->Commit(ThreeEntriesAndACheckpoint()), CommitOutcome::kApplied);
  store.reset();
  EXPECT_EQ(FamiliesOnDisk(),
            std::set<std::string>(schema::kAllColumnFamilies.begin(), schema::kAllColumnFamilies.end()));
  store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetReport(r.report_id)->envelope, r.envelope);
  EXPECT_EQ(store->ReadAudit(1, 10)->size(), 3u);
}

}  // namespace
}  // namespace candour::storage
