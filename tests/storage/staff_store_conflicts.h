// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The staff contract's refusals: failed preconditions and malformed units,
// each with its exact code and proof that the whole unit wrote nothing, and
// concurrent conflicting writes. Same factories as report_store_contract.h:
//   INSTANTIATE_TYPED_TEST_SUITE_P(RocksDb, StaffStoreConflictTest, RocksDbFactory);
// Include this header from exactly one .cc per test binary. Each test owns
// its store; the concurrency tests share one store between threads.
#ifndef CANDOUR_TESTS_STORAGE_STAFF_STORE_CONFLICTS_H_
#define CANDOUR_TESTS_STORAGE_STAFF_STORE_CONFLICTS_H_

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "storage/report_store.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/staff_store_contract.h"

namespace candour::storage::testing {

template <typename Factory>
class StaffStoreConflictTest : public StaffStoreContractTest<Factory> {};

TYPED_TEST_SUITE_P(StaffStoreConflictTest);

TYPED_TEST_P(StaffStoreConflictTest, FailedPreconditionsWriteNothing) {
  this->Populate();
  UnitOfWork more;
  more.AddAccount(Account("zed"));
  more.AddSession(Session(4, "zed"));
  more.AddInvitation(MakeInvitation(2));
  more.AddInvitation(MakeInvitation(3));
  this->Apply(more);
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
    absl::StatusCode code;
  };
  const Case cases[] = {
      {"account exists", [](UnitOfWork& u) { u.AddAccount(Account("alice")); }, absl::StatusCode::kAlreadyExists},
      {"update absent account", [](UnitOfWork& u) { u.UpdateAccount(Account("dave")); },
       absl::StatusCode::kFailedPrecondition},
      {"invitation exists", [](UnitOfWork& u) { u.AddInvitation(MakeInvitation(1)); },
       absl::StatusCode::kAlreadyExists},
      {"redeem absent invitation", [](UnitOfWork& u) { u.RedeemInvitation(SecretHash(9)); },
       absl::StatusCode::kFailedPrecondition},
      {"session exists", [](UnitOfWork& u) { u.AddSession(Session(1, "alice")); }, absl::StatusCode::kAlreadyExists},
      {"session token of another account", [](UnitOfWork& u) { u.AddSession(Session(1, "bob")); },
       absl::StatusCode::kAlreadyExists},
      {"session without account", [](UnitOfWork& u) { u.AddSession(Session(9, "dave")); },
       absl::StatusCode::kFailedPrecondition},
      // A session needs its account stored or added earlier in the unit.
      {"session before its account",
       [](UnitOfWork& u) {
         u.AddSession(Session(9, "erin"));
         u.AddAccount(Account("erin"));
       },
       absl::StatusCode::kFailedPrecondition},
      {"update absent session", [](UnitOfWork& u) { u.UpdateSession(Session(9, "alice")); },
       absl::StatusCode::kFailedPrecondition},
      {"update another account's session", [](UnitOfWork& u) { u.UpdateSession(Session(1, "bob")); },
       absl::StatusCode::kFailedPrecondition},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    // Valid writes of every kind around the failing one: none may land.
    UnitOfWork unit = UnitWith(MakeReport(50));
    unit.AddAccount(Account("carol"));
    unit.UpdateAccount(Account("bob", "changed"));
    unit.AddInvitation(MakeInvitation(7));
    unit.RedeemInvitation(SecretHash(2));
    unit.DeleteInvitation(SecretHash(3));
    unit.AddSession(Session(7, "carol"));
    unit.UpdateSession(Session(2, "alice", "changed"));
    unit.DeleteSession(SecretHash(3));
    c.add(unit);
    unit.DeleteSessionsOf("zed");
    this->ExpectRejected(unit, c.code);
    EXPECT_EQ(this->store_->GetReport(MakeReport(50).report_id).status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(this->store_->GetAccount("carol").status().code(), absl::StatusCode::kNotFound);
  }
}

TYPED_TEST_P(StaffStoreConflictTest, MalformedStaffUnitsAreInvalidArgument) {
  this->Populate();
  struct Case {
    const char* name;
    void (*add)(UnitOfWork&);
  };
  const Case cases[] = {
      {"capital letter", [](UnitOfWork& u) { u.AddAccount(Account("Alice")); }},
      {"slash", [](UnitOfWork& u) { u.AddAccount(Account("a/b")); }},
      {"empty name", [](UnitOfWork& u) { u.AddAccount(Account("")); }},
      {"65-byte name", [](UnitOfWork& u) { u.AddAccount(Account(std::string(kMaxAccountNameSize + 1, 'a'))); }},
      {"name with 0x00", [](UnitOfWork& u) { u.AddAccount(Account(std::string("a\0b", 3))); }},
      {"bad name to update", [](UnitOfWork& u) { u.UpdateAccount(Account("Alice")); }},
      {"bad session account", [](UnitOfWork& u) { u.AddSession(Session(9, "al ice")); }},
      {"bad name to end", [](UnitOfWork& u) { u.DeleteSessionsOf(std::string("alice\0", 6)); }},
      {"31-byte code",
       [](UnitOfWork& u) {
         u.AddInvitation(Invitation{std::string(31, 's'), "r"});
       }},
      {"33-byte code to redeem", [](UnitOfWork& u) { u.RedeemInvitation(SecretHash(1) + "x"); }},
      {"31-byte code to delete", [](UnitOfWork& u) { u.DeleteInvitation(std::string(31, 's')); }},
      {"31-byte token",
       [](UnitOfWork& u) {
         u.AddSession(StaffSession{std::string(31, 's'), "alice", "r"});
       }},
      {"31-byte token to update",
       [](UnitOfWork& u) {
         u.UpdateSession(StaffSession{std::string(31, 's'), "alice", "r"});
       }},
      {"31-byte token to delete", [](UnitOfWork& u) { u.DeleteSession(std::string(31, 's')); }},
      {"empty account record", [](UnitOfWork& u) { u.AddAccount(Account("carol", "")); }},
      {"empty record to update", [](UnitOfWork& u) { u.UpdateAccount(Account("alice", "")); }},
      {"empty invitation record", [](UnitOfWork& u) { u.AddInvitation(MakeInvitation(9, "")); }},
      {"empty session record", [](UnitOfWork& u) { u.AddSession(Session(9, "alice", "")); }},
      {"empty session record to update", [](UnitOfWork& u) { u.UpdateSession(Session(1, "alice", "")); }},
      {"account twice",
       [](UnitOfWork& u) {
         u.AddAccount(Account("carol"));
         u.AddAccount(Account("carol"));
       }},
      {"account added and updated",
       [](UnitOfWork& u) {
         u.AddAccount(Account("carol"));
         u.UpdateAccount(Account("carol"));
       }},
      {"invitation added and redeemed",
       [](UnitOfWork& u) {
         u.AddInvitation(MakeInvitation(9));
         u.RedeemInvitation(SecretHash(9));
       }},
      {"invitation redeemed and deleted",
       [](UnitOfWork& u) {
         u.RedeemInvitation(SecretHash(1));
         u.DeleteInvitation(SecretHash(1));
       }},
      {"invitation redeemed twice",
       [](UnitOfWork& u) {
         u.RedeemInvitation(SecretHash(1));
         u.RedeemInvitation(SecretHash(1));
       }},
      {"session added and updated",
       [](UnitOfWork& u) {
         u.AddSession(Session(9, "alice"));
         u.UpdateSession(Session(9, "alice"));
       }},
      {"session updated and deleted",
       [](UnitOfWork& u) {
         u.UpdateSession(Session(1, "alice"));
         u.DeleteSession(SecretHash(1));
       }},
      {"session deleted twice",
       [](UnitOfWork& u) {
         u.DeleteSession(SecretHash(1));
         u.DeleteSession(SecretHash(1));
       }},
      {"sessions of one account ended twice",
       [](UnitOfWork& u) {
         u.DeleteSessionsOf("alice");
         u.DeleteSessionsOf("alice");
       }},
      {"sessions ended then one added",
       [](UnitOfWork& u) {
         u.DeleteSessionsOf("alice");
         u.AddSession(Session(9, "alice"));
       }},
      {"session updated then sessions ended",
       [](UnitOfWork& u) {
         u.UpdateSession(Session(1, "alice"));
         u.DeleteSessionsOf("alice");
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    UnitOfWork unit = UnitWith(MakeReport(60));
    c.add(unit);
    this->ExpectRejected(unit, absl::StatusCode::kInvalidArgument);
  }
}

TYPED_TEST_P(StaffStoreConflictTest, UpdateSessionOfAnotherAccountIsFailedPrecondition) {
  this->Populate();
  UnitOfWork unit;
  unit.UpdateSession(Session(1, "bob", "stolen"));
  this->ExpectRejected(unit, absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*this->store_->GetSession(SecretHash(1)), Session(1, "alice"));
}

TYPED_TEST_P(StaffStoreConflictTest, ConcurrentClaimsOfOneNameOrInvitationAdmitOne) {
  this->Populate();
  constexpr int kThreads = 8;
  std::atomic<int> applied{0};
  std::atomic<int> rejected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      UnitOfWork same_name;
      same_name.AddAccount(Account("carol", "by-" + std::to_string(t)));
      UnitOfWork same_code;  // each redeems invitation 1 for its own account
      same_code.AddAccount(Account("user-" + std::to_string(t)));
      same_code.RedeemInvitation(SecretHash(1));
      for (const UnitOfWork* unit : {&same_name, &same_code}) {
        absl::StatusOr<CommitOutcome> outcome = this->store_->Commit(*unit);
        if (outcome.ok()) ++applied;
        const absl::StatusCode code = outcome.status().code();
        if (code == absl::StatusCode::kAlreadyExists || code == absl::StatusCode::kFailedPrecondition) ++rejected;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(applied.load(), 2);
  EXPECT_EQ(rejected.load(), 2 * kThreads - 2);
  EXPECT_EQ(this->store_->ListAccounts()->size(), 4u);  // alice, bob, carol, one user
}

// Tokens are reused across accounts on purpose, so a DeleteSession may find
// its session re-added for another account between reading and locking.
TYPED_TEST_P(StaffStoreConflictTest, ConcurrentSessionWritesKeepBothViewsInAgreement) {
  UnitOfWork setup;
  setup.AddAccount(Account("alice"));
  setup.AddAccount(Account("bob"));
  this->Apply(setup);
  constexpr int kTokens = 6;
  constexpr int kThreads = 8;
  constexpr int kRounds = 40;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        const int token = (t + round) % kTokens;
        const std::string account = (t + round / 4) % 2 == 0 ? "alice" : "bob";
        UnitOfWork unit;
        if (round % 4 == 0) unit.AddSession(Session(token, account));
        if (round % 4 == 1) unit.UpdateSession(Session(token, account, "round-" + std::to_string(round)));
        if (round % 4 == 2) unit.DeleteSession(SecretHash(token));
        if (round % 4 == 3) unit.DeleteSessionsOf(account);
        const absl::StatusCode code = this->store_->Commit(unit).status().code();
        if (code != absl::StatusCode::kOk && code != absl::StatusCode::kAlreadyExists &&
            code != absl::StatusCode::kFailedPrecondition) {
          ++errors;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(errors.load(), 0);
  const std::vector<StaffSession> alice = *this->store_->ListSessionsOf("alice");
  const std::vector<StaffSession> bob = *this->store_->ListSessionsOf("bob");
  for (int n = 0; n < kTokens; ++n) {
    SCOPED_TRACE(n);
    absl::StatusOr<StaffSession> session = this->store_->GetSession(SecretHash(n));
    const auto listed = [&](const std::vector<StaffSession>& list) {
      for (const StaffSession& s : list) {
        if (s.token_hash == SecretHash(n)) return std::optional<StaffSession>(s);
      }
      return std::optional<StaffSession>();
    };
    if (!session.ok()) {
      EXPECT_EQ(session.status().code(), absl::StatusCode::kNotFound);
      EXPECT_FALSE(listed(alice).has_value());
      EXPECT_FALSE(listed(bob).has_value());
      continue;
    }
    EXPECT_EQ(listed(session->account == "alice" ? alice : bob), *session);
    EXPECT_FALSE(listed(session->account == "alice" ? bob : alice).has_value());
  }
}

REGISTER_TYPED_TEST_SUITE_P(StaffStoreConflictTest, FailedPreconditionsWriteNothing,
                            MalformedStaffUnitsAreInvalidArgument, UpdateSessionOfAnotherAccountIsFailedPrecondition,
                            ConcurrentClaimsOfOneNameOrInvitationAdmitOne,
                            ConcurrentSessionWritesKeepBothViewsInAgreement);

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_STAFF_STORE_CONFLICTS_H_
