// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The one translation from rocksdb::Status to absl::Status, applied where a
// RocksDB error enters our code. Messages say what we were doing and the
// RocksDB code only: RocksDB's own text can carry paths or key bytes, so it
// is dropped. Internal to storage/. Stateless and thread-safe.
#ifndef CANDOUR_STORAGE_ROCKSDB_STATUS_H_
#define CANDOUR_STORAGE_ROCKSDB_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace candour::storage {

// NotFound -> NOT_FOUND, Corruption -> DATA_LOSS, Busy / TryAgain / a held
// database lock -> UNAVAILABLE, anything else -> INTERNAL. `what` names the
// operation ("read report"); it must not contain keys or values.
absl::Status FromRocksDb(const rocksdb::Status& status, std::string_view what);

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_ROCKSDB_STATUS_H_
