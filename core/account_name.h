// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Staff account names: what a person types to sign in. Folding upper case
// before anything else means "Alice" and "alice" are one account, on the
// client and the server alike. Stateless and thread-safe.
#ifndef CANDOUR_CORE_ACCOUNT_NAME_H_
#define CANDOUR_CORE_ACCOUNT_NAME_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace candour::core {

inline constexpr size_t kMaxAccountNameLength = 64;

// The canonical form of `name`: ASCII upper case folded, then 1..64
// characters of [a-z0-9._-]. INVALID_ARGUMENT otherwise; the message does not
// repeat the input, which may be a mistyped passphrase.
absl::StatusOr<std::string> NormaliseAccountName(std::string_view name);

}  // namespace candour::core

#endif  // CANDOUR_CORE_ACCOUNT_NAME_H_
