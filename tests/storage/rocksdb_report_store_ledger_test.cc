// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights ledger in RocksDbReportStore beyond the shared contract
// (ledger_store_contract.h): durability, the on-disk layout, reads that show
// a ledger altered underneath the store as it is, and a data dir made
// before the "ledger" family existed (also read-only).
#include <memory>
#include <optional>
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
using testing::MakeReport;
using testing::RawRecords;

class RocksDbLedgerTest : public testing::RocksDbStoreTest {};

// A plan and two releases, each with its audit entry, as the service commits them.
void PublishThree(RocksDbReportStore& store) {
  for (uint64_t sequence : {1, 2, 3}) {
    UnitOfWork unit;
    unit.AppendLedger({sequence, "ledger-" + std::to_string(sequence)});
    unit.AppendAudit({sequence, "audit-" + std::to_string(sequence)});
    ASSERT_EQ(*store.Commit(unit), CommitOutcome::kApplied);
  }
}

TEST_F(RocksDbLedgerTest, EntriesSurviveReopenInTheDocumentedLayout) {
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    PublishThree(*store);
    const RawRecords records = Dump(*store);
    const std::set<std::tuple<std::string, std::string, std::string>> set(records.begin(), records.end());
    EXPECT_TRUE(set.contains({"ledger", std::string("\0\0\0\0\0\0\0\x02", 8), "ledger-2"}));
    EXPECT_TRUE(set.contains({"audit", std::string("\0\0\0\0\0\0\0\x02", 8), "audit-2"}));
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->ReadLedger(2, 10), (std::vector<LedgerRecord>{{2, "ledger-2"}, {3, "ledger-3"}}));
  EXPECT_EQ(store->LastLedger()->value(), (LedgerRecord{3, "ledger-3"}));
  // The ledger's head is read from disk, not remembered: after a reopen a
  // taken sequence is still refused and the next one still lands.
  UnitOfWork taken;
  taken.AppendLedger({3, "again"});
  EXPECT_EQ(store->Commit(taken).status().code(), absl::StatusCode::kAlreadyExists);
  UnitOfWork next;
  next.AppendLedger({4, "ledger-4"});
  EXPECT_EQ(*store->Commit(next), CommitOutcome::kApplied);
  EXPECT_EQ(store->ReadLedger(0, 100)->size(), 4u);
}

TEST_F(RocksDbLedgerTest, ReadsShowAnAlteredLedgerAsItIs) {
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    PublishThree(*store);
  }
  PutRaw(schema::kLedgerCf, schema::LedgerKey(9), "planted");
  {
    auto store = OpenStore();
    UnitOfWork next;
    next.AppendLedger({4, "ledger-4"});  // the ledger's last is 9 now
    EXPECT_EQ(store->Commit(next).status().code(), absl::StatusCode::kAlreadyExists);
    absl::StatusOr<std::vector<LedgerRecord>> ledger = store->ReadLedger(3, 10);
    ASSERT_TRUE(ledger.ok()) << ledger.status();
    EXPECT_EQ(*ledger, (std::vector<LedgerRecord>{{3, "ledger-3"}, {9, "planted"}}));
    EXPECT_EQ(store->LastLedger()->value(), (LedgerRecord{9, "planted"}));
  }
  PutRaw(schema::kLedgerCf, "bad", "a key that is not 8 bytes");
  auto store = OpenStore();
  EXPECT_EQ(store->ReadLedger(0, 10).status().code(), absl::StatusCode::kDataLoss);
  UnitOfWork next;
  next.AppendLedger({10, "ledger-10"});
  EXPECT_EQ(store->Commit(next).status().code(), absl::StatusCode::kDataLoss);
}

// A data dir made before the ledger existed: same schema version, fifteen
// families (through "audit_checkpoints"). A read-only open refuses it until
// Open has added "ledger"; the data is kept.
TEST_F(RocksDbLedgerTest, OpensADataDirWithoutTheLedgerFamily) {
  const NewReport r = MakeReport(1);
  MakeOlderDataDir(15, r);
  EXPECT_FALSE(FamiliesOnDisk().contains("ledger"));
  EXPECT_EQ(RocksDbReportStore::OpenReadOnly(dir_.path()).status().code(), absl::StatusCode::kFailedPrecondition);
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->LastLedger(), std::nullopt);
  PublishThree(*store);
  store.reset();
  EXPECT_EQ(FamiliesOnDisk(),
            std::set<std::string>(schema::kAllColumnFamilies.begin(), schema::kAllColumnFamilies.end()));
  absl::StatusOr<std::unique_ptr<RocksDbReportStore>> reader = RocksDbReportStore::OpenReadOnly(dir_.path());
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->GetReport(r.report_id)->envelope, r.envelope);
  EXPECT_EQ((*reader)->ReadLedger(1, 10)->size(), 3u);
  EXPECT_EQ((*reader)->ReadAudit(1, 10)->size(), 3u);
  UnitOfWork next;
  next.AppendLedger({4, "ledger-4"});
  EXPECT_FALSE((*reader)->Commit(next).ok());
}

}  // namespace
}  // namespace candour::storage
