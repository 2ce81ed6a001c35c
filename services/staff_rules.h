// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Shape rules for what staff send about accounts: grants, KDF parameters,
// wrapped keys; and when an invitation expires. Stateless and thread-safe.
#ifndef CANDOUR_SERVICES_STAFF_RULES_H_
#define CANDOUR_SERVICES_STAFF_RULES_H_

#include <cstddef>

#include "absl/status/status.h"
#include "candour/v1/auth.pb.h"
#include "candour/v1/records.pb.h"
#include "core/period.h"

namespace candour::services {

inline constexpr size_t kMaxWrappedKeysBytes = 64 * 1024;
inline constexpr int kMaxInvitationDays = 30;

// INVALID_ARGUMENT unless roles are known, ascending and distinct, at least
// one; and the network scope is non-empty exactly for ROLE_STAFF_NETWORK,
// ascending, distinct, each one of the nine characteristics.
absl::Status ValidateGrants(const candour::v1::Grants& grants);

// INVALID_ARGUMENT unless the salt has 16 bytes and the limits are in range.
absl::Status ValidateAccountKdf(const candour::v1::AccountKdf& kdf);

bool HasRole(const candour::v1::Grants& grants, candour::v1::Role role);

// True if `invitation` can no longer be redeemed on London day `today`: its
// last day has passed. Redemption and the expiry sweep share it.
bool InvitationExpired(const candour::v1::InvitationRecord& invitation, core::Day today);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_STAFF_RULES_H_
