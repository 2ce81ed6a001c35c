// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// AuditTrail: the one way a staff action is written with its audit entry
// (docs/PROTOCOL.md §19). Commit appends the next entry of the hash-chained
// log to the action's unit of work and commits both in one WriteBatch, so an
// action never lands without its entry, nor an entry without its action. It
// keeps the log's head (length and hash) in memory, loaded from the store at
// start, and moves it only when a commit succeeds. Entries name the actor,
// the action and the object; callers never put content, tokens or codes in
// an AuditEvent. Thread-safe: audited commits are serialised by one mutex
// (staff actions are few; reporters' writes are not audited and never wait).
#ifndef CANDOUR_SERVICES_AUDIT_TRAIL_H_
#define CANDOUR_SERVICES_AUDIT_TRAIL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/audit.pb.h"
#include "storage/report_store.h"

namespace candour::services {

// Actors that are not accounts (audit.proto): a directory published on the
// organisation key's signature, and `candourd admin bootstrap`.
inline constexpr std::string_view kOrganisationKeyActor = "@organisation-key";
inline constexpr std::string_view kCandourdHostActor = "@candourd-host";

// Who did what to which object.
struct AuditEvent {
  std::string actor;  // an account name, or one of the actors above
  candour::v1::AuditAction action = candour::v1::AUDIT_ACTION_UNSPECIFIED;
  std::string object;  // see audit.proto; ReportObject() for a report
};

// The object naming a report: its 16-byte id in lowercase hex.
std::string ReportObject(std::string_view report_id);

class AuditTrail {
 public:
  using UnixClock = std::function<int64_t()>;

  // Reads the log's head from `store` (not owned). DATA_LOSS if the last
  // stored entry does not parse or is stored under another sequence: a
  // server must not extend a log whose head it cannot name.
  static absl::StatusOr<std::unique_ptr<AuditTrail>> Load(storage::ReportStore* store, UnixClock now);

  // Appends the entry for `event` to `unit` and commits them together.
  // Returns the commit's outcome, or its error with nothing written and the
  // head unchanged: the unit's own precondition failures keep their codes,
  // storage failures theirs (UNAVAILABLE, INTERNAL, DATA_LOSS). If another
  // writer moved the log meanwhile (a second process on the data dir, such
  // as `candourd admin bootstrap`), it reloads the head and tries again;
  // UNAVAILABLE if the log keeps moving. INTERNAL for a malformed event.
  absl::StatusOr<storage::CommitOutcome> Commit(storage::UnitOfWork unit, const AuditEvent& event);
  // An audited read: a unit holding only the entry. As Commit.
  absl::Status Record(const AuditEvent& event);

  struct Head {
    uint64_t length = 0;
    std::string hash;  // of entry `length`; 32 zero bytes while the log is empty
    bool operator==(const Head&) const = default;
  };
  Head head() const;

 private:
  AuditTrail(storage::ReportStore* store, UnixClock now, Head head)
      : store_(store), now_(std::move(now)), head_(std::move(head)) {}
  static absl::StatusOr<Head> ReadHead(storage::ReportStore& store);

  storage::ReportStore* const store_;  // not owned
  const UnixClock now_;
  mutable std::mutex mu_;  // held across building, committing and moving the head
  Head head_;              // guarded by mu_
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_AUDIT_TRAIL_H_
