// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A Candour data dir opened with RocksDB itself, every column family of the
// schema, for tests that alter stored bytes underneath the store (as a
// malicious operator or a restored old backup would). Header-only; link
// RocksDB::rocksdb.
#ifndef CANDOUR_TESTS_TESTING_RAW_DB_H_
#define CANDOUR_TESTS_TESTING_RAW_DB_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "candour/v1/intake.pb.h"
#include "rocksdb/db.h"
#include "storage/schema.h"

namespace candour::testing {

namespace schema = candour::storage::schema;
using candour::v1::Envelope;

// The database opened with RocksDB itself, every column family of the schema.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (std::string_view name : schema::kAllColumnFamilies) {
      descriptors.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
    }
    rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(), path, descriptors, &handles_, &db_);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  ~RawDb() {
    if (db_ == nullptr) return;
    for (rocksdb::ColumnFamilyHandle* handle : handles_) EXPECT_TRUE(db_->DestroyColumnFamilyHandle(handle).ok());
    EXPECT_TRUE(db_->Close().ok());
    delete db_;
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  bool ok() const { return db_ != nullptr; }

  std::string Get(std::string_view cf, std::string_view key) {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Handle(cf), rocksdb::Slice(key.data(), key.size()), &value);
    EXPECT_TRUE(s.ok()) << cf << ": " << s.ToString();
    return value;
  }
  void Delete(std::string_view cf, std::string_view key) {
    rocksdb::WriteOptions options;
    options.sync = true;
    rocksdb::Status s = db_->Delete(options, Handle(cf), rocksdb::Slice(key.data(), key.size()));
    EXPECT_TRUE(s.ok()) << cf << ": " << s.ToString();
  }
  void Put(std::string_view cf, std::string_view key, std::string_view value) {
    rocksdb::WriteOptions options;
    options.sync = true;
    rocksdb::Status s = db_->Put(options, Handle(cf), rocksdb::Slice(key.data(), key.size()),
                                 rocksdb::Slice(value.data(), value.size()));
    EXPECT_TRUE(s.ok()) << cf << ": " << s.ToString();
  }

  // The stored envelope of `report_id`, and its received day.
  std::pair<int32_t, Envelope> GetEnvelope(std::string_view report_id) {
    const std::string value = Get(schema::kReportsCf, report_id);
    absl::StatusOr<schema::ReportValue> decoded = schema::DecodeReportValue(value);
    EXPECT_TRUE(decoded.ok()) << decoded.status();
    Envelope envelope;
    if (decoded.ok()) {
      EXPECT_TRUE(envelope.ParseFromArray(decoded->envelope.data(), static_cast<int>(decoded->envelope.size())));
    }
    return {decoded.ok() ? decoded->received_day : 0, envelope};
  }
  void PutEnvelope(std::string_view report_id, int32_t received_day, const Envelope& envelope) {
    Put(schema::kReportsCf, report_id, schema::EncodeReportValue(received_day, envelope.SerializeAsString()));
  }

 private:
  rocksdb::ColumnFamilyHandle* Handle(std::string_view cf) const {
    for (size_t i = 0; i < schema::kAllColumnFamilies.size(); ++i) {
      if (schema::kAllColumnFamilies[i] == cf) return handles_[i];
    }
    ADD_FAILURE() << "no column family " << cf;
    return nullptr;
  }

  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_RAW_DB_H_
