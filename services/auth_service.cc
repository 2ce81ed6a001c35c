// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/auth_service.h"

#include "core/account_name.h"
#include "crypto/staff_credentials.h"
#include "services/staff_rules.h"

namespace candour::services {
namespace {

constexpr char kSignInRefused[] = "the name or passphrase is wrong, or the account is locked or disabled";
constexpr char kInvitationRefused[] = "this invitation code is not valid for this name, or has expired";

// Disabling an admin deletes the invitations they issued, but one they
// issued in a call that began before the disable and committed after it
// survives that: so redemption checks the inviter too. Accounts are never
// deleted, and `candourd admin bootstrap` names no inviter.
absl::Status CheckInviterActive(storage::ReportStore& store, const candour::v1::InvitationRecord& invitation) {
  if (invitation.invited_by().empty()) return absl::OkStatus();
  absl::StatusOr<candour::v1::AccountRecord> inviter = LoadAccount(store, invitation.invited_by());
  if (absl::IsNotFound(inviter.status())) return absl::OkStatus();
  if (!inviter.ok()) return inviter.status();
  return inviter->disabled() ? absl::PermissionDeniedError(kInvitationRefused) : absl::OkStatus();
}

}  // namespace

AuthService::AuthService(storage::ReportStore* store, AuditTrail* audit, const SessionManager* sessions,
                         SignInLimiter* limiter, crypto::SecretBytes server_secret, crypto::KdfParams account_kdf,
                         DayClock today, Sleeper sleep)
    : store_(store),
      audit_(audit),
      sessions_(sessions),
      limiter_(limiter),
      server_secret_(std::move(server_secret)),
      account_kdf_(account_kdf),
      today_(std::move(today)),
      sleep_(std::move(sleep)) {}

absl::StatusOr<candour::v1::GetSaltResponse> AuthService::GetSalt(const candour::v1::GetSaltRequest& request) const {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(request.name());
  if (!name.ok()) return name.status();
  candour::v1::GetSaltResponse response;
  absl::StatusOr<candour::v1::AccountRecord> account = LoadAccount(*store_, *name);
  if (account.ok()) {
    *response.mutable_kdf() = account->kdf();
    return response;
  }
  if (!absl::IsNotFound(account.status())) return account.status();
  *response.mutable_kdf() = NewAccountKdf(*name);
  return response;
}

candour::v1::AccountKdf AuthService::NewAccountKdf(std::string_view name) const {
  candour::v1::AccountKdf kdf;
  kdf.set_salt(crypto::AccountSalt(server_secret_, name));
  kdf.set_opslimit(account_kdf_.opslimit);
  kdf.set_memlimit(account_kdf_.memlimit);
  return kdf;
}

absl::StatusOr<candour::v1::SignInResponse> AuthService::SignIn(const candour::v1::SignInRequest& request) {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(request.name());
  if (!name.ok()) return name.status();
  if (request.auth_key().size() != crypto::kAuthKeySize) {
    return absl::InvalidArgumentError("auth_key must be 32 bytes");
  }
  absl::StatusOr<candour::v1::AccountRecord> account = LoadAccount(*store_, *name);
  if (!account.ok() && !absl::IsNotFound(account.status())) return account.status();

  // At most a few Argon2id checks at once: each takes 64 MiB, and a burst
  // of hundreds must not take the server (and reporters) down with it.
  if (!verifications_.try_acquire()) {
    return absl::UnavailableError("too many sign-ins at once; try again in a moment");
  }
  const int64_t now = sessions_->Now();
  const bool allowed = limiter_->BeginAttempt(*name, now);
  // The Argon2id check runs for every request, against a decoy verifier when
  // there is no account, so that time does not tell the cases apart.
  const std::string& verifier = account.ok() ? account->auth_verifier() : crypto::DecoyVerifier();
  const bool key_matches = crypto::VerifyAuthKey(verifier, request.auth_key());
  verifications_.release();
  if (!allowed || !account.ok() || !key_matches || account->disabled()) {
    sleep_(allowed ? limiter_->RecordFailure(*name, now) : std::chrono::milliseconds(0));
    return absl::UnauthenticatedError(kSignInRefused);
  }
  limiter_->RecordSuccess(*name);

  storage::UnitOfWork unit;
  SessionManager::Started session = sessions_->Start(*name, unit);
  absl::StatusOr<storage::CommitOutcome> committed =
      audit_->Commit(std::move(unit), {*name, candour::v1::AUDIT_ACTION_SIGN_IN, ""});
  if (!committed.ok()) return committed.status();
  candour::v1::SignInResponse response;
  response.set_session_token(std::string(session.token.view()));
  response.set_idle_expires_at(session.record.idle_expires_at());
  response.set_expires_at(session.record.expires_at());
  *response.mutable_grants() = account->grants();
  response.set_wrapped_keys(account->wrapped_keys());
  return response;
}

absl::StatusOr<candour::v1::AcceptInvitationResponse> AuthService::AcceptInvitation(
    const candour::v1::AcceptInvitationRequest& request) {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(request.name());
  if (!name.ok()) return name.status();
  absl::StatusOr<std::string> code_hash = crypto::InvitationCodeHash(request.invitation_code());
  if (!code_hash.ok()) return absl::InvalidArgumentError("invitation_code is not an invitation code");
  if (absl::Status s = ValidateAccountKdf(request.kdf()); !s.ok()) return s;
  // The salt and limits GetSalt answers, built here rather than copied from
  // the request, so the stored kdf cannot carry anything else (unknown
  // fields would make GetSalt's answer differ by a byte).
  const candour::v1::AccountKdf kdf = NewAccountKdf(*name);
  if (request.kdf().salt() != kdf.salt() || request.kdf().opslimit() != kdf.opslimit() ||
      request.kdf().memlimit() != kdf.memlimit()) {
    return absl::InvalidArgumentError("kdf must be the salt and limits GetSalt answers for this name");
  }
  if (request.auth_key().size() != crypto::kAuthKeySize) {
    return absl::InvalidArgumentError("auth_key must be 32 bytes");
  }
  if (request.wrapped_keys().size() > kMaxWrappedKeysBytes) {
    return absl::ResourceExhaustedError("wrapped_keys is above 64 KiB");
  }

  absl::StatusOr<storage::Invitation> stored = store_->GetInvitation(*code_hash);
  if (absl::IsNotFound(stored.status())) return absl::PermissionDeniedError(kInvitationRefused);
  if (!stored.ok()) return stored.status();
  candour::v1::InvitationRecord invitation;
  if (!invitation.ParseFromString(stored->record)) return absl::DataLossError("a stored invitation does not parse");
  if (invitation.name() != *name || InvitationExpired(invitation, today_())) {
    return absl::PermissionDeniedError(kInvitationRefused);
  }
  if (absl::Status s = CheckInviterActive(*store_, invitation); !s.ok()) return s;

  absl::StatusOr<std::string> verifier = crypto::HashAuthKey(request.auth_key());
  if (!verifier.ok()) return verifier.status();
  candour::v1::AccountRecord account;
  *account.mutable_grants() = invitation.grants();
  *account.mutable_kdf() = kdf;
  account.set_auth_verifier(*verifier);
  account.set_wrapped_keys(request.wrapped_keys());
  account.set_created_day(today_());

  storage::UnitOfWork unit;
  unit.AddAccount({*name, account.SerializeAsString()});
  unit.RedeemInvitation(*code_hash);
  absl::StatusOr<storage::CommitOutcome> committed =
      audit_->Commit(std::move(unit), {*name, candour::v1::AUDIT_ACTION_ACCEPT_INVITATION, ""});
  // Two redemptions racing: the loser finds the invitation gone.
  if (absl::IsFailedPrecondition(committed.status())) return absl::PermissionDeniedError(kInvitationRefused);
  if (absl::IsAlreadyExists(committed.status())) return absl::AlreadyExistsError("that account already exists");
  if (!committed.ok()) return committed.status();
  candour::v1::AcceptInvitationResponse response;
  *response.mutable_grants() = account.grants();
  return response;
}

absl::Status AuthService::SignOut(const Caller& caller) {
  storage::UnitOfWork unit;
  unit.DeleteSession(caller.token_hash);
  return audit_->Commit(std::move(unit), {caller.account, candour::v1::AUDIT_ACTION_SIGN_OUT, ""}).status();
}

candour::v1::WhoAmIResponse AuthService::WhoAmI(const Caller& caller) const {
  candour::v1::WhoAmIResponse response;
  response.set_name(caller.account);
  *response.mutable_grants() = caller.grants;
  response.set_idle_expires_at(caller.session.idle_expires_at());
  response.set_expires_at(caller.session.expires_at());
  return response;
}

}  // namespace candour::services
