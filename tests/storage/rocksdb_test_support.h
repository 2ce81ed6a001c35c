// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Helpers for the tests that run RocksDbReportStore against real RocksDB in
// ::testing::TempDir(): a temporary data dir, a dump of every raw record, and
// a fixture that opens the store and plants raw values with RocksDB directly.
// Each fixture owns its directory and removes it when destroyed.
#ifndef CANDOUR_TESTS_STORAGE_ROCKSDB_TEST_SUPPORT_H_
#define CANDOUR_TESTS_STORAGE_ROCKSDB_TEST_SUPPORT_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"

namespace candour::storage::testing {

// A fresh directory under the test temp dir, removed on destruction.
class TempDbDir {
 public:
  TempDbDir() {
    static std::atomic<int> counter{0};
    path_ = ::testing::TempDir() + "candour_rocksdb_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    std::filesystem::remove_all(path_);
  }
  ~TempDbDir() { std::filesystem::remove_all(path_); }
  TempDbDir(const TempDbDir&) = delete;
  TempDbDir& operator=(const TempDbDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Every (column family, key, value) of `store`, family by family.
using RawRecords = std::vector<std::tuple<std::string, std::string, std::string>>;

inline RawRecords Dump(RocksDbReportStore& store) {
  RawRecords out;
  EXPECT_TRUE(store
                  .ForEachRawRecord([&](std::string_view cf, std::string_view key, std::string_view value) {
                    out.emplace_back(std::string(cf), std::string(key), std::string(value));
                  })
                  .ok());
  return out;
}

class RocksDbStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<RocksDbReportStore> OpenStore() {
    absl::StatusOr<std::unique_ptr<RocksDbReportStore>> store = RocksDbReportStore::Open(dir_.path());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Opens the database with RocksDB directly and puts one value into `cf`.
  // REQUIRES: no store has the database open.
  void PutRaw(std::string_view cf, const std::string& key, const std::string& value) {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (std::string_view name : schema::kAllColumnFamilies)
      descriptors.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path(), descriptors, &handles, &db).ok());
    size_t index = 0;
    while (schema::kAllColumnFamilies[index] != cf) ++index;
    EXPECT_TRUE(db->Put(rocksdb::WriteOptions(), handles[index], key, value).ok());
    for (rocksdb::ColumnFamilyHandle* handle : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
    EXPECT_TRUE(db->Close().ok());
    delete db;
  }

  // Creates the data dir an older build left: schema version 1, only the
  // first `families` column families of schema::kAllColumnFamilies (new
  // families are only ever appended), and report `r`.
  // REQUIRES: no store has the database open.
  void MakeOlderDataDir(size_t families, const NewReport& r) {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (size_t i = 0; i < families; ++i) {
      descriptors.emplace_back(std::string(schema::kAllColumnFamilies[i]), rocksdb::ColumnFamilyOptions());
    }
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

  // The column families of the closed database, as a set.
  std::set<std::string> FamiliesOnDisk() {
    std::vector<std::string> families;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir_.path(), &families).ok());
    return std::set<std::string>(families.begin(), families.end());
  }

  TempDbDir dir_;
};

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_ROCKSDB_TEST_SUPPORT_H_
