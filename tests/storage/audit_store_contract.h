// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit half of the ReportStore contract beyond what every append-only
// log does (log_store_contract.h): checkpoints, and audit entries landing in
// one unit with the actions they record. A typed test suite with the same
// factories as report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, AuditStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store.
#ifndef CANDOUR_TESTS_STORAGE_AUDIT_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_AUDIT_STORE_CONTRACT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/log_store_contract.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/thread_store_contract.h"

namespace candour::storage::testing {

inline AuditCheckpointRecord Checkpoint(uint64_t length, const std::string& tag = "c") {
  return AuditCheckpointRecord{length, tag + std::string(1, '\0') + std::to_string(length)};
}

// Checkpoints() and ExpectRejected (which checks the checkpoints too) are
// LogStoreContractTest's.
template <typename Factory>
class AuditStoreContractTest : public LogStoreContractTest<LogCase<Factory, AuditLog>> {
 protected:
  std::vector<AuditRecord> Log() { return this->Stored(); }

  // Entries 1..3 and a checkpoint of length 2.
  void Populate() {
    UnitOfWork unit;
    for (const AuditRecord& record : Audits(1, 3)) unit.AppendAudit(record);
    unit.AddAuditCheckpoint(Checkpoint(2));
    this->Apply(unit);
  }
};

TYPED_TEST_SUITE_P(AuditStoreContractTest);

TYPED_TEST_P(AuditStoreContractTest, EmptyLogHasNoCheckpoint) {
  absl::StatusOr<std::optional<AuditCheckpointRecord>> latest = this->store_->LatestAuditCheckpoint();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_FALSE(latest->has_value());
  EXPECT_TRUE(this->Checkpoints().empty());
}

TYPED_TEST_P(AuditStoreContractTest, EntryLandsInOneUnitWithTheAction) {
  UnitOfWork unit = UnitWith(MakeReport(1));
  unit.AddAccount(Account("alice"));
  unit.AppendAudit(Audit(1));
  unit.AppendAudit(Audit(2));
  this->Apply(unit);
  EXPECT_TRUE(this->store_->GetAccount("alice").ok());
  EXPECT_EQ(this->Log(), Audits(1, 2));
  // An identical report retry with an audit entry still writes the entry.
  UnitOfWork retry = UnitWith(MakeReport(1));
  retry.AppendAudit(Audit(3));
  this->Apply(retry);
  EXPECT_EQ(this->Log(), Audits(1, 3));
}

// What CaseThreads commits for a Guardian's status change: the thread entry,
// the workflow record and the audit entry, all or none.
TYPED_TEST_P(AuditStoreContractTest, EntryLandsWithAThreadEntryAndItsWorkflowRecord) {
  this->Apply(UnitWith(MakeReport(1)));
  UnitOfWork unit;
  unit.AddThreadEntry(Id(1), Entry(1));
  unit.PutWorkflow(Id(1), "acknowledged");
  unit.AppendAudit(Audit(1));
  this->Apply(unit);
  // The same change raced by another writer: its entry's sequence is taken,
  // so neither its record nor its audit entry lands.
  UnitOfWork stale;
  stale.AddThreadEntry(Id(1), Entry(1, "stale"));
  stale.PutWorkflow(Id(1), "closed");
  stale.AppendAudit(Audit(2));
  EXPECT_EQ(this->store_->Commit(stale).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->Log(), Audits(1, 1));
  EXPECT_EQ(this->store_->GetWorkflow(Id(1)).value(), "acknowledged");
  EXPECT_EQ(this->store_->GetThread(Id(1)).value(), Entries(1, 1));
}

// What CaseThreads commits for a re-wrap: the REWRAP thread entry, the
// case-key records it names and the audit entry, all or none.
TYPED_TEST_P(AuditStoreContractTest, EntryLandsWithAThreadEntryAndItsCaseKeys) {
  this->Apply(UnitWith(MakeReport(1)));  // keys 1 and 2
  const auto given = [](int n) { return CaseKeyRecord{Id(n, 'k'), "sealed" + std::string(1, '\0') + "given"}; };
  UnitOfWork unit;
  unit.AddThreadEntry(Id(1), Entry(1));
  unit.AddCaseKeys(Id(1), {given(3)});
  unit.AppendAudit(Audit(1));
  this->Apply(unit);
  EXPECT_EQ(this->store_->GetCaseKeys(Id(1))->size(), 3u);
  // Raced: its entry's sequence is taken, so no record and no audit entry.
  UnitOfWork stale;
  stale.AddThreadEntry(Id(1), Entry(1, "stale"));
  stale.AddCaseKeys(Id(1), {given(4)});
  stale.AppendAudit(Audit(2));
  EXPECT_EQ(this->store_->Commit(stale).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(this->Log(), Audits(1, 1));
  EXPECT_EQ(this->store_->GetCaseKeys(Id(1))->size(), 3u);
  EXPECT_EQ(this->store_->GetThread(Id(1)).value(), Entries(1, 1));
}

// The entries' own preconditions are LogStoreContractTest's.
TYPED_TEST_P(AuditStoreContractTest, CheckpointPreconditionsWriteNothing) {
  this->Populate();
  this->ExpectEachRejected({
      {"checkpoint beyond the log", [](UnitOfWork& u) { u.AddAuditCheckpoint(Checkpoint(4)); },
       absl::StatusCode::kFailedPrecondition},
      {"checkpoint before its entry in the unit",
       [](UnitOfWork& u) {
         u.AddAuditCheckpoint(Checkpoint(4));
         u.AppendAudit(Audit(4));
       },
       absl::StatusCode::kFailedPrecondition},
      {"length checkpointed", [](UnitOfWork& u) { u.AddAuditCheckpoint(Checkpoint(2, "other")); },
       absl::StatusCode::kAlreadyExists},
      {"account taken beside a good checkpoint",
       [](UnitOfWork& u) {
         u.AddAuditCheckpoint(Checkpoint(3));
         u.AddAccount(Account("alice"));
       },
       absl::StatusCode::kAlreadyExists},
  });
}

TYPED_TEST_P(AuditStoreContractTest, MalformedCheckpointsAreInvalidArgument) {
  this->Populate();
  this->ExpectEachRejected({
      {"checkpoint length 0", [](UnitOfWork& u) { u.AddAuditCheckpoint(Checkpoint(0)); },
       absl::StatusCode::kInvalidArgument},
      {"empty checkpoint",
       [](UnitOfWork& u) {
         u.AddAuditCheckpoint(AuditCheckpointRecord{3, ""});
       },
       absl::StatusCode::kInvalidArgument},
      {"one length twice",
       [](UnitOfWork& u) {
         u.AddAuditCheckpoint(Checkpoint(3));
         u.AddAuditCheckpoint(Checkpoint(3, "other"));
       },
       absl::StatusCode::kInvalidArgument},
  });
}

TYPED_TEST_P(AuditStoreContractTest, CheckpointsRoundTripOrderedByLength) {
  this->Populate();
  UnitOfWork more;
  for (const AuditRecord& record : Audits(4, 300)) more.AppendAudit(record);
  more.AddAuditCheckpoint(Checkpoint(300));  // its entry appended earlier in the unit
  more.AddAuditCheckpoint(Checkpoint(1));    // below the latest is allowed: a late signature of an old head
  this->Apply(more);
  EXPECT_EQ(this->Checkpoints(), (std::vector<AuditCheckpointRecord>{Checkpoint(1), Checkpoint(2), Checkpoint(300)}));
  absl::StatusOr<std::optional<AuditCheckpointRecord>> latest = this->store_->LatestAuditCheckpoint();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(*latest, Checkpoint(300));
}

REGISTER_TYPED_TEST_SUITE_P(AuditStoreContractTest, EmptyLogHasNoCheckpoint, EntryLandsInOneUnitWithTheAction,
                            EntryLandsWithAThreadEntryAndItsWorkflowRecord, EntryLandsWithAThreadEntryAndItsCaseKeys,
                            CheckpointPreconditionsWriteNothing, MalformedCheckpointsAreInvalidArgument,
                            CheckpointsRoundTripOrderedByLength);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_AUDIT_STORE_CONTRACT_H_
