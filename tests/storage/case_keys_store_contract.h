// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The added-case-keys half of the ReportStore contract (AddCaseKeys, read
// back through GetCaseKeys): the records of recipients given a case's key
// after the report was made. A typed test suite with the same factories as
// report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, CaseKeysStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store.
#ifndef CANDOUR_TESTS_STORAGE_CASE_KEYS_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_CASE_KEYS_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/case_state_fixture.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/store_test_data.h"
#include "tests/storage/thread_store_contract.h"

namespace candour::storage::testing {

// The record of recipient key Id(n, 'k'), with a 0x00 inside so sealed keys
// are treated as bytes. MakeReport(n) holds keys 1 and 2.
inline CaseKeyRecord KeyRecord(int n, const std::string& tag = "later") {
  return {Id(n, 'k'), "sealed" + std::string(1, '\0') + tag + "-" + std::to_string(n)};
}

template <typename Factory>
class CaseKeysStoreContractTest : public CaseStateFixture<Factory> {
 protected:
  using CaseStateFixture<Factory>::Apply;

  // Reports 1, 2 and 3 (keys 1 and 2 each); report 1 has thread entry 1.
  void Populate() {
    UnitOfWork unit;
    for (int n : {1, 2, 3}) unit.AddReport(MakeReport(n));
    unit.AddThreadEntry(Id(1), Entry(1));
    Apply(unit);
  }
};

TYPED_TEST_SUITE_P(CaseKeysStoreContractTest);

TYPED_TEST_P(CaseKeysStoreContractTest, AddedRecordsAreReadInKeyIdOrderBesideTheOriginals) {
  this->Populate();
  UnitOfWork unit;
  unit.AddCaseKeys(Id(1), {KeyRecord(4), KeyRecord(3)});
  this->Apply(unit);
  const NewReport original = MakeReport(1);
  EXPECT_EQ(this->Keys(Id(1)),
            (std::vector<CaseKeyRecord>{original.case_keys[1], original.case_keys[0], KeyRecord(3), KeyRecord(4)}));
  // Nothing else changed: the other report, the thread, the report itself.
  EXPECT_EQ(this->Keys(Id(2)).size(), 2u);
  EXPECT_EQ(*this->store_->GetThread(Id(1)), Entries(1, 1));
  EXPECT_EQ(this->store_->GetReport(Id(1))->envelope, original.envelope);
  // A later unit adds more; the earlier records stay as they were.
  UnitOfWork more;
  more.AddCaseKeys(Id(1), {KeyRecord(0)});
  this->Apply(more);
  EXPECT_EQ(this->Keys(Id(1)).size(), 5u);
  EXPECT_EQ(this->Keys(Id(1)).front(), KeyRecord(0));
}

TYPED_TEST_P(CaseKeysStoreContractTest, ANewOrRetriedReportCountsAsExistingInTheUnit) {
  UnitOfWork unit = UnitWith(MakeReport(1));
  unit.AddCaseKeys(Id(1), {KeyRecord(3)});
  this->Apply(unit);
  EXPECT_EQ(this->Keys(Id(1)).size(), 3u);
  // A retry of the report with another added record: the record is a write.
  UnitOfWork retry = UnitWith(MakeReport(1));
  retry.AddCaseKeys(Id(1), {KeyRecord(4)});
  this->Apply(retry);
  EXPECT_EQ(this->Keys(Id(1)).size(), 4u);
  // The report alone is still an identical retry: added records do not
  // make the original ones differ.
  absl::StatusOr<CommitOutcome> again = this->store_->Commit(UnitWith(MakeReport(1)));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, CommitOutcome::kIdenticalRetry);
}

TYPED_TEST_P(CaseKeysStoreContractTest, RecordsAndTheirThreadEntryLandTogether) {
  this->Populate();
  UnitOfWork unit;
  unit.AddThreadEntry(Id(1), Entry(2));
  unit.AddCaseKeys(Id(1), {KeyRecord(3)});
  this->Apply(unit);
  EXPECT_EQ(*this->store_->GetThread(Id(1)), Entries(1, 2));
  EXPECT_EQ(this->Keys(Id(1)).size(), 3u);
  // The same re-wrap to another recipient, raced by another writer: its
  // entry's sequence is taken, so its records are not written either.
  UnitOfWork stale;
  stale.AddCaseKeys(Id(1), {KeyRecord(4)});
  stale.AddThreadEntry(Id(1), Entry(2, "stale"));
  this->ExpectRejected(stale, absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->Keys(Id(1)).size(), 3u);
}

TYPED_TEST_P(CaseKeysStoreContractTest, FailedCaseKeyPreconditionsWriteNothing) {
  this->Populate();
  UnitOfWork earlier;
  earlier.AddCaseKeys(Id(2), {KeyRecord(3)});
  this->Apply(earlier);
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
    absl::StatusCode code;
  };
  const Case cases[] = {
      {"report absent", [](UnitOfWork& u) { u.AddCaseKeys(Id(9), {KeyRecord(3)}); },
       absl::StatusCode::kFailedPrecondition},
      {"records before their report in the unit",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(60), {KeyRecord(3)});
         u.AddReport(MakeReport(60));
       },
       absl::StatusCode::kFailedPrecondition},
      {"an original recipient", [](UnitOfWork& u) { u.AddCaseKeys(Id(1), {KeyRecord(1)}); },
       absl::StatusCode::kAlreadyExists},
      {"an original recipient with the same sealed key",
       [](UnitOfWork& u) { u.AddCaseKeys(Id(1), {MakeReport(1).case_keys[0]}); }, absl::StatusCode::kAlreadyExists},
      {"a recipient added earlier, after a new one",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(2), {KeyRecord(4), KeyRecord(3, "again")});
       },
       absl::StatusCode::kAlreadyExists},
      {"with a thread entry whose sequence is taken",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(1), {KeyRecord(3)});
         u.AddThreadEntry(Id(1), Entry(1, "other"));
       },
       absl::StatusCode::kAlreadyExists},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    // Valid writes of other kinds, and valid records, around the failing one.
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    unit.AddCaseKeys(Id(50), {KeyRecord(5)});
    c.add(unit);
    this->ExpectRejected(unit, c.code);
    for (int n : {50, 60}) {
      EXPECT_EQ(this->store_->GetCaseKeys(Id(n)).status().code(), absl::StatusCode::kNotFound);
    }
  }
}

TYPED_TEST_P(CaseKeysStoreContractTest, MalformedCaseKeysAreInvalidArgument) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
  };
  const Case cases[] = {
      {"short report id", [](UnitOfWork& u) { u.AddCaseKeys(Id(2).substr(1), {KeyRecord(3)}); }},
      {"long report id", [](UnitOfWork& u) { u.AddCaseKeys(Id(2) + "x", {KeyRecord(3)}); }},
      {"empty report id", [](UnitOfWork& u) { u.AddCaseKeys("", {KeyRecord(3)}); }},
      {"no records", [](UnitOfWork& u) { u.AddCaseKeys(Id(2), {}); }},
      {"short recipient key id",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(2), {{Id(3, 'k').substr(1), "sealed"}});
       }},
      {"long recipient key id",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(2), {{Id(3, 'k') + "x", "sealed"}});
       }},
      {"empty sealed key",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(2), {{Id(3, 'k'), ""}});
       }},
      {"one recipient twice",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(2), {KeyRecord(3), KeyRecord(3, "other")});
       }},
      {"one recipient in two writes",
       [](UnitOfWork& u) {
         u.AddCaseKeys(Id(2), {KeyRecord(3)});
         u.AddCaseKeys(Id(2), {KeyRecord(4), KeyRecord(3)});
       }},
      {"a recipient of a report added in the same unit",
       [](UnitOfWork& u) {
         u.AddReport(MakeReport(60));
         u.AddCaseKeys(Id(60), {KeyRecord(2)});
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    unit.AddCaseKeys(Id(1), {KeyRecord(5)});
    c.add(unit);
    this->ExpectRejected(unit, absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(this->store_->GetCaseKeys(Id(50)).status().code(), absl::StatusCode::kNotFound);
  }
  // One recipient for two reports, and two writes for one report naming
  // different recipients, are fine.
  UnitOfWork both;
  both.AddCaseKeys(Id(1), {KeyRecord(3)});
  both.AddCaseKeys(Id(2), {KeyRecord(3)});
  both.AddCaseKeys(Id(2), {KeyRecord(4)});
  this->Apply(both);
  EXPECT_EQ(this->Keys(Id(1)).size(), 3u);
  EXPECT_EQ(this->Keys(Id(2)).size(), 4u);
}

REGISTER_TYPED_TEST_SUITE_P(CaseKeysStoreContractTest, AddedRecordsAreReadInKeyIdOrderBesideTheOriginals,
                            ANewOrRetriedReportCountsAsExistingInTheUnit, RecordsAndTheirThreadEntryLandTogether,
                            FailedCaseKeyPreconditionsWriteNothing, MalformedCaseKeysAreInvalidArgument);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_CASE_KEYS_STORE_CONTRACT_H_
