// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The staff half of the ReportStore contract (accounts, invitations,
// sessions), as a typed test suite with the same factories as
// report_store_contract.h, kept apart so each file stays readable: this
// file holds what must work, staff_store_conflicts.h what must be refused.
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, StaffStoreContractTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store.
#ifndef CANDOUR_TESTS_STORAGE_STAFF_STORE_CONTRACT_H_
#define CANDOUR_TESTS_STORAGE_STAFF_STORE_CONTRACT_H_

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/store_contract_fixture.h"

namespace candour::storage::testing {

// A kSecretHashSize-byte token or code hash whose first byte is `n`.
inline std::string SecretHash(int n) {
  std::string hash(kSecretHashSize, 's');
  hash[0] = static_cast<char>(n);
  return hash;
}

inline StaffAccount Account(std::string name, std::string record = "account-record") {
  return StaffAccount{std::move(name), std::move(record)};
}

inline StaffSession Session(int n, std::string account, std::string record = "session-record") {
  return StaffSession{SecretHash(n), std::move(account), std::move(record)};
}

inline Invitation MakeInvitation(int n, std::string record = "invitation-record") {
  return Invitation{SecretHash(n), std::move(record)};
}

// Everything a test can see of the staff records: every account with its
// sessions from both reads, the invitations and sessions of hashes 0..15,
// and every invitation and session as listed.
using StaffDump = std::tuple<std::vector<StaffAccount>, std::vector<std::vector<StaffSession>>,
                             std::vector<std::optional<std::string>>, std::vector<std::optional<StaffSession>>,
                             std::vector<Invitation>, std::vector<StaffSession>>;

inline StaffDump DumpStaff(ReportStore& store) {
  StaffDump dump;
  absl::StatusOr<std::vector<StaffAccount>> accounts = store.ListAccounts();
  EXPECT_TRUE(accounts.ok()) << accounts.status();
  if (accounts.ok()) std::get<0>(dump) = *accounts;
  for (const StaffAccount& account : std::get<0>(dump)) {
    absl::StatusOr<std::vector<StaffSession>> sessions = store.ListSessionsOf(account.name);
    EXPECT_TRUE(sessions.ok()) << sessions.status();
    std::get<1>(dump).push_back(sessions.ok() ? *sessions : std::vector<StaffSession>());
  }
  for (int n = 0; n < 16; ++n) {
    absl::StatusOr<Invitation> invitation = store.GetInvitation(SecretHash(n));
    std::get<2>(dump).push_back(invitation.ok() ? std::optional(invitation->record) : std::nullopt);
    absl::StatusOr<StaffSession> session = store.GetSession(SecretHash(n));
    std::get<3>(dump).push_back(session.ok() ? std::optional(*session) : std::nullopt);
  }
  absl::StatusOr<std::vector<Invitation>> invitations = store.ListInvitations();
  EXPECT_TRUE(invitations.ok()) << invitations.status();
  if (invitations.ok()) std::get<4>(dump) = *invitations;
  absl::StatusOr<std::vector<StaffSession>> sessions = store.ListSessions();
  EXPECT_TRUE(sessions.ok()) << sessions.status();
  if (sessions.ok()) std::get<5>(dump) = *sessions;
  return dump;
}

template <typename Factory>
class StaffStoreContractTest : public StoreContractFixture<Factory> {
 protected:
  using StoreContractFixture<Factory>::Apply;
  using StoreContractFixture<Factory>::store_;

  // Accounts alice (sessions 1 and 2) and bob (session 3), invitation 1.
  void Populate() {
    UnitOfWork unit;
    unit.AddAccount(Account("alice"));
    unit.AddAccount(Account("bob"));
    unit.AddInvitation(MakeInvitation(1));
    unit.AddSession(Session(1, "alice"));
    unit.AddSession(Session(2, "alice"));
    unit.AddSession(Session(3, "bob"));
    Apply(unit);
  }

  // Expects `unit` to fail with `code` and to leave the store as it was.
  void ExpectRejected(const UnitOfWork& unit, absl::StatusCode code) {
    const StaffDump before = DumpStaff(*store_);
    EXPECT_EQ(store_->Commit(unit).status().code(), code);
    EXPECT_EQ(DumpStaff(*store_), before);
    EXPECT_TRUE(AllArrivals(*store_).empty());
  }
};

TYPED_TEST_SUITE_P(StaffStoreContractTest);

TYPED_TEST_P(StaffStoreContractTest, StaffRecordsRoundTrip) {
  UnitOfWork unit;
  unit.AddAccount(Account("bob", "bob-1"));
  unit.AddAccount(Account("alice", "alice-1"));
  unit.AddInvitation(MakeInvitation(7, "invite-7"));
  for (int n : {200, 3, 1}) unit.AddSession(Session(n, "alice", "s-" + std::to_string(n)));
  this->Apply(unit);
  EXPECT_EQ(*this->store_->GetAccount("alice"), Account("alice", "alice-1"));
  EXPECT_EQ(*this->store_->ListAccounts(),
            (std::vector<StaffAccount>{Account("alice", "alice-1"), Account("bob", "bob-1")}));
  EXPECT_EQ(*this->store_->GetInvitation(SecretHash(7)), MakeInvitation(7, "invite-7"));
  EXPECT_EQ(*this->store_->GetSession(SecretHash(3)), Session(3, "alice", "s-3"));
  // Ordered by token hash, bytes compared unsigned (200 is 0xc8).
  EXPECT_EQ(*this->store_->ListSessionsOf("alice"),
            (std::vector<StaffSession>{Session(1, "alice", "s-1"), Session(3, "alice", "s-3"),
                                       Session(200, "alice", "s-200")}));
  EXPECT_TRUE(this->store_->ListSessionsOf("bob")->empty());

  UnitOfWork change;
  change.UpdateAccount(Account("alice", "alice-2"));
  change.UpdateSession(Session(3, "alice", "s-3b"));
  change.RedeemInvitation(SecretHash(7));
  change.DeleteSession(SecretHash(200));
  this->Apply(change);
  EXPECT_EQ(this->store_->GetAccount("alice")->record, "alice-2");
  EXPECT_EQ(this->store_->GetSession(SecretHash(3))->record, "s-3b");
  EXPECT_EQ(this->store_->GetInvitation(SecretHash(7)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(this->store_->GetSession(SecretHash(200)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(*this->store_->ListSessionsOf("alice"),
            (std::vector<StaffSession>{Session(1, "alice", "s-1"), Session(3, "alice", "s-3b")}));
}

TYPED_TEST_P(StaffStoreContractTest, MissingStaffRecordsAreNotFound) {
  EXPECT_EQ(this->store_->GetAccount("alice").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(this->store_->GetInvitation(SecretHash(1)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(this->store_->GetSession(SecretHash(1)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(this->store_->ListAccounts()->empty());
  this->Populate();
  EXPECT_TRUE(this->store_->ListSessionsOf("carol")->empty());
  // A name with 0x00 must not reach into alice's index range.
  EXPECT_TRUE(this->store_->ListSessionsOf(std::string("alice\0", 6))->empty());
  EXPECT_TRUE(this->store_->ListSessionsOf("")->empty());
}

TYPED_TEST_P(StaffStoreContractTest, InvitationIsRedeemedOnce) {
  this->Populate();
  UnitOfWork first;  // the account and the redeem land together
  first.AddAccount(Account("carol"));
  first.RedeemInvitation(SecretHash(1));
  this->Apply(first);
  EXPECT_TRUE(this->store_->GetAccount("carol").ok());
  EXPECT_EQ(this->store_->GetInvitation(SecretHash(1)).status().code(), absl::StatusCode::kNotFound);
  UnitOfWork second;
  second.AddAccount(Account("dave"));
  second.RedeemInvitation(SecretHash(1));
  EXPECT_EQ(this->store_->Commit(second).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(this->store_->GetAccount("dave").status().code(), absl::StatusCode::kNotFound);
}

TYPED_TEST_P(StaffStoreContractTest, SessionNeedsAnAccount) {
  UnitOfWork alone;
  alone.AddSession(Session(1, "alice"));
  EXPECT_EQ(this->store_->Commit(alone).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(this->store_->GetSession(SecretHash(1)).status().code(), absl::StatusCode::kNotFound);
  UnitOfWork with_account;
  with_account.AddAccount(Account("alice"));
  with_account.AddSession(Session(1, "alice"));
  this->Apply(with_account);
  EXPECT_EQ(*this->store_->GetSession(SecretHash(1)), Session(1, "alice"));
  EXPECT_EQ(*this->store_->ListSessionsOf("alice"), std::vector<StaffSession>{Session(1, "alice")});
}

// "a" is a byte prefix of "a.b": its sessions must survive DeleteSessionsOf("a").
TYPED_TEST_P(StaffStoreContractTest, DeleteSessionsOfRemovesOnlyThatAccountsSessions) {
  UnitOfWork unit;
  for (const char* name : {"a", "a.b", "b"}) unit.AddAccount(Account(name));
  unit.AddSession(Session(1, "a"));
  unit.AddSession(Session(4, "a"));
  unit.AddSession(Session(2, "a.b"));
  unit.AddSession(Session(3, "b"));
  this->Apply(unit);
  UnitOfWork end;
  end.DeleteSessionsOf("a");
  end.DeleteSession(SecretHash(4));  // also one of a's: both deletes are fine
  this->Apply(end);
  EXPECT_TRUE(this->store_->ListSessionsOf("a")->empty());
  EXPECT_EQ(this->store_->GetSession(SecretHash(1)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(this->store_->GetSession(SecretHash(4)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(*this->store_->ListSessionsOf("a.b"), std::vector<StaffSession>{Session(2, "a.b")});
  EXPECT_EQ(*this->store_->ListSessionsOf("b"), std::vector<StaffSession>{Session(3, "b")});
  EXPECT_EQ(*this->store_->GetSession(SecretHash(2)), Session(2, "a.b"));
  UnitOfWork again;  // nothing left to delete, and the freed token is usable
  again.DeleteSessionsOf("a");
  again.DeleteSessionsOf("nobody");
  this->Apply(again);
  UnitOfWork reuse;
  reuse.AddSession(Session(1, "b"));
  this->Apply(reuse);
  EXPECT_EQ(*this->store_->ListSessionsOf("b"), (std::vector<StaffSession>{Session(1, "b"), Session(3, "b")}));
}

TYPED_TEST_P(StaffStoreContractTest, DeletingAnAbsentSessionIsOk) {
  this->Populate();
  for (int round = 0; round < 2; ++round) {
    UnitOfWork unit;
    unit.DeleteSession(SecretHash(1));
    unit.DeleteSession(SecretHash(9));  // never existed
    this->Apply(unit);
    EXPECT_EQ(this->store_->GetSession(SecretHash(1)).status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(*this->store_->ListSessionsOf("alice"), std::vector<StaffSession>{Session(2, "alice")});
  }
}

TYPED_TEST_P(StaffStoreContractTest, ListsEveryInvitationAndSessionInHashOrder) {
  EXPECT_TRUE(this->store_->ListInvitations()->empty());
  EXPECT_TRUE(this->store_->ListSessions()->empty());
  UnitOfWork unit;
  unit.AddAccount(Account("alice"));
  unit.AddAccount(Account("bob"));
  for (int n : {200, 7, 1}) unit.AddInvitation(MakeInvitation(n, "i-" + std::to_string(n)));
  unit.AddSession(Session(200, "alice", "s-200"));
  unit.AddSession(Session(3, "bob", "s-3"));
  unit.AddSession(Session(1, "alice", "s-1"));
  this->Apply(unit);
  // Bytes compared unsigned (200 is 0xc8); sessions of every account together.
  EXPECT_EQ(*this->store_->ListInvitations(),
            (std::vector<Invitation>{MakeInvitation(1, "i-1"), MakeInvitation(7, "i-7"),
                                     MakeInvitation(200, "i-200")}));
  EXPECT_EQ(*this->store_->ListSessions(), (std::vector<StaffSession>{Session(1, "alice", "s-1"),
                                                                      Session(3, "bob", "s-3"),
                                                                      Session(200, "alice", "s-200")}));
  UnitOfWork change;
  change.RedeemInvitation(SecretHash(7));
  change.DeleteInvitation(SecretHash(200));
  change.DeleteSessionsOf("alice");
  this->Apply(change);
  EXPECT_EQ(*this->store_->ListInvitations(), std::vector<Invitation>{MakeInvitation(1, "i-1")});
  EXPECT_EQ(*this->store_->ListSessions(), std::vector<StaffSession>{Session(3, "bob", "s-3")});
}

TYPED_TEST_P(StaffStoreContractTest, DeletingAnInvitationNeedsNoPrecondition) {
  this->Populate();
  for (int round = 0; round < 2; ++round) {
    UnitOfWork unit;
    unit.DeleteInvitation(SecretHash(1));
    unit.DeleteInvitation(SecretHash(9));  // never existed
    this->Apply(unit);
    EXPECT_EQ(this->store_->GetInvitation(SecretHash(1)).status().code(), absl::StatusCode::kNotFound);
  }
  UnitOfWork redeem;  // a deleted invitation is gone for good
  redeem.AddAccount(Account("carol"));
  redeem.RedeemInvitation(SecretHash(1));
  EXPECT_EQ(this->store_->Commit(redeem).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(this->store_->GetAccount("carol").status().code(), absl::StatusCode::kNotFound);
}

TYPED_TEST_P(StaffStoreContractTest, RetriedReportWithStaffWriteIsApplied) {
  ASSERT_EQ(*this->store_->Commit(UnitWith(MakeReport(1))), CommitOutcome::kApplied);
  UnitOfWork unit = UnitWith(MakeReport(1));
  unit.AddAccount(Account("alice"));
  EXPECT_EQ(*this->store_->Commit(unit), CommitOutcome::kApplied);
  EXPECT_TRUE(this->store_->GetAccount("alice").ok());
}

TYPED_TEST_P(StaffStoreContractTest, AccountNamesMayUseTheWholeAlphabet) {
  UnitOfWork unit;
  for (const std::string& name : {std::string("a"), std::string(kMaxAccountNameSize, 'z'),
                                  std::string("abcdefghijklmnopqrstuvwxyz0123456789._-")}) {
    unit.AddAccount(Account(name));
  }
  this->Apply(unit);
  EXPECT_EQ(this->store_->ListAccounts()->size(), 3u);
}

REGISTER_TYPED_TEST_SUITE_P(StaffStoreContractTest, StaffRecordsRoundTrip, MissingStaffRecordsAreNotFound,
                            InvitationIsRedeemedOnce, SessionNeedsAnAccount,
                            DeleteSessionsOfRemovesOnlyThatAccountsSessions, DeletingAnAbsentSessionIsOk,
                            ListsEveryInvitationAndSessionInHashOrder, DeletingAnInvitationNeedsNoPrecondition,
                            RetriedReportWithStaffWriteIsApplied, AccountNamesMayUseTheWholeAlphabet);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_STAFF_STORE_CONTRACT_H_
