// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The workflow-record half of the ReportStore contract (PutWorkflow and
// GetWorkflow), as a typed test suite with the same factories as
// report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, WorkflowStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store.
#ifndef CANDOUR_TESTS_STORAGE_WORKFLOW_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_WORKFLOW_STORE_CONTRACT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/case_state_fixture.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/thread_store_contract.h"

namespace candour::storage::testing {

// A record naming `tag`, with a 0x00 inside so records are treated as bytes.
inline std::string Workflow(const std::string& tag) { return "status" + std::string(1, '\0') + tag; }

template <typename Factory>
class WorkflowStoreContractTest : public CaseStateFixture<Factory> {
 protected:
  using CaseStateFixture<Factory>::Apply;

  void Put(const std::string& report_id, const std::string& record) {
    UnitOfWork unit;
    unit.PutWorkflow(report_id, record);
    Apply(unit);
  }

  // Reports 1, 2 and 3; report 1 has record "one" and thread entries 1 and 2.
  void Populate() {
    UnitOfWork unit;
    for (int n : {1, 2, 3}) unit.AddReport(MakeReport(n));
    unit.AddThreadEntry(Id(1), Entry(1));
    unit.AddThreadEntry(Id(1), Entry(2));
    unit.PutWorkflow(Id(1), Workflow("one"));
    Apply(unit);
  }
};

TYPED_TEST_SUITE_P(WorkflowStoreContractTest);

TYPED_TEST_P(WorkflowStoreContractTest, RecordRoundTripsAndTouchesNothingElse) {
  this->Populate();
  this->Put(Id(2), Workflow("two"));
  EXPECT_EQ(this->Record(Id(1)), Workflow("one"));
  EXPECT_EQ(this->Record(Id(2)), Workflow("two"));
  // Writing a record touches nothing else of the report.
  EXPECT_EQ(*this->store_->GetThread(Id(1)), Entries(1, 2));
  EXPECT_EQ(this->store_->GetReport(Id(2))->envelope, MakeReport(2).envelope);
}

TYPED_TEST_P(WorkflowStoreContractTest, PutReplacesTheRecord) {
  this->Populate();
  this->Put(Id(1), Workflow("one, again"));
  EXPECT_EQ(this->Record(Id(1)), Workflow("one, again"));
  this->Put(Id(1), "x");  // shorter than before: replaced, not overlaid
  EXPECT_EQ(this->Record(Id(1)), "x");
  EXPECT_EQ(this->Record(Id(2)), std::nullopt);
}

TYPED_TEST_P(WorkflowStoreContractTest, ReportWithoutARecordHasNone) {
  this->Populate();
  absl::StatusOr<std::optional<std::string>> record = this->store_->GetWorkflow(Id(3));
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_FALSE(record->has_value());
}

TYPED_TEST_P(WorkflowStoreContractTest, RecordOfAnUnknownReportIsNotFound) {
  EXPECT_EQ(this->store_->GetWorkflow(Id(1)).status().code(), absl::StatusCode::kNotFound);
  this->Populate();
  for (const std::string& id : UnknownReportIds()) {
    EXPECT_EQ(this->store_->GetWorkflow(id).status().code(), absl::StatusCode::kNotFound);
  }
}

TYPED_TEST_P(WorkflowStoreContractTest, NewReportAndItsRecordLandInOneUnit) {
  UnitOfWork unit = UnitWith(MakeReport(1));
  unit.AddThreadEntry(Id(1), Entry(1));
  unit.PutWorkflow(Id(1), Workflow("new"));
  this->Apply(unit);
  EXPECT_EQ(this->Record(Id(1)), Workflow("new"));
  // A retried report with a new record: the record is a write, so Applied.
  UnitOfWork retry = UnitWith(MakeReport(1));
  retry.PutWorkflow(Id(1), Workflow("acknowledged"));
  this->Apply(retry);
  EXPECT_EQ(this->Record(Id(1)), Workflow("acknowledged"));
  EXPECT_EQ(this->store_->GetReport(Id(1))->envelope, MakeReport(1).envelope);
}

TYPED_TEST_P(WorkflowStoreContractTest, RecordAndThreadEntryLandTogether) {
  this->Populate();
  UnitOfWork unit;
  unit.AddThreadEntry(Id(1), Entry(3));
  unit.PutWorkflow(Id(1), Workflow("closed"));
  this->Apply(unit);
  EXPECT_EQ(this->Record(Id(1)), Workflow("closed"));
  EXPECT_EQ(*this->store_->GetThread(Id(1)), Entries(1, 3));
  // The same change again, raced by another writer: its entry's sequence is
  // taken, so the record stays as the winner left it.
  UnitOfWork stale;
  stale.PutWorkflow(Id(1), Workflow("in progress"));
  stale.AddThreadEntry(Id(1), Entry(3, "stale"));
  this->ExpectRejected(stale, absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->Record(Id(1)), Workflow("closed"));
}

TYPED_TEST_P(WorkflowStoreContractTest, FailedWorkflowPreconditionsWriteNothing) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
    absl::StatusCode code;
  };
  const Case cases[] = {
      {"report absent", [](UnitOfWork& u) { u.PutWorkflow(Id(9), Workflow("x")); },
       absl::StatusCode::kFailedPrecondition},
      {"record before its report in the unit",
       [](UnitOfWork& u) {
         u.PutWorkflow(Id(60), Workflow("x"));
         u.AddReport(MakeReport(60));
       },
       absl::StatusCode::kFailedPrecondition},
      {"thread entry with a gap",
       [](UnitOfWork& u) {
         u.PutWorkflow(Id(2), Workflow("x"));
         u.AddThreadEntry(Id(2), Entry(2));
       },
       absl::StatusCode::kFailedPrecondition},
      {"thread entry of an absent report",
       [](UnitOfWork& u) {
         u.PutWorkflow(Id(3), Workflow("x"));
         u.AddThreadEntry(Id(9), Entry(1));
       },
       absl::StatusCode::kFailedPrecondition},
      {"thread entry sequence taken",
       [](UnitOfWork& u) {
         u.PutWorkflow(Id(1), Workflow("x"));
         u.AddThreadEntry(Id(1), Entry(2, "other"));
       },
       absl::StatusCode::kAlreadyExists},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    // Valid writes of other kinds, and a valid record, around the failing one.
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    unit.PutWorkflow(Id(50), Workflow("fifty"));
    c.add(unit);
    this->ExpectRejected(unit, c.code);
    for (int n : {50, 60}) {
      EXPECT_EQ(this->store_->GetWorkflow(Id(n)).status().code(), absl::StatusCode::kNotFound);
    }
  }
}

TYPED_TEST_P(WorkflowStoreContractTest, MalformedRecordsAreInvalidArgument) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
  };
  const Case cases[] = {
      {"short report id", [](UnitOfWork& u) { u.PutWorkflow(Id(2).substr(1), Workflow("x")); }},
      {"long report id", [](UnitOfWork& u) { u.PutWorkflow(Id(2) + "x", Workflow("x")); }},
      {"empty report id", [](UnitOfWork& u) { u.PutWorkflow("", Workflow("x")); }},
      {"empty record", [](UnitOfWork& u) { u.PutWorkflow(Id(2), ""); }},
      {"one report twice",
       [](UnitOfWork& u) {
         u.PutWorkflow(Id(2), Workflow("x"));
         u.PutWorkflow(Id(2), Workflow("y"));
       }},
      {"one report twice, same bytes",
       [](UnitOfWork& u) {
         u.PutWorkflow(Id(2), Workflow("x"));
         u.PutWorkflow(Id(2), Workflow("x"));
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    unit.PutWorkflow(Id(3), Workflow("three"));
    c.add(unit);
    this->ExpectRejected(unit, absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(this->store_->GetWorkflow(Id(50)).status().code(), absl::StatusCode::kNotFound);
  }
  // One record each for two reports, and the same bytes for both, are fine.
  UnitOfWork both;
  both.PutWorkflow(Id(2), Workflow("same"));
  both.PutWorkflow(Id(3), Workflow("same"));
  this->Apply(both);
  EXPECT_EQ(this->Record(Id(2)), Workflow("same"));
  EXPECT_EQ(this->Record(Id(3)), Workflow("same"));
}

REGISTER_TYPED_TEST_SUITE_P(WorkflowStoreContractTest, RecordRoundTripsAndTouchesNothingElse, PutReplacesTheRecord,
                            ReportWithoutARecordHasNone, RecordOfAnUnknownReportIsNotFound,
                            NewReportAndItsRecordLandInOneUnit, RecordAndThreadEntryLandTogether,
                            FailedWorkflowPreconditionsWriteNothing, MalformedRecordsAreInvalidArgument);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_WORKFLOW_STORE_CONTRACT_H_
