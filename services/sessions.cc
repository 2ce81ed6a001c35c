// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/sessions.h"

#include <algorithm>

#include "crypto/staff_credentials.h"

namespace candour::services {
namespace {

constexpr char kNoSession[] = "no valid session; sign in again";

}  // namespace

bool SessionExpired(const candour::v1::SessionRecord& session, int64_t now) {
  return now >= session.idle_expires_at() || now >= session.expires_at();
}

absl::StatusOr<candour::v1::AccountRecord> LoadAccount(storage::ReportStore& store, std::string_view name) {
  absl::StatusOr<storage::StaffAccount> stored = store.GetAccount(name);
  if (!stored.ok()) return stored.status();
  candour::v1::AccountRecord record;
  if (!record.ParseFromString(stored->record)) return absl::DataLossError("a stored account record does not parse");
  return record;
}

SessionManager::SessionManager(storage::ReportStore* store, SessionPolicy policy, UnixClock now)
    : store_(store), policy_(policy), now_(std::move(now)) {}

SessionManager::Started SessionManager::Start(std::string_view account, storage::UnitOfWork& unit) const {
  Started started{crypto::NewSessionToken(), {}};
  const int64_t now = now_();
  started.record.set_created_at(now);
  started.record.set_expires_at(now + policy_.lifetime_seconds);
  started.record.set_idle_expires_at(std::min(now + policy_.idle_seconds, started.record.expires_at()));
  unit.AddSession({crypto::SessionTokenHash(started.token.view()), std::string(account),
                   started.record.SerializeAsString()});
  return started;
}

absl::StatusOr<Caller> SessionManager::Authenticate(std::string_view token) const {
  if (token.size() != crypto::kSessionTokenSize) return absl::UnauthenticatedError(kNoSession);
  Caller caller;
  caller.token_hash = crypto::SessionTokenHash(token);
  absl::StatusOr<storage::StaffSession> stored = store_->GetSession(caller.token_hash);
  if (absl::IsNotFound(stored.status())) return absl::UnauthenticatedError(kNoSession);
  if (!stored.ok()) return stored.status();
  if (!caller.session.ParseFromString(stored->record)) {
    return absl::DataLossError("a stored session record does not parse");
  }
  const int64_t now = now_();
  if (SessionExpired(caller.session, now)) {
    // Expired sessions are removed when next seen (and by the expiry sweep
    // if never seen again); a failure to remove one changes nothing for the
    // caller, who is refused either way.
    storage::UnitOfWork unit;
    unit.DeleteSession(caller.token_hash);
    static_cast<void>(store_->Commit(unit));
    return absl::UnauthenticatedError("the session has expired; sign in again");
  }
  absl::StatusOr<candour::v1::AccountRecord> account = LoadAccount(*store_, stored->account);
  if (absl::IsNotFound(account.status())) return absl::UnauthenticatedError(kNoSession);
  if (!account.ok()) return account.status();
  if (account->disabled()) return absl::UnauthenticatedError(kNoSession);
  caller.account = stored->account;
  caller.grants = account->grants();

  const int64_t idle = std::min(now + policy_.idle_seconds, caller.session.expires_at());
  if (idle - caller.session.idle_expires_at() >= policy_.refresh_seconds) {
    caller.session.set_idle_expires_at(idle);
    storage::UnitOfWork unit;
    unit.UpdateSession({caller.token_hash, caller.account, caller.session.SerializeAsString()});
    absl::StatusOr<storage::CommitOutcome> committed = store_->Commit(unit);
    // Signed out between our read and this write: the session is gone.
    if (absl::IsFailedPrecondition(committed.status())) return absl::UnauthenticatedError(kNoSession);
    if (!committed.ok()) return committed.status();
  }
  return caller;
}

}  // namespace candour::services
