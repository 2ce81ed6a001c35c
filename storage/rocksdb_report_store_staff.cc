// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The staff writes of RocksDbReportStore's write path: accounts, invitations
// and sessions, checked against stored data and added to the unit's one
// WriteBatch. A session lives in two families ("sessions" and its index
// "account_sessions"). Both are always written in the same batch, but that
// alone is not enough: a check made on stale data (a token re-added for
// another account meanwhile) could still delete one and leave the other, so
// the stripes below also cover the session's account.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "rocksdb/iterator.h"
#include "rocksdb/write_batch.h"
#include "storage/rocksdb_report_store_impl.h"
#include "storage/rocksdb_status.h"
#include "storage/schema.h"

namespace candour::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
std::string_view ToView(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

}  // namespace

absl::StatusOr<std::optional<std::string>> RocksDbReportStore::Impl::SessionOwner(std::string_view token_hash) {
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kSessionsCf, token_hash);
  if (!stored.ok() || !stored->has_value()) return stored;
  absl::StatusOr<schema::SessionValue> session = schema::DecodeSessionValue(**stored);
  if (!session.ok()) return session.status();
  return std::string(session->account);
}

absl::StatusOr<std::map<std::string_view, std::optional<std::string>>> RocksDbReportStore::Impl::ReadSessionOwners(
    const UnitOfWork& unit) {
  std::map<std::string_view, std::optional<std::string>> owners;
  for (const UnitOfWork::Write& write : unit.writes()) {
    const auto* ended = std::get_if<UnitOfWork::EndedSession>(&write);
    if (ended == nullptr) continue;
    absl::StatusOr<std::optional<std::string>> owner = SessionOwner(ended->token_hash);
    if (!owner.ok()) return owner.status();
    owners[ended->token_hash] = std::move(*owner);
  }
  return owners;
}

// AddSession and UpdateSession lock their token and account; DeleteSession
// its token and the account it read; DeleteSessionsOf only the account. That
// is enough for DeleteSessionsOf: every other writer of that account's
// sessions holds the account stripe, and a writer holding only a token of it
// (AddSession or UpdateSession naming another account) fails its check.
void RocksDbReportStore::Impl::AppendStaffLockKeys(const UnitOfWork::Write& write, const StaffContext& staff,
                                                   std::vector<std::string_view>& keys) {
  if (const auto* w = std::get_if<UnitOfWork::NewAccount>(&write)) {
    keys.push_back(w->account.name);
  } else if (const auto* w = std::get_if<UnitOfWork::ChangedAccount>(&write)) {
    keys.push_back(w->account.name);
  } else if (const auto* w = std::get_if<Invitation>(&write)) {
    keys.push_back(w->code_hash);
  } else if (const auto* w = std::get_if<UnitOfWork::RedeemedInvitation>(&write)) {
    keys.push_back(w->code_hash);
  } else if (const auto* w = std::get_if<UnitOfWork::DeletedInvitation>(&write)) {
    keys.push_back(w->code_hash);
  } else if (const auto* w = std::get_if<UnitOfWork::NewSession>(&write)) {
    keys.push_back(w->session.token_hash);
    keys.push_back(w->session.account);
  } else if (const auto* w = std::get_if<UnitOfWork::ChangedSession>(&write)) {
    keys.push_back(w->session.token_hash);
    keys.push_back(w->session.account);
  } else if (const auto* w = std::get_if<UnitOfWork::EndedSession>(&write)) {
    keys.push_back(w->token_hash);
    const std::optional<std::string>& owner = staff.session_owners.at(w->token_hash);
    if (owner.has_value()) keys.push_back(*owner);
  } else if (const auto* w = std::get_if<UnitOfWork::EndedSessionsOf>(&write)) {
    keys.push_back(w->account);
  }
}

absl::Status RocksDbReportStore::Impl::AddStaffWriteToBatch(const UnitOfWork::Write& write, StaffContext& staff,
                                                            rocksdb::WriteBatch& batch) {
  if (const auto* w = std::get_if<UnitOfWork::NewAccount>(&write)) return BatchNewAccount(w->account, staff, batch);
  if (const auto* w = std::get_if<UnitOfWork::ChangedAccount>(&write)) return BatchChangedAccount(w->account, batch);
  if (const auto* w = std::get_if<Invitation>(&write)) return BatchNewInvitation(*w, batch);
  if (const auto* w = std::get_if<UnitOfWork::RedeemedInvitation>(&write)) {
    return BatchRedeemedInvitation(w->code_hash, batch);
  }
  if (const auto* w = std::get_if<UnitOfWork::DeletedInvitation>(&write)) {
    // No precondition: deleting an absent key is a no-op in RocksDB too.
    return FromRocksDb(batch.Delete(cf(schema::kInvitationsCf), ToSlice(w->code_hash)), "build write batch");
  }
  if (const auto* w = std::get_if<UnitOfWork::NewSession>(&write)) return BatchNewSession(w->session, staff, batch);
  if (const auto* w = std::get_if<UnitOfWork::ChangedSession>(&write)) return BatchChangedSession(w->session, batch);
  if (const auto* w = std::get_if<UnitOfWork::EndedSession>(&write)) {
    return BatchEndedSession(w->token_hash, staff, batch);
  }
  if (const auto* w = std::get_if<UnitOfWork::EndedSessionsOf>(&write)) return BatchEndedSessionsOf(w->account, batch);
  return absl::InternalError("unit of work holds a write kind the staff path does not know");
}

absl::Status RocksDbReportStore::Impl::BatchNewAccount(const StaffAccount& account, StaffContext& staff,
                                                       rocksdb::WriteBatch& batch) {
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kAccountsCf, account.name);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return absl::AlreadyExistsError("an account with this name already exists");
  staff.added_accounts.insert(account.name);
  return FromRocksDb(batch.Put(cf(schema::kAccountsCf), ToSlice(account.name), ToSlice(account.record)),
                     "build write batch");
}

absl::Status RocksDbReportStore::Impl::BatchChangedAccount(const StaffAccount& account, rocksdb::WriteBatch& batch) {
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kAccountsCf, account.name);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return absl::FailedPreconditionError("no account with this name to update");
  return FromRocksDb(batch.Put(cf(schema::kAccountsCf), ToSlice(account.name), ToSlice(account.record)),
                     "build write batch");
}

absl::Status RocksDbReportStore::Impl::BatchNewInvitation(const Invitation& invitation, rocksdb::WriteBatch& batch) {
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kInvitationsCf, invitation.code_hash);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return absl::AlreadyExistsError("an invitation with this code hash already exists");
  return FromRocksDb(batch.Put(cf(schema::kInvitationsCf), ToSlice(invitation.code_hash), ToSlice(invitation.record)),
                     "build write batch");
}

absl::Status RocksDbReportStore::Impl::BatchRedeemedInvitation(std::string_view code_hash, rocksdb::WriteBatch& batch) {
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kInvitationsCf, code_hash);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return absl::FailedPreconditionError("no invitation with this code hash to redeem");
  return FromRocksDb(batch.Delete(cf(schema::kInvitationsCf), ToSlice(code_hash)), "build write batch");
}

absl::Status RocksDbReportStore::Impl::BatchNewSession(const StaffSession& session, const StaffContext& staff,
                                                       rocksdb::WriteBatch& batch) {
  if (!staff.added_accounts.contains(session.account)) {
    absl::StatusOr<std::optional<std::string>> account = Get(schema::kAccountsCf, session.account);
    if (!account.ok()) return account.status();
    if (!account->has_value()) return absl::FailedPreconditionError("no account with this name for the session");
  }
  absl::StatusOr<std::optional<std::string>> stored = Get(schema::kSessionsCf, session.token_hash);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return absl::AlreadyExistsError("a session with this token hash already exists");
  rocksdb::Status s = batch.Put(cf(schema::kSessionsCf), ToSlice(session.token_hash),
                                schema::EncodeSessionValue(session.account, session.record));
  if (s.ok()) {
    s = batch.Put(cf(schema::kAccountSessionsCf), schema::AccountSessionKey(session.account, session.token_hash),
                  rocksdb::Slice());
  }
  return FromRocksDb(s, "build write batch");
}

absl::Status RocksDbReportStore::Impl::BatchChangedSession(const StaffSession& session, rocksdb::WriteBatch& batch) {
  absl::StatusOr<std::optional<std::string>> owner = SessionOwner(session.token_hash);
  if (!owner.ok()) return owner.status();
  if (!owner->has_value()) return absl::FailedPreconditionError("no session with this token hash to update");
  if (**owner != session.account) return absl::FailedPreconditionError("the session belongs to another account");
  // The account is unchanged, so its account_sessions entry stays as it is.
  return FromRocksDb(batch.Put(cf(schema::kSessionsCf), ToSlice(session.token_hash),
                               schema::EncodeSessionValue(session.account, session.record)),
                     "build write batch");
}

absl::Status RocksDbReportStore::Impl::BatchEndedSession(std::string_view token_hash, StaffContext& staff,
                                                         rocksdb::WriteBatch& batch) {
  absl::StatusOr<std::optional<std::string>> owner = SessionOwner(token_hash);
  if (!owner.ok()) return owner.status();
  if (*owner != staff.session_owners.at(token_hash)) {
    staff.owner_changed = true;  // the account's stripe may not be held; Commit retries
    return absl::OkStatus();
  }
  if (!owner->has_value()) return absl::OkStatus();  // signing out twice is fine
  rocksdb::Status s = batch.Delete(cf(schema::kSessionsCf), ToSlice(token_hash));
  if (s.ok()) s = batch.Delete(cf(schema::kAccountSessionsCf), schema::AccountSessionKey(**owner, token_hash));
  return FromRocksDb(s, "build write batch");
}

absl::Status RocksDbReportStore::Impl::BatchEndedSessionsOf(std::string_view account, rocksdb::WriteBatch& batch) {
  const std::string prefix = schema::AccountSessionPrefix(account);
  const std::string upper = schema::AccountSessionUpperBound(account);
  const rocksdb::Slice upper_slice = ToSlice(upper);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, cf(schema::kAccountSessionsCf)));
  for (it->Seek(ToSlice(prefix)); it->Valid(); it->Next()) {
    absl::StatusOr<schema::AccountSessionKeyParts> key = schema::DecodeAccountSessionKey(ToView(it->key()));
    if (!key.ok()) return key.status();
    rocksdb::Status s = batch.Delete(cf(schema::kSessionsCf), ToSlice(key->token_hash));
    if (s.ok()) s = batch.Delete(cf(schema::kAccountSessionsCf), it->key());
    if (absl::Status status = FromRocksDb(s, "build write batch"); !status.ok()) return status;
  }
  return FromRocksDb(it->status(), "scan account sessions");
}

}  // namespace candour::storage
