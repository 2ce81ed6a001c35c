// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Workflow records in RocksDbReportStore beyond the shared contract
// (workflow_store_contract.h): durability, the on-disk layout, an older data
// dir and a malformed stored record.
#include <optional>
#include <set>
#include <string>
#include <tuple>

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

class RocksDbWorkflowTest : public testing::RocksDbStoreTest {};

UnitOfWork WorkflowOf(const std::string& report_id, const std::string& record) {
  UnitOfWork unit;
  unit.PutWorkflow(report_id, record);
  return unit;
}

TEST_F(RocksDbWorkflowTest, RecordSurvivesReopenInTheDocumentedLayout) {
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(*store->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
    ASSERT_EQ(*store->Commit(WorkflowOf(Id(1), "acknowledged")), CommitOutcome::kApplied);
    const RawRecords records = Dump(*store);
    const std::set<std::tuple<std::string, std::string, std::string>> set(records.begin(), records.end());
    EXPECT_TRUE(set.contains({"workflow", Id(1), "acknowledged"}));
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->GetWorkflow(Id(1)), "acknowledged");
  ASSERT_EQ(*store->Commit(WorkflowOf(Id(1), "closed")), CommitOutcome::kApplied);
  store.reset();
  store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->GetWorkflow(Id(1)), "closed");
}

// A data dir made before "workflow" existed: same schema version, twelve
// families. Open adds "workflow" and keeps the data.
TEST_F(RocksDbWorkflowTest, OpensADataDirWithoutTheWorkflowFamily) {
  const NewReport r = MakeReport(1);
  MakeOlderDataDir(12, r);
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->GetWorkflow(r.report_id), std::nullopt);
  ASSERT_EQ(*store->Commit(WorkflowOf(r.report_id, "new")), CommitOutcome::kApplied);
  store.reset();
  EXPECT_EQ(FamiliesOnDisk(),
            std::set<std::string>(schema::kAllColumnFamilies.begin(), schema::kAllColumnFamilies.end()));
  store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->GetWorkflow(r.report_id), "new");
}

TEST_F(RocksDbWorkflowTest, EmptyStoredRecordIsDataLoss) {
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(*store->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
  }
  PutRaw(schema::kWorkflowCf, Id(1), "");
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetWorkflow(Id(1)).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace candour::storage
