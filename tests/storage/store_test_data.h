// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The reports the storage tests write: ids, lookup hashes and NewReports
// made from a small number, and a reader of every arrival. Kept apart from
// report_store_contract.h so tests that do not instantiate the contract
// (including it would register its suite uninstantiated) share the same
// data. Header-only; stateless.
#ifndef CANDOUR_TESTS_STORAGE_STORE_TEST_DATA_H_
#define CANDOUR_TESTS_STORAGE_STORE_TEST_DATA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"

namespace candour::storage::testing {

// A 16-byte id (or key id) whose last byte is `n`.
inline std::string Id(int n, char fill = 'r') {
  std::string id(kReportIdSize, fill);
  id[kReportIdSize - 1] = static_cast<char>(n);
  return id;
}

// Ids no test report has: one never used, one a byte short of Id(1), one a
// byte longer, and the empty id.
inline std::vector<std::string> UnknownReportIds() {
  return {Id(9), Id(1).substr(0, kReportIdSize - 1), Id(1) + "x", std::string()};
}

inline std::string Hash(int n) {
  std::string hash(kLookupHashSize, 'h');
  hash[0] = static_cast<char>(n);
  hash[1] = static_cast<char>(n >> 8);
  return hash;
}

inline NewReport MakeReport(int n, int32_t day = 20000) {
  NewReport r;
  r.report_id = Id(n);
  r.received_day = day;
  r.envelope = "envelope-" + std::to_string(n);
  r.sealed_tag = "tag-" + std::to_string(n);
  r.case_keys = {{Id(2, 'k'), "sealed-2-" + std::to_string(n)}, {Id(1, 'k'), "sealed-1-" + std::to_string(n)}};
  r.receipt_lookup_hash = Hash(n);
  r.receipt_sealed_case_key = "receipt-" + std::to_string(n);
  return r;
}

inline UnitOfWork UnitWith(NewReport r) {
  UnitOfWork unit;
  unit.AddReport(std::move(r));
  return unit;
}

// Every arrival the store holds, as (day, id, tag).
inline std::vector<std::tuple<int32_t, std::string, std::string>> AllArrivals(ReportStore& store) {
  std::vector<std::tuple<int32_t, std::string, std::string>> out;
  EXPECT_TRUE(store
                  .ForEachArrival(0, INT32_MAX,
                                  [&](int32_t day, std::string_view id, std::string_view tag) {
                                    out.emplace_back(day, std::string(id), std::string(tag));
                                  })
                  .ok());
  return out;
}

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_STORE_TEST_DATA_H_
