// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The base of the contract suites that write beside existing cases (the
// workflow records, case keys added after a report): what a test can see of
// reports 1, 2 and 3 — their case keys, threads and workflow records — and
// of the rest of the store, and ExpectRejected, which checks that a failing
// unit changed none of it. A fixture deriving from it populates those three
// reports before looking. Header-only.
#ifndef CANDOUR_TESTS_STORAGE_CASE_STATE_FIXTURE_H_
#define CANDOUR_TESTS_STORAGE_CASE_STATE_FIXTURE_H_

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/store_contract_fixture.h"
#include "tests/storage/store_test_data.h"

namespace candour::storage::testing {

template <typename Factory>
class CaseStateFixture : public StoreContractFixture<Factory> {
 protected:
  using StoreContractFixture<Factory>::store_;

  // The workflow record of `report_id`; nullopt (and a failure) if the read fails.
  std::optional<std::string> Record(const std::string& report_id) {
    absl::StatusOr<std::optional<std::string>> record = store_->GetWorkflow(report_id);
    EXPECT_TRUE(record.ok()) << record.status();
    return record.ok() ? *record : std::nullopt;
  }

  // The case-key records of `report_id`; none (and a failure) if the read fails.
  std::vector<CaseKeyRecord> Keys(const std::string& report_id) {
    absl::StatusOr<std::vector<CaseKeyRecord>> keys = store_->GetCaseKeys(report_id);
    EXPECT_TRUE(keys.ok()) << keys.status();
    return keys.ok() ? *keys : std::vector<CaseKeyRecord>();
  }

  // What a test can see of reports 1..3 and the rest of the store.
  struct Visible {
    std::vector<std::optional<std::string>> records;
    std::vector<std::vector<CaseKeyRecord>> keys;
    std::vector<std::vector<ThreadEntryRecord>> threads;
    size_t arrivals;
    StaffDump staff;
    bool operator==(const Visible&) const = default;
  };
  Visible Look() {
    Visible visible{{}, {}, {}, AllArrivals(*store_).size(), DumpStaff(*store_)};
    for (int n : {1, 2, 3}) {
      visible.records.push_back(Record(Id(n)));
      visible.keys.push_back(Keys(Id(n)));
      absl::StatusOr<std::vector<ThreadEntryRecord>> thread = store_->GetThread(Id(n));
      EXPECT_TRUE(thread.ok()) << thread.status();
      visible.threads.push_back(thread.ok() ? *thread : std::vector<ThreadEntryRecord>());
    }
    return visible;
  }

  // Expects `unit` to fail with `code` and to leave the store as it was.
  void ExpectRejected(const UnitOfWork& unit, absl::StatusCode code) {
    const Visible before = Look();
    EXPECT_EQ(store_->Commit(unit).status().code(), code);
    EXPECT_TRUE(Look() == before);
  }
};

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_CASE_STATE_FIXTURE_H_
