// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/rocksdb_report_store.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/schema.h"
#include "tests/storage/audit_store_contract.h"
#include "tests/storage/case_keys_store_contract.h"
#include "tests/storage/ledger_store_contract.h"
#include "tests/storage/log_store_contract.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/rocksdb_test_support.h"
#include "tests/storage/staff_store_conflicts.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/thread_store_contract.h"
#include "tests/storage/workflow_store_contract.h"

namespace candour::storage {
namespace {

using testing::MakeReport;
using testing::TempDbDir;
using testing::UnitWith;

struct RocksDbFactory {
  TempDbDir dir;
  std::unique_ptr<ReportStore> Make() {
    absl::StatusOr<std::unique_ptr<RocksDbReportStore>> store = RocksDbReportStore::Open(dir.path());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }
};

}  // namespace

namespace testing {
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, ReportStoreContractTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, StaffStoreContractTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, StaffStoreConflictTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, ThreadStoreContractTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, WorkflowStoreContractTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, AuditStoreContractTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, CaseKeysStoreContractTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, LedgerStoreContractTest, RocksDbFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, LogStoreContractTest, LogCases<RocksDbFactory>, LogCaseNames);
}  // namespace testing

namespace {

using testing::Dump;
using testing::RawRecords;
class RocksDbReportStoreTest : public testing::RocksDbStoreTest {};

TEST_F(RocksDbReportStoreTest, NewDatabaseRecordsSchemaVersion) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  const RawRecords records = Dump(*store);
  EXPECT_EQ(records, (RawRecords{{"meta", "schema_version", "1"}}));
}

TEST_F(RocksDbReportStoreTest, IdenticalRetryWritesNothing) {
  auto store = OpenStore();
  ASSERT_EQ(*store->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
  const RawRecords before = Dump(*store);
  NewReport retry = MakeReport(1, 20001);
  EXPECT_EQ(*store->Commit(UnitWith(retry)), CommitOutcome::kIdenticalRetry);
  EXPECT_EQ(Dump(*store), before);
}

TEST_F(RocksDbReportStoreTest, RejectedReuseWritesNothing) {
  auto store = OpenStore();
  ASSERT_EQ(*store->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
  const RawRecords before = Dump(*store);
  NewReport other = MakeReport(1);
  other.envelope = "other bytes";
  EXPECT_EQ(store->Commit(UnitWith(other)).status().code(), absl::StatusCode::kAlreadyExists);
  NewReport thief = MakeReport(2);
  thief.receipt_lookup_hash = MakeReport(1).receipt_lookup_hash;
  EXPECT_EQ(store->Commit(UnitWith(thief)).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(Dump(*store), before);
}

TEST_F(RocksDbReportStoreTest, ForEachRawRecordSeesEveryColumnFamilyInLayout) {
  auto store = OpenStore();
  UnitOfWork unit = UnitWith(MakeReport(1, 0x01020304));
  unit.AddDirectory(7, "dir-7");
  ASSERT_EQ(*store->Commit(unit), CommitOutcome::kApplied);
  std::map<std::string, int> per_cf;
  for (const auto& [cf, key, value] : Dump(*store)) ++per_cf[cf];
  EXPECT_EQ(per_cf,
            (std::map<std::string, int>{
                {"meta", 1}, {"reports", 1}, {"case_keys", 2}, {"receipts", 1}, {"arrivals", 1}, {"directory", 1}}));
  const NewReport r = MakeReport(1);
  const RawRecords records = Dump(*store);
  const std::set<std::tuple<std::string, std::string, std::string>> set(records.begin(), records.end());
  EXPECT_TRUE(set.contains({"reports", r.report_id, std::string("\x01\x02\x03\x04", 4) + r.envelope}));
  EXPECT_TRUE(set.contains({"arrivals", std::string("\x01\x02\x03\x04", 4) + r.report_id, r.sealed_tag}));
  EXPECT_TRUE(set.contains({"receipts", r.receipt_lookup_hash, r.report_id + r.receipt_sealed_case_key}));
  EXPECT_TRUE(set.contains({"directory", std::string("\0\0\0\0\0\0\0\x07", 8), "dir-7"}));
  // The unused "default" family is visited too.
  store.reset();
  PutRaw("default", "k", "v");
  store = OpenStore();
  ASSERT_NE(store, nullptr);
  bool saw_default = false;
  for (const auto& [cf, key, value] : Dump(*store)) saw_default = saw_default || cf == "default";
  EXPECT_TRUE(saw_default);
}

TEST_F(RocksDbReportStoreTest, ReopenKeepsData) {
  {
    auto store = OpenStore();
    UnitOfWork unit = UnitWith(MakeReport(1));
    unit.AddDirectory(3, "dir-3");
    ASSERT_EQ(*store->Commit(unit), CommitOutcome::kApplied);
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetReport(MakeReport(1).report_id)->envelope, MakeReport(1).envelope);
  EXPECT_EQ(store->GetCaseKeys(MakeReport(1).report_id)->size(), 2u);
  EXPECT_EQ(**store->LatestDirectoryVersion(), 3u);
  EXPECT_EQ(*store->Commit(UnitWith(MakeReport(1))), CommitOutcome::kIdenticalRetry);
}

TEST_F(RocksDbReportStoreTest, StaffRecordsSurviveReopenInTheDocumentedLayout) {
  const std::string token = testing::SecretHash(5);
  {
    auto store = OpenStore();
    UnitOfWork unit;
    unit.AddAccount(testing::Account("alice", "acct"));
    unit.AddInvitation(testing::MakeInvitation(6, "invite"));
    unit.AddSession(testing::Session(5, "alice", "sess"));
    ASSERT_EQ(*store->Commit(unit), CommitOutcome::kApplied);
    const RawRecords records = Dump(*store);
    const std::set<std::tuple<std::string, std::string, std::string>> set(records.begin(), records.end());
    EXPECT_TRUE(set.contains({"accounts", "alice", "acct"}));
    EXPECT_TRUE(set.contains({"invitations", testing::SecretHash(6), "invite"}));
    EXPECT_TRUE(set.contains({"sessions", token, std::string("\x05") + "alicesess"}));
    EXPECT_TRUE(set.contains({"account_sessions", std::string("alice\0", 6) + token, ""}));
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->ListAccounts(), std::vector<StaffAccount>{testing::Account("alice", "acct")});
  EXPECT_EQ(*store->GetInvitation(testing::SecretHash(6)), testing::MakeInvitation(6, "invite"));
  EXPECT_EQ(*store->ListSessionsOf("alice"), std::vector<StaffSession>{testing::Session(5, "alice", "sess")});
  UnitOfWork end;
  end.DeleteSessionsOf("alice");
  ASSERT_EQ(*store->Commit(end), CommitOutcome::kApplied);
  store.reset();
  store = OpenStore();
  EXPECT_EQ(store->GetSession(token).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(store->ListSessionsOf("alice")->empty());
}

// A data dir made before the staff families existed: same schema version,
// seven families. Open adds the new families and keeps the data.
TEST_F(RocksDbReportStoreTest, OpensADataDirWithTheSevenFamilyLayout) {
  const NewReport r = MakeReport(1);
  MakeOlderDataDir(7, r);
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetReport(r.report_id)->envelope, r.envelope);
  UnitOfWork unit;
  unit.AddAccount(testing::Account("alice"));
  unit.AddSession(testing::Session(1, "alice"));
  ASSERT_EQ(*store->Commit(unit), CommitOutcome::kApplied);
  store.reset();
  EXPECT_EQ(FamiliesOnDisk(),
            std::set<std::string>(schema::kAllColumnFamilies.begin(), schema::kAllColumnFamilies.end()));
  store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->ListSessionsOf("alice")->size(), 1u);
}

TEST_F(RocksDbReportStoreTest, MalformedStoredSessionsAreDataLoss) {
  OpenStore().reset();
  PutRaw(schema::kSessionsCf, testing::SecretHash(1), "");
  PutRaw(schema::kAccountSessionsCf, schema::AccountSessionKey("alice", testing::SecretHash(2)), "");
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetSession(testing::SecretHash(1)).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(store->ListSessions().status().code(), absl::StatusCode::kDataLoss);
  // An index entry whose session is missing.
  EXPECT_EQ(store->ListSessionsOf("alice").status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(RocksDbReportStoreTest, UnknownSchemaVersionIsRefused) {
  OpenStore().reset();
  PutRaw(schema::kMetaCf, "schema_version", "2");
  absl::StatusOr<std::unique_ptr<RocksDbReportStore>> store = RocksDbReportStore::Open(dir_.path());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(RocksDbReportStoreTest, DataWithoutSchemaVersionIsRefused) {
  PutRaw(schema::kReportsCf, std::string(16, 'r'), "0000envelope");
  absl::StatusOr<std::unique_ptr<RocksDbReportStore>> store = RocksDbReportStore::Open(dir_.path());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(RocksDbReportStoreTest, UnknownColumnFamilyIsRefused) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path(), &db).ok());
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  ASSERT_TRUE(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "from_the_future", &handle).ok());
  EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  delete db;
  EXPECT_EQ(RocksDbReportStore::Open(dir_.path()).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(RocksDbReportStoreTest, SecondOpenWhileOpenIsUnavailable) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<std::unique_ptr<RocksDbReportStore>> second = RocksDbReportStore::Open(dir_.path());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable) << second.status();
  // The message names neither the path nor RocksDB's text.
  EXPECT_EQ(second.status().message().find(dir_.path()), std::string_view::npos);
  store.reset();
  EXPECT_NE(OpenStore(), nullptr);
}

TEST_F(RocksDbReportStoreTest, OpensWithTinyMemoryBudget) {
  RocksDbOptions options;
  options.block_cache_bytes = 1 << 20;
  options.write_buffer_bytes = 1 << 20;
  options.max_open_files = 16;
  absl::StatusOr<std::unique_ptr<RocksDbReportStore>> store = RocksDbReportStore::Open(dir_.path(), options);
  ASSERT_TRUE(store.ok()) << store.status();
  for (int n = 0; n < 100; ++n) {
    NewReport r = MakeReport(n);
    r.envelope.assign(32 << 10, static_cast<char>(n));  // 3 MiB in all: forces flushes
    ASSERT_EQ(*(*store)->Commit(UnitWith(r)), CommitOutcome::kApplied);
  }
  EXPECT_EQ((*store)->GetReport(MakeReport(42).report_id)->envelope, std::string(32 << 10, 42));
}

}  // namespace
}  // namespace candour::storage
