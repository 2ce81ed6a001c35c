// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Staff administration: invitations, disabling, listing. An invitation code
// is shown once and stored only as its hash, with the name of the admin who
// issued it. Every action is audited, with its write when it has one.
// Thread-safe.
#ifndef CANDOUR_SERVICES_STAFF_ADMIN_SERVICE_H_
#define CANDOUR_SERVICES_STAFF_ADMIN_SERVICE_H_

#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/admin.pb.h"
#include "core/period.h"
#include "services/audit_trail.h"
#include "services/sessions.h"
#include "storage/report_store.h"

namespace candour::services {

class StaffAdminService {
 public:
  using DayClock = std::function<core::Day()>;
  StaffAdminService(storage::ReportStore* store, AuditTrail* audit, DayClock today);

  // INVALID_ARGUMENT for malformed fields; ALREADY_EXISTS if the account
  // exists already.
  absl::StatusOr<candour::v1::InviteStaffResponse> InviteStaff(const Caller& caller,
                                                               const candour::v1::InviteStaffRequest& request) const;
  // Disables the account, ends its sessions and deletes the invitations it
  // issued that nobody has redeemed yet, in one unit of work: a disabled
  // admin's codes must not go on making accounts. NOT_FOUND for no such
  // account; FAILED_PRECONDITION for the caller's own.
  absl::Status DisableStaff(const Caller& caller, const candour::v1::DisableStaffRequest& request) const;
  absl::StatusOr<candour::v1::ListStaffResponse> ListStaff(const Caller& caller) const;

  // The first admin, made on the server's host (`candourd admin bootstrap`):
  // an invitation for `name` with ROLE_ADMIN, valid for a week, audited as
  // invited by kCandourdHostActor. FAILED_PRECONDITION if any account holds
  // ROLE_ADMIN already.
  absl::StatusOr<candour::v1::InviteStaffResponse> Bootstrap(std::string_view name) const;

 private:
  absl::StatusOr<candour::v1::InviteStaffResponse> Invite(std::string_view name, const candour::v1::Grants& grants,
                                                          int valid_days, std::string_view invited_by) const;
  // Every account, unaudited (ListStaff audits; Bootstrap only checks).
  absl::StatusOr<candour::v1::ListStaffResponse> LoadStaff() const;
  // Adds to `unit` a delete of every stored invitation `inviter` issued.
  absl::Status DeleteInvitationsBy(std::string_view inviter, storage::UnitOfWork& unit) const;

  storage::ReportStore* const store_;  // not owned
  AuditTrail* const audit_;            // not owned
  const DayClock today_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_STAFF_ADMIN_SERVICE_H_
