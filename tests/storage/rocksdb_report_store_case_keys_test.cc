// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case-key records added after their report (AddCaseKeys) in
// RocksDbReportStore beyond the shared contract (case_keys_store_contract.h):
// durability and the on-disk layout, the same as a report's own records.
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

class RocksDbCaseKeysTest : public testing::RocksDbStoreTest {};

TEST_F(RocksDbCaseKeysTest, AddedRecordsSurviveReopenInTheReportsOwnLayout) {
  const CaseKeyRecord added{Id(3, 'k'), "sealed-later"};
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(*store->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
    UnitOfWork unit;
    unit.AddCaseKeys(Id(1), {added});
    ASSERT_EQ(*store->Commit(unit), CommitOutcome::kApplied);
    const RawRecords records = Dump(*store);
    const std::set<std::tuple<std::string, std::string, std::string>> set(records.begin(), records.end());
    EXPECT_TRUE(set.contains({"case_keys", Id(1) + Id(3, 'k'), "sealed-later"}));
    EXPECT_TRUE(set.contains({"case_keys", Id(1) + Id(1, 'k'), MakeReport(1).case_keys[1].sealed_case_key}));
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<std::vector<CaseKeyRecord>> keys = store->GetCaseKeys(Id(1));
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_EQ(keys->back(), added);
  // Still refused once reopened: the check reads what is on disk.
  UnitOfWork again;
  again.AddCaseKeys(Id(1), {{Id(3, 'k'), "sealed-again"}});
  EXPECT_EQ(store->Commit(again).status().code(), absl::StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace candour::storage
