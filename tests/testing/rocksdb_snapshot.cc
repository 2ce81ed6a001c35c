// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/rocksdb_snapshot.h"

#include <gtest/gtest.h>

#include <set>

#include "crypto/bytes.h"
#include "storage/schema.h"

namespace candour::testing {

DbSnapshot Snapshot(storage::RocksDbReportStore& store) {
  DbSnapshot snapshot;
  // Every family appears, so a write to an empty one shows as a difference
  // in its records rather than in the set of families.
  for (std::string_view cf : storage::schema::kAllColumnFamilies) snapshot[std::string(cf)];
  absl::Status s = store.ForEachRawRecord([&](std::string_view cf, std::string_view key, std::string_view value) {
    snapshot[std::string(cf)].emplace(std::string(key), std::string(value));
  });
  EXPECT_TRUE(s.ok()) << s;
  return snapshot;
}

std::string SnapshotDiff(const DbSnapshot& before, const DbSnapshot& after) {
  std::string out;
  std::set<std::string> families;
  for (const auto& [cf, records] : before) families.insert(cf);
  for (const auto& [cf, records] : after) families.insert(cf);
  static const std::map<std::string, std::string> kEmpty;
  for (const std::string& cf : families) {
    auto b = before.find(cf);
    auto a = after.find(cf);
    const auto& old_records = b == before.end() ? kEmpty : b->second;
    const auto& new_records = a == after.end() ? kEmpty : a->second;
    for (const auto& [key, value] : old_records) {
      auto it = new_records.find(key);
      if (it == new_records.end()) {
        out += cf + ": removed key " + crypto::HexEncode(key) + "\n";
      } else if (it->second != value) {
        out += cf + ": changed key " + crypto::HexEncode(key) + "\n";
      }
    }
    for (const auto& [key, value] : new_records) {
      if (!old_records.contains(key)) out += cf + ": added key " + crypto::HexEncode(key) + "\n";
    }
  }
  return out;
}

size_t RecordCount(const DbSnapshot& snapshot) {
  size_t n = 0;
  for (const auto& [cf, records] : snapshot) n += records.size();
  return n;
}

}  // namespace candour::testing
