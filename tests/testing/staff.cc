// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/staff.h"

#include <ctime>

#include "core/period.h"
#include "crypto/key_file.h"
#include "services/staff_admin_service.h"

namespace candour::testing {
namespace {

constexpr std::chrono::seconds kDeadline(10);

}  // namespace

candour::v1::Grants StaffFixture::RoleGrants(candour::v1::Role role) {
  candour::v1::Grants grants;
  grants.add_roles(role);
  if (role == candour::v1::ROLE_STAFF_NETWORK) grants.add_network_scope(candour::v1::CHARACTERISTIC_RACE);
  return grants;
}

absl::Status StaffFixture::EnsureRoot() {
  if (passphrases_.contains("root")) return absl::OkStatus();
  // As `candourd admin bootstrap` does: its own audit trail on the store,
  // beside the server's (whose trail then finds the log moved, and reloads).
  absl::StatusOr<std::unique_ptr<services::AuditTrail>> audit =
      services::AuditTrail::Load(store_, [] { return static_cast<int64_t>(std::time(nullptr)); });
  if (!audit.ok()) return audit.status();
  services::StaffAdminService admin(store_, audit->get(), core::TodayInLondon);
  absl::StatusOr<candour::v1::InviteStaffResponse> invitation = admin.Bootstrap("root");
  if (!invitation.ok()) return invitation.status();
  std::string passphrase(crypto::GeneratePassphrase().view());
  clients::AuthClient auth(channel_, kDeadline);
  absl::StatusOr<candour::v1::Grants> grants = clients::AcceptStaffInvitation(
      auth, invitation->invitation_code(), "root", passphrase, "");
  if (!grants.ok()) return grants.status();
  passphrases_["root"] = passphrase;
  return absl::OkStatus();
}

absl::Status StaffFixture::Create(const std::string& name, const candour::v1::Grants& grants) {
  if (absl::Status s = EnsureRoot(); !s.ok()) return s;
  absl::StatusOr<clients::SignedIn> root = SignIn("root");
  if (!root.ok()) return root.status();
  clients::AdminClient admin(channel_, kDeadline, root->token.get());
  candour::v1::InviteStaffRequest request;
  request.set_name(name);
  *request.mutable_grants() = grants;
  request.set_valid_days(1);
  absl::StatusOr<candour::v1::InviteStaffResponse> invitation = admin.InviteStaff(request);
  if (!invitation.ok()) return invitation.status();
  std::string passphrase(crypto::GeneratePassphrase().view());
  clients::AuthClient auth(channel_, kDeadline);
  absl::StatusOr<candour::v1::Grants> accepted = clients::AcceptStaffInvitation(
      auth, invitation->invitation_code(), name, passphrase, "");
  if (!accepted.ok()) return accepted.status();
  passphrases_[name] = passphrase;
  clients::AuthClient root_auth(channel_, kDeadline, root->token.get());
  return root_auth.SignOut();
}

absl::StatusOr<clients::SignedIn> StaffFixture::SignIn(const std::string& name) {
  if (name == "root") {
    if (absl::Status s = EnsureRoot(); !s.ok()) return s;
  }
  auto it = passphrases_.find(name);
  if (it == passphrases_.end()) return absl::NotFoundError("no such test account");
  clients::AuthClient auth(channel_, kDeadline);
  return clients::SignInStaff(auth, name, it->second);
}

}  // namespace candour::testing
