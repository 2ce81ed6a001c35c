// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// AuditTrail against InMemoryReportStore: entries land with their action or
// not at all, chain from the stored head, survive a second writer on the
// same store, and a head that does not parse stops the server.
#include "services/audit_trail.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/audit_chain.h"
#include "storage/in_memory_report_store.h"

namespace candour::services {
namespace {

using candour::v1::AuditEntry;
using Code = absl::StatusCode;

// A store whose commits fail with UNAVAILABLE while `failing` is set.
class FlakyStore : public storage::InMemoryReportStore {
 public:
  absl::StatusOr<storage::CommitOutcome> Commit(const storage::UnitOfWork& unit) override {
    if (failing) return absl::UnavailableError("disk gone");
    return InMemoryReportStore::Commit(unit);
  }
  bool failing = false;
};

class AuditTrailTest : public ::testing::Test {
 protected:
  std::unique_ptr<AuditTrail> Load() {
    absl::StatusOr<std::unique_ptr<AuditTrail>> trail = AuditTrail::Load(&store_, [this] { return now_; });
    EXPECT_TRUE(trail.ok()) << trail.status();
    return trail.ok() ? *std::move(trail) : nullptr;
  }

  std::vector<storage::AuditRecord> Log() { return store_.ReadAudit(1, 1000).value(); }

  // The whole log checks out, and ends at `head`.
  void ExpectIntact(const AuditTrail::Head& head) {
    crypto::AuditChainVerifier verifier;
    for (const storage::AuditRecord& record : Log()) ASSERT_TRUE(verifier.Add(record.sequence, record.entry).ok());
    EXPECT_EQ(verifier.length(), head.length);
    EXPECT_EQ(verifier.head(), head.hash);
  }

  static storage::UnitOfWork NewAccount(const std::string& name) {
    storage::UnitOfWork unit;
    unit.AddAccount({name, "record"});
    return unit;
  }

  int64_t now_ = 1'800'000'059;  // one second before a minute ends
  FlakyStore store_;
};

TEST_F(AuditTrailTest, EntriesLandWithTheirActionAndChain) {
  std::unique_ptr<AuditTrail> trail = Load();
  EXPECT_EQ(trail->head(), (AuditTrail::Head{0, crypto::AuditGenesisHash()}));
  ASSERT_TRUE(trail->Commit(NewAccount("alice"), {"root", candour::v1::AUDIT_ACTION_INVITE_STAFF, "alice"}).ok());
  ASSERT_TRUE(
      trail->Record({"alice", candour::v1::AUDIT_ACTION_OPEN_REPORT, ReportObject(std::string(16, '\xab'))}).ok());
  EXPECT_TRUE(store_.GetAccount("alice").ok());
  const std::vector<storage::AuditRecord> log = Log();
  ASSERT_EQ(log.size(), 2u);
  AuditEntry second = crypto::ParseAuditEntry(log[1].entry).value();
  EXPECT_EQ(second.sequence(), 2u);
  EXPECT_EQ(second.at_minute(), 1'800'000'000);
  EXPECT_EQ(second.actor(), "alice");
  EXPECT_EQ(second.action(), candour::v1::AUDIT_ACTION_OPEN_REPORT);
  EXPECT_EQ(second.object(), "abababababababababababababababab");
  EXPECT_NE(crypto::ParseAuditEntry(log[0].entry)->salt(), second.salt());
  ExpectIntact(trail->head());
  // A trail loaded later continues the same chain.
  std::unique_ptr<AuditTrail> reloaded = Load();
  EXPECT_EQ(reloaded->head(), trail->head());
  ASSERT_TRUE(reloaded->Record({"alice", candour::v1::AUDIT_ACTION_SIGN_OUT, ""}).ok());
  ExpectIntact(reloaded->head());
}

TEST_F(AuditTrailTest, FailedActionWritesNoEntryAndKeepsTheHead) {
  std::unique_ptr<AuditTrail> trail = Load();
  ASSERT_TRUE(trail->Commit(NewAccount("alice"), {"root", candour::v1::AUDIT_ACTION_INVITE_STAFF, "alice"}).ok());
  const AuditTrail::Head head = trail->head();
  // The unit's own precondition: its code comes back, nothing is written.
  EXPECT_EQ(
      trail->Commit(NewAccount("alice"), {"root", candour::v1::AUDIT_ACTION_INVITE_STAFF, "alice"}).status().code(),
      Code::kAlreadyExists);
  storage::UnitOfWork update;
  update.UpdateAccount({"ghost", "record"});
  EXPECT_EQ(trail->Commit(update, {"root", candour::v1::AUDIT_ACTION_DISABLE_STAFF, "ghost"}).status().code(),
            Code::kFailedPrecondition);
  // Storage failing: the action fails with it.
  store_.failing = true;
  EXPECT_EQ(trail->Record({"root", candour::v1::AUDIT_ACTION_LIST_STAFF, ""}).code(), Code::kUnavailable);
  store_.failing = false;
  EXPECT_EQ(trail->head(), head);
  EXPECT_EQ(Log().size(), 1u);
  ASSERT_TRUE(trail->Record({"root", candour::v1::AUDIT_ACTION_LIST_STAFF, ""}).ok());
  ExpectIntact(trail->head());
}

TEST_F(AuditTrailTest, SecondWriterOnTheStoreIsFollowedNotForked) {
  std::unique_ptr<AuditTrail> server = Load();
  std::unique_ptr<AuditTrail> bootstrap = Load();  // as `candourd admin bootstrap`, or a test fixture
  ASSERT_TRUE(
      bootstrap->Commit(NewAccount("root"), {"@candourd-host", candour::v1::AUDIT_ACTION_INVITE_STAFF, "root"}).ok());
  ASSERT_TRUE(server->Record({"root", candour::v1::AUDIT_ACTION_SIGN_IN, ""}).ok());
  EXPECT_EQ(server->head().length, 2u);
  ExpectIntact(server->head());
}

TEST_F(AuditTrailTest, MalformedEventIsRefused) {
  std::unique_ptr<AuditTrail> trail = Load();
  EXPECT_EQ(trail->Record({"", candour::v1::AUDIT_ACTION_SIGN_IN, ""}).code(), Code::kInternal);
  EXPECT_EQ(trail->Record({"root", candour::v1::AUDIT_ACTION_UNSPECIFIED, ""}).code(), Code::kInternal);
  EXPECT_EQ(trail->Record({std::string(65, 'a'), candour::v1::AUDIT_ACTION_SIGN_IN, ""}).code(), Code::kInternal);
  EXPECT_EQ(trail->Record({"root", candour::v1::AUDIT_ACTION_SIGN_IN, std::string(129, 'o')}).code(), Code::kInternal);
  EXPECT_TRUE(Log().empty());
}

TEST_F(AuditTrailTest, HeadThatDoesNotParseOrSitsUnderAnotherSequenceStopsTheLoad) {
  std::unique_ptr<AuditTrail> trail = Load();
  ASSERT_TRUE(trail->Record({"root", candour::v1::AUDIT_ACTION_SIGN_IN, ""}).ok());
  storage::UnitOfWork moved;
  moved.AppendAudit({2, Log()[0].entry});  // entry 1's bytes under key 2
  ASSERT_TRUE(store_.Commit(moved).ok());
  EXPECT_EQ(AuditTrail::Load(&store_, [] { return int64_t{0}; }).status().code(), Code::kDataLoss);
  storage::UnitOfWork garbage;
  garbage.AppendAudit({3, "not an entry"});
  ASSERT_TRUE(store_.Commit(garbage).ok());
  EXPECT_EQ(AuditTrail::Load(&store_, [] { return int64_t{0}; }).status().code(), Code::kDataLoss);
}

}  // namespace
}  // namespace candour::services
