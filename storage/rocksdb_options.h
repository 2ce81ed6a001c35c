// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Builds the RocksDB options the report store opens with, so that memory stays
// bounded whatever the data size: one LRU block cache shared by every column
// family holds data, index and filter blocks; a WriteBufferManager charges all
// memtables to that cache; open files are capped. Internal to storage/. The
// returned options share the cache by shared_ptr. Thread-safe (stateless).
#ifndef CANDOUR_STORAGE_ROCKSDB_OPTIONS_H_
#define CANDOUR_STORAGE_ROCKSDB_OPTIONS_H_

#include "rocksdb/options.h"
#include "storage/rocksdb_report_store.h"

namespace candour::storage {

struct RocksDbSetup {
  rocksdb::DBOptions db;
  rocksdb::ColumnFamilyOptions column_family;  // used for every column family
};

// REQUIRES: options.block_cache_bytes > 0.
RocksDbSetup MakeRocksDbSetup(const RocksDbOptions& options);

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_ROCKSDB_OPTIONS_H_
