// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The rules a directory's contents must meet, whoever checks them: the CLI
// before signing, candourd before accepting a publish, clients before use.
// Signature checks are crypto/directory_signature.h; this is only structure
// and dates. Stateless and thread-safe.
#ifndef CANDOUR_CORE_DIRECTORY_RULES_H_
#define CANDOUR_CORE_DIRECTORY_RULES_H_

#include "absl/status/status.h"
#include "candour/v1/directory.pb.h"
#include "core/period.h"

namespace candour::core {

inline constexpr int kMaxDirectoryValidityDays = 31;
inline constexpr int kDirectoryRenewalWarningDays = 7;
inline constexpr int kMaxRecipients = 64;
inline constexpr int kMaxDepartments = 10000;

// INVALID_ARGUMENT naming the first field that breaks a rule: sizes of ids and
// keys, unique department ids and key ids, at least one guardian, the release
// holder among the recipients, an aggregation key record for every recipient,
// issued_day <= expiry_day <= issued_day + 31.
absl::Status ValidateDirectory(const candour::v1::Directory& directory);

// FAILED_PRECONDITION if `today` is after the expiry day, or more than one
// day before the issue day (clock skew allowance).
absl::Status CheckDirectoryCurrent(const candour::v1::Directory& directory, Day today);

// Returns the department with `id`, or nullptr.
const candour::v1::Department* FindDepartment(const candour::v1::Directory& directory, uint32_t id);

}  // namespace candour::core

#endif  // CANDOUR_CORE_DIRECTORY_RULES_H_
