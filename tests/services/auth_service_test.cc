// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// AuthService, SessionManager, SignInLimiter and StaffAdminService against the
// in-memory store, with a clock the test moves. Auth keys are random 32-byte
// strings: the server never sees a passphrase, only what clients derive.
#include "services/auth_service.h"

#include <sodium.h>

#include <chrono>
#include <string>
#include <vector>

#include "crypto/key_file.h"
#include "crypto/staff_credentials.h"
#include "gtest/gtest.h"
#include "services/staff_admin_service.h"
#include "storage/in_memory_report_store.h"

namespace candour::services {
namespace {

using candour::v1::Grants;
using Code = absl::StatusCode;

const std::string kServerSecret(32, 'S');

std::string RandomKey() {
  std::string key(crypto::kAuthKeySize, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest()
      : audit_(AuditTrail::Load(&store_, [this] { return now_; }).value()),
        sessions_(&store_, SessionPolicy{}, [this] { return now_; }),
        limiter_(SignInLimits{.failures_before_lock = 3, .lock_seconds = 600}),
        auth_(&store_, audit_.get(), &sessions_, &limiter_, crypto::SecretBytes::CopyOf(kServerSecret),
              crypto::InteractiveKdf(),
              [this] { return today_; }, [this](std::chrono::milliseconds d) { delays_.push_back(d); }),
        admin_(&store_, audit_.get(), [this] { return today_; }) {}

  // Makes `name` with `grants` through an invitation; returns its auth key.
  std::string MakeAccount(const std::string& name, Grants grants) {
    Caller inviter;
    inviter.account = "someone-else";
    candour::v1::InviteStaffRequest invite;
    invite.set_name(name);
    *invite.mutable_grants() = grants;
    invite.set_valid_days(3);
    auto invitation = admin_.InviteStaff(inviter, invite);
    EXPECT_TRUE(invitation.ok()) << invitation.status();
    std::string key = RandomKey();
    auto accepted = auth_.AcceptInvitation(Acceptance(invitation->invitation_code(), name, key));
    EXPECT_TRUE(accepted.ok()) << accepted.status();
    return key;
  }

  // What a client sends: the salt and limits GetSalt answers for `name`
  // (already lower case).
  static candour::v1::AcceptInvitationRequest Acceptance(const std::string& code, const std::string& name,
                                                          const std::string& key) {
    candour::v1::AcceptInvitationRequest request;
    request.set_invitation_code(code);
    request.set_name(name);
    request.mutable_kdf()->set_salt(crypto::AccountSalt(crypto::SecretBytes::CopyOf(kServerSecret), name));
    request.mutable_kdf()->set_opslimit(crypto::InteractiveKdf().opslimit);
    request.mutable_kdf()->set_memlimit(crypto::InteractiveKdf().memlimit);
    request.set_auth_key(key);
    return request;
  }

  // An invitation for `name` issued by the admin `by`; returns its code.
  std::string Invite(const std::string& name, const std::string& by = "root", int days = 3) {
    Caller admin;
    admin.account = by;
    candour::v1::InviteStaffRequest request;
    request.set_name(name);
    *request.mutable_grants() = Role(candour::v1::ROLE_HR);
    request.set_valid_days(days);
    auto invitation = admin_.InviteStaff(admin, request);
    EXPECT_TRUE(invitation.ok()) << invitation.status();
    return invitation.ok() ? invitation->invitation_code() : "";
  }

  // Disables `name` as the admin `by`.
  absl::Status Disable(const std::string& name, const std::string& by = "root") {
    Caller admin;
    admin.account = by;
    candour::v1::DisableStaffRequest request;
    request.set_name(name);
    return admin_.DisableStaff(admin, request);
  }

  static Grants Role(candour::v1::Role role) {
    Grants grants;
    grants.add_roles(role);
    return grants;
  }

  absl::StatusOr<candour::v1::SignInResponse> SignIn(const std::string& name, const std::string& key) {
    candour::v1::SignInRequest request;
    request.set_name(name);
    request.set_auth_key(key);
    return auth_.SignIn(request);
  }

  int64_t now_ = 1'800'000'000;
  core::Day today_ = 20'800;
  std::vector<std::chrono::milliseconds> delays_;
  storage::InMemoryReportStore store_;
  std::unique_ptr<AuditTrail> audit_;
  SessionManager sessions_;
  SignInLimiter limiter_;
  AuthService auth_;
  StaffAdminService admin_;
};

TEST_F(AuthServiceTest, SaltsOfUnknownNamesAreStableAndLookLikeRealOnes) {
  MakeAccount("alice", Role(candour::v1::ROLE_HR));
  candour::v1::GetSaltRequest request;
  request.set_name("Alice");
  auto real = auth_.GetSalt(request);
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(real->kdf().salt(), crypto::AccountSalt(crypto::SecretBytes::CopyOf(kServerSecret), "alice"));

  request.set_name("bob");
  auto unknown = auth_.GetSalt(request);
  auto again = auth_.GetSalt(request);
  ASSERT_TRUE(unknown.ok() && again.ok());
  EXPECT_EQ(unknown->kdf().salt().size(), crypto::kAccountSaltSize);
  EXPECT_EQ(unknown->kdf().salt(), again->kdf().salt());
  // The server's limits for new accounts, as the real account's.
  EXPECT_EQ(unknown->kdf().opslimit(), crypto::InteractiveKdf().opslimit);
  EXPECT_EQ(unknown->kdf().memlimit(), crypto::InteractiveKdf().memlimit);
  EXPECT_EQ(unknown->kdf().opslimit(), real->kdf().opslimit());
  EXPECT_EQ(unknown->kdf().memlimit(), real->kdf().memlimit());
  request.set_name("carol");
  EXPECT_NE(auth_.GetSalt(request)->kdf().salt(), unknown->kdf().salt());
  request.set_name("not a name");
  EXPECT_EQ(auth_.GetSalt(request).status().code(), Code::kInvalidArgument);
}

TEST_F(AuthServiceTest, MakingTheAccountDoesNotChangeTheNamesAnswer) {
  candour::v1::GetSaltRequest request;
  request.set_name("erin");
  auto before = auth_.GetSalt(request);
  ASSERT_TRUE(before.ok());
  MakeAccount("erin", Role(candour::v1::ROLE_HR));
  ASSERT_TRUE(store_.GetAccount("erin").ok());
  auto after = auth_.GetSalt(request);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->SerializeAsString(), before->SerializeAsString());
}

TEST_F(AuthServiceTest, AcceptingWithAnyOtherSaltOrLimitsIsRefusedAndStoresNothing) {
  const std::string code = Invite("erin");
  std::vector<candour::v1::AcceptInvitationRequest> refused(5, Acceptance(code, "erin", RandomKey()));
  refused[0].mutable_kdf()->set_salt(std::string(16, 's'));  // a random salt, as clients used to choose
  refused[1].mutable_kdf()->set_salt(crypto::AccountSalt(crypto::SecretBytes::CopyOf(kServerSecret), "bob"));
  refused[2].mutable_kdf()->set_opslimit(crypto::ModerateKdf().opslimit);  // in range, not the server's
  refused[3].mutable_kdf()->set_memlimit(crypto::ModerateKdf().memlimit);
  refused[4].mutable_kdf()->set_salt(crypto::AccountSalt(crypto::SecretBytes::CopyOf(std::string(32, 'T')), "erin"));
  for (size_t i = 0; i < refused.size(); ++i) {
    auto accepted = auth_.AcceptInvitation(refused[i]);
    EXPECT_EQ(accepted.status().code(), Code::kInvalidArgument) << i;
    EXPECT_NE(accepted.status().message().find("GetSalt"), std::string_view::npos) << accepted.status();
  }
  EXPECT_EQ(store_.GetAccount("erin").status().code(), Code::kNotFound);
  EXPECT_TRUE(store_.GetInvitation(*crypto::InvitationCodeHash(code)).ok());  // still unused
  EXPECT_TRUE(auth_.AcceptInvitation(Acceptance(code, "erin", RandomKey())).ok());
}

// Whatever else a client puts in its kdf, the stored one is the server's own.
TEST_F(AuthServiceTest, TheStoredKdfIsTheServersNotTheRequestsBytes) {
  const std::string code = Invite("erin");
  candour::v1::GetSaltRequest salt_request;
  salt_request.set_name("erin");
  const std::string before = auth_.GetSalt(salt_request)->SerializeAsString();
  candour::v1::AcceptInvitationRequest request = Acceptance(code, "erin", RandomKey());
  request.mutable_kdf()->GetReflection()->MutableUnknownFields(request.mutable_kdf())->AddVarint(99, 1);
  ASSERT_TRUE(auth_.AcceptInvitation(request).ok());
  EXPECT_EQ(auth_.GetSalt(salt_request)->SerializeAsString(), before);
}

TEST_F(AuthServiceTest, EveryRefusalLooksTheSame) {
  std::string key = MakeAccount("alice", Role(candour::v1::ROLE_GUARDIAN));
  MakeAccount("dora", Role(candour::v1::ROLE_HR));
  ASSERT_TRUE(Disable("dora").ok());

  auto ok = SignIn("ALICE", key);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->session_token().size(), crypto::kSessionTokenSize);
  EXPECT_EQ(ok->grants().roles(0), candour::v1::ROLE_GUARDIAN);

  auto wrong = SignIn("alice", RandomKey());
  auto unknown = SignIn("nobody", key);
  auto disabled = SignIn("dora", key);
  for (const auto* refused : {&wrong, &unknown, &disabled}) {
    EXPECT_EQ(refused->status().code(), Code::kUnauthenticated);
    EXPECT_EQ(refused->status().message(), wrong.status().message());
  }
  EXPECT_EQ(SignIn("alice", "short").status().code(), Code::kInvalidArgument);
}

TEST_F(AuthServiceTest, FailuresSlowDownThenLockTheNameForAWhile) {
  std::string key = MakeAccount("alice", Role(candour::v1::ROLE_GUARDIAN));
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(SignIn("alice", RandomKey()).ok());
  ASSERT_EQ(delays_.size(), 3u);
  EXPECT_LT(delays_[0], delays_[1]);
  EXPECT_LT(delays_[1], delays_[2]);
  // Locked: even the right key is refused, with the same answer.
  EXPECT_EQ(SignIn("alice", key).status().code(), Code::kUnauthenticated);
  now_ += 601;
  EXPECT_TRUE(SignIn("alice", key).ok());
  // A success clears the count: one failure is not a lock.
  EXPECT_FALSE(SignIn("alice", RandomKey()).ok());
  EXPECT_TRUE(SignIn("alice", key).ok());
}

TEST_F(AuthServiceTest, InvitationsAreForOneNameOneUseAndSomeDays) {
  Caller root;
  root.account = "root";
  candour::v1::InviteStaffRequest invite;
  invite.set_name("erin");
  *invite.mutable_grants() = Role(candour::v1::ROLE_STAFF_SIDE);
  invite.set_valid_days(2);
  auto invitation = admin_.InviteStaff(root, invite);
  ASSERT_TRUE(invitation.ok());
  const std::string code = invitation->invitation_code();

  EXPECT_EQ(auth_.AcceptInvitation(Acceptance(code, "mallory", RandomKey())).status().code(),
            Code::kPermissionDenied);
  auto bad_kdf = Acceptance(code, "erin", RandomKey());
  bad_kdf.mutable_kdf()->set_opslimit(1);
  EXPECT_EQ(auth_.AcceptInvitation(bad_kdf).status().code(), Code::kInvalidArgument);
  auto big = Acceptance(code, "erin", RandomKey());
  big.set_wrapped_keys(std::string(64 * 1024 + 1, 'w'));
  EXPECT_EQ(auth_.AcceptInvitation(big).status().code(), Code::kResourceExhausted);
  EXPECT_EQ(auth_.AcceptInvitation(Acceptance("not-a-code", "erin", RandomKey())).status().code(),
            Code::kInvalidArgument);

  today_ += 3;  // past expiry
  EXPECT_EQ(auth_.AcceptInvitation(Acceptance(code, "erin", RandomKey())).status().code(), Code::kPermissionDenied);
  today_ -= 1;  // the last valid day
  EXPECT_TRUE(auth_.AcceptInvitation(Acceptance(code, "erin", RandomKey())).ok());
  EXPECT_EQ(auth_.AcceptInvitation(Acceptance(code, "erin", RandomKey())).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(admin_.InviteStaff(root, invite).status().code(), Code::kAlreadyExists);
}

TEST_F(AuthServiceTest, SessionsEndWhenIdleAtTheirLifetimeAndAtSignOut) {
  std::string key = MakeAccount("alice", Role(candour::v1::ROLE_GUARDIAN));
  auto signed_in = SignIn("alice", key);
  ASSERT_TRUE(signed_in.ok());
  const std::string token = signed_in->session_token();
  EXPECT_EQ(signed_in->idle_expires_at(), now_ + SessionPolicy{}.idle_seconds);

  // Calls within the idle window keep it alive, past the first idle expiry.
  for (int i = 0; i < 4; ++i) {
    now_ += 10 * 60;
    auto caller = sessions_.Authenticate(token);
    ASSERT_TRUE(caller.ok()) << i << caller.status();
    EXPECT_EQ(caller->account, "alice");
  }
  now_ += 16 * 60;  // idle too long
  EXPECT_EQ(sessions_.Authenticate(token).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(store_.GetSession(crypto::SessionTokenHash(token)).status().code(), Code::kNotFound);

  // The absolute lifetime holds however busy the session is.
  auto busy = SignIn("alice", key);
  ASSERT_TRUE(busy.ok());
  for (int64_t t = 0; t < SessionPolicy{}.lifetime_seconds; t += 10 * 60) {
    now_ += 10 * 60;
    sessions_.Authenticate(busy->session_token()).IgnoreError();
  }
  EXPECT_EQ(sessions_.Authenticate(busy->session_token()).status().code(), Code::kUnauthenticated);

  auto last = SignIn("alice", key);
  ASSERT_TRUE(last.ok());
  auto caller = sessions_.Authenticate(last->session_token());
  ASSERT_TRUE(caller.ok());
  ASSERT_TRUE(auth_.SignOut(*caller).ok());
  EXPECT_EQ(sessions_.Authenticate(last->session_token()).status().code(), Code::kUnauthenticated);
}

TEST_F(AuthServiceTest, DisablingEndsEverySessionOfTheAccount) {
  std::string key = MakeAccount("alice", Role(candour::v1::ROLE_GUARDIAN));
  auto one = SignIn("alice", key);
  auto two = SignIn("alice", key);
  ASSERT_TRUE(one.ok() && two.ok());
  ASSERT_TRUE(Disable("alice").ok());
  EXPECT_EQ(sessions_.Authenticate(one->session_token()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(sessions_.Authenticate(two->session_token()).status().code(), Code::kUnauthenticated);
  auto sessions = store_.ListSessionsOf("alice");
  ASSERT_TRUE(sessions.ok());
  EXPECT_TRUE(sessions->empty());
}

TEST_F(AuthServiceTest, DisablingAnAdminDeletesTheUnredeemedInvitationsTheyIssued) {
  MakeAccount("boss", Role(candour::v1::ROLE_ADMIN));
  MakeAccount("other", Role(candour::v1::ROLE_ADMIN));
  const std::string redeemed = Invite("erin", "boss");
  ASSERT_TRUE(auth_.AcceptInvitation(Acceptance(redeemed, "erin", RandomKey())).ok());
  const std::string pending = Invite("finn", "boss");
  const std::string pending_too = Invite("gus", "boss");
  const std::string others = Invite("gail", "other");
  ASSERT_EQ(store_.ListInvitations()->size(), 3u);

  ASSERT_TRUE(Disable("boss", "other").ok());

  for (const std::string* code : {&pending, &pending_too}) {
    EXPECT_EQ(store_.GetInvitation(*crypto::InvitationCodeHash(*code)).status().code(), Code::kNotFound);
  }
  EXPECT_EQ(auth_.AcceptInvitation(Acceptance(pending, "finn", RandomKey())).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(store_.GetAccount("finn").status().code(), Code::kNotFound);
  EXPECT_TRUE(store_.GetAccount("erin").ok());  // an account made before stays
  EXPECT_TRUE(auth_.AcceptInvitation(Acceptance(others, "gail", RandomKey())).ok());
}

// An invitation the disabled admin issued in a call that committed after the
// disable (planted here, as no ordering of calls in one thread makes it).
TEST_F(AuthServiceTest, AnInvitationFromADisabledAdminIsRefusedAtRedemption) {
  MakeAccount("boss", Role(candour::v1::ROLE_ADMIN));
  ASSERT_TRUE(Disable("boss", "other").ok());
  candour::v1::InvitationRecord late;
  late.set_name("finn");
  *late.mutable_grants() = Role(candour::v1::ROLE_HR);
  late.set_expires_day(today_ + 3);
  late.set_invited_by("boss");
  const std::string code(crypto::NewInvitationCode().view());
  storage::UnitOfWork unit;
  unit.AddInvitation({*crypto::InvitationCodeHash(code), late.SerializeAsString()});
  ASSERT_TRUE(store_.Commit(unit).ok());
  EXPECT_EQ(auth_.AcceptInvitation(Acceptance(code, "finn", RandomKey())).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(store_.GetAccount("finn").status().code(), Code::kNotFound);
}

TEST_F(AuthServiceTest, StaffAdminRules) {
  auto first = admin_.Bootstrap("Root");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(auth_.AcceptInvitation(Acceptance(first->invitation_code(), "root", RandomKey())).ok());
  EXPECT_EQ(admin_.Bootstrap("second").status().code(), Code::kFailedPrecondition);

  Caller root;
  root.account = "root";
  candour::v1::DisableStaffRequest self;
  self.set_name("root");
  EXPECT_EQ(admin_.DisableStaff(root, self).code(), Code::kFailedPrecondition);
  candour::v1::DisableStaffRequest ghost;
  ghost.set_name("ghost");
  EXPECT_EQ(admin_.DisableStaff(root, ghost).code(), Code::kNotFound);

  candour::v1::InviteStaffRequest invite;
  invite.set_name("net");
  invite.set_valid_days(3);
  *invite.mutable_grants() = Role(candour::v1::ROLE_STAFF_NETWORK);  // no scope
  EXPECT_EQ(admin_.InviteStaff(root, invite).status().code(), Code::kInvalidArgument);
  invite.mutable_grants()->add_network_scope(candour::v1::CHARACTERISTIC_NONE_OR_NOT_SURE);
  EXPECT_EQ(admin_.InviteStaff(root, invite).status().code(), Code::kInvalidArgument);
  invite.mutable_grants()->set_network_scope(0, candour::v1::CHARACTERISTIC_DISABILITY);
  EXPECT_TRUE(admin_.InviteStaff(root, invite).ok());
  invite.set_name("late");
  invite.set_valid_days(31);
  EXPECT_EQ(admin_.InviteStaff(root, invite).status().code(), Code::kInvalidArgument);

  auto staff = admin_.ListStaff(root);
  ASSERT_TRUE(staff.ok());
  ASSERT_EQ(staff->staff_size(), 1);
  EXPECT_EQ(staff->staff(0).name(), "root");
}

TEST(SignInLimiterTest, AFloodOfNamesEvictsUnlockedEntriesBeforeLockedOnes) {
  SignInLimiter limiter(SignInLimits{.failures_before_lock = 2, .lock_seconds = 600, .max_tracked_names = 3});
  auto fail = [&](const std::string& name, int64_t now) {
    if (limiter.BeginAttempt(name, now)) limiter.RecordFailure(name, now);
  };
  fail("target", 100);
  fail("target", 100);
  ASSERT_TRUE(limiter.Locked("target", 101));
  // One failure each: never locked, and always newer than the target.
  for (int i = 0; i < 10; ++i) fail("flood" + std::to_string(i), 200 + i);
  EXPECT_TRUE(limiter.Locked("target", 300));
  EXPECT_FALSE(limiter.Locked("target", 701));
}

TEST(SignInLimiterTest, GuessesSentAllAtOnceCannotPassTheCount) {
  SignInLimiter limiter(SignInLimits{.failures_before_lock = 3, .lock_seconds = 600});
  int admitted = 0;
  for (int i = 0; i < 50; ++i) admitted += limiter.BeginAttempt("alice", 100) ? 1 : 0;  // none finished yet
  EXPECT_EQ(admitted, 3);
  EXPECT_TRUE(limiter.Locked("alice", 100));
}

}  // namespace
}  // namespace candour::services
