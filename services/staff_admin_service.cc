// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/staff_admin_service.h"

#include "core/account_name.h"
#include "crypto/staff_credentials.h"
#include "services/staff_rules.h"

namespace candour::services {
namespace {

constexpr int kBootstrapValidDays = 7;

}  // namespace

StaffAdminService::StaffAdminService(storage::ReportStore* store, AuditTrail* audit, DayClock today)
    : store_(store), audit_(audit), today_(std::move(today)) {}

absl::StatusOr<candour::v1::InviteStaffResponse> StaffAdminService::Invite(std::string_view raw_name,
                                                                           const candour::v1::Grants& grants,
                                                                           int valid_days,
                                                                           std::string_view invited_by) const {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(raw_name);
  if (!name.ok()) return name.status();
  if (absl::Status s = ValidateGrants(grants); !s.ok()) return s;
  if (valid_days < 1 || valid_days > kMaxInvitationDays) {
    return absl::InvalidArgumentError("valid_days must be 1 to 30");
  }
  absl::StatusOr<storage::StaffAccount> existing = store_->GetAccount(*name);
  if (existing.ok()) return absl::AlreadyExistsError("an account with that name exists");
  if (!absl::IsNotFound(existing.status())) return existing.status();

  candour::v1::InvitationRecord record;
  record.set_name(*name);
  *record.mutable_grants() = grants;
  record.set_expires_day(today_() + valid_days);
  record.set_invited_by(std::string(invited_by));
  crypto::SecretBytes code = crypto::NewInvitationCode();
  absl::StatusOr<std::string> code_hash = crypto::InvitationCodeHash(code.view());
  if (!code_hash.ok()) return absl::InternalError("a new invitation code does not parse");

  storage::UnitOfWork unit;
  unit.AddInvitation({*code_hash, record.SerializeAsString()});
  const std::string actor(invited_by.empty() ? kCandourdHostActor : invited_by);
  absl::StatusOr<storage::CommitOutcome> committed =
      audit_->Commit(std::move(unit), {actor, candour::v1::AUDIT_ACTION_INVITE_STAFF, *name});
  if (!committed.ok()) return committed.status();
  candour::v1::InviteStaffResponse response;
  response.set_invitation_code(std::string(code.view()));
  response.set_expires_day(record.expires_day());
  return response;
}

absl::StatusOr<candour::v1::InviteStaffResponse> StaffAdminService::InviteStaff(
    const Caller& caller, const candour::v1::InviteStaffRequest& request) const {
  return Invite(request.name(), request.grants(), request.valid_days(), caller.account);
}

absl::Status StaffAdminService::DisableStaff(const Caller& caller,
                                             const candour::v1::DisableStaffRequest& request) const {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(request.name());
  if (!name.ok()) return name.status();
  if (*name == caller.account) return absl::FailedPreconditionError("an admin cannot disable their own account");
  absl::StatusOr<candour::v1::AccountRecord> account = LoadAccount(*store_, *name);
  if (!account.ok()) return account.status();
  account->set_disabled(true);
  storage::UnitOfWork unit;
  unit.UpdateAccount({*name, account->SerializeAsString()});
  unit.DeleteSessionsOf(*name);
  if (absl::Status s = DeleteInvitationsBy(*name, unit); !s.ok()) return s;
  return audit_->Commit(std::move(unit), {caller.account, candour::v1::AUDIT_ACTION_DISABLE_STAFF, *name}).status();
}

absl::Status StaffAdminService::DeleteInvitationsBy(std::string_view inviter, storage::UnitOfWork& unit) const {
  absl::StatusOr<std::vector<storage::Invitation>> invitations = store_->ListInvitations();
  if (!invitations.ok()) return invitations.status();
  for (const storage::Invitation& stored : *invitations) {
    candour::v1::InvitationRecord record;
    // One that does not parse cannot be redeemed either (DATA_LOSS there),
    // and must not stop an admin disabling an account.
    if (!record.ParseFromString(stored.record)) continue;
    if (record.invited_by() == inviter) unit.DeleteInvitation(stored.code_hash);
  }
  return absl::OkStatus();
}

absl::StatusOr<candour::v1::ListStaffResponse> StaffAdminService::ListStaff(const Caller& caller) const {
  absl::StatusOr<candour::v1::ListStaffResponse> staff = LoadStaff();
  if (!staff.ok()) return staff.status();
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_LIST_STAFF, ""}); !s.ok()) return s;
  return staff;
}

absl::StatusOr<candour::v1::ListStaffResponse> StaffAdminService::LoadStaff() const {
  absl::StatusOr<std::vector<storage::StaffAccount>> accounts = store_->ListAccounts();
  if (!accounts.ok()) return accounts.status();
  candour::v1::ListStaffResponse response;
  for (const storage::StaffAccount& stored : *accounts) {
    candour::v1::AccountRecord record;
    if (!record.ParseFromString(stored.record)) return absl::DataLossError("a stored account record does not parse");
    candour::v1::StaffMember* member = response.add_staff();
    member->set_name(stored.name);
    *member->mutable_grants() = record.grants();
    member->set_disabled(record.disabled());
    member->set_created_day(record.created_day());
  }
  return response;
}

absl::StatusOr<candour::v1::InviteStaffResponse> StaffAdminService::Bootstrap(std::string_view name) const {
  absl::StatusOr<candour::v1::ListStaffResponse> staff = LoadStaff();
  if (!staff.ok()) return staff.status();
  for (const candour::v1::StaffMember& member : staff->staff()) {
    if (!member.disabled() && HasRole(member.grants(), candour::v1::ROLE_ADMIN)) {
      return absl::FailedPreconditionError("an admin account exists; ask an admin for an invitation");
    }
  }
  candour::v1::Grants grants;
  grants.add_roles(candour::v1::ROLE_ADMIN);
  return Invite(name, grants, kBootstrapValidDays, "");
}

}  // namespace candour::services
