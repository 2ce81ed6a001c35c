// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/expiry_sweep.h"

#include <string>
#include <vector>

#include "candour/v1/records.pb.h"
#include "services/staff_rules.h"

namespace candour::services {
namespace {

// Deletes each of `stored` whose record (of type Record) parses and is
// `expired`, `remove` adding its delete to a unit; commits every
// kDeletesPerUnit deletes and at the end. Counts into `deleted` and
// `unreadable`.
template <typename Record, typename Stored, typename Expired, typename Remove>
absl::Status DeleteExpired(storage::ReportStore& store, const std::vector<Stored>& stored, Expired expired,
                           Remove remove, size_t& deleted, size_t& unreadable) {
  storage::UnitOfWork unit;
  for (const Stored& one : stored) {
    Record record;
    if (!record.ParseFromString(one.record)) {
      ++unreadable;
      continue;
    }
    if (!expired(record)) continue;
    remove(unit, one);
    ++deleted;
    if (unit.writes().size() < ExpirySweep::kDeletesPerUnit) continue;
    if (absl::Status s = store.Commit(unit).status(); !s.ok()) return s;
    unit = storage::UnitOfWork();
  }
  return unit.empty() ? absl::OkStatus() : store.Commit(unit).status();
}

}  // namespace

// Authenticate refreshes only a session it found unexpired, so a delete
// here can meet a refreshed session only if that refresh began before the
// session expired and landed after the list below: a session at the very
// edge of its expiry, which loses the moment it had left.
absl::Status ExpirySweep::SweepSessions(Swept& swept) const {
  absl::StatusOr<std::vector<storage::StaffSession>> sessions = store_->ListSessions();
  if (!sessions.ok()) return sessions.status();
  const int64_t now = now_();
  return DeleteExpired<candour::v1::SessionRecord>(
      *store_, *sessions, [now](const candour::v1::SessionRecord& r) { return SessionExpired(r, now); },
      [](storage::UnitOfWork& unit, const storage::StaffSession& s) { unit.DeleteSession(s.token_hash); },
      swept.sessions, swept.unreadable);
}

// An expired invitation cannot be redeemed, so deleting it races nothing
// that could succeed; DeleteInvitation has no precondition, so a redemption
// refused meanwhile does not fail the sweep either.
absl::Status ExpirySweep::SweepInvitations(Swept& swept) const {
  absl::StatusOr<std::vector<storage::Invitation>> invitations = store_->ListInvitations();
  if (!invitations.ok()) return invitations.status();
  const core::Day today = today_();
  return DeleteExpired<candour::v1::InvitationRecord>(
      *store_, *invitations, [today](const candour::v1::InvitationRecord& r) { return InvitationExpired(r, today); },
      [](storage::UnitOfWork& unit, const storage::Invitation& i) { unit.DeleteInvitation(i.code_hash); },
      swept.invitations, swept.unreadable);
}

absl::StatusOr<ExpirySweep::Swept> ExpirySweep::Run() const {
  Swept swept;
  if (absl::Status s = SweepSessions(swept); !s.ok()) return s;
  if (absl::Status s = SweepInvitations(swept); !s.ok()) return s;
  return swept;
}

}  // namespace candour::services
