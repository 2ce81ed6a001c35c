// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A byte-exact copy of everything a RocksDbReportStore holds, for tests that
// assert a request changed nothing: every column family (including empty
// ones) mapped to its keys and values, read through the store's
// ForEachRawRecord. Snapshots compare with ==; SnapshotDiff says what
// differs in a form fit for a failure message. Thread-safe as the store.
#ifndef CANDOUR_TESTS_TESTING_ROCKSDB_SNAPSHOT_H_
#define CANDOUR_TESTS_TESTING_ROCKSDB_SNAPSHOT_H_

#include <map>
#include <string>

#include "storage/rocksdb_report_store.h"

namespace candour::testing {

// column family -> key -> value.
using DbSnapshot = std::map<std::string, std::map<std::string, std::string>>;

// Reads every record. Fails the current test if the store cannot be read.
DbSnapshot Snapshot(storage::RocksDbReportStore& store);

// "" if the snapshots are equal; otherwise one line per added, removed or
// changed record ("reports: changed key 0a1b...").
std::string SnapshotDiff(const DbSnapshot& before, const DbSnapshot& after);

// The number of records in every column family together.
size_t RecordCount(const DbSnapshot& snapshot);

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_ROCKSDB_SNAPSHOT_H_
