// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// AuthService logic: salts, sign-in, invitations, sign-out. The server never
// sees a passphrase, only the authentication key the client derives from it
// (crypto/staff_credentials.h), and keeps only an Argon2id verifier of that.
// Every failed sign-in looks the same: unknown name, wrong key, disabled or
// locked account all cost one Argon2id check and get one message. Successful
// sign-ins, sign-outs and new accounts are audited with their writes; a
// failed sign-in is not, so a name typed wrongly is never stored. Thread-safe.
#ifndef CANDOUR_SERVICES_AUTH_SERVICE_H_
#define CANDOUR_SERVICES_AUTH_SERVICE_H_

#include <chrono>
#include <functional>
#include <semaphore>

#include "absl/status/statusor.h"
#include "candour/v1/auth.pb.h"
#include "core/period.h"
#include "crypto/key_file.h"
#include "crypto/secret_bytes.h"
#include "services/audit_trail.h"
#include "services/sessions.h"
#include "services/sign_in_limiter.h"
#include "storage/report_store.h"

namespace candour::services {

class AuthService {
 public:
  // Argon2id checks running at once; more get UNAVAILABLE.
  static constexpr int kConcurrentVerifications = 8;

  using DayClock = std::function<core::Day()>;
  using Sleeper = std::function<void(std::chrono::milliseconds)>;
  // `account_kdf` is the limits of new accounts (ServerConfig); REQUIRES:
  // crypto::AccountKdfInRange(account_kdf).
  AuthService(storage::ReportStore* store, AuditTrail* audit, const SessionManager* sessions, SignInLimiter* limiter,
              crypto::SecretBytes server_secret, crypto::KdfParams account_kdf, DayClock today, Sleeper sleep);

  // INVALID_ARGUMENT for a malformed name. Otherwise the account's salt and
  // limits; for a name with no account, the salt and limits it would be
  // made with (crypto::AccountSalt, account_kdf), which for an account made
  // with the current limits is the same answer to the byte.
  absl::StatusOr<candour::v1::GetSaltResponse> GetSalt(const candour::v1::GetSaltRequest& request) const;
  // INVALID_ARGUMENT for a malformed name or key size; UNAUTHENTICATED for
  // every kind of refusal.
  absl::StatusOr<candour::v1::SignInResponse> SignIn(const candour::v1::SignInRequest& request);
  // The account is made with exactly the salt and limits GetSalt answers for
  // the name: any other kdf is INVALID_ARGUMENT, so that making an account
  // does not change the name's answer.
  // INVALID_ARGUMENT for malformed fields; PERMISSION_DENIED for a code that
  // is unknown, expired, for another name or issued by an admin since
  // disabled; ALREADY_EXISTS if the account exists (made meanwhile).
  absl::StatusOr<candour::v1::AcceptInvitationResponse> AcceptInvitation(
      const candour::v1::AcceptInvitationRequest& request);
  absl::Status SignOut(const Caller& caller);
  candour::v1::WhoAmIResponse WhoAmI(const Caller& caller) const;

 private:
  // The kdf a new account `name` is made with and GetSalt answers for it
  // while it has none.
  candour::v1::AccountKdf NewAccountKdf(std::string_view name) const;

  storage::ReportStore* const store_;     // not owned
  AuditTrail* const audit_;               // not owned
  const SessionManager* const sessions_;  // not owned
  SignInLimiter* const limiter_;          // not owned
  const crypto::SecretBytes server_secret_;
  const crypto::KdfParams account_kdf_;
  const DayClock today_;
  const Sleeper sleep_;
  std::counting_semaphore<> verifications_{kConcurrentVerifications};
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_AUTH_SERVICE_H_
