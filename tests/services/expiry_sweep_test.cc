// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// ExpirySweep against a real RocksDbReportStore in a temp dir, with a clock
// and a calendar the test moves: sessions and invitations are made by the
// real SessionManager and StaffAdminService, and planted where a test needs
// times those cannot produce.
#include "services/expiry_sweep.h"

#include <memory>
#include <string>

#include "crypto/staff_credentials.h"
#include "gtest/gtest.h"
#include "services/audit_trail.h"
#include "services/staff_admin_service.h"
#include "storage/rocksdb_report_store.h"
#include "tests/testing/temp_dir.h"

namespace candour::services {
namespace {

using Code = absl::StatusCode;

class ExpirySweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::RocksDbReportStore::Open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    sessions_ = std::make_unique<SessionManager>(store_.get(), SessionPolicy{}, [this] { return now_; });
    auto audit = AuditTrail::Load(store_.get(), [this] { return now_; });
    ASSERT_TRUE(audit.ok()) << audit.status();
    audit_ = *std::move(audit);
    admin_ = std::make_unique<StaffAdminService>(store_.get(), audit_.get(), [this] { return today_; });
    sweep_ = std::make_unique<ExpirySweep>(
        store_.get(), [this] { return now_; }, [this] { return today_; });
    candour::v1::AccountRecord account;
    account.mutable_grants()->add_roles(candour::v1::ROLE_GUARDIAN);
    storage::UnitOfWork unit;
    unit.AddAccount({"alice", account.SerializeAsString()});
    ASSERT_TRUE(store_->Commit(unit).ok());
  }

  // A session of alice's started now; returns its token.
  std::string StartSession() {
    storage::UnitOfWork unit;
    SessionManager::Started started = sessions_->Start("alice", unit);
    EXPECT_TRUE(store_->Commit(unit).ok());
    return std::string(started.token.view());
  }

  // A session record with the given times (Unix seconds), as no clock the
  // test could move would make it.
  std::string SessionRecord(int64_t idle_expires_at, int64_t expires_at) const {
    candour::v1::SessionRecord record;
    record.set_created_at(now_);
    record.set_idle_expires_at(idle_expires_at);
    record.set_expires_at(expires_at);
    return record.SerializeAsString();
  }
  static std::string TokenHash(int n) {
    std::string token_hash(crypto::kSessionTokenSize, 'p');
    token_hash[0] = static_cast<char>(n);
    token_hash[1] = static_cast<char>(n >> 8);
    return token_hash;
  }
  // Stores a session of alice's with `record`; returns its token hash.
  std::string PlantSession(int n, std::string record) {
    storage::UnitOfWork unit;
    unit.AddSession({TokenHash(n), "alice", std::move(record)});
    EXPECT_TRUE(store_->Commit(unit).ok());
    return TokenHash(n);
  }

  // An invitation for `name` valid `days` from today; returns its code hash.
  std::string Invite(const std::string& name, int days) {
    Caller root;
    root.account = "alice";
    candour::v1::InviteStaffRequest request;
    request.set_name(name);
    request.mutable_grants()->add_roles(candour::v1::ROLE_HR);
    request.set_valid_days(days);
    auto invitation = admin_->InviteStaff(root, request);
    EXPECT_TRUE(invitation.ok()) << invitation.status();
    return *crypto::InvitationCodeHash(invitation->invitation_code());
  }

  bool HasSession(const std::string& token_hash) { return store_->GetSession(token_hash).ok(); }
  bool HasSessionOf(const std::string& token) { return HasSession(crypto::SessionTokenHash(token)); }
  bool HasInvitation(const std::string& code_hash) { return store_->GetInvitation(code_hash).ok(); }

  ExpirySweep::Swept Sweep() {
    absl::StatusOr<ExpirySweep::Swept> swept = sweep_->Run();
    EXPECT_TRUE(swept.ok()) << swept.status();
    return swept.value_or(ExpirySweep::Swept{});
  }

  int64_t now_ = 1'800'000'000;
  core::Day today_ = 20'800;
  candour::testing::ScopedTempDir dir_{"candour_sweep"};
  std::unique_ptr<storage::RocksDbReportStore> store_;
  std::unique_ptr<SessionManager> sessions_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<StaffAdminService> admin_;
  std::unique_ptr<ExpirySweep> sweep_;
};

TEST_F(ExpirySweepTest, DeletesWhatHasExpiredAndKeepsTheRest) {
  const int64_t start = now_;
  const std::string idle = StartSession();  // idle expiry: start + 15 min
  now_ += 10 * 60;
  const std::string live = StartSession();  // idle expiry: start + 25 min
  // Kept busy to the end of its lifetime: idle expiry ahead, lifetime over.
  const std::string worn_out = PlantSession(1, SessionRecord(start + 40 * 60, start + 12 * 60));
  const std::string unreadable = PlantSession(2, "\x08");  // a field with no value
  const std::string erin = Invite("erin", 1);
  const std::string finn = Invite("finn", 3);
  now_ = start + 16 * 60;
  today_ += 2;

  const ExpirySweep::Swept swept = Sweep();
  EXPECT_EQ(swept.sessions, 2u);
  EXPECT_EQ(swept.invitations, 1u);
  EXPECT_EQ(swept.unreadable, 1u);
  EXPECT_FALSE(HasSessionOf(idle));
  EXPECT_FALSE(HasSession(worn_out));
  EXPECT_TRUE(HasSessionOf(live));
  EXPECT_TRUE(HasSession(unreadable));  // damage is left for a person to look at
  EXPECT_FALSE(HasInvitation(erin));
  EXPECT_TRUE(HasInvitation(finn));
  EXPECT_TRUE(sessions_->Authenticate(live).ok());
  EXPECT_EQ(sessions_->Authenticate(idle).status().code(), Code::kUnauthenticated);
  // Both views of the sessions agree: the account's index lost them too.
  auto listed = store_->ListSessionsOf("alice");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);

  const ExpirySweep::Swept again = Sweep();
  EXPECT_EQ(again.sessions, 0u);
  EXPECT_EQ(again.invitations, 0u);
  EXPECT_EQ(again.unreadable, 1u);
}

TEST_F(ExpirySweepTest, ASessionOrInvitationIsKeptUntilItsLastMoment) {
  const std::string session = PlantSession(1, SessionRecord(now_ + 1, now_ + 3600));
  const std::string invitation = Invite("erin", 2);
  today_ += 2;  // its last valid day
  EXPECT_EQ(Sweep().sessions, 0u);
  EXPECT_TRUE(HasSession(session));
  EXPECT_TRUE(HasInvitation(invitation));
  now_ += 1;  // idle expiry reached
  today_ += 1;
  const ExpirySweep::Swept swept = Sweep();
  EXPECT_EQ(swept.sessions, 1u);
  EXPECT_EQ(swept.invitations, 1u);
  EXPECT_FALSE(HasSession(session));
  EXPECT_FALSE(HasInvitation(invitation));
}

TEST_F(ExpirySweepTest, ALongBacklogIsDeletedInSeveralUnits) {
  const int backlog = static_cast<int>(ExpirySweep::kDeletesPerUnit) * 2 + 7;
  storage::UnitOfWork unit;
  for (int n = 0; n < backlog; ++n) unit.AddSession({TokenHash(n), "alice", SessionRecord(now_ + 60, now_ + 3600)});
  ASSERT_TRUE(store_->Commit(unit).ok());
  const std::string live = PlantSession(backlog, SessionRecord(now_ + 7200, now_ + 7200));
  now_ += 61;
  EXPECT_EQ(Sweep().sessions, static_cast<size_t>(backlog));
  auto remaining = store_->ListSessions();
  ASSERT_TRUE(remaining.ok());
  ASSERT_EQ(remaining->size(), 1u);
  EXPECT_EQ(remaining->front().token_hash, live);
}

}  // namespace
}  // namespace candour::services
