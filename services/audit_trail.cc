// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/audit_trail.h"

#include <optional>
#include <utility>

#include "crypto/audit_chain.h"
#include "crypto/bytes.h"

namespace candour::services {
namespace {

// Another writer can move the log only by running beside this server on the
// same data dir, which RocksDB allows to one process at a time; a few tries
// cover an in-process second trail (tests, bootstrap) without spinning.
constexpr int kCommitAttempts = 4;

int64_t FloorToMinute(int64_t unix_seconds) {
  int64_t minute = unix_seconds / 60 * 60;
  return minute > unix_seconds ? minute - 60 : minute;  // round down below 1970 too
}

}  // namespace

std::string ReportObject(std::string_view report_id) { return crypto::HexEncode(report_id); }

absl::StatusOr<AuditTrail::Head> AuditTrail::ReadHead(storage::ReportStore& store) {
  absl::StatusOr<std::optional<storage::AuditRecord>> last = store.LastAudit();
  if (!last.ok()) return last.status();
  if (!last->has_value()) return Head{0, crypto::AuditGenesisHash()};
  absl::StatusOr<candour::v1::AuditEntry> entry = crypto::ParseAuditEntry((*last)->entry);
  if (!entry.ok()) return absl::DataLossError("the last audit entry does not parse; run candourd audit verify");
  if (entry->sequence() != (*last)->sequence) {
    return absl::DataLossError("the last audit entry is stored under another sequence; run candourd audit verify");
  }
  return Head{entry->sequence(), crypto::AuditLinkHash(entry->sequence(), entry->previous_hash(),
                                                       crypto::AuditBodyDigest((*last)->entry))};
}

absl::StatusOr<std::unique_ptr<AuditTrail>> AuditTrail::Load(storage::ReportStore* store, UnixClock now) {
  absl::StatusOr<Head> head = ReadHead(*store);
  if (!head.ok()) return head.status();
  return std::unique_ptr<AuditTrail>(new AuditTrail(store, std::move(now), *std::move(head)));
}

AuditTrail::Head AuditTrail::head() const {
  std::lock_guard lock(mu_);
  return head_;
}

absl::StatusOr<storage::CommitOutcome> AuditTrail::Commit(storage::UnitOfWork unit, const AuditEvent& event) {
  if (event.actor.empty() || event.actor.size() > crypto::kMaxAuditActorSize ||
      event.object.size() > crypto::kMaxAuditObjectSize || event.action == candour::v1::AUDIT_ACTION_UNSPECIFIED) {
    return absl::InternalError("malformed audit event");
  }
  std::lock_guard lock(mu_);
  for (int attempt = 0; attempt < kCommitAttempts; ++attempt) {
    candour::v1::AuditEntry entry;
    entry.set_sequence(head_.length + 1);
    entry.set_previous_hash(head_.hash);
    entry.set_at_minute(FloorToMinute(now_()));
    entry.set_actor(event.actor);
    entry.set_action(event.action);
    entry.set_object(event.object);
    entry.set_salt(crypto::NewAuditSalt());
    std::string body = entry.SerializeAsString();
    Head next{entry.sequence(), crypto::AuditLinkHash(entry.sequence(), head_.hash, crypto::AuditBodyDigest(body))};
    storage::UnitOfWork with_entry = unit;  // kept intact for a retry
    with_entry.AppendAudit({entry.sequence(), std::move(body)});
    absl::StatusOr<storage::CommitOutcome> committed = store_->Commit(with_entry);
    if (committed.ok()) {
      head_ = std::move(next);
      return committed;
    }
    if (!absl::IsAlreadyExists(committed.status()) && !absl::IsFailedPrecondition(committed.status())) {
      return committed.status();
    }
    // Either the unit's own precondition failed, or the log moved under us;
    // only a changed head tells the second apart.
    absl::StatusOr<Head> stored = ReadHead(*store_);
    if (!stored.ok()) return stored.status();
    if (*stored == head_) return committed.status();
    head_ = *std::move(stored);
  }
  return absl::UnavailableError("the audit log kept changing under this server; try again");
}

absl::Status AuditTrail::Record(const AuditEvent& event) { return Commit(storage::UnitOfWork(), event).status(); }

}  // namespace candour::services
