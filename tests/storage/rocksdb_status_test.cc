// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/rocksdb_status.h"

#include "gtest/gtest.h"

namespace candour::storage {
namespace {

TEST(RocksDbStatusTest, TranslatesEachKindOfError) {
  struct Case {
    rocksdb::Status in;
    absl::StatusCode want;
  };
  const Case cases[] = {
      {rocksdb::Status::OK(), absl::StatusCode::kOk},
      {rocksdb::Status::NotFound("k"), absl::StatusCode::kNotFound},
      {rocksdb::Status::Corruption("bad block"), absl::StatusCode::kDataLoss},
      {rocksdb::Status::Busy("busy"), absl::StatusCode::kUnavailable},
      {rocksdb::Status::TryAgain("again"), absl::StatusCode::kUnavailable},
      {rocksdb::Status::IOError("lock hold by current process, acquire time 1", "/db/LOCK"),
       absl::StatusCode::kUnavailable},
      {rocksdb::Status::IOError("While lock file: /db/LOCK", "Resource temporarily unavailable"),
       absl::StatusCode::kUnavailable},
      {rocksdb::Status::IOError("While appending to file", "No space left on device"), absl::StatusCode::kInternal},
      {rocksdb::Status::InvalidArgument("x"), absl::StatusCode::kInternal},
      {rocksdb::Status::NotSupported("x"), absl::StatusCode::kInternal},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FromRocksDb(c.in, "read report").code(), c.want) << c.in.ToString();
  }
}

TEST(RocksDbStatusTest, MessageCarriesNoRocksDbText) {
  const absl::Status s =
      FromRocksDb(rocksdb::Status::Corruption("key 'secret-key' bad", "secret-value"), "read report");
  EXPECT_EQ(s.message(), "read report: rocksdb corruption");
}

}  // namespace
}  // namespace candour::storage
