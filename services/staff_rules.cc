// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/staff_rules.h"

#include <algorithm>

#include "crypto/staff_credentials.h"

namespace candour::services {

using candour::v1::Characteristic;
using candour::v1::Role;

bool HasRole(const candour::v1::Grants& grants, Role role) {
  return std::find(grants.roles().begin(), grants.roles().end(), role) != grants.roles().end();
}

bool InvitationExpired(const candour::v1::InvitationRecord& invitation, core::Day today) {
  return today > invitation.expires_day();
}

absl::Status ValidateGrants(const candour::v1::Grants& grants) {
  if (grants.roles().empty()) return absl::InvalidArgumentError("grants name no role");
  for (int i = 0; i < grants.roles_size(); ++i) {
    const int role = grants.roles(i);
    if (role == candour::v1::ROLE_UNSPECIFIED || !candour::v1::Role_IsValid(role)) {
      return absl::InvalidArgumentError("grants name an unknown role");
    }
    if (i > 0 && role <= grants.roles(i - 1)) return absl::InvalidArgumentError("roles must be ascending and distinct");
  }
  const bool network = HasRole(grants, candour::v1::ROLE_STAFF_NETWORK);
  if (network && grants.network_scope().empty()) {
    return absl::InvalidArgumentError("a staff network role needs the characteristics it covers");
  }
  if (!network && !grants.network_scope().empty()) {
    return absl::InvalidArgumentError("only a staff network role has a characteristic scope");
  }
  for (int i = 0; i < grants.network_scope_size(); ++i) {
    const int c = grants.network_scope(i);
    if (c < candour::v1::CHARACTERISTIC_AGE || c > candour::v1::CHARACTERISTIC_SEXUAL_ORIENTATION) {
      return absl::InvalidArgumentError("a network scope names one of the nine protected characteristics");
    }
    if (i > 0 && c <= grants.network_scope(i - 1)) {
      return absl::InvalidArgumentError("network scope must be ascending and distinct");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateAccountKdf(const candour::v1::AccountKdf& kdf) {
  if (kdf.salt().size() != crypto::kAccountSaltSize) return absl::InvalidArgumentError("kdf.salt must be 16 bytes");
  if (!crypto::AccountKdfInRange({kdf.opslimit(), kdf.memlimit()})) {
    return absl::InvalidArgumentError("kdf limits are out of range");
  }
  return absl::OkStatus();
}

}  // namespace candour::services
