// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// ExpirySweep deletes staff records nobody can use any more: sessions past
// their idle or absolute expiry (SessionExpired) and invitations past their
// last day (InvitationExpired). Each is also refused, and a session deleted,
// when it is next presented, but one never presented again would otherwise
// stay in the data dir for good: a token hash with its account name and
// times, or an invitation naming the person it was for. candourd runs a
// sweep at start and then periodically (services/periodic_task.h). Deletes
// go through UnitOfWork like every write. Records that do not parse are left
// in place and counted: that is damage to look at, not garbage to drop.
// Thread-safe as the store is.
#ifndef CANDOUR_SERVICES_EXPIRY_SWEEP_H_
#define CANDOUR_SERVICES_EXPIRY_SWEEP_H_

#include <cstddef>
#include <functional>

#include "absl/status/statusor.h"
#include "core/period.h"
#include "services/sessions.h"
#include "storage/report_store.h"

namespace candour::services {

class ExpirySweep {
 public:
  // Writes per unit of work, so a sweep after a long stop does not build one
  // huge batch.
  static constexpr size_t kDeletesPerUnit = 256;

  using DayClock = std::function<core::Day()>;
  // `store` is not owned. `now` gives Unix seconds, `today` the London day.
  ExpirySweep(storage::ReportStore* store, SessionManager::UnixClock now, DayClock today)
      : store_(store), now_(std::move(now)), today_(std::move(today)) {}

  struct Swept {
    size_t sessions = 0;     // expired sessions deleted
    size_t invitations = 0;  // expired invitations deleted
    size_t unreadable = 0;   // records that did not parse, left in place
  };
  // One sweep. Storage errors as they come; what was deleted before an error
  // stays deleted (each unit is whole), and the next sweep finds the rest.
  absl::StatusOr<Swept> Run() const;

 private:
  absl::Status SweepSessions(Swept& swept) const;
  absl::Status SweepInvitations(Swept& swept) const;

  storage::ReportStore* const store_;  // not owned
  const SessionManager::UnixClock now_;
  const DayClock today_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_EXPIRY_SWEEP_H_
