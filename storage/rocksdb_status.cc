// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/rocksdb_status.h"

#include <string>

namespace candour::storage {
namespace {

const char* CodeName(const rocksdb::Status& status) {
  using Code = rocksdb::Status::Code;
  switch (status.code()) {
    case Code::kNotFound:
      return "not found";
    case Code::kCorruption:
      return "corruption";
    case Code::kNotSupported:
      return "not supported";
    case Code::kInvalidArgument:
      return "invalid argument";
    case Code::kIOError:
      return "I/O error";
    case Code::kMergeInProgress:
      return "merge in progress";
    case Code::kIncomplete:
      return "incomplete";
    case Code::kShutdownInProgress:
      return "shutdown in progress";
    case Code::kTimedOut:
      return "timed out";
    case Code::kAborted:
      return "aborted";
    case Code::kBusy:
      return "busy";
    case Code::kExpired:
      return "expired";
    case Code::kTryAgain:
      return "try again";
    case Code::kCompactionTooLarge:
      return "compaction too large";
    case Code::kColumnFamilyDropped:
      return "column family dropped";
    default:
      return "unknown error";
  }
}

// RocksDB reports a held LOCK file as a plain IOError: "lock hold by current
// process" within one process, "While lock file: <dir>/LOCK: ..." across
// processes. Only the state text tells them apart from other I/O errors.
bool IsDatabaseLockHeld(const rocksdb::Status& status) {
  if (!status.IsIOError()) return false;
  const std::string text = status.ToString();
  return text.find("lock hold") != std::string::npos || text.find("/LOCK") != std::string::npos ||
         text.find("lock file") != std::string::npos;
}

}  // namespace

absl::Status FromRocksDb(const rocksdb::Status& status, std::string_view what) {
  if (status.ok()) return absl::OkStatus();
  if (IsDatabaseLockHeld(status)) {
    return absl::UnavailableError(std::string(what) + ": the database is locked by another opener");
  }
  const std::string message = std::string(what) + ": rocksdb " + CodeName(status);
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsBusy() || status.IsTryAgain()) return absl::UnavailableError(message);
  return absl::InternalError(message);
}

}  // namespace candour::storage
